package org.paperboy.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.PaperboyException;
import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.testing.Databases;
import java.time.Duration;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Subscriber;
import org.paperboy.subscribers.SubscriberStore;
import org.paperboy.subscribers.UnsubscribeReason;

/** The numbers of a list with a known week, on a real SQLite file and a real PostgreSQL. */
class StatsIT {

    @TempDir
    Path dir;

    private Database db;

    private Stats open(String kind) {
        db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2));
        new ListHistory(db).write();
        return new Stats(db, ZoneOffset.UTC, Clock.fixed(ListHistory.at("20T12:00:00"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void countsReadersByStatusAndConfirmedReadersByFrequency(String kind) {
        Report r = open(kind).report(7);
        assertThat(r.readers().byStatus()).isEqualTo(Map.of("confirmed", 2L, "pending", 1L, "unsubscribed", 2L, "bounced", 2L));
        assertThat(r.readers().byFrequency()).isEqualTo(Map.of("daily", 1L, "weekly", 1L));
        assertThat(r.from()).isEqualTo(LocalDate.parse("2026-11-14"));
        assertThat(r.to()).isEqualTo(LocalDate.parse("2026-11-20"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void growthHasEachDaysJoinsAndDeparturesAndTheReadersAtItsEnd(String kind) {
        Report r = open(kind).report(7);
        assertThat(r.growth()).hasSize(7);
        assertThat(r.growth()).extracting(GrowthDay::readers).containsExactly(4L, 5L, 5L, 4L, 3L, 2L, 2L);
        assertThat(day(r, "15").subscribed()).isEqualTo(1);
        assertThat(day(r, "16").subscribed()).isEqualTo(1);
        assertThat(day(r, "16").bounced()).as("Gina, by the bounce that came back").isEqualTo(1);
        assertThat(day(r, "16").hardBounces()).isEqualTo(1);
        assertThat(day(r, "17").complained()).isEqualTo(1);
        assertThat(day(r, "17").unsubscribed()).isZero();
        assertThat(day(r, "18").unsubscribed()).isEqualTo(1);
        assertThat(day(r, "19").bounced()).isEqualTo(1);
        assertThat(day(r, "19").sent()).isEqualTo(2);
        assertThat(day(r, "19").hardBounces()).isEqualTo(1);
        assertThat(day(r, "18").sent()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void eachSendHasItsOutcomesDurationAndRate(String kind) {
        Report r = open(kind).report(7);
        assertThat(r.sends()).extracting(SendDay::date).containsExactly(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-19"),
                LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-14"));
        SendDay nineteenth = r.sends().get(1);
        assertThat(nineteenth).extracting(SendDay::messages, SendDay::sent, SendDay::pending, SendDay::failed, SendDay::cancelled,
                SendDay::expired, SendDay::outcome).containsExactly(4, 2, 0, 1, 1, 0, "incomplete");
        assertThat(nineteenth.durationSeconds()).as("from the recorded run").isEqualTo(30.0);
        assertThat(nineteenth.perSecond()).isCloseTo(2 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
        SendDay eighteenth = r.sends().get(2);
        assertThat(eighteenth.durationSeconds()).as("no run recorded: first planned to last sent").isEqualTo(100.0);
        assertThat(eighteenth.outcome()).isNull();
        assertThat(r.sends().get(0).pending()).isEqualTo(1);
        assertThat(r.sends().get(0).durationSeconds()).isNull();
        assertThat(r.sends().get(3).expired()).isEqualTo(1);
        assertThat(r.sends().get(3).cancelled()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void ratesAreOverTheMessagesSentInTheWindowAndFlagGmailsLine(String kind) {
        Report r = open(kind).report(7);
        assertThat(r.rates().sent()).isEqualTo(3);
        assertThat(r.rates().hardBounces()).as("Dave's refusal and Gina's returned bounce").isEqualTo(2);
        assertThat(r.rates().complaintsTracked()).isTrue();
        assertThat(r.rates().complaints()).isEqualTo(1);
        assertThat(r.rates().overGmailLimit()).isTrue();
        assertThat(r.runs()).hasSize(1);
        assertThat(r.runs().get(0).seconds()).isEqualTo(30.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aShorterWindowLeavesOlderDaysOut(String kind) {
        Report r = open(kind).report(2);
        assertThat(r.growth()).extracting(GrowthDay::date).containsExactly(LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-20"));
        assertThat(r.rates().sent()).isEqualTo(2);
        assertThat(r.rates().complaints()).isZero();
        assertThat(r.sends()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void anOlderDatePlannedInTheWindowIsAmongItsSends(String kind) {
        Stats stats = open(kind);
        long alice = db.transaction(c -> {
            try (var ps = c.prepareStatement("SELECT id FROM subscriber WHERE email = 'alice@example.org'"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        new ListHistory(db).delivery("10", alice, "sent", "19T09:00:00", "19T09:00:05", "250 accepted");
        assertThat(stats.report(2).sends()).extracting(SendDay::date).containsExactly(LocalDate.parse("2026-11-20"),
                LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-10"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE})
    void jsonCarriesEveryFigureWithIsoDates(String kind) throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportJson.format(open(kind).report(7)));
        assertThat(json.at("/from").asText()).isEqualTo("2026-11-14");
        assertThat(json.at("/readers/byStatus/confirmed").asLong()).isEqualTo(2);
        assertThat(json.at("/rates/complaintRate").asDouble()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json.at("/rates/overGmailLimit").asBoolean()).isTrue();
        assertThat(json.at("/sends/1/date").asText()).isEqualTo("2026-11-19");
        assertThat(json.at("/runs/0/startedAt").asText()).isEqualTo("2026-11-19T08:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE})
    void refusesAWindowOutOfRange(String kind) {
        Stats stats = open(kind);
        assertThatThrownBy(() -> stats.report(0)).isInstanceOf(PaperboyException.class).hasMessageContaining("--days");
        assertThatThrownBy(() -> stats.report(1000)).isInstanceOf(PaperboyException.class).hasMessageContaining("1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aReaderWhoLeftAndCameBackIsTwoSubscriptionsAndOneDeparture(String kind) {
        db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2));
        SubscriberStore store = new SubscriberStore(db);
        long hana = store.subscribe("hana@example.org", Preferences.NONE, Frequency.DAILY, consent("15T09:00:00"), true).subscriber().id();
        store.unsubscribe(hana, ListHistory.at("16T09:00:00"), UnsubscribeReason.ONE_CLICK);
        assertThat(store.subscribe("hana@example.org", Preferences.NONE, Frequency.DAILY, consent("17T09:00:00"), false).outcome())
                .isEqualTo(SubscriberStore.Outcome.RESUBSCRIBING);
        Subscriber pending = store.find(hana).orElseThrow();
        assertThat(pending.confirmedAt()).as("a pending reader has no confirmation, departure or bounces yet").isNull();
        assertThat(pending.unsubscribedAt()).isNull();
        assertThat(pending.unsubscribeReason()).isNull();
        Report asked = stats("17T12:00:00").report(7);
        assertThat(asked.growth()).extracting(GrowthDay::readers).containsExactly(0L, 0L, 0L, 0L, 1L, 0L, 0L);
        assertThat(asked.growth()).extracting(GrowthDay::subscribed).containsExactly(0, 0, 0, 0, 1, 0, 0);
        assertThat(asked.growth()).extracting(GrowthDay::unsubscribed).containsExactly(0, 0, 0, 0, 0, 1, 0);

        assertThat(store.startConfirmation(hana, "hash-2", ListHistory.at("17T09:00:00"), Duration.ofHours(72), Duration.ofHours(1),
                new SubscriberStore.QueuedMail("sealed-2", "key-2", ListHistory.at("20T09:00:00"))).queued()).isTrue();
        assertThat(store.confirm("hash-2", ListHistory.at("18T09:00:00"))).isEqualTo(SubscriberStore.Confirmation.CONFIRMED);
        Report back = stats("20T12:00:00").report(7);
        assertThat(back.growth()).extracting(GrowthDay::readers).containsExactly(0L, 1L, 0L, 0L, 1L, 1L, 1L);
        assertThat(back.growth()).extracting(GrowthDay::subscribed).containsExactly(0, 1, 0, 0, 1, 0, 0);
        assertThat(back.growth()).extracting(GrowthDay::unsubscribed).containsExactly(0, 0, 1, 0, 0, 0, 0);
        assertThat(back.readers().confirmed()).isEqualTo(1);
        assertThat(store.find(hana).orElseThrow().confirmedAt()).isEqualTo(ListHistory.at("18T09:00:00"));

        // a window that starts after the first subscription ended counts only the second
        assertThat(stats("20T12:00:00").report(3).growth()).extracting(GrowthDay::readers).containsExactly(1L, 1L, 1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aBouncedReaderWhoCameBackLeftOnTheDayOfTheirLastBounce(String kind) {
        db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2));
        SubscriberStore store = new SubscriberStore(db);
        long ivan = store.subscribe("ivan@example.org", Preferences.NONE, Frequency.DAILY, consent("14T09:00:00"), true).subscriber().id();
        new ListHistory(db).delivery("16", ivan, "failed", "16T08:00:00", null, "550 5.1.1 no such user");
        store.recordHardBounce(ivan, 1);
        store.subscribe("ivan@example.org", Preferences.NONE, Frequency.DAILY, consent("19T09:00:00"), false);
        assertThat(store.find(ivan).orElseThrow().hardBounces()).as("a new subscription starts with no bounces").isZero();
        Report r = stats("20T12:00:00").report(7);
        assertThat(r.growth()).extracting(GrowthDay::readers).containsExactly(1L, 1L, 0L, 0L, 0L, 0L, 0L);
        assertThat(r.growth()).extracting(GrowthDay::bounced).containsExactly(0, 0, 1, 0, 0, 0, 0);
    }

    /**
     * A database from before V11, where a reader who came back kept their old times on a pending
     * row (and walked the readers below zero): the migration keeps that subscription apart.
     */
    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void theMigrationKeepsTheSubscriptionAPendingReaderLeftBeforeV11(String kind) {
        String url = Databases.fresh(kind, dir);
        if (kind.equals(Databases.SQLITE)) {
            try {
                java.nio.file.Files.createDirectories(Path.of(url.substring("jdbc:sqlite:".length())).getParent());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        org.flywaydb.core.Flyway.configure().dataSource(url, null, null).locations("classpath:db/common", "classpath:db/" + (kind.equals(Databases.SQLITE)
                ? "sqlite" : "postgresql")).target("8").load().migrate();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); var ps = c.prepareStatement("INSERT INTO subscriber"
                + " (email, email_key, status, created_at, confirmed_at, unsubscribed_at, unsubscribe_reason, consent_source,"
                + " consent_text_version, consent_at) VALUES (?, ?, 'pending', ?, ?, ?, 'one-click', 'web', 'v1', ?)")) {
            for (String[] reader : new String[][] {{"judy@example.org", "15T09:00:00"}, {"kim@example.org", null}}) {
                ps.setString(1, reader[0]);
                ps.setString(2, reader[0]);
                ps.setTimestamp(3, java.sql.Timestamp.from(ListHistory.at("10T09:00:00")));
                ps.setTimestamp(4, reader[1] == null ? null : java.sql.Timestamp.from(ListHistory.at(reader[1])));
                ps.setTimestamp(5, java.sql.Timestamp.from(ListHistory.at("16T09:00:00")));
                ps.setTimestamp(6, java.sql.Timestamp.from(ListHistory.at("17T09:00:00")));
                ps.executeUpdate();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        db = Database.open(new DatabaseConfig(url, null, null, 2));
        Report r = stats("20T12:00:00").report(7);
        assertThat(r.growth()).extracting(GrowthDay::readers).containsExactly(0L, 1L, 0L, 0L, 0L, 0L, 0L);
        assertThat(r.growth()).extracting(GrowthDay::unsubscribed).containsExactly(0, 0, 1, 0, 0, 0, 0);
        for (Subscriber s : new SubscriberStore(db).list(null)) {
            assertThat(s.status()).isEqualTo(org.paperboy.subscribers.Status.PENDING);
            assertThat(s.confirmedAt()).as(s.email()).isNull();
            assertThat(s.unsubscribedAt()).as(s.email()).isNull();
            assertThat(s.unsubscribeReason()).as(s.email()).isNull();
        }
    }

    private Stats stats(String now) {
        return new Stats(db, ZoneOffset.UTC, Clock.fixed(ListHistory.at(now), ZoneOffset.UTC));
    }

    private static Consent consent(String at) {
        return new Consent("web", "127.0.0.1", null, "v1", ListHistory.at(at));
    }

    private static GrowthDay day(Report r, String day) {
        return r.growth().stream().filter(d -> d.date().equals(LocalDate.parse("2026-11-" + day))).findFirst().orElseThrow();
    }
}
