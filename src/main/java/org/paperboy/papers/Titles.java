package org.paperboy.papers;

import java.text.Normalizer;

/**
 * Text clean-up shared by the sources, and the keys papers are matched on. These run once per
 * entry on the ingestion hot path, so they scan by hand instead of using regular expressions.
 */
final class Titles {

    private static final int SLUG_MAX = 80;

    private Titles() {
    }

    /** Collapses runs of whitespace, including the hard line breaks of older API responses. */
    static String collapse(String text) {
        if (text == null) {
            return null;
        }
        if (isCollapsed(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isCollapsed(String text) {
        int n = text.length();
        if (n > 0 && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(n - 1)))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' ? i + 1 < n && text.charAt(i + 1) == ' ' : Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** The title reduced to lower-case letters and digits: what two sources of one paper agree on. */
    static String mergeKey(String title) {
        String folded = isAscii(title) ? title : Normalizer.normalize(title, Normalizer.Form.NFKC);
        StringBuilder key = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(key::appendCodePoint);
        return key.toString();
    }

    /** A stable, URL-safe id for a paper with no arXiv id: the title in lower-case ASCII words. */
    static String slug(String title) {
        String ascii = isAscii(title) ? title : Normalizer.normalize(title, Normalizer.Form.NFKD);
        StringBuilder slug = new StringBuilder(Math.min(ascii.length(), SLUG_MAX + 1));
        for (int i = 0; i < ascii.length() && slug.length() <= SLUG_MAX; i++) {
            char c = Character.toLowerCase(ascii.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                slug.append(c);
            } else if (Character.getType(c) != Character.NON_SPACING_MARK && slug.length() > 0
                    && slug.charAt(slug.length() - 1) != '-') {
                slug.append('-');
            }
        }
        if (slug.length() > SLUG_MAX) {
            int cut = slug.lastIndexOf("-", SLUG_MAX);
            slug.setLength(cut > 20 ? cut : SLUG_MAX);
        }
        while (slug.length() > 0 && slug.charAt(slug.length() - 1) == '-') {
            slug.setLength(slug.length() - 1);
        }
        return slug.length() == 0 ? "paper-" + Integer.toHexString(mergeKey(title).hashCode()) : slug.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
