package org.paperboy.app;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.paperboy.papers.Paper;
import org.paperboy.papers.PaperLoader;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Ranker;

/**
 * What {@code check} says about a day's papers: how many each source has for the day, and how many
 * of the digest it would send are from that day. A source fetched for the day (its URL holds
 * {@code {date}}) gives only the day's papers; any other source (a file, a seed folder, a feed) counts
 * the papers published that day or listed on that day's daily page ({@link Paper#isOf}), so a folder of
 * old pages is not reported as the day's news.
 */
final class DayPapers {

    private DayPapers() {
    }

    /** Loads the source as {@code send} would: a file must exist and parse, a URL must answer. */
    static CheckItem source(PaperLoader loader, String source, LocalDate day, List<Paper> papers) {
        List<Paper> loaded;
        try {
            loaded = loader.load(List.of(source), day).papers();
        } catch (RuntimeException e) {
            return CheckItem.fail("papers.sources", source + ": " + e.getMessage());
        }
        papers.addAll(loaded);
        if (loaded.isEmpty()) {
            return CheckItem.warn("papers.sources", source + ": reachable, but no papers for " + day);
        }
        if (source.contains("{date}")) {
            return CheckItem.ok("papers.sources", source + ": " + count(loaded.size()) + " for " + day);
        }
        long ofDay = loaded.stream().filter(p -> p.isOf(day)).count();
        if (ofDay > 0) {
            return CheckItem.ok("papers.sources", source + ": " + count(ofDay) + " for " + day + " (of " + loaded.size() + " read)");
        }
        return CheckItem.warn("papers.sources", source + ": no papers for " + day + ": none of its " + count(loaded.size())
                + " is from " + day + " (" + ages(loaded) + "); a digest of " + day + " would be made of papers from other days");
    }

    /** The day's general digest: how many papers it holds, and how many of them are of the day. */
    static CheckItem digest(Paperboy paperboy, LocalDate day, List<Paper> papers, List<String> sources) {
        Ranker ranker = new Ranker(paperboy.classifier().classify(papers), paperboy.classifier().taxonomy(), day,
                paperboy.config().ranking(), paperboy.config().digest());
        Digest digest = ranker.general();
        List<Paper> shown = digest.sections().stream().flatMap(s -> s.papers().stream()).map(r -> r.paper()).distinct().toList();
        boolean byDate = sources.stream().allMatch(s -> s.contains("{date}"));
        long ofDay = byDate ? shown.size() : shown.stream().filter(p -> p.isOf(day)).count();
        String text = "the digest of " + day + " would send " + count(shown.size()) + ", "
                + (ofDay == 0 ? "none" : ofDay == shown.size() ? "all" : String.valueOf(ofDay)) + " of them from " + day;
        return ofDay == 0 ? CheckItem.warn("digest", text) : CheckItem.ok("digest", text);
    }

    private static String ages(List<Paper> papers) {
        LocalDate newest = papers.stream().map(DayPapers::newsDay).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        long undated = papers.stream().filter(p -> newsDay(p) == null).count();
        return (newest == null ? "no dates" : "the newest from " + newest) + (undated == 0 ? "" : ", " + undated + " undated");
    }

    /** The later of the day a paper was published and the day a daily page listed it. */
    private static LocalDate newsDay(Paper p) {
        LocalDate featured = p.extras().featuredOn();
        return featured == null || p.published() != null && p.published().isAfter(featured) ? p.published() : featured;
    }

    private static String count(long n) {
        return n + (n == 1 ? " paper" : " papers");
    }
}
