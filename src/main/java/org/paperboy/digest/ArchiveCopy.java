package org.paperboy.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an archived digest (the mail's HTML as published): its public version, with the parts
 * that name a reader replaced by the archive's own footer, and its papers, for the Atom feed.
 * Only the marks our own template writes are read: {@code <!--pb:personal-->} blocks, title links
 * with class {@code pt} and the TL;DR box.
 */
public final class ArchiveCopy {

    static final String PERSONAL_START = "<!--pb:personal-->";
    static final String PERSONAL_END = "<!--/pb:personal-->";
    private static final Pattern TITLE = Pattern.compile("<a class=\"pt\" href=\"([^\"]+)\"[^>]*>([^<]*)</a>");
    private static final Pattern TLDR = Pattern.compile("<strong>TL;DR</strong> ([^<]*)</div>");
    private static final Pattern REASONS = Pattern.compile("^</a>(?:</span>)?\\s*<span class=\"mu\"[^>]*>([^<]*)</span>|^</a></div>\\s*"
            + "<div class=\"mu\"[^>]*>([^<]*)</div>");

    /** One paper of an archived day: its title, link and one-line summary, as plain text. */
    public record Paper(String title, String url, String summary) {
    }

    private ArchiveCopy() {
    }

    /** The page without the reader's parts: the last personal block becomes {@code footer}, the others go. */
    public static String publicPage(String html, String footer) {
        int last = html.lastIndexOf(PERSONAL_START);
        if (last < 0) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length());
        int from = 0;
        for (int at = html.indexOf(PERSONAL_START); at >= 0; at = html.indexOf(PERSONAL_START, from)) {
            int end = html.indexOf(PERSONAL_END, at);
            if (end < 0) {
                break;
            }
            out.append(html, from, at).append(at == last ? footer : "");
            from = end + PERSONAL_END.length();
        }
        return out.append(html.substring(from)).toString();
    }

    /** The papers of an archived day in their order, each paper once. */
    public static List<Paper> papers(String html) {
        List<Paper> papers = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        Matcher title = TITLE.matcher(html);
        List<int[]> spans = new ArrayList<>();
        List<String[]> found = new ArrayList<>();
        while (title.find()) {
            spans.add(new int[] {title.start(), title.end()});
            found.add(new String[] {unescape(title.group(1)), unescape(title.group(2))});
        }
        for (int i = 0; i < found.size(); i++) {
            if (seen.contains(found.get(i)[0])) {
                continue;
            }
            seen.add(found.get(i)[0]);
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : html.length();
            String block = html.substring(spans.get(i)[1] - "</a>".length(), end);
            papers.add(new Paper(found.get(i)[1], found.get(i)[0], summary(block)));
        }
        return papers;
    }

    private static String summary(String block) {
        Matcher tldr = TLDR.matcher(block);
        if (tldr.find()) {
            return unescape(tldr.group(1)).strip();
        }
        Matcher reasons = REASONS.matcher(block);
        if (reasons.find()) {
            return unescape(reasons.group(1) != null ? reasons.group(1) : reasons.group(2)).strip();
        }
        return "";
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
