package org.paperboy.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.paperboy.PaperboyException;
import org.paperboy.digest.RenderCache;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.ranking.Digest;
import org.paperboy.store.Database;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;
import org.paperboy.subscribers.Subscriber;

/**
 * A reader's digest of a date sent to them again, now, outside the outbox: rebuilt exactly from
 * their outbox row (the same papers, their own links and list headers), under a new Message-ID.
 * The row is left as it is, so the history that keeps papers out of the next digests, and the
 * day's figures, stay what the run recorded.
 */
public final class DigestCopy {

    /** What was sent. */
    public record Sent(LocalDate date, String messageId, int papers) {
    }

    private final DeliveryRun.Parts parts;

    public DigestCopy(DeliveryRun.Parts parts) {
        this.parts = parts;
    }

    /** The latest digest date the reader has an outbox row for, if any. */
    public Optional<LocalDate> latest(long subscriberId) {
        return parts.database().transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(digest_date) FROM delivery WHERE subscriber_id = ?")) {
                ps.setLong(1, subscriberId);
                try (ResultSet rs = ps.executeQuery()) {
                    return Optional.ofNullable(rs.next() ? rs.getObject(1, LocalDate.class) : null);
                }
            }
        });
    }

    /** Sends the copy; a reader who is not confirmed, or whose message is still in the outbox, is refused. */
    public Sent send(Subscriber reader, LocalDate date, Rankings rankings) {
        if (reader.status() != Status.CONFIRMED) {
            throw new PaperboyException(reader.email() + " is " + reader.status().key() + ": only confirmed readers are mailed");
        }
        OutboxRow row = row(parts.database(), reader, date);
        boolean week = row.kind() == Frequency.WEEKLY;
        Digest ranked = (week ? rankings.weekly(date) : rankings.daily(date)).rankExactly(reader.preferences(), Set.copyOf(row.paperIds()));
        Digest digest = week ? ranked.weekly() : ranked;
        if (digest.isEmpty()) {
            throw new PaperboyException("the papers of " + date + " cannot be loaded again: nothing to send");
        }
        DigestMails mails = new DigestMails(new RenderCache(parts.renderer()), parts.subscriptions(), parts.smtp(), parts.listName());
        OutgoingMail mail = mails.mail(row, digest);
        parts.mailer().send(mail);
        return new Sent(date, row.messageId(), digest.paperCount());
    }

    private OutboxRow row(Database db, Subscriber reader, LocalDate date) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT d.kind, d.state, v.paper_ids FROM delivery d " + Outbox.JOIN_VARIANT
                    + " WHERE d.digest_date = ? AND d.subscriber_id = ?")) {
                ps.setObject(1, date);
                ps.setLong(2, reader.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new PaperboyException(reader.email() + " has no digest for " + date + " in the outbox");
                    }
                    if (rs.getString(2).equals("pending") || rs.getString(2).equals("sending")) {
                        throw new PaperboyException("the " + date + " digest of " + reader.email() + " is still in the outbox: the run sends it");
                    }
                    List<String> papers = Outbox.split(rs.getString(3));
                    String messageId = "copy." + UUID.randomUUID() + "@" + parts.smtp().domain();
                    return new OutboxRow(date, reader.id(), Frequency.parse(rs.getString(1)), 0, messageId, papers, reader.email(),
                            reader.status(), reader.preferences());
                }
            }
        });
    }
}
