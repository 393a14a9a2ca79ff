package org.paperboy.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.paperboy.ConfigException;
import org.paperboy.Redact;

/**
 * The one-line messages of a config file that does not fit: they name the file, line and key and
 * quote the value back, except where it may be a secret ({@link ConfigKeys}' rule). A mistyped
 * {@code smtp.pasword} is still a password, so no value of an unknown key in a section holding
 * secrets is ever quoted, nor any value whose key looks like a secret; and whatever is quoted has
 * URL passwords masked.
 */
final class ConfigErrors {

    private static final Pattern KEY_LINE = Pattern.compile("\\s*-?\\s*([A-Za-z0-9_.-]+)\\s*:\\s*(.*)");

    private ConfigErrors() {
    }

    /**
     * Broken YAML, or a key given twice. Never quotes the offending line: it may hold a secret; and
     * masks what the parser quotes of any line whose key is a secret (the file cannot be read whole).
     */
    static ConfigException syntax(String name, JacksonException e, Path file) {
        ConfigException plain = syntax(name, e);
        return new ConfigException(Redact.text(plain.getMessage(), secretsOnLines(file)));
    }

    /** The values written after a secret key ({@code  password: ...}) on the file's lines, unquoted. */
    private static String[] secretsOnLines(Path file) {
        if (file == null) {
            return new String[0];
        }
        try {
            return Files.readAllLines(file).stream().map(KEY_LINE::matcher).filter(m -> m.matches() && ConfigKeys.secret(m.group(1)))
                    .map(m -> m.group(2).strip().replaceAll("^[\"']|[\"']$", "")).filter(v -> !v.isEmpty()).toArray(String[]::new);
        } catch (IOException | UncheckedIOException ex) {
            return new String[0];
        }
    }

    private static ConfigException syntax(String name, JacksonException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            String key = parser.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.');
            return new ConfigException(name + " line " + line + ": \"" + key + "\" is given twice; keep one"
                    + " (a repeated key would silently replace the first)");
        }
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml) {
            line = yaml.getProblemMark() == null ? line : yaml.getProblemMark().getLine() + 1;
            message = (yaml.getContext() == null ? "" : yaml.getContext() + ": ") + yaml.getProblem();
        }
        return new ConfigException(name + " line " + line + ": not valid YAML: "
                + Redact.text(message.lines().findFirst().orElse("").strip()));
    }

    static ConfigException unknownKey(String name, JsonNode tree, String key, Collection<Object> knownIds) {
        Set<String> known = knownIds == null ? Set.of() : knownIds.stream().map(Object::toString).collect(Collectors.toSet());
        String last = key.substring(key.lastIndexOf('.') + 1);
        String guess = known.stream().filter(k -> distance(k.toLowerCase(), last.toLowerCase()) <= 2)
                .min(Comparator.comparingInt(k -> distance(k.toLowerCase(), last.toLowerCase())))
                .map(k -> "; did you mean \"" + k + "\"?").orElse("");
        String list = known.stream().sorted().collect(Collectors.joining(", "));
        boolean hide = ConfigKeys.mayHoldSecret(key, node(tree, key));
        return new ConfigException(name + ": unknown key \"" + key + "\""
                + (hide ? guess + " (its value is not shown: it may be a secret" : " with value " + quote(tree, key) + guess + " (")
                + (list.isEmpty() ? ")" : (hide ? "; " : "") + "known keys here: " + list + ")"));
    }

    /** The value at the key, quoted, or "(hidden)" when it may be a secret. */
    static String quote(JsonNode tree, String key) {
        JsonNode node = node(tree, key);
        if (ConfigKeys.holdsSecret(key, node)) {
            return "(hidden)";
        }
        return node.isMissingNode() ? "(none)" : "\"" + Redact.text(node.isValueNode() ? node.asText() : node.toString()) + "\"";
    }

    private static JsonNode node(JsonNode tree, String key) {
        JsonNode node = tree;
        for (String part : key.split("\\.")) {
            int bracket = part.indexOf('[');
            node = node.path(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0) {
                node = node.path(Integer.parseInt(part.substring(bracket + 1, part.indexOf(']'))));
            }
        }
        return node;
    }

    /** Levenshtein distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
