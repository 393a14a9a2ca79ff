package org.paperboy.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/** One run of the daily job as recorded in {@code job_run}. */
public record RunLine(LocalDate date, String node, Instant startedAt, Instant finishedAt, String outcome, String summary) {

    /** Seconds the run took, or null while it runs. */
    @JsonProperty
    public Double seconds() {
        return finishedAt == null ? null : (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    }
}
