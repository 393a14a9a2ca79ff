package org.paperboy.ranking;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.paperboy.ConfigException;

/**
 * The topics of {@code config/topics.yaml}, in file order; that order breaks ties, so the same
 * file always gives the same sections. A bad entry is an error that names it.
 */
public record Taxonomy(List<Topic> topics) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern ACRONYM = Pattern.compile("\\S+");
    private static final String CLASSPATH_DEFAULT = "/defaults/config/topics.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Taxonomy {
        topics = List.copyOf(topics);
    }

    /** The topic with this slug, if any. */
    public Optional<Topic> bySlug(String slug) {
        return topics.stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /**
     * Reads and checks a topics file; when the file does not exist and is the default path,
     * the copy inside the jar is used.
     */
    public static Taxonomy load(Path file, boolean fallBackToBuiltIn) {
        String name = file.toString();
        try (InputStream in = Files.isRegularFile(file) ? Files.newInputStream(file)
                : fallBackToBuiltIn ? Taxonomy.class.getResourceAsStream(CLASSPATH_DEFAULT) : null) {
            if (in == null) {
                throw new ConfigException(name + ": no such topics file");
            }
            File parsed = YAML.readValue(in, File.class);
            if (parsed == null || parsed.topics() == null || parsed.topics().isEmpty()) {
                throw new ConfigException(name + ": expected a list under \"topics:\" with at least one topic");
            }
            return validated(name, parsed.topics());
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(name + " line " + e.getLocation().getLineNr() + ": unknown key \""
                    + e.getPropertyName() + "\" (a topic has slug, name, group, keywords, acronyms and weight)");
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(name + " line " + line + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Taxonomy validated(String name, List<Topic> topics) {
        Set<String> slugs = new HashSet<>();
        for (int i = 0; i < topics.size(); i++) {
            Topic t = topics.get(i);
            String where = name + ": topics[" + i + "]" + (t.slug() == null ? "" : " (\"" + t.slug() + "\")");
            if (t.slug() == null || !SLUG.matcher(t.slug()).matches()) {
                throw new ConfigException(where + ": slug must be 1-32 lower-case letters, digits or hyphens, got \"" + t.slug() + "\"");
            }
            if (!slugs.add(t.slug()) || t.slug().equals(Ranker.LEAD_SLUG) || t.slug().equals(Ranker.MORE_SLUG)
                    || t.slug().equals(Ranker.TRENDING_SLUG)) {
                throw new ConfigException(where + ": slug \"" + t.slug() + "\" is used twice or reserved");
            }
            if (t.name() == null || t.name().isBlank()) {
                throw new ConfigException(where + ": name is missing");
            }
            if (t.keywords().isEmpty() && t.acronyms().isEmpty()) {
                throw new ConfigException(where + ": needs at least one keyword or acronym");
            }
            if (t.weight() <= 0 || t.weight() > 10) {
                throw new ConfigException(where + ": weight must be above 0 and at most 10, got " + t.weight());
            }
            checkTerms(where + ": keywords", t.keywords(), false);
            checkTerms(where + ": acronyms", t.acronyms(), true);
        }
        return new Taxonomy(topics);
    }

    private static void checkTerms(String where, List<String> terms, boolean singleToken) {
        for (int j = 0; j < terms.size(); j++) {
            String term = terms.get(j);
            if (term == null || term.isBlank() || (singleToken && !ACRONYM.matcher(term).matches())) {
                throw new ConfigException(where + "[" + j + "]: " + (singleToken ? "an acronym must be one token" : "blank keyword")
                        + ", got \"" + term + "\"");
            }
        }
    }

    /** The file's shape. */
    private record File(List<Topic> topics) {
    }
}
