package org.paperboy.delivery;

import java.time.LocalDate;
import java.util.List;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;

/**
 * A claimed outbox row, joined with what is needed to send it.
 *
 * @param paperIds the papers the digest was planned with, in order
 */
record OutboxRow(LocalDate date, long subscriberId, Frequency kind, int attempts, String messageId, List<String> paperIds,
                 String email, Status status, Preferences preferences) {
}
