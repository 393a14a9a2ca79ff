package org.paperboy.papers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TeX that arXiv titles and abstracts carry, turned into plain text: ``quotes'' into “quotes”,
 * {@code \emph{x}} and its kin into x, {@code $O(n)$} into O(n), {@code \%} into %, {@code ~} into
 * a space and {@code --} into a dash. Text without TeX is returned as it is, cheaply.
 */
public final class TexText {

    private static final Pattern COMMAND_WITH_ARG = Pattern.compile(
            "\\\\(?:emph|textbf|textit|texttt|textsc|textrm|textsf|mathrm|mathbf|mathit|mathcal|mathbb|text|url|underline)\\s*\\{([^{}]*)}");
    private static final Pattern INLINE_MATH = Pattern.compile("\\$([^$]{1,200})\\$");
    private static final Pattern ESCAPED = Pattern.compile("\\\\([%&#_{}$])");
    private static final Pattern SYMBOL = Pattern.compile("\\\\(times|cdot|leq|geq|le|ge|approx|sim|to|rightarrow|pm|infty|alpha|beta|gamma|lambda|mu|epsilon|sigma|tau|theta)(?![A-Za-z])");
    private static final Pattern BARE_BRACES = Pattern.compile("(?<![\\\\\\w])\\{([^{}]*)}");

    private TexText() {
    }

    public static String plain(String text) {
        if (text == null || !hasTex(text)) {
            return text;
        }
        String s = text.replace("``", "\u201c").replace("''", "\u201d");
        s = s.replaceAll("(?<![\\w`])`([^`'\\s][^`']{0,80})'(?!\\w)", "\u2018$1\u2019");
        for (int i = 0; i < 3 && s.contains("\\"); i++) {
            s = COMMAND_WITH_ARG.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        }
        s = INLINE_MATH.matcher(s).replaceAll(m -> Matcher.quoteReplacement(math(m.group(1))));
        s = SYMBOL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(symbol(m.group(1))));
        s = ESCAPED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = s.replace("---", "\u2014").replace("--", "\u2013").replace('~', ' ');
        return s;
    }

    private static boolean hasTex(String s) {
        return s.indexOf('`') >= 0 || s.indexOf('\\') >= 0 || s.indexOf('$') >= 0 || s.indexOf('~') >= 0 || s.contains("''")
                || s.contains("--");
    }

    private static String math(String inner) {
        String m = SYMBOL.matcher(inner).replaceAll(x -> Matcher.quoteReplacement(symbol(x.group(1))));
        m = BARE_BRACES.matcher(m).replaceAll(x -> Matcher.quoteReplacement(x.group(1)));
        return m.replace("\\,", " ").replace("\\", "").strip();
    }

    private static String symbol(String name) {
        return switch (name) {
            case "times" -> "×";
            case "cdot" -> "·";
            case "leq", "le" -> "≤";
            case "geq", "ge" -> "≥";
            case "approx" -> "≈";
            case "sim" -> "~";
            case "to", "rightarrow" -> "→";
            case "pm" -> "±";
            case "infty" -> "∞";
            case "alpha" -> "α";
            case "beta" -> "β";
            case "gamma" -> "γ";
            case "lambda" -> "λ";
            case "mu" -> "μ";
            case "epsilon" -> "ε";
            case "sigma" -> "σ";
            case "tau" -> "τ";
            default -> "θ";
        };
    }
}
