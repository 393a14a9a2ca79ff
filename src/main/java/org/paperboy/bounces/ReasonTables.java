package org.paperboy.bounces;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The message tables of Sisimai's reasons (lib/Sisimai/Reason/*.pm, each module's {@code match}), read from
 * sisimai-reasons.tsv: the phrases (lower case, found anywhere in the message), the phrases that rule a reason
 * out, and the regular expressions. Messages are matched lower case and cut to {@value #MAX_TEXT} characters,
 * so a hostile message costs at most that much per pattern.
 */
final class ReasonTables {

    static final int MAX_TEXT = 2000;

    private record Table(List<String> index, List<String> isnot, List<Pattern> regex) {
    }

    private static final Map<String, Table> TABLES = load();
    /** An MTA's phrase (lower case), pattern of its words, or pattern of the status code, and the reason it names. */
    private record MtaPhrase(String mta, String reason, Object phrase, boolean onStatus) {
    }

    private static final List<MtaPhrase> MTA_PHRASES = loadMtaPhrases();

    private ReasonTables() {
    }

    /** Whether the message (lower case) reads as this reason in Sisimai's tables. */
    static boolean match(String reason, String lowerText) {
        Table t = TABLES.get(reason);
        if (t == null || lowerText == null || lowerText.isEmpty()) {
            return false;
        }
        String text = lowerText.length() > MAX_TEXT ? lowerText.substring(0, MAX_TEXT) : lowerText;
        for (String s : t.isnot()) {
            if (text.contains(s)) {
                return false;
            }
        }
        for (String s : t.index()) {
            if (text.contains(s)) {
                return true;
            }
        }
        for (Pattern p : t.regex()) {
            if (p.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /** The reason this MTA's own wording (lower case) or status code names in Sisimai's per-MTA tables, or "". */
    static String mtaReason(String mta, String lowerText, String status) {
        if (mta == null || mta.isEmpty()) {
            return "";
        }
        String text = lowerText == null ? "" : lowerText.length() > MAX_TEXT ? lowerText.substring(0, MAX_TEXT) : lowerText;
        for (MtaPhrase p : MTA_PHRASES) {
            if (!p.mta().equals(mta)) {
                continue;
            }
            String subject = p.onStatus() ? status : text;
            if (p.phrase() instanceof Pattern pattern ? pattern.matcher(subject).find() : subject.contains((String) p.phrase())) {
                return p.reason();
            }
        }
        return "";
    }

    private static List<MtaPhrase> loadMtaPhrases() {
        List<MtaPhrase> phrases = new ArrayList<>();
        for (String[] f : lines("sisimai-lhost-phrases.tsv", 5)) {
            boolean onStatus = f[3].equals("status");
            Object phrase = f[3].equals("index") ? f[4].toLowerCase(java.util.Locale.ROOT)
                    : Pattern.compile(f[4], onStatus ? 0 : Pattern.CASE_INSENSITIVE);
            phrases.add(new MtaPhrase(f[0], f[2], phrase, onStatus));
        }
        return phrases;
    }

    static List<String[]> lines(String resource, int fields) {
        List<String[]> lines = new ArrayList<>();
        try (InputStream in = ReasonTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    lines.add(line.split("\t", fields));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
        return lines;
    }

    private static Map<String, Table> load() {
        Map<String, Table> tables = new HashMap<>();
        for (String[] f : lines("sisimai-reasons.tsv", 3)) {
            Table t = tables.computeIfAbsent(f[0], r -> new Table(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            switch (f[1]) {
                case "index" -> t.index().add(f[2]);
                case "isnot" -> t.isnot().add(f[2]);
                case "regex" -> t.regex().add(Pattern.compile(f[2]));
                default -> throw new IllegalStateException("sisimai-reasons.tsv: unknown kind " + f[1]);
            }
        }
        return tables;
    }
}
