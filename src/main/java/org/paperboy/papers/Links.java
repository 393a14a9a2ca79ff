package org.paperboy.papers;

import java.net.URI;

/**
 * Where a paper can be read. Every link is untrusted data from a source: only absolute
 * {@code http} and {@code https} URLs are kept, anything else (javascript:, data:, relative) is null.
 *
 * @param titleSearch a search for the paper's exact title, for a paper no source gave a page of its own
 */
public record Links(String hfPage, String arxivAbs, String arxivPdf, String projectPage, String github, String titleSearch) {

    public static final Links NONE = new Links(null, null, null, null, null, null);

    public Links(String hfPage, String arxivAbs, String arxivPdf, String projectPage, String github) {
        this(hfPage, arxivAbs, arxivPdf, projectPage, github, null);
    }

    public Links {
        hfPage = webUrlOrNull(hfPage);
        arxivAbs = webUrlOrNull(arxivAbs);
        arxivPdf = webUrlOrNull(arxivPdf);
        projectPage = webUrlOrNull(projectPage);
        github = webUrlOrNull(github);
        titleSearch = webUrlOrNull(titleSearch);
    }

    /**
     * The link a paper's title leads to: its page on Hugging Face or arXiv, else the search for its
     * title, else its project page or code; null only when no source gave anything.
     */
    public String primary() {
        return first(first(hfPage, arxivAbs), first(titleSearch, first(projectPage, github)));
    }

    /** The links every arXiv paper has, on arXiv and on Hugging Face. */
    static Links forArxivId(String arxivId) {
        return new Links("https://huggingface.co/papers/" + arxivId, "https://arxiv.org/abs/" + arxivId,
                "https://arxiv.org/pdf/" + arxivId, null, null);
    }

    Links withProjectPage(String url) {
        return new Links(hfPage, arxivAbs, arxivPdf, url, github, titleSearch);
    }

    Links withGithub(String url) {
        return new Links(hfPage, arxivAbs, arxivPdf, projectPage, url, titleSearch);
    }

    Links withTitleSearch(String url) {
        return new Links(hfPage, arxivAbs, arxivPdf, projectPage, github, url);
    }

    /** Field by field, this link where set, else the other's. */
    Links orElse(Links other) {
        return new Links(first(hfPage, other.hfPage), first(arxivAbs, other.arxivAbs),
                first(arxivPdf, other.arxivPdf), first(projectPage, other.projectPage),
                first(github, other.github), first(titleSearch, other.titleSearch));
    }

    /** The URL if it is an absolute http(s) URL with a host and no whitespace, else null. */
    public static String webUrlOrNull(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.strip();
        if (trimmed.isEmpty() || trimmed.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>')) {
            return null;
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return web && uri.getHost() != null ? trimmed : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
