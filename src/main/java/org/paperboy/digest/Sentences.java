package org.paperboy.digest;

import java.util.Set;

/** Cuts an abstract where a sentence ends, so a digest never stops mid-thought when it can help it. */
final class Sentences {

    private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "al", "etc", "vs", "fig", "figs", "eq", "eqs", "cf",
            "sec", "no", "approx", "resp");

    private static final java.util.regex.Pattern CLAIM = java.util.regex.Pattern.compile(
            "(?i)\\b(we|this (paper|work|report)|our (work|method|approach))\\b[^.]{0,80}?\\b(propose|present|introduce|develop|show|find"
                    + "|demonstrate|design|release|study)");
    private static final int MAX_CLAIM = 320;
    private static final java.util.regex.Pattern LEAD_IN = java.util.regex.Pattern.compile("^[^,;:]{3,80}, ((we|our) )");

    private Sentences() {
    }

    /**
     * The text's whole sentences up to about {@code max} characters: the last sentence end before
     * {@code max} if it keeps at least a third, else the first one up to 40% past it, else a cut at
     * a word boundary ending in "…".
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int before = -1;
        for (int end = nextEnd(text, 0); end > 0 && end <= max + 1; end = nextEnd(text, end)) {
            before = end;
        }
        if (before >= max / 3) {
            return text.substring(0, before).strip();
        }
        int after = nextEnd(text, max / 3);
        if (after > 0 && after <= max * 1.4) {
            return text.substring(0, after).strip();
        }
        return DigestView.cut(text, max);
    }

    /**
     * The abstract's first sentence saying what the authors did ("In this paper, we present ...",
     * "We propose ..."), when it is short enough to be a TL;DR; null when none is.
     */
    static String contribution(String text) {
        int start = 0;
        for (int end = nextEnd(text, 0); start < text.length(); end = nextEnd(text, start)) {
            String sentence = (end < 0 ? text.substring(start) : text.substring(start, end)).strip();
            if (sentence.length() >= 40 && sentence.length() <= MAX_CLAIM && CLAIM.matcher(sentence).find()) {
                return fromSubject(sentence);
            }
            if (end < 0) {
                break;
            }
            start = end;
        }
        return null;
    }

    /** "To address this, we propose X." reads "We propose X.": the lead-in clause is for the abstract, not a TL;DR. */
    private static String fromSubject(String sentence) {
        java.util.regex.Matcher m = LEAD_IN.matcher(sentence);
        if (!m.find()) {
            return sentence;
        }
        String rest = sentence.substring(m.start(1));
        return Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
    }

    /** The index just past the next sentence end at or after {@code from}, or -1. */
    private static int nextEnd(String text, int from) {
        for (int i = Math.max(from, 1); i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '?' || c == '!') && Character.isWhitespace(text.charAt(i + 1)) && i + 2 < text.length()
                    && (Character.isUpperCase(text.charAt(i + 2)) || Character.isDigit(text.charAt(i + 2))) && !abbreviation(text, i)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean abbreviation(String text, int dot) {
        int start = dot;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1)) && text.charAt(start - 1) != '(') {
            start--;
        }
        String word = text.substring(start, dot).toLowerCase(java.util.Locale.ROOT);
        return ABBREVIATIONS.contains(word) || word.length() == 1 && Character.isLetter(word.charAt(0));
    }
}
