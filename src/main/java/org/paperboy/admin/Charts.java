package org.paperboy.admin;

import java.util.List;
import java.util.Locale;
import org.paperboy.stats.GrowthDay;
import org.paperboy.stats.Rates;

/** The admin page's three charts, drawn on the server as inline SVG from the report's days. */
final class Charts {

    private Charts() {
    }

    static String readers(List<GrowthDay> days) {
        List<Double> values = days.stream().map(d -> (double) d.readers()).toList();
        double max = niceMax(values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        Svg svg = frame("Confirmed readers at the end of each day", max, days, String.valueOf((long) max))
                .polyline(values, "#1d4ed8", true);
        for (int i = 0; i < days.size(); i++) {
            svg.point(i, values.get(i), "#1d4ed8", days.get(i).date() + ": " + days.get(i).readers() + " readers");
        }
        return svg.done();
    }

    static String sends(List<GrowthDay> days) {
        double max = niceMax(days.stream().mapToDouble(d -> d.sent() + d.hardBounces()).max().orElse(0));
        Svg svg = frame("Messages sent per day (blue) and refused for good (red)", max, days, String.valueOf((long) max));
        for (int i = 0; i < days.size(); i++) {
            GrowthDay d = days.get(i);
            svg.bar(i, 0, d.sent(), "#1d4ed8", d.date() + ": " + d.sent() + " sent");
            svg.bar(i, d.sent(), d.sent() + d.hardBounces(), "#dc2626", d.date() + ": " + d.hardBounces() + " refused");
        }
        return svg.done();
    }

    /** Each day's bounce and complaint rates over that day's sent messages, with Gmail's 0.3% complaint line. */
    static String rates(List<GrowthDay> days) {
        List<Double> bounces = days.stream().map(d -> rate(d.hardBounces(), d.sent())).toList();
        List<Double> complaints = days.stream().map(d -> rate(d.complained(), d.sent())).toList();
        double highest = java.util.stream.Stream.concat(bounces.stream(), complaints.stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        double max = Math.max(Rates.GMAIL_COMPLAINT_LIMIT * 2, Math.min(1, highest * 1.1));
        Svg svg = frame("Bounce rate (orange) and complaint rate (purple) per day; dashed: Gmail's 0.3% complaint line", max, days,
                String.format(Locale.ROOT, "%.1f%%", max * 100));
        double limit = svg.y(Rates.GMAIL_COMPLAINT_LIMIT);
        svg.line(Svg.LEFT, limit, Svg.WIDTH - Svg.RIGHT, limit, "#dc2626", true)
                .text(Svg.WIDTH - Svg.RIGHT - 4, limit - 4, "end", "0.3%");
        return svg.polyline(bounces, "#ea580c", false).polyline(complaints, "#7c3aed", false).done();
    }

    private static Svg frame(String title, double max, List<GrowthDay> days, String topLabel) {
        String first = days.isEmpty() ? "" : days.get(0).date().toString();
        String last = days.isEmpty() ? "" : days.get(days.size() - 1).date().toString();
        return new Svg(title, max, days.size()).grid(topLabel, first, last);
    }

    private static double rate(int count, int sent) {
        return sent == 0 ? 0 : (double) count / sent;
    }

    /** A round number at or above the value: 1, 2 or 5 times a power of ten. */
    static double niceMax(double value) {
        if (value <= 1) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
