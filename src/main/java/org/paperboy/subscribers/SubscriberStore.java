package org.paperboy.subscribers;

import org.paperboy.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.paperboy.ranking.Preferences;

/**
 * Subscribers in the database. Every change is one transaction; rows are never deleted.
 */
public final class SubscriberStore {

    static final String COLUMNS = "id, email, status, topics, keywords, frequency, created_at, confirmed_at, unsubscribed_at,"
            + " unsubscribe_reason, hard_bounces, consent_source, consent_ip, consent_user_agent, consent_text_version, consent_at";

    private final Database db;

    /** The readers' votes, kept in the same database. */
    public Votes votes() {
        return new Votes(db);
    }

    public SubscriberStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** What {@link #subscribe} found and did. */
    public enum Outcome { CREATED, STILL_PENDING, ALREADY_CONFIRMED, RESUBSCRIBING, REFUSED_UNSUBSCRIBED }

    /** The outcome and the subscriber as it now stands. */
    public record Subscription(Outcome outcome, Subscriber subscriber) {
    }

    /**
     * Adds a person, or updates a pending one's choices. A confirmed reader is left as they are; an
     * unsubscribed or bounced one goes back to pending only through their own request
     * ({@code confirmed} false), which they must confirm again: the subscription they left is kept in
     * {@code past_subscription} and the row starts afresh (no confirmation, unsubscribe or bounces;
     * {@code created_at} stays when the address first signed up).
     */
    public Subscription subscribe(String email, Preferences preferences, Frequency frequency, Consent consent, boolean confirmed) {
        String normalised = EmailAddress.normalise(email);
        return db.transaction(c -> {
            Optional<Subscriber> existing = findForUpdate(c, normalised);
            if (existing.isEmpty()) {
                long id = insert(c, normalised, confirmed ? Status.CONFIRMED : Status.PENDING, preferences, frequency, consent);
                return new Subscription(Outcome.CREATED, byId(c, id).orElseThrow());
            }
            Subscriber s = existing.get();
            switch (s.status()) {
                case CONFIRMED -> {
                    return new Subscription(Outcome.ALREADY_CONFIRMED, s);
                }
                case PENDING -> {
                    update(c, "UPDATE subscriber SET topics = ?, keywords = ?, frequency = ?, status = ?, confirmed_at = ?"
                            + " WHERE id = ?", join(preferences.topics()), join(preferences.keywords()), frequency.key(),
                            (confirmed ? Status.CONFIRMED : Status.PENDING).key(), confirmed ? ts(consent.at()) : null, s.id());
                    setConsent(c, s.id(), consent);
                    return new Subscription(confirmed ? Outcome.CREATED : Outcome.STILL_PENDING, byId(c, s.id()).orElseThrow());
                }
                default -> {
                    if (confirmed) {
                        return new Subscription(Outcome.REFUSED_UNSUBSCRIBED, s);
                    }
                    // the subscription they left is kept apart; the row starts afresh, as a new subscription
                    PastSubscriptions.close(c, s, consent.at());
                    update(c, "UPDATE subscriber SET status = 'pending', topics = ?, keywords = ?, frequency = ?, confirmed_at = NULL,"
                            + " unsubscribed_at = NULL, unsubscribe_reason = NULL, hard_bounces = 0 WHERE id = ?",
                            join(preferences.topics()), join(preferences.keywords()), frequency.key(), s.id());
                    setConsent(c, s.id(), consent);
                    return new Subscription(Outcome.RESUBSCRIBING, byId(c, s.id()).orElseThrow());
                }
            }
        });
    }

    /**
     * What {@link #startConfirmation} did: {@code queueId} is the queued mail's row, or 0 when none was
     * queued because one was asked for at {@code lastRequestedAt}, within the interval;
     * {@code waiting} then holds that one's last reply while it is still in the queue.
     */
    public record ConfirmationStart(long queueId, Instant lastRequestedAt, Optional<String> waiting) {
        public boolean queued() {
            return queueId > 0;
        }
    }

    /** The sealed token and Message-ID of a confirmation mail to queue, and when to give it up. */
    public record QueuedMail(String sealedToken, String messageId, Instant giveUpAt) {
    }

    /**
     * Stores a confirmation token and queues its mail, in one transaction, unless one was asked for
     * within the interval (at most one per address per hour).
     */
    public ConfirmationStart startConfirmation(long subscriberId, String tokenHash, Instant now, Duration validity, Duration minInterval,
                                               QueuedMail mail) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT confirmation_sent_at FROM subscriber WHERE id = ?" + db.dialect().forUpdate())) {
                ps.setLong(1, subscriberId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new ConfirmationStart(0, null, Optional.empty());
                    }
                    Timestamp last = rs.getTimestamp(1);
                    if (last != null && last.toInstant().isAfter(now.minus(minInterval))) {
                        return new ConfirmationStart(0, last.toInstant(), ConfirmationQueue.waiting(c, subscriberId));
                    }
                }
            }
            update(c, "UPDATE subscriber SET confirmation_sent_at = ? WHERE id = ?", ts(now), subscriberId);
            update(c, "INSERT INTO confirmation_token (token_hash, subscriber_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    tokenHash, subscriberId, ts(now), ts(now.plus(validity)));
            long id = ConfirmationQueue.enqueue(c, subscriberId, mail.sealedToken(), mail.messageId(), now, mail.giveUpAt());
            return new ConfirmationStart(id, now, Optional.empty());
        });
    }

    /** What became of a confirmation token; {@code WAITING} only from {@link #confirmationState}: not used yet, not expired. */
    public enum Confirmation { CONFIRMED, UNKNOWN, EXPIRED, USED, WAITING }

    /** Where a confirmation token stands, changing nothing: what the link's page says before anything is pressed. */
    public Confirmation confirmationState(String tokenHash, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT expires_at, used_at FROM confirmation_token WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Confirmation.UNKNOWN;
                    }
                    return rs.getTimestamp(2) != null ? Confirmation.USED
                            : rs.getTimestamp(1).toInstant().isAfter(now) ? Confirmation.WAITING : Confirmation.EXPIRED;
                }
            }
        });
    }

    /** The subscriber a confirmation token was sent to, used or not. */
    public Optional<Subscriber> byConfirmationToken(String tokenHash) {
        return db.transaction(c -> query(c, "SELECT " + COLUMNS + " FROM subscriber WHERE id ="
                + " (SELECT subscriber_id FROM confirmation_token WHERE token_hash = ?)", tokenHash).stream().findFirst());
    }

    /** Confirms the subscriber a token was sent to; a token works once, before it expires. */
    public Confirmation confirm(String tokenHash, Instant now) {
        return db.transaction(c -> {
            long subscriberId;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT subscriber_id, expires_at, used_at FROM confirmation_token WHERE token_hash = ?" + db.dialect().forUpdate())) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Confirmation.UNKNOWN;
                    }
                    if (rs.getTimestamp(3) != null) {
                        return Confirmation.USED;
                    }
                    if (!rs.getTimestamp(2).toInstant().isAfter(now)) {
                        return Confirmation.EXPIRED;
                    }
                    subscriberId = rs.getLong(1);
                }
            }
            update(c, "UPDATE confirmation_token SET used_at = ? WHERE token_hash = ?", ts(now), tokenHash);
            update(c, "UPDATE subscriber SET status = 'confirmed', confirmed_at = ?, unsubscribed_at = NULL, unsubscribe_reason = NULL"
                    + " WHERE id = ? AND status = 'pending'", ts(now), subscriberId);
            return Confirmation.CONFIRMED;
        });
    }

    /**
     * Unsubscribes for good, recording why; returns false when there is no such subscriber. Repeating
     * it changes nothing, except that a complaint always becomes the recorded reason.
     */
    public boolean unsubscribe(long id, Instant now, UnsubscribeReason reason) {
        return db.transaction(c -> ReaderStatus.unsubscribe(c, id, now, reason) || byId(c, id).isPresent());
    }

    public void updatePreferences(long id, Preferences preferences, Frequency frequency) {
        db.transaction(c -> update(c, "UPDATE subscriber SET topics = ?, keywords = ?, frequency = ? WHERE id = ?",
                join(preferences.topics()), join(preferences.keywords()), frequency.key(), id));
    }

    /** Counts a hard bounce; at the threshold the subscriber becomes bounced and is mailed no more. */
    public void recordHardBounce(long id, int threshold) {
        db.transaction(c -> update(c, "UPDATE subscriber SET hard_bounces = hard_bounces + 1,"
                + " status = CASE WHEN hard_bounces + 1 >= ? AND status = 'confirmed' THEN 'bounced' ELSE status END WHERE id = ?",
                threshold, id));
    }

    public Optional<Subscriber> find(String email) {
        String normalised = EmailAddress.normalise(email);
        return db.transaction(c -> query(c, "SELECT " + COLUMNS + " FROM subscriber WHERE email_key = ?",
                EmailAddress.key(normalised)).stream().findFirst());
    }

    public Optional<Subscriber> find(long id) {
        return db.transaction(c -> byId(c, id));
    }

    /** The subscribers with these ids, in the order given (ids of no subscriber are left out); at most 1,000 ids. */
    public List<Subscriber> byIds(List<Long> ids) {
        return new SubscriberPages(db).byIds(ids);
    }

    /** Every subscriber, or those with the status, in id order, a page at a time (see {@link SubscriberPages}). */
    public void forEach(Status status, Consumer<Subscriber> consumer) {
        new SubscriberPages(db).forEach(status, consumer);
    }

    /** Every reader with the status, in id order, with only what planning a send needs (see {@link SubscriberPages}). */
    public void forEachReader(Status status, Consumer<Reader> consumer) {
        new SubscriberPages(db).forEachReader(status, consumer);
    }

    public List<Subscriber> list(Status status) {
        List<Subscriber> all = new ArrayList<>();
        forEach(status, all::add);
        return all;
    }

    private Optional<Subscriber> findForUpdate(Connection c, String normalised) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM subscriber WHERE email_key = ?" + db.dialect().forUpdate(), EmailAddress.key(normalised))
                .stream().findFirst();
    }

    static Optional<Subscriber> byId(Connection c, long id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM subscriber WHERE id = ?", id).stream().findFirst();
    }

    static List<Subscriber> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Subscriber> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(SubscriberRows.read(rs));
                }
                return found;
            }
        }
    }

    private static long insert(Connection c, String email, Status status, Preferences p, Frequency f, Consent consent)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SubscriberRows.INSERT, new String[] {"id"})) {
            SubscriberRows.bindInsert(ps, email, status, p, f, consent);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void setConsent(Connection c, long id, Consent consent) throws SQLException {
        update(c, "UPDATE subscriber SET consent_source = ?, consent_ip = ?, consent_user_agent = ?, consent_text_version = ?,"
                + " consent_at = ? WHERE id = ?", consent.source(), consent.ip(), consent.userAgent(), consent.textVersion(),
                ts(consent.at()), id);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static String join(List<String> values) {
        return String.join(",", values);
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
