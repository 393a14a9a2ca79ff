package org.paperboy.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The options every command takes: which config file, and how much to say. */
final class CommonOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: config/paperboy.yaml, else the built-in defaults).")
    Path configFile;

    boolean verbose;

    @Option(names = {"-v", "--verbose"}, description = "Log details, and print stack traces with errors.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            ((Logger) LoggerFactory.getLogger("org.paperboy")).setLevel(Level.DEBUG);
        }
    }

    PaperboyConfig config(Map<String, String> env) {
        PaperboyConfig config = ConfigLoader.load(file(env), env);
        Logging.apply(config.logging(), verbose);
        return config;
    }

    /**
     * The config file named by the option, else by {@code PAPERBOY_CONFIG} (how the installed launcher
     * points at /etc/paperboy), else null for the default location.
     */
    Path file(Map<String, String> env) {
        if (configFile != null) {
            return configFile;
        }
        String file = env.get("PAPERBOY_CONFIG");
        return file == null || file.isBlank() ? null : Path.of(file);
    }
}
