package org.paperboy.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.subscribers.CsvImport;
import org.paperboy.testing.Databases;
import org.paperboy.testing.ScriptedSmtpServer;
import org.paperboy.testing.TestSetup;

/**
 * On PostgreSQL a large plan is followed by ANALYZE of the outbox and the readers before sending:
 * with the rows just inserted unanalysed, PostgreSQL chose plans that cut the sending rate to a
 * third (bench/delivery.sh). What a user can check is that the statistics are fresh when the send
 * starts: the tables were analysed by the run, not left to autovacuum.
 */
class PostgresStatisticsIT {

    private static final int READERS = 1000;

    @TempDir
    Path dir;

    @Test
    void aLargePlanAnalysesTheOutboxBeforeSending() throws Exception {
        String url = Databases.fresh(Databases.POSTGRES, dir);
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, smtp.port(), url))) {
            StringBuilder csv = new StringBuilder("email,status\n");
            for (int i = 0; i < READERS; i++) {
                csv.append("reader").append(i).append("@example.org,confirmed\n");
            }
            Path file = Files.writeString(dir.resolve("readers.csv"), csv);
            assertThat(new CsvImport(paperboy.database(), paperboy.topicSlugs()).run(file, null, Instant.parse("2026-11-01T00:00:00Z"))
                    .imported()).isEqualTo(READERS);
            assertThat(analyses(url, "delivery")).isZero();
            DeliveryReport report = paperboy.send(paperboy.deliveryRun(), LocalDate.of(2026, 11, 20), List.of("seeds"),
                    new DeliveryRun.Options(false, null, false, null));
            assertThat(report.sent()).isEqualTo(READERS);
            assertThat(analyses(url, "delivery")).isEqualTo(1);
            assertThat(analyses(url, "delivery_variant")).isEqualTo(1);
            assertThat(analyses(url, "subscriber")).isEqualTo(1);
        }
    }

    /** How many times the table of the test's schema was analysed by a command (autovacuum's are not counted). */
    private static long analyses(String url, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT analyze_count FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }
}
