package org.paperboy.papers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises arXiv identifiers, new style (2401.01234) and old style (hep-th/9901001). */
final class ArxivIds {

    private static final Pattern ID = Pattern.compile("(\\d{4}\\.\\d{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/\\d{7})");
    private static final Pattern IN_URL = Pattern.compile("arxiv\\.org/(?:abs|pdf)/" + ID.pattern() + "(?:v\\d+)?");

    private ArxivIds() {
    }

    static boolean isArxivId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The id inside an arXiv URL such as {@code http://arxiv.org/abs/2401.01234v2}, or null. */
    static String fromUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = IN_URL.matcher(url);
        return m.find() ? m.group(1) : null;
    }
}
