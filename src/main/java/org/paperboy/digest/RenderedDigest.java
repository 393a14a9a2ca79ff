package org.paperboy.digest;

import java.util.ArrayList;
import java.util.List;
import org.paperboy.ranking.Digest;

/**
 * A digest rendered once for every reader who gets the same papers, with the per-reader parts
 * (address, unsubscribe and preference links, each paper's vote token) left as slots that
 * {@link #fill} writes cheaply.
 */
public final class RenderedDigest {

    private final Digest digest;
    private final String subject;
    private final Filled html;
    private final Filled text;
    private final List<String> votePapers;

    /** @param votePapers the papers whose vote tokens fill the slots after the first three, in slot order */
    RenderedDigest(Digest digest, String subject, String html, String text, String[] markers, List<String> votePapers) {
        this.digest = digest;
        this.subject = subject;
        this.votePapers = List.copyOf(votePapers);
        this.html = Filled.split(html, markers);
        this.text = Filled.split(text, markers);
    }

    public Digest digest() {
        return digest;
    }

    public String subject() {
        return subject;
    }

    /** The mail for a reader who has no vote links (a preview, a test mail): each vote token reads {@code example}. */
    public Email fill(String email, String unsubscribeUrl, String preferencesUrl) {
        return fill(email, unsubscribeUrl, preferencesUrl, paperId -> "example");
    }

    /** The mail for one reader, with the vote token of each paper; each value is escaped for HTML in the HTML part. */
    public Email fill(String email, String unsubscribeUrl, String preferencesUrl, java.util.function.Function<String, String> voteToken) {
        Values values = values(email, unsubscribeUrl, preferencesUrl, voteToken);
        return new Email(subject, html.with(values.html()), text.with(values.text()));
    }

    /** A reader's slot values as {@link #fill} writes them: one line each, escaped for the HTML part. */
    public record Values(String[] text, String[] html) {
    }

    /** The values for {@link #htmlSlots} and {@link #textSlots}, slot number n at index n. */
    public Values values(String email, String unsubscribeUrl, String preferencesUrl, java.util.function.Function<String, String> voteToken) {
        String[] values = new String[3 + votePapers.size()];
        values[0] = email;
        values[1] = unsubscribeUrl;
        values[2] = preferencesUrl;
        for (int i = 0; i < votePapers.size(); i++) {
            values[3 + i] = voteToken.apply(votePapers.get(i));
        }
        String[] escaped = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = oneLine(values[i]);
            escaped[i] = escapeHtml(values[i]);
        }
        return new Values(values, escaped);
    }

    /** A body cut at its reader slots: parts.get(0), slot slots[0], parts.get(1), ..., the last part. */
    public record Slotted(List<String> parts, int[] slots) {
    }

    /** The HTML body cut at its slots, for a writer that encodes the rest once (delivery's splicing). */
    public Slotted htmlSlots() {
        return new Slotted(html.parts(), html.slots().clone());
    }

    /** The text body cut at its slots. */
    public Slotted textSlots() {
        return new Slotted(text.parts(), text.slots().clone());
    }

    /** The value without CR, LF or tab: a reader's values never break a line or a header. */
    private static String oneLine(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                return s.replace("\r", "").replace("\n", "").replace("\t", "");
            }
        }
        return s;
    }

    static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A text cut at its slots: parts[0] slot[0] parts[1] slot[1] ... parts[n]. */
    private record Filled(List<String> parts, int[] slots, int length) {

        static Filled split(String text, String[] markers) {
            List<String> parts = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            int from = 0;
            while (true) {
                int best = -1;
                int which = -1;
                for (int m = 0; m < markers.length; m++) {
                    int at = text.indexOf(markers[m], from);
                    if (at >= 0 && (best < 0 || at < best)) {
                        best = at;
                        which = m;
                    }
                }
                if (best < 0) {
                    break;
                }
                parts.add(text.substring(from, best));
                slots.add(which);
                from = best + markers[which].length();
            }
            parts.add(text.substring(from));
            return new Filled(List.copyOf(parts), slots.stream().mapToInt(Integer::intValue).toArray(), text.length());
        }

        String with(String[] values) {
            StringBuilder out = new StringBuilder(length + 256);
            for (int i = 0; i < slots.length; i++) {
                out.append(parts.get(i)).append(values[slots[i]]);
            }
            return out.append(parts.get(parts.size() - 1)).toString();
        }
    }
}
