package org.paperboy.stats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report as text for a terminal: a few aligned tables, quiet days left out. */
public final class ReportText {

    private ReportText() {
    }

    public static String format(Report r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Paperboy stats, last %d days (%s to %s, %s)%n%n", r.days(), r.from(), r.to(), r.timezone()));
        out.append("Readers: ").append(join(r.readers().byStatus())).append(String.format("%n"));
        out.append("  confirmed by frequency: ").append(join(r.readers().byFrequency())).append(String.format("%n%n"));
        growth(out, r.growth());
        sends(out, r.sends());
        rates(out, r);
        Returned returned = r.returned();
        out.append(String.format(Locale.ROOT, "Returned mail over the %d days%n  %d proven ours (acted on), %d unverified (not proven ours,"
                + " changed nobody), %d unmatched%n%n", r.days(), returned.proven(), returned.unverified(), returned.unmatched()));
        runs(out, r.runs());
        return out.toString();
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static void growth(StringBuilder out, List<GrowthDay> days) {
        List<GrowthDay> busy = days.stream().filter(d -> !d.quiet()).toList();
        out.append(String.format("Growth (days with no change left out)%n"));
        if (busy.isEmpty()) {
            out.append(String.format("  no reader joined or left, no message sent%n%n"));
            return;
        }
        out.append(String.format("  %-10s  %10s  %12s  %7s  %10s  %7s  %6s  %7s%n", "date", "subscribed", "unsubscribed", "bounced",
                "complained", "readers", "sent", "refused"));
        for (GrowthDay d : busy) {
            out.append(String.format("  %-10s  %10d  %12d  %7d  %10d  %7d  %6d  %7d%n", d.date(), d.subscribed(), d.unsubscribed(),
                    d.bounced(), d.complained(), d.readers(), d.sent(), d.hardBounces()));
        }
        out.append(String.format("%n"));
    }

    private static void sends(StringBuilder out, List<SendDay> sends) {
        out.append(String.format("Sends%n"));
        if (sends.isEmpty()) {
            out.append(String.format("  no digest was planned in these days%n%n"));
            return;
        }
        out.append(String.format("  %-10s  %6s  %7s  %6s  %9s  %7s  %9s  %7s  %s%n", "date", "sent", "pending", "failed", "cancelled",
                "expired", "duration", "per sec", "run"));
        for (SendDay s : sends) {
            out.append(String.format(Locale.ROOT, "  %-10s  %6d  %7d  %6d  %9d  %7d  %9s  %7s  %s%n", s.date(), s.sent(), s.pending(),
                    s.failed(), s.cancelled(), s.expired(), s.durationSeconds() == null ? "-" : duration(s.durationSeconds()),
                    s.perSecond() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.perSecond()),
                    s.outcome() == null ? "-" : s.outcome()));
        }
        out.append(String.format("%n"));
    }

    private static void rates(StringBuilder out, Report r) {
        Rates rates = r.rates();
        out.append(String.format(Locale.ROOT, "Rates over the %d days, of %d messages sent%n", r.days(), rates.sent()));
        out.append(String.format(Locale.ROOT, "  bounce rate     %s  (%d refused for good)%n", percent(rates.bounceRate()), rates.hardBounces()));
        if (!rates.complaintsTracked()) {
            out.append(String.format("  complaint rate  not tracked: this database records no unsubscribe reasons yet%n%n"));
            return;
        }
        String flag = switch (rates.complaintLevel()) {
            case "over-limit" -> "  OVER GMAIL'S 0.3% LINE: Gmail refuses or spam-folders mail from such senders";
            case "high" -> "  above Gmail's recommended 0.1%";
            default -> "";
        };
        out.append(String.format(Locale.ROOT, "  complaint rate  %s  (%d complaints)%s%n%n", percent(rates.complaintRate()),
                rates.complaints(), flag));
    }

    private static void runs(StringBuilder out, List<RunLine> runs) {
        out.append(String.format("Last runs%n"));
        if (runs.isEmpty()) {
            out.append(String.format("  none recorded%n"));
            return;
        }
        for (RunLine run : runs) {
            out.append(String.format(Locale.ROOT, "  %s  for %s on %s: %s%s%s%n", run.startedAt(), run.date(), run.node(), run.outcome(),
                    run.seconds() == null ? "" : " in " + duration(run.seconds()), run.summary() == null ? "" : " (" + run.summary() + ")"));
        }
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", rate * 100);
    }

    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        return s < 3600 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
