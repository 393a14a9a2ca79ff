package org.paperboy.papers;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One paper, as merged from every source that mentioned it.
 *
 * @param id          the arXiv id where known, else a stable slug of the title
 * @param authors     author names; may be empty when a source only gives a count
 * @param authorCount the number of authors, at least {@code authors.size()}; 0 when unknown
 * @param published   publication date, or null when no source gives one
 * @param upvotes     Hugging Face upvotes, or null when unknown
 * @param sources     the file names or URLs the paper came from, in load order
 */
public record Paper(
        String id,
        String title,
        String abstractText,
        List<String> authors,
        int authorCount,
        LocalDate published,
        Integer upvotes,
        String organization,
        List<String> keywords,
        Links links,
        List<String> sources) {

    public Paper {
        Objects.requireNonNull(id, "id");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a paper needs a title");
        }
        abstractText = abstractText == null ? "" : abstractText;
        authors = List.copyOf(authors == null ? List.of() : authors);
        authorCount = Math.max(authorCount, authors.size());
        keywords = List.copyOf(keywords == null ? List.of() : keywords);
        links = links == null ? Links.NONE : links;
        sources = List.copyOf(sources == null ? List.of() : sources);
        organization = organization == null || organization.isBlank() ? null : organization;
        if (upvotes != null && upvotes < 0) {
            throw new IllegalArgumentException("upvotes must not be negative: " + upvotes);
        }
    }

    /** The arXiv id, or null when this paper is only known by its title slug. */
    public String arxivId() {
        return ArxivIds.isArxivId(id) ? id : null;
    }
}
