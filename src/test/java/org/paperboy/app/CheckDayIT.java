package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.PaperboyProcess;

/**
 * The real jar's {@code check} on the bundled seeds tells the truth about the day: it counts the
 * papers of the day it would send, per source and in the digest, and says plainly when a source has
 * none for that day instead of counting everything it read.
 */
class CheckDayIT {

    @TempDir
    Path dir;

    @Test
    void onADayNoSeedPageIsFromCheckSaysTheSeedsHoldNoneOfItsPapers() throws Exception {
        String out = check("2026-12-07");

        assertThat(out).contains("warn  papers.sources: seeds/: no papers for 2026-12-07: none of its 561 papers is from 2026-12-07"
                        + " (the newest from 2026-11-20, 422 undated); a digest of 2026-12-07 would be made of papers from other days")
                .contains("warn  digest: the digest of 2026-12-07 would send 25 papers, none of them from 2026-12-07")
                .doesNotContain("561 papers for 2026-12-07")
                .contains("No check failed");
    }

    @Test
    void onTheDayOfASeedPageCheckCountsThatPagesPapersAndHowManyTheDigestShows() throws Exception {
        String out = check("2026-11-20");

        // seeds/000_*.txt is the daily page of Nov 20 and lists 44 papers
        assertThat(out).contains("ok    papers.sources: seeds/: 44 papers for 2026-11-20 (of 561 read)")
                .containsPattern("ok    digest: the digest of 2026-11-20 would send 25 papers, \\d+ of them from 2026-11-20");
    }

    @Test
    void eachSourceIsJudgedOnItsOwn() throws Exception {
        String out = check("2025-04-07", "[seeds/, src/test/resources/papers/daily.json]");

        // the JSON entry "Only In The List" was featured on Apr 7 (its paper is from Apr 6); the seeds hold nothing of that day
        assertThat(out).contains("ok    papers.sources: src/test/resources/papers/daily.json: 1 paper for 2025-04-07 (of 2 read)")
                .contains("warn  papers.sources: seeds/: no papers for 2025-04-07");
    }

    private String check(String date) throws Exception {
        return check(date, "[seeds/]");
    }

    private String check(String date, String sources) throws Exception {
        Path config = Files.writeString(dir.resolve("paperboy.yaml"), "papers:\n  sources: " + sources + "\n"
                + "database:\n  url: jdbc:sqlite:" + dir.resolve("paperboy.db") + "\n");
        Path log = dir.resolve("check-" + date + ".log");
        Process check = PaperboyProcess.start(log, "check", "--config", config.toString(), "--date", date);
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).as(PaperboyProcess.log(log)).isTrue();
        assertThat(check.exitValue()).as(PaperboyProcess.log(log)).isZero();
        return PaperboyProcess.log(log);
    }
}
