package org.paperboy.bounces;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.paperboy.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on returned mail: each mail is parsed, each reported recipient matched to a reader, and
 * the events recorded and acted on in one transaction per mail; only then may the mail leave its
 * mailbox. A mail with a bounce's look but no recipient found is kept and reported, never dropped.
 */
public final class BounceProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BounceProcessor.class);

    private final Database db;
    private final BounceEvents events;
    private final Readers readers;
    private final MailedUnsubscribes unsubscribes;
    private final BounceParser parser = new BounceParser();
    private final Clock clock;

    /**
     * @param envelopeSender smtp.envelopeSender, whose {verp} names the reader a bounce is about
     * @param unsubscribeToken the reader a signed unsubscribe token was made for, if it is valid
     */
    public BounceProcessor(Database db, BouncesConfig config, String envelopeSender, Function<String, OptionalLong> unsubscribeToken,
                           Clock clock) {
        this.db = db;
        this.events = new BounceEvents(db, config.softThreshold(), Duration.ofDays(config.softWindowDays()));
        this.readers = new Readers(events, envelopeSender);
        this.unsubscribes = new MailedUnsubscribes(unsubscribeToken);
        this.clock = clock;
    }

    /** Reads the source to its end and says what was done. */
    public ProcessSummary process(MailSource source) {
        ProcessSummary summary = new ProcessSummary();
        source.read((name, raw) -> handle(name, raw, summary));
        return summary;
    }

    private boolean handle(String name, byte[] raw, ProcessSummary summary) {
        summary.mails++;
        ReturnedMail mail = parser.parse(raw);
        String key = mail.messageId() != null ? mail.messageId() : "sha256:" + sha256(raw);
        if (events.seen(key)) {
            summary.repeated++;
            return true;
        }
        List<BounceEvents.Event> toRecord = unsubscribes.events(mail, raw, key, now());
        if (toRecord.isEmpty()) {
            if (mail.unreadable()) {
                summary.unreadable.add(name);
                LOG.warn("{}: a bounce in which no failed recipient was found; kept", name);
                return false;
            }
            toRecord = bounceEvents(mail, key);
        }
        List<BounceEvents.Event> events = toRecord;
        db.transaction(c -> {
            for (BounceEvents.Event e : events) {
                summary.count(e, this.events.apply(c, e));
            }
            return null;
        });
        return true;
    }

    private List<BounceEvents.Event> bounceEvents(ReturnedMail mail, String key) {
        List<BounceEvents.Event> list = new ArrayList<>();
        Instant at = now();
        for (Report r : mail.reports()) {
            Readers.Match match = r.kind() == Kind.NONE && r.recipient() == null ? Readers.Match.NONE : readers.match(mail, r);
            list.add(new BounceEvents.Event(key, r.recipient() == null ? "" : r.recipient(), at, match.subscriberId(), match.by(),
                    r.kind().label(), r.status(), r.reason(), r.diagnostic(), mail.originalMessageId()));
        }
        return list;
    }

    private Instant now() {
        return clock.instant();
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String utf8(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
