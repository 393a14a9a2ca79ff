package org.paperboy.admin;

import java.util.List;
import java.util.Locale;

/**
 * A chart's frame as inline SVG: a plot area with a y-axis from 0 to a maximum, gridlines, and
 * the first and last dates under it. Numbers and dates only; text is escaped all the same.
 */
final class Svg {

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    static final int LEFT = 52;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 28;

    private final StringBuilder out = new StringBuilder();
    private final double max;
    private final int points;

    /** @param title what the chart shows, for screen readers */
    Svg(String title, double max, int points) {
        this.max = max <= 0 ? 1 : max;
        this.points = Math.max(points, 1);
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\""
                + " role=\"img\" aria-label=\"%s\"><title>%s</title>", WIDTH, HEIGHT, escape(title), escape(title)));
    }

    double x(int index) {
        double span = WIDTH - LEFT - RIGHT;
        return points == 1 ? LEFT + span / 2 : LEFT + span * index / (points - 1);
    }

    double y(double value) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - Math.min(value, max) / max);
    }

    /** The width of one bar's slot. */
    double slot() {
        return (WIDTH - LEFT - RIGHT) / (double) points;
    }

    Svg grid(String topLabel, String firstDate, String lastDate) {
        line(LEFT, y(0), WIDTH - RIGHT, y(0), "#9ca3af", false);
        line(LEFT, y(max), WIDTH - RIGHT, y(max), "#e5e7eb", false);
        text(LEFT - 6, y(max) + 4, "end", topLabel);
        text(LEFT - 6, y(0) + 4, "end", "0");
        text(LEFT, HEIGHT - 8, "start", firstDate);
        text(WIDTH - RIGHT, HEIGHT - 8, "end", lastDate);
        return this;
    }

    Svg polyline(List<Double> values, String color, boolean area) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i), y(values.get(i))));
        }
        if (area && !values.isEmpty()) {
            out.append(String.format(Locale.ROOT, "<polygon points=\"%.1f,%.1f %s%.1f,%.1f\" fill=\"%s\" fill-opacity=\"0.15\"/>",
                    x(0), y(0), pts, x(values.size() - 1), y(0), color));
        }
        out.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>",
                pts.toString().strip(), color));
        return this;
    }

    /** A dot on a line's point, its label shown on hover: the figure the line stands for. */
    Svg point(int index, double value, String color, String label) {
        out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s</title></circle>",
                x(index), y(value), color, escape(label)));
        return this;
    }

    Svg bar(int index, double from, double to, String color, String label) {
        double w = Math.max(1, slot() * 0.7);
        double left = LEFT + slot() * index + (slot() - w) / 2;
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                left, y(to), w, Math.max(0, y(from) - y(to)), color, escape(label)));
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String color, boolean dashed) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>", x1, y1, x2, y2,
                color, dashed ? " stroke-dasharray=\"6 4\"" : ""));
        return this;
    }

    Svg text(double x, double y, String anchor, String text) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"12\" fill=\"#6b7280\">%s</text>",
                x, y, anchor, escape(text)));
        return this;
    }

    String done() {
        return out + "</svg>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
