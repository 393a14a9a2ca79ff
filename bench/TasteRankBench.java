import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.paperboy.papers.Paper;
import org.paperboy.papers.PaperLoader;
import org.paperboy.papers.PapersConfig;
import org.paperboy.ranking.Classifier;
import org.paperboy.ranking.DigestConfig;
import org.paperboy.ranking.Preferences;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.RankingConfig;
import org.paperboy.ranking.Taste;
import org.paperboy.ranking.Taxonomy;
import org.paperboy.ranking.Vote;

/**
 * Issue 22's cost: Ranker.rank() per reader without votes (their preference set's order is cached)
 * and with votes (20 each, from the day before, every reader's own), on one day's papers.
 *   java -cp target/paperboy.jar bench/TasteRankBench.java DAY.xml|DAY.json VOTED_DAY [READERS]
 * Run by bench/taste-rank.sh.
 */
public class TasteRankBench {

    public static void main(String[] args) {
        int readers = args.length > 2 ? Integer.parseInt(args[2]) : 20000;
        Taxonomy taxonomy = Taxonomy.load(Path.of("config", "topics.yaml"), false);
        Classifier classifier = new Classifier(taxonomy, RankingConfig.DEFAULTS.minTopicScore());
        LocalDate date = LocalDate.of(2026, 1, 1);
        List<Paper> today = new PaperLoader(PapersConfig.DEFAULTS).readFile(Path.of(args[0]), date);
        List<Paper> before = new PaperLoader(PapersConfig.DEFAULTS).readFile(Path.of(args[1]), date);
        Ranker yesterday = new Ranker(classifier.classify(before), taxonomy, date, RankingConfig.DEFAULTS, DigestConfig.DEFAULTS);
        Map<String, float[]> old = yesterday.vectors();
        List<String> topics = taxonomy.topics().stream().map(t -> t.slug()).toList();
        List<Preferences> sets = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            sets.add(s % 3 == 0 ? Preferences.NONE : Preferences.of(List.of(topics.get(s % topics.size()), topics.get((s / 7) % topics.size())), List.of()));
        }
        Random random = new Random(22);
        List<Taste> tastes = new ArrayList<>();
        for (int r = 0; r < 2000; r++) {
            List<Vote> votes = new ArrayList<>();
            for (int v = 0; v < 20; v++) {
                Paper p = before.get(random.nextInt(before.size()));
                votes.add(new Vote(p.id(), p.title(), v % 4 != 3, old.get(p.id())));
            }
            tastes.add(Taste.of(votes));
        }
        for (int round = 0; round < 3; round++) {
            Ranker ranker = new Ranker(classifier.classify(today), taxonomy, date, RankingConfig.DEFAULTS, DigestConfig.DEFAULTS);
            long t0 = System.nanoTime();
            ranker.vectors();
            long t1 = System.nanoTime();
            int papers = 0;
            for (int r = 0; r < readers; r++) {
                papers += ranker.rank(sets.get(r % sets.size()), Taste.NONE, Set.of()).paperCount();
            }
            long t2 = System.nanoTime();
            for (int r = 0; r < readers; r++) {
                papers += ranker.rank(sets.get(r % sets.size()), tastes.get(r % tastes.size()), Set.of()).paperCount();
            }
            long t3 = System.nanoTime();
            System.out.printf("round %d, %d papers: day's vectors %.0f ms; rank() without votes %.1f us, with 20 votes %.1f us a reader (%d papers)%n",
                    round + 1, today.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e3 / readers, (t3 - t2) / 1e3 / readers, papers);
        }
    }
}
