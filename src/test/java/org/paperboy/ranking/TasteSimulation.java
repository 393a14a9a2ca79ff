package org.paperboy.ranking;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.paperboy.papers.Paper;
import org.paperboy.papers.PaperLoader;
import org.paperboy.papers.PapersConfig;

/**
 * Issue 22's simulated reader, driven through {@link Ranker}: on the voting days they press "More
 * like this" on every paper of one primary category in their digest and "Fewer like this" on the
 * first few others; on the measured days the share of that category among the first
 * {@link #TOP} papers of their digest says how well it learned, against a reader who subscribed
 * the same way and never votes. The days are arXiv Atom feeds ({@code YYYY-MM-DD.xml}) with a
 * {@code labels.json} of primary categories, as in {@code ../shared/arxiv}.
 */
public final class TasteSimulation {

    public static final Path SHARED = Path.of("..", "shared", "arxiv");
    static final int TOP = 10;

    /**
     * @param category    the primary category the reader likes, e.g. {@code cs.RO}
     * @param preferences what they subscribed to
     * @param hiddenPerDay how many other papers of each voting day's digest they hide
     */
    public record Reader(String category, Preferences preferences, int hiddenPerDay) {
    }

    /** The shares of the category among the first ten papers, per measured day and on average. */
    public record Shares(double voter, double nonVoter, List<Double> voterByDay, List<Double> nonVoterByDay, int likes, int hides) {
        @Override
        public String toString() {
            return String.format("voter %.2f, non-voter %.2f (by day %s vs %s; %d likes, %d hides)", voter, nonVoter,
                    voterByDay.stream().map(d -> String.format("%.1f", d)).toList(),
                    nonVoterByDay.stream().map(d -> String.format("%.1f", d)).toList(), likes, hides);
        }
    }

    private final Map<String, String> labels;
    private final Map<LocalDate, Ranker> days = new LinkedHashMap<>();
    private final Map<LocalDate, List<Paper>> papers = new LinkedHashMap<>();

    /** Loads, classifies and represents every day of the folder once; the rankers are kept for every reader. */
    public TasteSimulation(Path folder, PaperVectors representation, RankingConfig config, DigestConfig shape) {
        try {
            labels = new ObjectMapper().readValue(folder.resolve("labels.json").toFile(), new TypeReference<Map<String, String>>() { });
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.xml")).sorted().toList();
            }
            Taxonomy taxonomy = Taxonomy.load(Path.of("config", "topics.yaml"), false);
            Classifier classifier = new Classifier(taxonomy, config.minTopicScore());
            for (Path file : files) {
                LocalDate date = LocalDate.parse(file.getFileName().toString().replace(".xml", ""));
                List<Paper> day = new PaperLoader(PapersConfig.DEFAULTS).readFile(file, date);
                papers.put(date, day);
                days.put(date, new Ranker(classifier.classify(day), taxonomy, date, config, shape, Ranker.DAY, representation));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the arXiv days of " + folder, e);
        }
    }

    public TasteSimulation(Path folder, PaperVectors representation) {
        this(folder, representation, RankingConfig.DEFAULTS, DigestConfig.DEFAULTS);
    }

    /** The days, in date order. */
    public List<LocalDate> days() {
        return List.copyOf(days.keySet());
    }

    /** The day's papers as loaded. */
    public List<Paper> papers(LocalDate day) {
        return papers.get(day);
    }

    public Ranker ranker(LocalDate day) {
        return days.get(day);
    }

    /** The paper's primary category, or null when unlabelled. */
    public String category(Paper paper) {
        return labels.get(paper.arxivId() != null ? paper.arxivId() : paper.id());
    }

    /** The reader votes on {@code voteDays} in order, then their digests of {@code measureDays} are measured. */
    public Shares run(Reader reader, List<LocalDate> voteDays, List<LocalDate> measureDays) {
        Taste taste = taste(reader, voteDays);
        List<Double> voter = new ArrayList<>();
        List<Double> nonVoter = new ArrayList<>();
        for (LocalDate day : measureDays) {
            voter.add(share(days.get(day).rank(reader.preferences(), taste, Set.of()), reader.category()));
            nonVoter.add(share(days.get(day).rank(reader.preferences(), Taste.NONE, Set.of()), reader.category()));
        }
        long likes = taste.votes().stream().filter(Vote::more).count();
        return new Shares(mean(voter), mean(nonVoter), voter, nonVoter, (int) likes, taste.votes().size() - (int) likes);
    }

    /** The reader's votes after the voting days: each day's digest is ranked with the votes of the days before. */
    public Taste taste(Reader reader, List<LocalDate> voteDays) {
        List<Vote> votes = new ArrayList<>();
        for (LocalDate day : voteDays) {
            Ranker ranker = days.get(day);
            Digest digest = ranker.rank(reader.preferences(), Taste.of(votes), Set.of());
            int hidden = 0;
            for (Section section : digest.sections()) {
                for (RankedPaper p : section.papers()) {
                    boolean liked = reader.category().equals(category(p.paper()));
                    if (liked || hidden < reader.hiddenPerDay()) {
                        votes.add(new Vote(p.paper().id(), p.paper().title(), liked, ranker.vector(p.paper().id())));
                        hidden += liked ? 0 : 1;
                    }
                }
            }
        }
        return Taste.of(votes);
    }

    double share(Digest digest, String category) {
        List<String> ids = digest.paperIds();
        Set<String> top = new HashSet<>(ids.subList(0, Math.min(TOP, ids.size())));
        long hits = digest.sections().stream().flatMap(s -> s.papers().stream())
                .filter(p -> top.contains(p.paper().id()) && category.equals(category(p.paper()))).count();
        return (double) hits / TOP;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
