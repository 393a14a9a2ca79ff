package org.paperboy.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.Databases;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.TestSetup;

/**
 * {@code paperboy backup} taken while a send is half done, {@code restore} of it into another
 * place, and a send there: every reader has the digest, and what the copy did not yet record as
 * sent goes out again with its Message-ID. The jar runs as separate processes, against the fault
 * harness's recording SMTP server, whose answers are held at a third of the readers until the
 * backup has been taken.
 */
class BackupIT {

    static final int READERS = Integer.getInteger("backup.readers", 300);
    static final LocalDate DATE = FaultsIT.DATE;

    @TempDir
    static Path dir;

    @Test
    void aBackupTakenMidSendRestoresElsewhereAndTheNextSendLosesNobody() throws Exception {
        FaultDb template = FaultDb.template(Databases.SQLITE, dir.resolve("template"), READERS);
        try (Trial trial = new Trial(dir.resolve("mid-send"), template, READERS, true, "")) {
            AtomicBoolean copied = new AtomicBoolean();
            trial.smtp.gate(new RecordingSmtpServer.Gate(READERS / 3, copied::get, 300_000));
            Process send = trial.send(DATE);
            boolean midSend = Trial.await(() -> trial.smtp.acceptedCount() >= READERS / 3, send) && send.isAlive();

            Path backup = dir.resolve("mid-send.db");
            Trial.Finished backedUp = trial.finish(trial.start(trial.config(), "backup", backup.toString()));
            int acceptedAtCopy = trial.smtp.acceptedCount();
            boolean stillSending = send.isAlive();
            Trial.Finished refused = trial.finish(trial.start(trial.config(), "restore", backup.toString()));
            copied.set(true);
            Trial.Finished first = trial.finish(send);
            int acceptedByFirst = trial.smtp.acceptedCount();
            int sentInCopy = sentIn(backup);

            Path fresh = Files.createDirectories(dir.resolve("fresh"));
            String freshUrl = TestSetup.sqliteUrl(fresh);
            Path freshConfig = Files.writeString(fresh.resolve("paperboy.yaml"),
                    Files.readString(trial.config()).replace(trial.db.url(), freshUrl));
            Trial.Finished restored = trial.finish(trial.start(freshConfig, "restore", backup.toString()));
            Trial.Finished second = trial.finish(trial.start(freshConfig, "send", "--date", DATE.toString(), "--preview", ""));
            Trial.Tally tally = trial.tally();
            FaultDb restoredDb = new FaultDb(Databases.SQLITE, freshUrl);
            Map<String, Integer> states = restoredDb.states(DATE);

            boolean ok = midSend && stillSending && backedUp.exit() == 0 && refused.exit() == 2 && first.exit() == 0
                    && restored.exit() == 0 && second.exit() == 0 && tally.lost() == 0 && tally.mixedIds() == 0
                    && tally.duplicates() == READERS - sentInCopy && sentInCopy >= acceptedAtCopy - Trial.CONNECTIONS;
            Figures.row(Databases.SQLITE, "backup after " + acceptedAtCopy + " of " + READERS + " accepted, restored elsewhere, then a send",
                    1, "copy holds %d sent; after the restore and a send: %d lost, %d sent again (same Message-ID), %d mixed ids"
                            .formatted(sentInCopy, tally.lost(), tally.duplicates(), tally.mixedIds()), ok);

            assertThat(midSend).as("the send is under way when the backup starts").isTrue();
            assertThat(backedUp.exit()).as("backup: %s", backedUp.log()).isZero();
            assertThat(stillSending).as("the send was still going when the backup ended").isTrue();
            assertThat(refused.exit()).as("restore over the database a send has open: %s", refused.log()).isEqualTo(2);
            assertThat(refused.log()).contains("has it open").contains("stop it first");
            assertThat(first.exit()).as(first.log()).isZero();
            assertThat(acceptedByFirst).as("the first send delivered everyone once").isEqualTo(READERS);
            assertThat(restored.exit()).as("restore: %s", restored.log()).isZero();
            assertThat(second.exit()).as("send on the restored database: %s", second.log()).isZero();
            assertThat(states).as("the restored outbox after its send").isEqualTo(Map.of("sent", READERS));
            assertThat(tally.lost()).as("readers who got nothing").isZero();
            assertThat(tally.mixedIds()).as("readers whose copies differ in Message-ID").isZero();
            // the copy knows every message accepted before it, but the one in flight on each connection
            assertThat(sentInCopy).as("rows the copy holds as sent").isGreaterThanOrEqualTo(acceptedAtCopy - Trial.CONNECTIONS);
            // and exactly what it did not know as sent went out again: the bound the README states
            assertThat(tally.duplicates()).as("messages sent again after the restore").isEqualTo(READERS - sentInCopy)
                    .isLessThanOrEqualTo(READERS - acceptedAtCopy + Trial.CONNECTIONS);
        }
    }

    @Test
    void aBackupIsNeverWrittenOverAndARestoreTakesOnlyAPaperboyDatabase() throws Exception {
        FaultDb template = FaultDb.template(Databases.SQLITE, dir.resolve("template-2"), 3);
        try (Trial trial = new Trial(dir.resolve("refusals"), template, 3, false, "")) {
            Path notADatabase = Files.writeString(dir.resolve("notes.txt"), "not a database\n");
            Trial.Finished overwrite = trial.finish(trial.start(trial.config(), "backup", notADatabase.toString()));
            Trial.Finished wrongFile = trial.finish(trial.start(trial.config(), "restore", notADatabase.toString()));
            Path pgConfig = PaperboyProcess.config(dir, "pg.yaml", 25, "jdbc:postgresql://127.0.0.1:1/paperboy", "");
            Trial.Finished pgBackup = trial.finish(trial.start(pgConfig, "backup", dir.resolve("pg.db").toString()));
            Trial.Finished pgRestore = trial.finish(trial.start(pgConfig, "restore", dir.resolve("pg.db").toString()));

            assertThat(overwrite.exit()).as(overwrite.log()).isEqualTo(2);
            assertThat(overwrite.log()).contains("the file exists");
            assertThat(Files.readString(notADatabase)).isEqualTo("not a database\n");
            assertThat(wrongFile.exit()).as(wrongFile.log()).isEqualTo(2);
            assertThat(wrongFile.log()).contains("not a Paperboy database");
            assertThat(trial.db.states(DATE)).as("the database is still there and readable").isEmpty();
            assertThat(pgBackup.exit()).as(pgBackup.log()).isEqualTo(2);
            assertThat(pgBackup.log().lines().filter(l -> l.startsWith("paperboy:")).toList())
                    .singleElement().asString().contains("pg_dump");
            assertThat(pgRestore.exit()).as(pgRestore.log()).isEqualTo(2);
            assertThat(pgRestore.log()).contains("pg_restore");
        }
    }

    private static int sentIn(Path backup) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup.toAbsolutePath());
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE digest_date = ? AND state = 'sent'")) {
            ps.setObject(1, DATE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
