package org.paperboy.delivery;

import java.time.LocalDate;

/**
 * The summary of a send for one date.
 *
 * @param planned     rows this run added to the outbox
 * @param alreadySent readers who had this date's digest before the run: skipped
 * @param sent        messages handed over in this run
 * @param deferred    messages still pending (temporary failures, server down, stopped)
 * @param failed      messages failed for good, in all runs of the date
 * @param distinctDigests digests rendered (readers with the same papers share one)
 * @param seconds         the whole run; {@code sendingSeconds} the part spent handing messages over
 */
public record DeliveryReport(LocalDate date, int planned, int alreadySent, int sent, int deferred, int failed, int cancelled,
                             int distinctDigests, double seconds, double sendingSeconds, String problem) {

    /** 0 when everyone was sent, 3 when some were deferred or failed. */
    public int exitCode() {
        return deferred > 0 || failed > 0 || problem != null ? 3 : 0;
    }

    public String summary() {
        return String.format("%s: sent %d, skipped as already sent %d, deferred %d, failed %d%s (%d new in the outbox,"
                        + " %d distinct digests, %.1f s%s)", date, sent, alreadySent, deferred, failed,
                cancelled > 0 ? ", cancelled " + cancelled : "", planned, distinctDigests, seconds,
                sent > 0 && sendingSeconds > 0 ? String.format(", sending %.1f s at %.0f/s", sendingSeconds, sent / sendingSeconds) : "")
                + (problem == null ? "" : "; " + problem);
    }
}
