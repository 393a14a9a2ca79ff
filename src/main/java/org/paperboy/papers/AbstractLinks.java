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
        return new Links(null, null, null, match(PROJECT, abstractText, 1), match(GITHUB, abstractText, 0));
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
