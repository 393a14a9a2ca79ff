package org.paperboy.ranking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Lucene's English analysis (standard tokenizer, possessives, lower case, stop words, Porter
 * stemmer), so "policies" and "policy", "diffusions" and "diffusion" reduce to the same stem and
 * a hyphenated "reinforcement-learning-based" yields its words. Used for papers and for keywords
 * alike, so both sides of a match are reduced the same way.
 */
final class TermAnalyzer {

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new EnglishPossessiveFilter(source);
            result = new LowerCaseFilter(result);
            result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            result = new PorterStemFilter(result);
            return new TokenStreamComponents(source, result);
        }
    };

    /** The stems of a text, in order, stop words left out. */
    String[] stems(String text) {
        if (text == null || text.isEmpty()) {
            return new String[0];
        }
        List<String> stems = new ArrayList<>(text.length() / 6);
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                stems.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse text", e);
        }
        return stems.toArray(new String[0]);
    }

    /** A stem with where its word stands in the text. */
    record Token(String stem, int start, int end) {
    }

    /** The stems of a text with their offsets, for highlighting. */
    List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse text", e);
        }
        return tokens;
    }

    /**
     * How often an acronym occurs as a whole token, case-sensitively; a plural "s" is allowed,
     * so "LLM" counts "LLMs" but not "LLMO" or "allm".
     */
    static int countAcronym(String text, String acronym) {
        int count = 0;
        for (int at = text.indexOf(acronym); at >= 0; at = text.indexOf(acronym, at + 1)) {
            if (acronymEnd(text, acronym, at) >= 0) {
                count++;
            }
        }
        return count;
    }

    /** The end of the acronym standing as a whole token at {@code at}, or -1 when it is part of a word. */
    static int acronymEnd(String text, String acronym, int at) {
        int end = at + acronym.length();
        if (end < text.length() && text.charAt(end) == 's') {
            end++;
        }
        return isBoundary(text, at - 1) && isBoundary(text, end) ? end : -1;
    }

    private static boolean isBoundary(String text, int index) {
        return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
    }
}
