package org.paperboy.bounces;

import java.util.regex.Pattern;

/** The words of an HTML bounce (Exchange, Office 365), enough to find addresses and codes in. */
final class Html {

    private static final Pattern BREAKS = Pattern.compile("(?i)<(?:br|/p|/div|/tr|/li|/h\\d)[^>]*>");
    private static final Pattern TAGS = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern HIDDEN = Pattern.compile("(?is)<(style|script|head)[^>]*>.*?</\\1>");

    private Html() {
    }

    static String toText(String html) {
        String text = HIDDEN.matcher(html).replaceAll(" ");
        text = BREAKS.matcher(text).replaceAll("\n");
        text = TAGS.matcher(text).replaceAll(" ");
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&quot;", "\"")
                .replace("&#43;", "+").replace("&amp;", "&");
    }
}
