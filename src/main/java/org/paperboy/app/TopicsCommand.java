package org.paperboy.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paperboy.ranking.Classified;
import org.paperboy.ranking.ClassifiedPaper;
import org.paperboy.ranking.Match;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.Topic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paperboy topics}: every paper's topic and the terms that decided it, to tune topics.yaml. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Print every loaded paper's topic and matched terms, with no limits, to tune config/topics.yaml.")
final class TopicsCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object per paper and line.")
    boolean json;

    @Option(names = "--as-of", paramLabel = "DATE", description = "The day to load for (YYYY-MM-DD). Default: today.")
    LocalDate asOf;

    @Parameters(paramLabel = "SOURCE", arity = "0..*", description = "Sources to load. Default: papers.sources of the config.")
    List<String> sources;

    TopicsCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Paperboy paperboy = Paperboy.wire(common.config(env));
        Classified classified = paperboy.classify(sources, asOf != null ? asOf : LocalDate.now());
        PrintWriter out = spec.commandLine().getOut();
        for (ClassifiedPaper c : classified.papers()) {
            List<String> matches = c.matches().stream().map(Match::toString).toList();
            if (json) {
                ObjectNode o = PaperJson.MAPPER.createObjectNode();
                o.put("id", c.paper().id());
                o.put("title", c.paper().title());
                o.put("topic", c.topic() == null ? Ranker.MORE_NAME : c.topic().name());
                o.put("slug", c.slug());
                c.slugs().forEach(o.putArray("slugs")::add);
                matches.forEach(o.putArray("matches")::add);
                c.slugs().stream().filter(c::alike).forEach(o.putArray("alike")::add);
                out.println(PaperJson.MAPPER.writeValueAsString(o));
            } else {
                List<String> why = new java.util.ArrayList<>(matches);
                c.slugs().stream().filter(c::alike).forEach(slug -> why.add("close to papers on " + slug));
                out.printf("%-12s %-70s %s%n", String.join(",", c.slugs()), Text.ellipsize(c.paper().title(), 70),
                        String.join(", ", why));
            }
        }
        if (!json) {
            printSummary(paperboy, classified, out);
        }
        out.flush();
        return 0;
    }

    private static void printSummary(Paperboy paperboy, Classified classified, PrintWriter out) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        paperboy.classifier().taxonomy().topics().stream().map(Topic::slug).forEach(s -> counts.put(s, 0));
        counts.put(Ranker.MORE_SLUG, 0);
        classified.papers().forEach(c -> counts.merge(c.slug(), 1, Integer::sum));
        int all = classified.papers().size();
        out.printf("%n%d papers:", all);
        counts.forEach((slug, n) -> out.printf(" %s %d", slug, n));
        out.printf("%nIn \"%s\": %d of %d (%.1f%%)%n", Ranker.MORE_NAME, counts.get(Ranker.MORE_SLUG), all,
                all == 0 ? 0.0 : 100.0 * counts.get(Ranker.MORE_SLUG) / all);
        double slugs = classified.papers().stream().filter(c -> c.topic() != null).mapToInt(c -> c.slugs().size()).average().orElse(0);
        out.printf("Topics a paper fits, on average (papers with a topic): %.2f%n", slugs);
    }
}
