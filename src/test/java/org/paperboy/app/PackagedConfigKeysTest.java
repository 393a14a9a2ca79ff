package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The config the Debian package installs lists every key the loader knows ({@link ConfigKeys}),
 * set or commented out, each with a comment saying what it does: a new key that is not there, or
 * has no comment, fails here.
 */
class PackagedConfigKeysTest {

    private static final Path PACKAGED = Path.of("packaging/deb/paperboy.yaml");
    /** A key line, set ({@code  port: 587}) or commented out ({@code  # templates: /etc/...}). */
    private static final Pattern KEY = Pattern.compile("^( *)(# ?)?([a-z][A-Za-z0-9]*):(?: |$)(.*)");

    @Test
    void thePackagedConfigListsEveryKeyWithAComment() throws IOException {
        Map<String, Boolean> listed = keys(Files.readAllLines(PACKAGED));

        List<String> missing = ConfigKeys.all().stream().filter(k -> !listed.containsKey(k)).toList();
        List<String> uncommented = ConfigKeys.all().stream().filter(k -> listed.containsKey(k) && !listed.get(k)).toList();
        List<String> unknown = listed.keySet().stream().filter(k -> !ConfigKeys.all().contains(k)).toList();
        assertThat(missing).as("keys the loader knows that " + PACKAGED + " does not list").isEmpty();
        assertThat(uncommented).as("keys in " + PACKAGED + " with no comment on their line or just above").isEmpty();
        assertThat(unknown).as("keys in " + PACKAGED + " the loader does not know").isEmpty();
    }

    /** The test can fail: a key without a comment, and a key left out, are found. */
    @Test
    void aKeyWithoutACommentOrLeftOutIsFound() {
        Map<String, Boolean> listed = keys(List.of("smtp:", "  # the server", "  host: \"\"", "  port: 587", "  # outbox: /var/lib/x  # where"));

        assertThat(listed).containsEntry("smtp.host", true).containsEntry("smtp.port", false).containsEntry("smtp.outbox", true)
                .doesNotContainKey("smtp.username");
    }

    /** Each key (dotted, by indentation) and whether it has a comment: at the end of its line, or on the line just above. */
    static Map<String, Boolean> keys(List<String> lines) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        String previous = "";
        for (String line : lines) {
            Matcher m = KEY.matcher(line);
            if (m.matches()) {
                int indent = m.group(1).length();
                while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                    indents.remove(indents.size() - 1);
                    path.remove(path.size() - 1);
                }
                path.add(m.group(3));
                indents.add(indent);
                boolean commentedOut = m.group(2) != null;
                String rest = m.group(4);
                boolean comment = (commentedOut ? rest.indexOf('#') >= 0 : rest.replaceAll("\"[^\"]*\"", "").contains("#"))
                        || previous.strip().startsWith("#") && !KEY.matcher(previous).matches();
                keys.putIfAbsent(String.join(".", path), comment);
            }
            previous = line;
        }
        return keys;
    }
}
