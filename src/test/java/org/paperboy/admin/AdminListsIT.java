package org.paperboy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.ranking.Preferences;
import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.SubscriberStore;
import org.paperboy.subscribers.UnsubscribeReason;
import org.paperboy.testing.Databases;
import org.paperboy.testing.QueryPlans;

/** The admin page's reader list and returned-mail log on a real SQLite file and a real PostgreSQL. */
class AdminListsIT {

    static final List<String> TOPICS = List.of("rl", "llm", "vision", "agents");

    @TempDir
    Path dir;

    private Database db;
    private SubscriberStore store;

    private ReaderList open(String kind) {
        db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2));
        store = new SubscriberStore(db);
        return new ReaderList(db);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private long add(String email, List<String> topics, Frequency frequency, String joined) {
        return store.subscribe(email, Preferences.of(topics, List.of()), frequency,
                new Consent("cli", null, null, "v1", Instant.parse(joined + "T12:00:00Z")), true).subscriber().id();
    }

    private static ReaderFilter filter(Map<String, String> params) {
        return ReaderFilter.from(params::get, TOPICS);
    }

    private static List<String> emails(Keyset.Page<ReaderList.Row> page) {
        return page.rows().stream().map(ReaderList.Row::email).toList();
    }

    private List<String> all(ReaderList list, Map<String, String> params) {
        return emails(list.page(filter(params), Keyset.Position.top(500)));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void findsReadersByAnyPartOfTheirAddressInAnyCaseAndTakesWildcardsLiterally(String kind) {
        ReaderList list = open(kind);
        add("bob@x.org", List.of(), Frequency.DAILY, "2026-01-01");
        add("Bobby.Tables@Example.org", List.of(), Frequency.DAILY, "2026-01-02");
        add("alice@example.org", List.of(), Frequency.DAILY, "2026-01-03");
        add("a_b@example.org", List.of(), Frequency.DAILY, "2026-01-04");
        add("axb@example.org", List.of(), Frequency.DAILY, "2026-01-05");
        add("100%real@example.org", List.of(), Frequency.DAILY, "2026-01-06");

        assertThat(all(list, Map.of("q", "bob"))).containsExactly("Bobby.Tables@example.org", "bob@x.org");
        assertThat(all(list, Map.of("q", "  BOB@X.ORG "))).containsExactly("bob@x.org");
        assertThat(all(list, Map.of("q", "a_b"))).as("_ is a character, not any character").containsExactly("a_b@example.org");
        assertThat(all(list, Map.of("q", "%"))).as("%% is a character, not anything").containsExactly("100%real@example.org");
        assertThat(all(list, Map.of("q", "\\"))).isEmpty();
        assertThat(all(list, Map.of("q", "'; DROP TABLE subscriber; --"))).isEmpty();
        assertThat(all(list, Map.of())).hasSize(6);
        assertThat(all(list, Map.of("q", "x".repeat(300)))).isEmpty();
        assertThat(filter(Map.of("q", "x".repeat(300))).problems()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void filtersByStatusFrequencyTopicReturnedMailAndTheDayTheyJoined(String kind) {
        ReaderList list = open(kind);
        add("daily-rl@example.org", List.of("rl"), Frequency.DAILY, "2026-03-01");
        add("weekly-rl-llm@example.org", List.of("rl", "llm"), Frequency.WEEKLY, "2026-03-02");
        add("vision@example.org", List.of("vision"), Frequency.DAILY, "2026-03-03");
        long bounced = add("bounced@example.org", List.of("llm"), Frequency.DAILY, "2026-03-04");
        store.recordHardBounce(bounced, 1);
        long complained = add("complained@example.org", List.of(), Frequency.WEEKLY, "2026-03-05");
        store.unsubscribe(complained, Instant.parse("2026-03-06T00:00:00Z"), UnsubscribeReason.COMPLAINT);
        long left = add("left@example.org", List.of(), Frequency.DAILY, "2026-03-06");
        store.unsubscribe(left, Instant.parse("2026-03-07T00:00:00Z"), UnsubscribeReason.USER);
        store.subscribe("pending@example.org", Preferences.NONE, Frequency.DAILY,
                new Consent("web", null, null, "v1", Instant.parse("2026-03-07T09:00:00Z")), false);

        assertThat(all(list, Map.of("status", "confirmed"))).containsExactly("vision@example.org", "weekly-rl-llm@example.org",
                "daily-rl@example.org");
        assertThat(all(list, Map.of("status", "pending"))).containsExactly("pending@example.org");
        assertThat(all(list, Map.of("status", "unsubscribed"))).containsExactly("left@example.org", "complained@example.org");
        assertThat(all(list, Map.of("frequency", "weekly"))).containsExactly("complained@example.org", "weekly-rl-llm@example.org");
        assertThat(all(list, Map.of("topic", "rl"))).containsExactly("weekly-rl-llm@example.org", "daily-rl@example.org");
        assertThat(all(list, Map.of("topic", "llm"))).containsExactly("bounced@example.org", "weekly-rl-llm@example.org");
        assertThat(all(list, Map.of("topic", "llm", "status", "confirmed"))).containsExactly("weekly-rl-llm@example.org");
        assertThat(all(list, Map.of("returned", "bounced"))).containsExactly("bounced@example.org");
        assertThat(all(list, Map.of("returned", "complained"))).containsExactly("complained@example.org");
        assertThat(all(list, Map.of("from", "2026-03-02", "to", "2026-03-03"))).containsExactly("vision@example.org",
                "weekly-rl-llm@example.org");
        assertThat(all(list, Map.of("from", "2026-03-07"))).containsExactly("pending@example.org");
        assertThat(all(list, Map.of("to", "2026-03-01"))).containsExactly("daily-rl@example.org");

        ReaderFilter unknown = filter(Map.of("status", "vip", "topic", "astrology", "from", "last week", "frequency", "weekly"));
        assertThat(unknown.problems()).hasSize(3);
        assertThat(unknown.status()).isNull();
        assertThat(emails(list.page(unknown, Keyset.Position.top(50)))).containsExactly("complained@example.org",
                "weekly-rl-llm@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void pagesForwardAndBackShowEveryReaderExactlyOnceNewestFirst(String kind) {
        ReaderList list = open(kind);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ids.add(add("reader" + i + "@example.org", List.of(i % 2 == 0 ? "rl" : "llm"), Frequency.DAILY, "2026-04-01"));
        }
        List<Long> seen = new ArrayList<>();
        List<Keyset.Page<ReaderList.Row>> pages = new ArrayList<>();
        Keyset.Page<ReaderList.Row> page = list.page(ReaderFilter.NONE, Keyset.Position.top(5));
        assertThat(page.previous()).isNull();
        while (true) {
            pages.add(page);
            page.rows().forEach(r -> seen.add(r.id()));
            if (page.next() == null) {
                break;
            }
            page = list.page(ReaderFilter.NONE, new Keyset.Position(page.next(), null, 5));
            assertThat(page.previous()).isNotNull();
        }
        assertThat(pages).hasSize(5);
        java.util.Collections.reverse(ids);
        assertThat(seen).containsExactlyElementsOf(ids);
        // and back from the last page, through the previous links, the same pages
        for (int i = pages.size() - 1; i > 0; i--) {
            Keyset.Page<ReaderList.Row> back = list.page(ReaderFilter.NONE, new Keyset.Position(null, pages.get(i).previous(), 5));
            assertThat(back.rows()).isEqualTo(pages.get(i - 1).rows());
            assertThat(back.next()).isEqualTo(pages.get(i - 1).next());
            assertThat(back.previous()).isEqualTo(pages.get(i - 1).previous());
        }
        // a filtered list pages the same way
        List<String> even = new ArrayList<>();
        Keyset.Position at = Keyset.Position.top(4);
        ReaderFilter rl = filter(Map.of("topic", "rl"));
        while (at != null) {
            Keyset.Page<ReaderList.Row> p = list.page(rl, at);
            even.addAll(emails(p));
            at = p.next() == null ? null : new Keyset.Position(p.next(), null, 4);
        }
        assertThat(even).hasSize(12).doesNotHaveDuplicates().allMatch(e -> Integer.parseInt(e.replaceAll("\\D", "")) % 2 == 0);
        assertThat(list.ids(rl, Keyset.Position.top(500)).rows()).hasSize(12);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void theIndexedFiltersReadOnlyTheirOwnRows(String kind) {
        open(kind);
        Keyset.Position deep = new Keyset.Position(500_000L, null, 50);
        for (Map<String, String> params : List.of(Map.of("status", "confirmed"), Map.of("returned", "complained"),
                Map.of("returned", "bounced"))) {
            Keyset.Query q = ReaderList.query(filter(params), deep);
            assertThat(QueryPlans.fullScans(db, "subscriber", q.sql(), q.values().toArray())).as(params.toString()).isEmpty();
        }
        for (ReturnedLog.Provenance p : ReturnedLog.Provenance.values()) {
            Keyset.Query q = ReturnedLog.query(p, deep);
            assertThat(QueryPlans.fullScans(db, "bounce_event", q.sql(), q.values().toArray())).as(p.key()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void theReturnedMailLogShowsEachReportByProvenanceWithItsReason(String kind) {
        open(kind);
        long bob = add("bob@example.org", List.of(), Frequency.DAILY, "2026-05-01");
        event("m1", "bob@example.org", bob, "verp", "hard", "no-such-user", "550 5.1.1 user unknown", "2026-05-02T10:00:00Z");
        event("m2", "bob@example.org", bob, "unverified", "hard", "no-such-user", "550 forged?", "2026-05-02T11:00:00Z");
        event("m3", "stranger@elsewhere.org", null, "unmatched", "soft", "mailbox-full", "452 4.2.2 mailbox full",
                "2026-05-02T12:00:00Z");
        event("m4", "bob@example.org", bob, "message-id", "complaint", "complaint", "abuse report", "2026-05-02T13:00:00Z");
        ReturnedLog log = new ReturnedLog(db);

        List<ReturnedLog.Row> every = log.page(null, Keyset.Position.top(50)).rows();
        assertThat(every).extracting(ReturnedLog.Row::reason).containsExactly("complaint", "mailbox-full", "no-such-user", "no-such-user");
        assertThat(every).extracting(ReturnedLog.Row::provenance).containsExactly("verified", "unmatched", "unverified", "verified");
        assertThat(log.page(ReturnedLog.Provenance.VERIFIED, Keyset.Position.top(50)).rows()).extracting(ReturnedLog.Row::kind)
                .containsExactly("complaint", "hard");
        ReturnedLog.Row unverified = log.page(ReturnedLog.Provenance.UNVERIFIED, Keyset.Position.top(50)).rows().get(0);
        assertThat(unverified.diagnostic()).isEqualTo("550 forged?");
        assertThat(unverified.when()).isEqualTo("2026-05-02 11:00 UTC");
        ReturnedLog.Row unmatched = log.page(ReturnedLog.Provenance.UNMATCHED, Keyset.Position.top(50)).rows().get(0);
        assertThat(unmatched.recipient()).isEqualTo("stranger@elsewhere.org");
        assertThat(unmatched.subscriberId()).isNull();
        Keyset.Page<ReturnedLog.Row> first = log.page(null, Keyset.Position.top(3));
        assertThat(first.next()).isNotNull();
        assertThat(log.page(null, new Keyset.Position(first.next(), null, 3)).rows()).extracting(ReturnedLog.Row::diagnostic)
                .containsExactly("550 5.1.1 user unknown");
    }

    private void event(String mailKey, String recipient, Long subscriberId, String matchedBy, String kind, String reason,
                       String diagnostic, String at) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bounce_event (mail_key, recipient, received_at, subscriber_id,"
                    + " matched_by, kind, status_code, reason, diagnostic, action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'recorded')")) {
                ps.setString(1, mailKey);
                ps.setString(2, recipient);
                ps.setTimestamp(3, Timestamp.from(Instant.parse(at)));
                ps.setObject(4, subscriberId);
                ps.setString(5, matchedBy);
                ps.setString(6, kind);
                ps.setString(7, diagnostic.substring(0, 3));
                ps.setString(8, reason);
                ps.setString(9, diagnostic);
                return ps.executeUpdate();
            }
        });
    }
}
