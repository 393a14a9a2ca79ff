package org.paperboy.subscribers;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.paperboy.ranking.Preferences;

/** Maps subscriber rows to records and back. */
final class SubscriberRows {

    static final String INSERT = "INSERT INTO subscriber (email, email_key, status, topics, keywords, frequency, created_at,"
            + " confirmed_at, unsubscribed_at, unsubscribe_reason, hard_bounces, consent_source, consent_ip, consent_user_agent,"
            + " consent_text_version, consent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private SubscriberRows() {
    }

    static Subscriber read(ResultSet rs) throws SQLException {
        Consent consent = new Consent(rs.getString("consent_source"), rs.getString("consent_ip"),
                rs.getString("consent_user_agent"), rs.getString("consent_text_version"), instant(rs.getTimestamp("consent_at")));
        String reason = rs.getString("unsubscribe_reason");
        return new Subscriber(rs.getLong("id"), rs.getString("email"), Status.parse(rs.getString("status")),
                Preferences.of(SubscriberStore.split(rs.getString("topics")), SubscriberStore.split(rs.getString("keywords"))),
                Frequency.parse(rs.getString("frequency")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("confirmed_at")), instant(rs.getTimestamp("unsubscribed_at")),
                reason == null ? null : UnsubscribeReason.parse(reason), rs.getInt("hard_bounces"), consent);
    }

    /** A new subscriber as they consent now: created, and confirmed too when {@code status} says so, at the consent's time. */
    static void bindInsert(PreparedStatement ps, String email, Status status, Preferences p, Frequency f, Consent consent)
            throws SQLException {
        bindInsert(ps, new Subscriber(0, email, status, p, f, consent.at(), status == Status.CONFIRMED ? consent.at() : null,
                null, null, 0, consent));
    }

    /** A subscriber exactly as the record has it (an import restores an export this way); the id is the database's. */
    static void bindInsert(PreparedStatement ps, Subscriber s) throws SQLException {
        ps.setString(1, s.email());
        ps.setString(2, EmailAddress.key(s.email()));
        ps.setString(3, s.status().key());
        ps.setString(4, SubscriberStore.join(s.topics()));
        ps.setString(5, SubscriberStore.join(s.keywords()));
        ps.setString(6, s.frequency().key());
        ps.setTimestamp(7, SubscriberStore.ts(s.createdAt()));
        ps.setTimestamp(8, SubscriberStore.ts(s.confirmedAt()));
        ps.setTimestamp(9, SubscriberStore.ts(s.unsubscribedAt()));
        ps.setString(10, s.unsubscribeReason() == null ? null : s.unsubscribeReason().key());
        ps.setInt(11, s.hardBounces());
        ps.setString(12, s.consent().source());
        ps.setString(13, s.consent().ip());
        ps.setString(14, s.consent().userAgent());
        ps.setString(15, s.consent().textVersion());
        ps.setTimestamp(16, SubscriberStore.ts(s.consent().at()));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
