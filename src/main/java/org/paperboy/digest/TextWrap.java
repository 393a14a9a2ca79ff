package org.paperboy.digest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps plain text to a line width at word boundaries, keeping each line's indentation for its
 * continuation lines. A single word longer than the width (a long URL) stands on its own line.
 */
final class TextWrap {

    private static final Pattern NUMBERED = Pattern.compile(" *\\d{1,3}\\. ");

    private TextWrap() {
    }

    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 20);
        for (String line : text.split("\n", -1)) {
            wrapLine(line.stripTrailing(), width, out);
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static void wrapLine(String line, int width, StringBuilder out) {
        if (line.length() <= width) {
            out.append(line);
            return;
        }
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        // continuation lines of a numbered item ("12. Title") hang under its text
        Matcher item = NUMBERED.matcher(line);
        String pad = " ".repeat(Math.min(item.lookingAt() ? item.end() : indent, width / 2));
        int lineStart = out.length();
        out.append(line, 0, indent);
        boolean first = true;
        for (String word : line.substring(indent).split(" +")) {
            int current = out.length() - lineStart;
            if (!first && current + 1 + word.length() > width) {
                out.append('\n');
                lineStart = out.length();
                out.append(pad);
            } else if (!first) {
                out.append(' ');
            }
            out.append(word);
            first = false;
        }
    }
}
