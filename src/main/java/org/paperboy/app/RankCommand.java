package org.paperboy.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Preferences;
import org.paperboy.ranking.RankedPaper;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.Section;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paperboy rank}: the day's digest as sections, each paper with its score and reasons. */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Rank the papers and print the digest's sections, with each paper's score and reasons.")
final class RankCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the digest as one JSON object.")
    boolean json;

    @Option(names = "--date", paramLabel = "DATE", description = "The digest's day (YYYY-MM-DD). Default: today.")
    LocalDate date;

    @Option(names = "--topics", split = ",", paramLabel = "SLUG", description = "Topics to put first and boost, e.g. rl,diffusion.")
    List<String> topics;

    @Option(names = "--keywords", split = ",", paramLabel = "WORD", description = "Free keywords that boost the papers they match.")
    List<String> keywords;

    @Parameters(paramLabel = "SOURCE", arity = "0..*", description = "Sources to load. Default: papers.sources of the config.")
    List<String> sources;

    RankCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Paperboy paperboy = Paperboy.wire(common.config(env));
        LocalDate day = date != null ? date : LocalDate.now();
        Ranker ranker = paperboy.ranker(sources, day);
        Preferences preferences = Preferences.of(topics, keywords);
        ranker.check(preferences);
        Digest digest = ranker.rank(preferences, java.util.Set.of());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(PaperJson.MAPPER.writeValueAsString(toJson(digest)));
        } else {
            print(digest, out);
        }
        out.flush();
        return 0;
    }

    static ObjectNode toJson(Digest digest) {
        ObjectNode root = PaperJson.MAPPER.createObjectNode();
        root.put("date", digest.date().toString());
        ArrayNode sections = root.putArray("sections");
        for (Section section : digest.sections()) {
            ObjectNode s = sections.addObject();
            s.put("topic", section.name());
            s.put("slug", section.slug());
            ArrayNode papers = s.putArray("papers");
            for (RankedPaper p : section.papers()) {
                ObjectNode o = papers.addObject();
                o.put("id", p.paper().id());
                o.put("title", p.paper().title());
                o.put("score", p.score());
                p.reasons().forEach(o.putArray("reasons")::add);
                o.put("terms", p.terms());
            }
        }
        return root;
    }

    private static void print(Digest digest, PrintWriter out) {
        out.printf("Digest for %s: %d papers in %d sections%n", digest.date(), digest.paperCount(), digest.sections().size());
        for (Section section : digest.sections()) {
            out.printf("%n== %s (%s) ==%n", section.name(), section.slug());
            int n = 1;
            for (RankedPaper p : section.papers()) {
                out.printf("%2d. %6.3f  %s%n", n++, p.score(), Text.ellipsize(p.paper().title(), 100));
                out.printf("            %s%n", String.join(" · ", p.reasons()));
                if (!p.terms().isEmpty()) {
                    out.printf("            terms: %s%n", p.terms());
                }
            }
        }
    }
}
