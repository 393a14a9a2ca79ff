package org.paperboy.app;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code logging} section: how much Paperboy says on stderr, and in what form. Libraries
 * (Quartz, HikariCP, Flyway, the web server) stay at WARN whatever the level.
 *
 * @param level  TRACE, DEBUG, INFO (the default), WARN or ERROR
 * @param format {@code text} (dated lines, the default) or {@code json} (one object a line, for a log collector)
 */
public record LoggingConfig(String level, String format) {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    public static final LoggingConfig DEFAULTS = new LoggingConfig(null, null);

    public LoggingConfig {
        level = level == null || level.isBlank() ? "INFO" : level.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("logging.level must be one of TRACE, DEBUG, INFO, WARN, ERROR, got \"" + level + "\"");
        }
        format = format == null || format.isBlank() ? "text" : format.strip().toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("logging.format must be text or json, got \"" + format + "\"");
        }
    }
}
