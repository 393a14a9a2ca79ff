package org.paperboy.app;

import com.fasterxml.jackson.core.JacksonException;
import org.paperboy.ConfigException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code paperboy.yaml} into {@link PaperboyConfig}: layered file &lt; environment, strict
 * about unknown keys, and quoting the bad key and value back when something does not fit.
 */
public final class ConfigLoader {

    static final Path DEFAULT_FILE = Path.of("config", "paperboy.yaml");
    private static final String CLASSPATH_DEFAULT = "/defaults/config/paperboy.yaml";

    /** Secrets that may come from the environment instead of the file, and where they go. */
    static final Map<String, String> SECRETS = Map.of(
            "PAPERBOY_SMTP_PASSWORD", "smtp.password",
            "PAPERBOY_SMTP_USERNAME", "smtp.username",
            "PAPERBOY_TOKEN_SECRET", "tokens.secret",
            "PAPERBOY_DB_URL", "database.url",
            "PAPERBOY_DB_USERNAME", "database.username",
            "PAPERBOY_DB_PASSWORD", "database.password",
            "PAPERBOY_ADMIN_PASSWORD", "admin.password");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigLoader() {
    }

    /**
     * Loads the given file, or when it is null the project's {@code config/paperboy.yaml}, or
     * when that is absent the defaults inside the jar; then applies the environment's secrets.
     */
    public static PaperboyConfig load(Path file, Map<String, String> env) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such config file");
        }
        Path chosen = file != null ? file : Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
        String name = chosen != null ? chosen.toString() : "paperboy.yaml (built-in defaults)";
        JsonNode tree = readTree(chosen, name);
        applySecrets(tree, env);
        return bind(tree, name);
    }

    private static JsonNode readTree(Path file, String name) {
        try (InputStream in = file != null ? Files.newInputStream(file) : ConfigLoader.class.getResourceAsStream(CLASSPATH_DEFAULT)) {
            if (in == null) {
                return JsonNodeFactory.instance.objectNode();
            }
            JsonNode tree = YAML.readTree(in);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!tree.isObject()) {
                throw new ConfigException(name + ": expected a mapping of sections (papers, smtp, ...), found " + tree.getNodeType().toString().toLowerCase());
            }
            return tree;
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(name + " line " + line + ": not valid YAML: " + e.getOriginalMessage().replaceAll("\\s+", " ").strip());
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void applySecrets(JsonNode tree, Map<String, String> env) {
        SECRETS.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isEmpty()) {
                String[] parts = key.split("\\.");
                JsonNode section = tree.path(parts[0]);
                ObjectNode object = section.isObject() ? (ObjectNode) section : ((ObjectNode) tree).putObject(parts[0]);
                object.put(parts[1], value);
            }
        });
    }

    private static PaperboyConfig bind(JsonNode tree, String name) {
        try {
            return YAML.treeToValue(tree, PaperboyConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String key = path(e);
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(name + ": unknown key \"" + key + "\" with value " + quote(tree, key)
                    + (known.isEmpty() ? "" : " (known keys here: " + known + ")"));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(name + ": " + cause.getMessage());
        } catch (InvalidFormatException e) {
            throw new ConfigException(name + ": bad value \"" + e.getValue() + "\" for \"" + path(e) + "\": expected "
                    + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String key = path(e);
            throw new ConfigException(name + ": bad value " + quote(tree, key) + " for \"" + key + "\": expected "
                    + describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw new ConfigException(name + ": " + path(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(name + ": " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    private static String quote(JsonNode tree, String key) {
        JsonNode node = tree;
        for (String part : key.split("\\.")) {
            int bracket = part.indexOf('[');
            node = node.path(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0) {
                node = node.path(Integer.parseInt(part.substring(bracket + 1, part.indexOf(']'))));
            }
        }
        if (key.contains("password") || key.contains("secret")) {
            return "(hidden)";
        }
        return node.isMissingNode() ? "(none)" : "\"" + (node.isValueNode() ? node.asText() : node.toString()) + "\"";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type.isRecord() ? "a mapping of keys" : type.getSimpleName();
    }
}
