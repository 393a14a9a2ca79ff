package org.paperboy.ranking;

import java.util.List;

/**
 * One section of the digest, as {@code config/topics.yaml} defines it.
 *
 * @param slug     short id used in preferences and URLs: lower-case letters, digits and hyphens
 * @param name     the section header shown to readers
 * @param keywords words and phrases, matched stemmed and case-insensitively on word boundaries
 * @param acronyms tokens such as {@code RL} or {@code ViT}, matched case-sensitively as whole tokens
 * @param weight   scales the topic's evidence; below 1 for broad method topics (reinforcement
 *                 learning, diffusion) so that a paper goes to the subject it applies them to
 * @param group    the heading the subscribe form lists the topic under; groups show in the order
 *                 they first appear in the file, their topics by name
 */
public record Topic(String slug, String name, List<String> keywords, List<String> acronyms, Double weight, String group) {

    public static final String DEFAULT_GROUP = "Other topics";

    public Topic {
        keywords = List.copyOf(keywords == null ? List.of() : keywords);
        acronyms = List.copyOf(acronyms == null ? List.of() : acronyms);
        weight = weight == null ? 1.0 : weight;
        group = group == null || group.isBlank() ? DEFAULT_GROUP : group.strip();
    }

    public Topic(String slug, String name, List<String> keywords, List<String> acronyms, Double weight) {
        this(slug, name, keywords, acronyms, weight, null);
    }

    public Topic(String slug, String name, List<String> keywords, List<String> acronyms) {
        this(slug, name, keywords, acronyms, null);
    }
}
