import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.digest.Email;
import org.paperboy.digest.EmailConfig;
import org.paperboy.digest.RenderCache;
import org.paperboy.papers.Links;
import org.paperboy.papers.Paper;
import org.paperboy.papers.PaperLoader;
import org.paperboy.papers.PapersConfig;
import org.paperboy.ranking.Classified;
import org.paperboy.ranking.Classifier;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.DigestConfig;
import org.paperboy.ranking.Preferences;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.RankingConfig;
import org.paperboy.ranking.Taxonomy;
import org.paperboy.ranking.Topic;

/**
 * Classifies 10,000 papers, ranks them for 10,000 subscribers with a few hundred distinct
 * preference sets, and renders their personalised digests. Run by bench/pipeline.sh.
 */
public class PipelineBench {

    static final String[] KEYWORDS = {"protein folding", "tokenizer", "world model", "benchmark", "sparse attention",
        "video generation", "theorem proving", "quantization", "reward model", "robot grasping", "speech synthesis",
        "graph transformer", "retrieval", "jailbreak", "mixture of experts", "bandit", "diffusion policy", "3D reconstruction"};

    public static void main(String[] args) throws Exception {
        int paperCount = Integer.parseInt(args[0]);
        int subscribers = Integer.parseInt(args[1]);
        int variants = Integer.parseInt(args[2]);
        List<String> sources = List.of(args).subList(3, args.length);
        LocalDate day = LocalDate.of(2026, 7, 31);
        List<Paper> base = new PaperLoader(PapersConfig.DEFAULTS).load(sources, day).papers();
        List<Paper> papers = replicate(base, paperCount);
        Taxonomy taxonomy = Taxonomy.load(Path.of("config/topics.yaml"), false);
        Classifier classifier = new Classifier(taxonomy, RankingConfig.DEFAULTS.minTopicScore());
        classifier.classify(papers.subList(0, Math.min(2000, papers.size()))); // warm-up

        long t0 = System.nanoTime();
        Classified classified = classifier.classify(papers);
        double classifySeconds = (System.nanoTime() - t0) / 1e9;

        List<Preferences> sets = preferenceSets(taxonomy, variants, new Random(42));
        Random pick = new Random(7);
        List<Preferences> people = new ArrayList<>(subscribers);
        for (int i = 0; i < subscribers; i++) {
            people.add(sets.get(pick.nextInt(sets.size())));
        }
        resetPeaks();
        long t1 = System.nanoTime();
        Ranker ranker = new Ranker(classified, taxonomy, day, RankingConfig.DEFAULTS, DigestConfig.DEFAULTS);
        List<Digest> digests = new ArrayList<>(subscribers);
        for (int i = 0; i < subscribers; i++) {
            // every tenth reader has history: yesterday's lead papers were sent to them
            Set<String> sent = i % 10 == 0 ? Set.of(papers.get(i % 50).id(), papers.get((i + 1) % 50).id()) : Set.of();
            digests.add(ranker.rank(people.get(i), sent));
        }
        double rankSeconds = (System.nanoTime() - t1) / 1e9;
        // the same readers again: every preference set's scoring is now cached, so this is the per-reader part alone
        long t1b = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            Set<String> sent = i % 10 == 0 ? Set.of(papers.get(i % 50).id(), papers.get((i + 1) % 50).id()) : Set.of();
            ranker.rank(people.get(i), sent);
        }
        double warmSeconds = (System.nanoTime() - t1b) / 1e9;

        DigestRenderer renderer = new DigestRenderer(EmailConfig.DEFAULTS);
        renderer.render(digests.get(0)); // warm-up the templates
        long t2 = System.nanoTime();
        RenderCache cache = new RenderCache(renderer);
        long bytes = 0;
        for (int i = 0; i < subscribers; i++) {
            Email email = cache.render(digests.get(i)).fill("reader" + i + "@example.org",
                    "https://news.example.org/unsubscribe/tok" + i, "https://news.example.org/preferences/tok" + i);
            bytes += email.html().length() + email.text().length();
        }
        double renderSeconds = (System.nanoTime() - t2) / 1e9;

        System.out.printf("classify: %,d papers in %.2f s = %,.0f papers/s%n", papers.size(), classifySeconds, papers.size() / classifySeconds);
        System.out.printf("rank:     %,d subscribers (%d preference sets) in %.2f s = %,.0f rankings/s (%.1f µs each)%n",
                subscribers, sets.size(), rankSeconds, subscribers / rankSeconds, rankSeconds / subscribers * 1e6);
        System.out.printf("rank, per-reader part only (preference sets already scored): %,.0f rankings/s (%.1f µs each)%n",
                subscribers / warmSeconds, warmSeconds / subscribers * 1e6);
        System.out.printf("render:   %,d personalised digests (%,d distinct renders) in %.2f s = %,.0f digests/s, avg %,d bytes%n",
                subscribers, cache.size(), renderSeconds, subscribers / renderSeconds, bytes / subscribers);
        System.out.printf("peak heap during rank+render: %.0f MB%n", peak() / 1e6);
    }

    static List<Paper> replicate(List<Paper> base, int count) {
        List<Paper> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Paper p = base.get(i % base.size());
            int copy = i / base.size();
            out.add(copy == 0 ? p : new Paper(p.id() + "-" + copy, p.title() + " " + copy, p.abstractText(), p.authors(),
                    p.authorCount(), p.published(), p.upvotes(), p.organization(), p.keywords(), p.links(), p.sources()));
        }
        return out;
    }

    static List<Preferences> preferenceSets(Taxonomy taxonomy, int count, Random random) {
        List<Preferences> sets = new ArrayList<>();
        sets.add(Preferences.NONE);
        List<String> slugs = taxonomy.topics().stream().map(Topic::slug).toList();
        while (sets.size() < count) {
            List<String> topics = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                topics.add(slugs.get(random.nextInt(slugs.size())));
            }
            List<String> keywords = new ArrayList<>();
            for (int k = random.nextInt(3); k > 0; k--) {
                keywords.add(KEYWORDS[random.nextInt(KEYWORDS.length)]);
            }
            Preferences p = Preferences.of(topics, keywords);
            if (!sets.contains(p)) {
                sets.add(p);
            }
        }
        return sets;
    }

    static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long peak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
