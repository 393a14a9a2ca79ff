package org.paperboy.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import net.logstash.logback.mask.ValueMasker;
import org.paperboy.Redact;

/**
 * The logs' last line of defence: every message and stack trace, in the text and the JSON format,
 * goes through {@link Redact}, so a secret of the config (each value at a secret key, see
 * {@link ConfigKeys}) or a URL's password never reaches the log, whichever code wrote it.
 */
public final class RedactedLog {

    private RedactedLog() {
    }

    /** {@code %redactedMsg} in logback.xml: the message, masked. */
    public static final class Message extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return Redact.text(super.convert(event));
        }
    }

    /** {@code %redactedEx} in logback.xml: the stack trace, masked. */
    public static final class Stack extends ThrowableProxyConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return Redact.text(super.convert(event));
        }
    }

    /** Masks every text value of the JSON format (message, stack trace, arguments). */
    static MaskingJsonGeneratorDecorator json() {
        MaskingJsonGeneratorDecorator decorator = new MaskingJsonGeneratorDecorator();
        decorator.addValueMasker(new ValueMasker() {
            @Override
            public Object mask(JsonStreamContext context, Object value) {
                if (value instanceof CharSequence text) {
                    String masked = Redact.text(text.toString());
                    return masked.equals(text.toString()) ? null : masked;
                }
                return null;
            }
        });
        decorator.start();
        return decorator;
    }
}
