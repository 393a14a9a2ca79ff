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
            + " confirmed_at, consent_source, consent_ip, consent_user_agent, consent_text_version, consent_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private SubscriberRows() {
    }

    static Subscriber read(ResultSet rs) throws SQLException {
        Consent consent = new Consent(rs.getString("consent_source"), rs.getString("consent_ip"),
                rs.getString("consent_user_agent"), rs.getString("consent_text_version"), instant(rs.getTimestamp("consent_at")));
        return new Subscriber(rs.getLong("id"), rs.getString("email"), Status.parse(rs.getString("status")),
                Preferences.of(SubscriberStore.split(rs.getString("topics")), SubscriberStore.split(rs.getString("keywords"))),
                Frequency.parse(rs.getString("frequency")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("confirmed_at")), instant(rs.getTimestamp("unsubscribed_at")), rs.getInt("hard_bounces"),
                consent);
    }

    static void bindInsert(PreparedStatement ps, String email, Status status, Preferences p, Frequency f, Consent consent)
            throws SQLException {
        ps.setString(1, email);
        ps.setString(2, EmailAddress.key(email));
        ps.setString(3, status.key());
        ps.setString(4, SubscriberStore.join(p.topics()));
        ps.setString(5, SubscriberStore.join(p.keywords()));
        ps.setString(6, f.key());
        ps.setTimestamp(7, SubscriberStore.ts(consent.at()));
        ps.setTimestamp(8, status == Status.CONFIRMED ? SubscriberStore.ts(consent.at()) : null);
        ps.setString(9, consent.source());
        ps.setString(10, consent.ip());
        ps.setString(11, consent.userAgent());
        ps.setString(12, consent.textVersion());
        ps.setTimestamp(13, SubscriberStore.ts(consent.at()));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
