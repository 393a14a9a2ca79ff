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
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        }
    }

    PaperboyConfig config(Map<String, String> env) {
        return ConfigLoader.load(configFile, env);
    }
}
