package org.paperboy.papers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of an {@code /api/daily_papers} element Paperboy reads; Jackson skips the rest
 * (avatars, media, user objects) without building it, which keeps ingestion fast.
 */
final class HfJson {

    private HfJson() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Element(Paper paper, String title, String summary, String publishedAt, Org organization, String thumbnail,
                   Integer numComments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Paper(String id, String title, String summary, Integer upvotes, String publishedAt, List<Author> authors,
                 @JsonProperty("ai_keywords") List<String> aiKeywords, String githubRepo, String projectPage,
                 Org organization, @JsonProperty("ai_summary") String aiSummary, Integer githubStars) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Author(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Org(String name, String fullname) {
    }
}
