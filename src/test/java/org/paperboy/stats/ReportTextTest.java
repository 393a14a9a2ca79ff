package org.paperboy.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTextTest {

    private static Report report(Rates rates) {
        LocalDate day = LocalDate.of(2026, 11, 20);
        return new Report(Instant.parse("2026-11-20T12:00:00Z"), "UTC", 2, day.minusDays(1), day,
                new Readers(Map.of("confirmed", 1000L), Map.of("daily", 990L, "weekly", 10L)),
                List.of(new GrowthDay(day.minusDays(1), 0, 0, 0, 0, 1000, 0, 0), new GrowthDay(day, 4, 2, 1, 3, 1000, 1000, 5)),
                List.of(new SendDay(day, 1000, 990, 3, 5, 2, 0, 125.0, 7.92, "incomplete")), rates, new Returned(6, 45, 2),
                List.of(new RunLine(day, "node-1", Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T08:02:05Z"),
                        "incomplete", "sent 990, deferred 3, failed 5")));
    }

    @Test
    void flagsAComplaintRateOverGmailsLine() {
        String text = ReportText.format(report(new Rates(1000, 5, 3, true)));
        assertThat(text).contains("6 proven ours (acted on), 45 unverified (not proven ours, changed nobody), 2 unmatched");
        assertThat(text).contains("complaint rate  0.30%  (3 complaints)  OVER GMAIL'S 0.3% LINE")
                .contains("bounce rate     0.50%  (5 refused for good)");
    }

    @Test
    void warnsAboveTheRecommendedTenthOfAPercentAndSaysWhenComplaintsAreNotTracked() {
        assertThat(ReportText.format(report(new Rates(1000, 0, 2, true)))).contains("0.20%  (2 complaints)  above Gmail's recommended 0.1%");
        assertThat(ReportText.format(report(new Rates(1000, 0, 0, true)))).doesNotContain("GMAIL").doesNotContain("recommended");
        assertThat(ReportText.format(report(new Rates(1000, 0, 0, false)))).contains("complaint rate  not tracked");
    }

    @Test
    void leavesQuietDaysOutAndPrintsEachSendAndRun() {
        String text = ReportText.format(report(new Rates(1000, 5, 0, true)));
        assertThat(text).doesNotContain("2026-11-19  ").contains("2026-11-20           4             2        1           3     1000")
                .contains("2m05s").contains("7.9").contains("incomplete")
                .contains("for 2026-11-20 on node-1: incomplete in 2m05s (sent 990, deferred 3, failed 5)");
    }
}
