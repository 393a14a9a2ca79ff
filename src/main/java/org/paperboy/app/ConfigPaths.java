package org.paperboy.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Relative paths in a config file named by {@code --config} or {@code PAPERBOY_CONFIG} mean paths
 * beside that file, whatever folder the command runs from: the service (working directory
 * /var/lib/paperboy) and an operator's shell read the same folders. The checkout's
 * {@code config/paperboy.yaml} in the working directory (found or named) and the jar's built-in
 * defaults keep paths relative to the working directory, the checkout. Values from the environment
 * are taken as given.
 */
final class ConfigPaths {

    /** The keys that name a file or folder (section, key). */
    static final List<String> KEYS = List.of("smtp.outbox", "smtp.caFile", "ranking.topicsFile", "email.templates",
            "bounces.maildir", "bounces.mbox");
    private static final String SQLITE = "jdbc:sqlite:";

    private ConfigPaths() {
    }

    /** Whether the file is the checkout's config/paperboy.yaml in the working directory, found or named. */
    static boolean isCheckoutDefault(Path file, Path defaultFile) {
        return file.toAbsolutePath().normalize().equals(defaultFile.toAbsolutePath().normalize());
    }

    /** Rewrites the tree's relative paths as paths in the folder. */
    static void resolve(JsonNode tree, Path folder) {
        Path base = folder.toAbsolutePath().normalize();
        UnaryOperator<String> path = p -> p.isBlank() || Path.of(p).isAbsolute() ? p : base.resolve(p).normalize().toString();
        for (String key : KEYS) {
            String[] parts = key.split("\\.");
            JsonNode section = tree.path(parts[0]);
            if (section.isObject() && section.path(parts[1]).isTextual()) {
                ((ObjectNode) section).put(parts[1], path.apply(section.path(parts[1]).asText()));
            }
        }
        JsonNode database = tree.path("database");
        String url = database.path("url").asText("");
        if (database.isObject() && url.startsWith(SQLITE)) {
            String file = url.substring(SQLITE.length());
            boolean plain = !file.isEmpty() && !file.startsWith(":") && !file.startsWith("file:");
            ((ObjectNode) database).put("url", SQLITE + (plain ? path.apply(file) : file));
        }
    }
}
