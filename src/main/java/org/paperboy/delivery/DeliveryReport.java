package org.paperboy.delivery;

import java.time.LocalDate;
import java.util.List;

/**
 * The summary of a send: the date's own figures, and those of the earlier dates the run resumed.
 *
 * @param planned     rows this run added to the outbox
 * @param alreadySent readers who had this date's digest before the run: skipped
 * @param sent        messages handed over in this run
 * @param deferred    messages still pending (temporary failures, server down, stopped): a later run sends them
 * @param failed      messages failed for good (a 5xx answer), in all runs of the date
 * @param elsewhere   messages being sent by another live sender right now: theirs to report
 * @param distinctDigests digests rendered (readers with the same papers share one)
 * @param seconds         the whole run; {@code sendingSeconds} the part spent handing messages over
 * @param expired     messages of dates older than {@code delivery.maxAgeDays} cancelled by this run
 * @param earlier     the earlier dates whose pending messages this run sent, oldest first
 */
public record DeliveryReport(LocalDate date, int planned, int alreadySent, int sent, int deferred, int failed, int cancelled,
                             int elsewhere, int distinctDigests, double seconds, double sendingSeconds, String problem,
                             int expired, List<DeliveryReport> earlier) {

    public DeliveryReport {
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
    }

    /** This report with the run-wide figures added: expired rows and the earlier dates resumed. */
    DeliveryReport withEarlier(int expiredRows, List<DeliveryReport> resumed, double totalSeconds) {
        return new DeliveryReport(date, planned, alreadySent, sent, deferred, failed, cancelled, elsewhere, distinctDigests,
                totalSeconds, sendingSeconds, problem, expiredRows, resumed);
    }

    /** 0 when everyone was sent, 3 when some were deferred, failed or expired (here or in a resumed date). */
    public int exitCode() {
        boolean incomplete = deferred > 0 || failed > 0 || problem != null || expired > 0;
        return incomplete || earlier.stream().anyMatch(r -> r.exitCode() != 0) ? 3 : 0;
    }

    public String summary() {
        StringBuilder out = new StringBuilder();
        for (DeliveryReport r : earlier) {
            out.append(r.line(" (resumed)")).append('\n');
        }
        out.append(line(""));
        if (expired > 0) {
            out.append("\nexpired ").append(expired).append(" messages older than delivery.maxAgeDays: they will not be sent");
        }
        return out.toString();
    }

    private String line(String label) {
        return String.format("%s%s: sent %d, skipped as already sent %d, deferred %d, failed %d%s%s (%d new in the outbox,"
                        + " %d distinct digests, %.1f s%s)", date, label, sent, alreadySent, deferred, failed,
                cancelled > 0 ? ", cancelled " + cancelled : "", elsewhere > 0 ? ", being sent by another sender " + elsewhere : "",
                planned, distinctDigests, seconds,
                sent > 0 && sendingSeconds > 0 ? String.format(", sending %.1f s at %.0f/s", sendingSeconds, sent / sendingSeconds) : "")
                + (problem == null ? "" : "; " + problem);
    }
}
