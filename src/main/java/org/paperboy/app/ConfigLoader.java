package org.paperboy.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.paperboy.ConfigException;
import org.paperboy.Redact;
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
            "PAPERBOY_BOUNCES_PASSWORD", "bounces.password",
            "PAPERBOY_ADMIN_PASSWORD", "admin.password");

    // a repeated key or section is an error: YAML parsers otherwise keep the last one silently
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ConfigLoader() {
    }

    /**
     * Loads the given file, or when it is null the project's {@code config/paperboy.yaml}, or
     * when that is absent the defaults inside the jar; then applies the environment's secrets.
     * Relative paths in a given file are paths beside it ({@link ConfigPaths}).
     */
    public static PaperboyConfig load(Path file, Map<String, String> env) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such config file");
        }
        Path chosen = file != null ? file : Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
        String name = chosen != null ? chosen.toString() : "paperboy.yaml (built-in defaults)";
        JsonNode tree = readTree(chosen, name);
        if (file != null && !ConfigPaths.isCheckoutDefault(file, DEFAULT_FILE)) {
            ConfigPaths.resolve(tree, file.toAbsolutePath().getParent());
        }
        applySecrets(tree, env);
        // every value at a secret key (ConfigKeys' rule, mistyped keys included) is masked from here on,
        // in these errors, the CLI's output and the logs
        String[] secrets = ConfigKeys.secretValues(tree).toArray(String[]::new);
        Redact.remember(secrets);
        PaperboyConfig config;
        try {
            config = bind(tree, name);
        } catch (ConfigException e) {
            throw new ConfigException(Redact.text(e.getMessage(), secrets), e.getCause());
        }
        Redact.rememberUrl(config.database().url());
        Redact.rememberUrl(config.bounces().mailbox());
        if (chosen != null) {
            checkFolders(config, tree, name);
        }
        return config;
    }

    /**
     * A templates folder the file names must exist (the built-in defaults, and a file that names
     * none, fall back to the jar's templates, so the jar runs from any directory).
     */
    private static void checkFolders(PaperboyConfig config, JsonNode tree, String name) {
        Path templates = Path.of(config.email().templates());
        if (tree.path("email").hasNonNull("templates") && !Files.isDirectory(templates)) {
            throw new ConfigException(name + ": email.templates: no such folder \"" + templates + "\""
                    + (templates.isAbsolute() ? "" : " (in the working directory " + Path.of("").toAbsolutePath() + ")"));
        }
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
            throw ConfigErrors.syntax(name, e, file);
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
            throw ConfigErrors.unknownKey(name, tree, path(e), e.getKnownPropertyIds());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(name + ": " + Redact.text(cause.getMessage()));
        } catch (InvalidFormatException e) {
            throw new ConfigException(name + ": bad value " + ConfigErrors.quote(tree, path(e)) + " for \"" + path(e)
                    + "\": expected " + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String key = path(e);
            throw new ConfigException(name + ": bad value " + ConfigErrors.quote(tree, key) + " for \"" + key + "\": expected "
                    + describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw new ConfigException(name + ": " + path(e) + ": " + Redact.text(e.getOriginalMessage().lines().findFirst().orElse("")));
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
