package org.paperboy.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.paperboy.digest.PreviewWriter;
import org.paperboy.ranking.Preferences;
import org.paperboy.ranking.Ranker;
import org.paperboy.subscribers.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paperboy digest}: renders the day's digest and writes it as preview files. */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = "Render the digest and write DIR/index.html and DIR/<date>/digest.html + digest.txt to open in a browser.")
final class DigestCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--date", paramLabel = "DATE", description = "The digest's day (YYYY-MM-DD). Default: today.")
    LocalDate date;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write. Default: the folder preview beside smtp.outbox (e.g. /var/lib/paperboy/preview).")
    Path out;

    @Option(names = "--subscriber", paramLabel = "EMAIL",
            description = "Also write this subscriber's digest (their stored topics and keywords, or --topics and --keywords).")
    String subscriber;

    @Option(names = "--all-subscribers", description = "Also write one digest per distinct preference set of the confirmed subscribers.")
    boolean allSubscribers;

    @Option(names = "--topics", split = ",", paramLabel = "SLUG", description = "The reader's topics, e.g. rl,diffusion.")
    List<String> topics;

    @Option(names = "--keywords", split = ",", paramLabel = "WORD", description = "The reader's free keywords.")
    List<String> keywords;

    @Parameters(paramLabel = "SOURCE", arity = "0..*", description = "Sources to load. Default: papers.sources of the config.")
    List<String> sources;

    DigestCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Paperboy paperboy = Paperboy.wire(common.config(env))) {
            return write(paperboy);
        }
    }

    private Integer write(Paperboy paperboy) {
        LocalDate day = date != null ? date : LocalDate.now();
        Ranker ranker = paperboy.ranker(sources, day);
        List<PreviewWriter.Variant> variants = new ArrayList<>();
        variants.add(new PreviewWriter.Variant("", "General digest", paperboy.renderer().render(ranker.general())));
        Map<Preferences, String> readers = new LinkedHashMap<>();
        Preferences given = Preferences.of(topics, keywords);
        if (subscriber != null) {
            Preferences stored = given.isEmpty() ? paperboy.subscribers().find(subscriber).map(s -> s.preferences()).orElse(given) : given;
            readers.put(stored, subscriber);
        } else if (!given.isEmpty()) {
            readers.put(given, "reader");
        }
        if (allSubscribers) {
            paperboy.subscribers().forEach(Status.CONFIRMED, s -> readers.merge(s.preferences(), s.email(), (a, b) -> a.endsWith("…") ? a : a + ", …"));
        }
        readers.forEach((preferences, who) -> {
            ranker.check(preferences);
            if (!preferences.isEmpty()) {
                variants.add(new PreviewWriter.Variant(folder(preferences), who + " " + describe(preferences),
                        paperboy.renderer().render(ranker.rank(preferences, Set.of()))));
            }
        });
        Path folder = out != null ? out.toAbsolutePath() : Previews.defaultFolder(paperboy.config());
        List<Path> written = new PreviewWriter(paperboy.renderer(), paperboy.config().email()).write(folder, day, variants);
        PrintWriter stdout = spec.commandLine().getOut();
        written.forEach(stdout::println);
        stdout.flush();
        return 0;
    }

    /** A folder name for a preference set, e.g. {@code topics-rl-diffusion_keywords-protein-folding}. */
    static String folder(Preferences p) {
        String name = (p.topics().isEmpty() ? "" : "topics-" + String.join("-", p.topics()))
                + (p.keywords().isEmpty() ? "" : (p.topics().isEmpty() ? "" : "_") + "keywords-" + String.join("-", p.keywords()));
        name = name.replaceAll("[^a-z0-9_-]+", "-");
        return name.isEmpty() ? "general-reader" : name.length() > 80 ? name.substring(0, 80) : name;
    }

    private static String describe(Preferences p) {
        return "(topics: " + (p.topics().isEmpty() ? "none" : String.join(", ", p.topics())) + "; keywords: "
                + (p.keywords().isEmpty() ? "none" : String.join(", ", p.keywords())) + ")";
    }
}
