package org.paperboy.bounces;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.paperboy.mail.Verp;
import org.paperboy.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on returned mail: each mail is parsed, each reported recipient matched to a reader only when
 * the mail is proven to be about a message we sent that reader ({@link Readers}), and the events
 * recorded and acted on in one transaction for a batch of mails; only then do those mails leave
 * their mailbox. Mail that is not proven ours is recorded as unverified and changes nobody. A mail with a bounce's look but no recipient found is kept and
 * reported, never dropped.
 */
public final class BounceProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BounceProcessor.class);
    /** Mails per transaction: one commit (one fsync on SQLite) for many mails. */
    static final int BATCH = 200;

    private final Database db;
    private final BounceEvents events;
    private final Readers readers;
    private final MailedUnsubscribes unsubscribes;
    private final BounceParser parser = new BounceParser();
    private final Clock clock;

    /** A parsed mail waiting for its batch's commit. */
    private record Pending(String key, ReturnedMail mail, Readers.Candidates proof, List<BounceEvents.Event> unsubscribe, Runnable remove) {
    }

    /**
     * @param verp             reads the delivery a signed VERP address (smtp.envelopeSender's {verp}) names
     * @param unsubscribeToken the reader a signed unsubscribe token was made for, if it is valid
     */
    public BounceProcessor(Database db, BouncesConfig config, Verp verp, Function<String, OptionalLong> unsubscribeToken,
                           Clock clock) {
        this.db = db;
        this.events = new BounceEvents(config.softThreshold(), Duration.ofDays(config.softWindowDays()));
        this.readers = new Readers(events, verp);
        this.unsubscribes = new MailedUnsubscribes(unsubscribeToken);
        this.clock = clock;
    }

    /** Reads the source to its end and says what was done. */
    public ProcessSummary process(MailSource source) {
        ProcessSummary summary = new ProcessSummary();
        List<Pending> pending = new ArrayList<>();
        source.read(new MailSource.Handler() {
            @Override
            public void handle(String name, byte[] raw, Runnable remove, Runnable keep) {
                summary.mails++;
                ReturnedMail mail = parser.parse(raw);
                String key = mail.messageId() != null ? mail.messageId() : "sha256:" + sha256(raw);
                List<BounceEvents.Event> unsubscribe = unsubscribes.events(mail, raw, key, clock.instant());
                if (unsubscribe.isEmpty() && mail.unreadable()) {
                    summary.unreadable.add(name);
                    LOG.warn("{}: a bounce in which no failed recipient was found; kept", name);
                    keep.run();
                    return;
                }
                Readers.Candidates proof = unsubscribe.isEmpty() ? readers.candidates(raw, mail) : Readers.Candidates.NONE;
                pending.add(new Pending(key, mail, proof, unsubscribe, remove));
                if (pending.size() >= BATCH) {
                    flush();
                }
            }

            @Override
            public void flush() {
                commit(pending, summary);
                pending.forEach(p -> p.remove().run());
                pending.clear();
            }
        });
        return summary;
    }

    private void commit(List<Pending> pending, ProcessSummary summary) {
        if (pending.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            for (Pending p : pending) {
                if (events.seen(c, p.key())) {
                    summary.repeated++;
                    continue;
                }
                for (BounceEvents.Event e : p.unsubscribe().isEmpty() ? bounceEvents(c, p.mail(), p.proof(), p.key()) : p.unsubscribe()) {
                    summary.count(e, events.apply(c, e));
                }
            }
            return null;
        });
    }

    private List<BounceEvents.Event> bounceEvents(Connection c, ReturnedMail mail, Readers.Candidates proof, String key) throws SQLException {
        List<BounceEvents.Event> list = new ArrayList<>();
        Instant at = clock.instant();
        List<Readers.Tie> ties = readers.ties(c, proof);
        for (Report r : mail.reports()) {
            Readers.Match match = r.kind() == Kind.NONE && r.recipient() == null ? Readers.Match.NONE : readers.match(c, ties, mail, r);
            String original = match.messageId() != null ? match.messageId() : mail.originalMessageId();
            list.add(new BounceEvents.Event(key, r.recipient() == null ? "" : r.recipient(), at, match.subscriberId(), match.by(),
                    r.kind().label(), r.status(), r.reason(), r.diagnostic(), original, match.date()));
        }
        return list;
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
