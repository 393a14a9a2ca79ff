package org.paperboy.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.paperboy.PaperboyException;
import org.paperboy.Redact;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParseResult;

/** The {@code paperboy} command and its subcommands, with one way of reporting errors. */
@Command(name = "paperboy", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Trending research papers, ranked, grouped by topic and mailed as a daily digest.",
        subcommands = {PapersCommand.class, TopicsCommand.class, RankCommand.class, DigestCommand.class,
            SendCommand.class, CheckCommand.class, RunCommand.class, ScheduleCommand.class, SubscribeCommand.class, UnsubscribeCommand.class, SubscribersCommand.class, ServeCommand.class, BouncesCommand.class,
            StatsCommand.class, BackupCommand.class, RestoreCommand.class, PruneCommand.class,
            CommandLine.HelpCommand.class})
final class Cli implements java.util.concurrent.Callable<Integer> {

    /** Exit code for bad config or input. */
    static final int BAD_INPUT = 2;
    /** Exit code for an unexpected failure. */
    static final int FAILURE = 1;
    /** Exit code of {@code send} when some messages were deferred or failed. */
    static final int INCOMPLETE = 3;
    /** Exit code of {@code send} when the sources hold no papers for the date. */
    static final int NO_PAPERS = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No command: the usage, on stderr since nothing was done, and a usage error's exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new Cli(), new Factory(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine, parseResult));
        return cli.execute(args);
    }

    private static int report(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean expected = e instanceof PaperboyException || e instanceof UncheckedIOException;
        // one line, and never a secret: a driver's message may quote a URL with its password
        String message = Redact.text(String.valueOf(expected ? e.getMessage() : e)).replaceAll("\\s*\\R\\s*", " ");
        if (expected) {
            err.println("paperboy: " + message);
        } else {
            err.println("paperboy: unexpected error: " + message + (verbose(parseResult) ? "" : " (run with --verbose for details)"));
        }
        if (verbose(parseResult)) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(Redact.text(trace.toString()));
        }
        err.flush();
        return expected ? BAD_INPUT : FAILURE;
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** Gives commands the environment, so tests can pass their own. */
    record Factory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Map.class).newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** The version Maven wrote into the jar. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties props = new Properties();
            try (InputStream in = Cli.class.getResourceAsStream("/paperboy-version.properties")) {
                if (in != null) {
                    props.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"paperboy " + props.getProperty("version", "unknown")};
        }
    }
}
