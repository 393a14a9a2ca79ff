package org.paperboy.stats;

import java.time.LocalDate;

/**
 * One digest date's outbox: what became of its messages, and how long sending them took.
 *
 * @param pending         messages still waiting (deferred by a 4xx, or being sent)
 * @param failed          messages refused for good (5xx)
 * @param cancelled       messages cancelled because the reader left first
 * @param expired         messages cancelled because they were not delivered within delivery.maxAgeDays
 * @param durationSeconds the runs' time for this date when recorded, else first planned to last sent; null when nothing was sent
 * @param perSecond       messages sent per second over that time; null when unknown
 * @param outcome         how the latest run for this date ended (ok, incomplete, failed, running), or null when no run was recorded
 */
public record SendDay(LocalDate date, int messages, int sent, int pending, int failed, int cancelled, int expired,
                      Double durationSeconds, Double perSecond, String outcome) {
}
