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

    private static GrowthDay day(Report r, String day) {
        return r.growth().stream().filter(d -> d.date().equals(LocalDate.parse("2026-11-" + day))).findFirst().orElseThrow();
    }
}
