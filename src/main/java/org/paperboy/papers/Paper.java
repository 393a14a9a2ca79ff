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
 * @param extras      what Hugging Face adds: its one-line summary, thumbnail, comments, GitHub stars
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
        List<String> sources,
        Extras extras) {

    /**
     * The source's extras, each null when unknown.
     *
     * @param aiSummary   Hugging Face's one-line summary ("ai_summary")
     * @param thumbnail   an http(s) image URL
     * @param comments    the discussion's comment count
     * @param githubStars the linked repository's stars
     * @param primaryCategory arXiv's primary category ({@code cs.CL}), from an arXiv Atom source
     * @param featuredOn  the day a daily page (Hugging Face's, a seed page) listed the paper: the day it is news
     */
    public record Extras(String aiSummary, String thumbnail, Integer comments, Integer githubStars, String primaryCategory,
                         LocalDate featuredOn) {

        public static final Extras NONE = new Extras(null, null, null, null, null, null);

        public Extras(String aiSummary, String thumbnail, Integer comments, Integer githubStars) {
            this(aiSummary, thumbnail, comments, githubStars, null, null);
        }

        public Extras(String aiSummary, String thumbnail, Integer comments, Integer githubStars, String primaryCategory) {
            this(aiSummary, thumbnail, comments, githubStars, primaryCategory, null);
        }

        /** Only the day a daily page listed the paper. */
        static Extras featured(LocalDate day) {
            return new Extras(null, null, null, null, null, day);
        }

        public Extras {
            aiSummary = aiSummary == null || aiSummary.isBlank() ? null : aiSummary.strip().replaceAll("\\s+", " ");
            thumbnail = Links.webUrlOrNull(thumbnail);
            comments = comments == null || comments < 0 ? null : comments;
            githubStars = githubStars == null || githubStars < 0 ? null : githubStars;
            primaryCategory = primaryCategory == null || primaryCategory.isBlank() ? null : primaryCategory.strip();
        }

        /** This, with each unknown field taken from {@code other}. */
        public Extras orElse(Extras other) {
            return new Extras(aiSummary != null ? aiSummary : other.aiSummary, thumbnail != null ? thumbnail : other.thumbnail,
                    comments != null ? comments : other.comments, githubStars != null ? githubStars : other.githubStars,
                    primaryCategory != null ? primaryCategory : other.primaryCategory, featuredOn != null ? featuredOn : other.featuredOn);
        }
    }

    public Paper(String id, String title, String abstractText, List<String> authors, int authorCount, LocalDate published,
                 Integer upvotes, String organization, List<String> keywords, Links links, List<String> sources) {
        this(id, title, abstractText, authors, authorCount, published, upvotes, organization, keywords, links, sources, Extras.NONE);
    }

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
        extras = extras == null ? Extras.NONE : extras;
        if (upvotes != null && upvotes < 0) {
            throw new IllegalArgumentException("upvotes must not be negative: " + upvotes);
        }
    }

    /** Whether the paper is news on the day: published then, or listed by that day's daily page. */
    public boolean isOf(LocalDate day) {
        return day.equals(published) || day.equals(extras.featuredOn());
    }

    /** The arXiv id, or null when this paper is only known by its title slug. */
    public String arxivId() {
        return ArxivIds.isArxivId(id) ? id : null;
    }
}
