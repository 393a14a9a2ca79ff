package org.paperboy.papers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code and project links authors write into their abstracts ("Code is available at
 * https://github.com/...", "Project Page: https://..."), for sources that give no links of their own.
 */
final class AbstractLinks {

    private static final Pattern GITHUB = Pattern.compile("https?://github\\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern PROJECT = Pattern.compile(
            "(?i)project (?:page|website)\\s*(?:is available)?\\s*(?:at|:)?\\s*(https?://[^\\s)\\]]+)");

    private AbstractLinks() {
    }

    static Links find(String abstractText) {
        // cheap substring checks first: most abstracts hold neither, and the patterns are slow to scan
        String project = abstractText.contains("roject") ? match(PROJECT, abstractText, 1) : null;
        String github = abstractText.contains("github.com/") ? match(GITHUB, abstractText, 0) : null;
        return project == null && github == null ? Links.NONE : new Links(null, null, null, project, github);
    }

    private static String match(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        return m.find() ? trimPunctuation(m.group(group)) : null;
    }

    private static String trimPunctuation(String url) {
        String trimmed = url;
        while (!trimmed.isEmpty() && ".,;:".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
