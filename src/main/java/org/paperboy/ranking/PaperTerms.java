package org.paperboy.ranking;

import java.util.List;

/** A paper's text as stems, kept from classification for the subscribers' keyword boosts. */
record PaperTerms(String[] title, String[] abstractText, List<String[]> keywords) {

    /** Whether the phrase occurs in the title (2), the abstract or keywords (1), or nowhere (0). */
    int find(String[] phrase) {
        return find(phrase, false);
    }

    /**
     * As {@link #find(String[])}; when the caller already knows a one-word phrase occurs in the paper
     * (it came from the stem index), only the title is searched.
     */
    int find(String[] phrase, boolean knownToOccur) {
        if (knownToOccur && phrase.length == 1) {
            return contains(title, phrase) ? 2 : 1;
        }
        if (contains(title, phrase)) {
            return 2;
        }
        if (contains(abstractText, phrase)) {
            return 1;
        }
        for (String[] keyword : keywords) {
            if (contains(keyword, phrase)) {
                return 1;
            }
        }
        return 0;
    }

    private static boolean contains(String[] text, String[] phrase) {
        outer:
        for (int i = 0; i + phrase.length <= text.length; i++) {
            for (int j = 0; j < phrase.length; j++) {
                if (!phrase[j].equals(text[i + j])) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
