package org.paperboy.papers;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text clean-up shared by the sources, and the keys papers are matched on. */
final class Titles {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final int SLUG_MAX = 80;

    private Titles() {
    }

    /** Collapses runs of whitespace, including the hard line breaks of older API responses. */
    static String collapse(String text) {
        return text == null ? null : SPACES.matcher(text).replaceAll(" ").strip();
    }

    /** The title reduced to lower-case letters and digits: what two sources of one paper agree on. */
    static String mergeKey(String title) {
        String folded = Normalizer.normalize(title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }

    /** A stable, URL-safe id for a paper with no arXiv id: the title in lower-case ASCII words. */
    static String slug(String title) {
        String ascii = MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("");
        String slug = NON_ALNUM.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = slug.replaceAll("^-+|-+$", "");
        if (slug.length() > SLUG_MAX) {
            int cut = slug.lastIndexOf('-', SLUG_MAX);
            slug = slug.substring(0, cut > 20 ? cut : SLUG_MAX);
        }
        return slug.isEmpty() ? "paper-" + Integer.toHexString(mergeKey(title).hashCode()) : slug;
    }
}
