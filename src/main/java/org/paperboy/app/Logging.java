package org.paperboy.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/** Applies the {@code logging} section to logback, once the config is read. */
final class Logging {

    private Logging() {
    }

    static void apply(LoggingConfig config, boolean verbose) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("org.paperboy").setLevel(verbose ? Level.DEBUG : Level.toLevel(config.level()));
        if (config.format().equals("json")) {
            useJson(context);
        }
    }

    /** One JSON object a line (ISO-8601 {@code @timestamp}, level, logger, thread, message), from logstash-logback-encoder. */
    private static void useJson(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> appender)
                || appender.getEncoder() instanceof LogstashEncoder) {
            return;
        }
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setJsonGeneratorDecorator(RedactedLog.json());
        encoder.start();
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
    }
}
