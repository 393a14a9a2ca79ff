package org.paperboy.stats;

import java.time.Instant;
import java.time.LocalDate;

/** One outbox row of a reader: a digest date and what became of it. */
public record ReaderDelivery(LocalDate date, String kind, String state, int attempts, String lastReply, Instant plannedAt,
                             Instant sentAt) {
}
