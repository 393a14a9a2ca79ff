package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the matched terms in a paper's text the same way the classifier found them (stems,
 * phrases, whole-token acronyms), and cuts the text into plain and highlighted segments so a
 * template can mark them while still escaping every character.
 */
public final class Highlighter {

    private final TermAnalyzer analyzer = new TermAnalyzer();

    /** A piece of the text, highlighted or not. */
    public record Segment(String text, boolean highlighted) {
    }

    public List<Segment> segments(String text, List<String> terms) {
        boolean[] marked = new boolean[text.length()];
        List<TermAnalyzer.Token> tokens = null;
        for (String term : terms) {
            if (isAcronym(term)) {
                markAcronym(text, term, marked);
            } else {
                tokens = tokens == null ? analyzer.tokens(text) : tokens;
                markPhrase(tokens, analyzer.stems(term), marked);
            }
        }
        return cut(text, marked);
    }

    private static boolean isAcronym(String term) {
        return term.chars().noneMatch(Character::isWhitespace) && term.chars().skip(1).anyMatch(Character::isUpperCase);
    }

    private static void markAcronym(String text, String acronym, boolean[] marked) {
        for (int at = text.indexOf(acronym); at >= 0; at = text.indexOf(acronym, at + 1)) {
            int end = TermAnalyzer.acronymEnd(text, acronym, at);
            for (int i = at; i < end; i++) {
                marked[i] = true;
            }
        }
    }

    private static void markPhrase(List<TermAnalyzer.Token> tokens, String[] phrase, boolean[] marked) {
        if (phrase.length == 0) {
            return;
        }
        outer:
        for (int i = 0; i + phrase.length <= tokens.size(); i++) {
            for (int j = 0; j < phrase.length; j++) {
                if (!phrase[j].equals(tokens.get(i + j).stem())) {
                    continue outer;
                }
            }
            for (int k = tokens.get(i).start(); k < tokens.get(i + phrase.length - 1).end(); k++) {
                marked[k] = true;
            }
        }
    }

    private static List<Segment> cut(String text, boolean[] marked) {
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || marked[i] != marked[start]) {
                segments.add(new Segment(text.substring(start, i), marked[start]));
                start = i;
            }
        }
        return segments;
    }
}
