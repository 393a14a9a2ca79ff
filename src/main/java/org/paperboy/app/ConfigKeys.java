package org.paperboy.app;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The keys of {@code paperboy.yaml}, read off the config model ({@link PaperboyConfig} and the
 * records of its sections), and the one rule for which of them hold secrets: a key whose last part
 * names a password, secret, token, credential or key ({@code password}, {@code passwd},
 * {@code secret}, {@code apiKey}, ...), or is one or two typing mistakes away from
 * {@code password}, {@code secret} or {@code token} ({@code pasword}, {@code sercet}). Whatever
 * echoes a key or its value (the loader's errors, {@code check}, logs) asks here; a new section's
 * secret is covered by its name, with no list to keep up to date.
 */
final class ConfigKeys {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass|pwd|secret|token|credential).*|(?i).*key");
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token");
    private static final List<String> ALL = keys("", PaperboyConfig.class, new ArrayList<>());
    private static final Set<String> SECRET_SECTIONS = sections();

    private ConfigKeys() {
    }

    /** Every key of the config model, dotted ({@code smtp.password}), sections included. */
    static List<String> all() {
        return ALL;
    }

    /** The keys of the model that hold secrets. */
    static List<String> secrets() {
        return ALL.stream().filter(k -> k.contains(".") && secret(k)).toList();
    }

    /** The sections that hold a secret: a mistyped key in one of them may be that secret. */
    static Set<String> secretSections() {
        return SECRET_SECTIONS;
    }

    private static Set<String> sections() {
        Set<String> sections = new TreeSet<>();
        secrets().forEach(k -> sections.add(k.substring(0, k.indexOf('.'))));
        return java.util.Collections.unmodifiableSet(sections);
    }

    /** Whether the key (its last part; list indexes ignored) names a secret, by the rule above. */
    static boolean secret(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
        if (last.isEmpty()) {
            return false;
        }
        if (SECRET_NAME.matcher(last).matches()) {
            return true;
        }
        String lower = last.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(w -> typos(w, lower) <= (w.length() > 5 ? 2 : 1));
    }

    /** Typing mistakes between two words: letters left out, added, changed, or two swapped (optimal string alignment). */
    static int typos(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + change);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Whether the value at the key may hold a secret: its key is one, or it holds a key that is, or it sits where one is expected. */
    static boolean mayHoldSecret(String key, JsonNode node) {
        return unknownInSecretSection(key) || holdsSecret(key, node);
    }

    /** Whether the key, or any key inside its value, names a secret. */
    static boolean holdsSecret(String key, JsonNode node) {
        if (secret(key)) {
            return true;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String child = names.next();
            if (holdsSecret(child, node.path(child))) {
                return true;
            }
        }
        for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
            if (holdsSecret("", element)) {
                return true;
            }
        }
        return false;
    }

    /** The values of the tree at secret keys (and anywhere inside a value that may hold one), to be masked wherever text is shown. */
    static List<String> secretValues(JsonNode tree) {
        List<String> values = new ArrayList<>();
        collect("", tree, false, values);
        return values;
    }

    private static void collect(String key, JsonNode node, boolean secret, List<String> values) {
        boolean here = secret || !key.isEmpty() && (secret(key) || unknownInSecretSection(key));
        if (node.isValueNode()) {
            if (here && !node.isNull()) {
                values.add(node.asText());
            }
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String child = names.next();
            collect(key.isEmpty() ? child : key + "." + child, node.path(child), here, values);
        }
        for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
            collect(key, element, here, values);
        }
    }

    /** An unknown key in a section that holds secrets: a mistyped secret, maybe. */
    private static boolean unknownInSecretSection(String key) {
        int dot = key.indexOf('.');
        return dot > 0 && !ALL.contains(key) && SECRET_SECTIONS.contains(key.substring(0, dot));
    }

    private static List<String> keys(String prefix, Class<?> type, List<String> into) {
        for (RecordComponent c : type.getRecordComponents()) {
            String key = prefix + c.getName();
            into.add(key);
            if (c.getType().isRecord()) {
                keys(key + ".", c.getType(), into);
            }
        }
        return List.copyOf(into);
    }
}
