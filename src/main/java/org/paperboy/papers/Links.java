package org.paperboy.papers;

import java.net.URI;

/**
 * Where a paper can be read. Every link is untrusted data from a source: only absolute
 * {@code http} and {@code https} URLs are kept, anything else (javascript:, data:, relative) is null.
 */
public record Links(String hfPage, String arxivAbs, String arxivPdf, String projectPage, String github) {

    public static final Links NONE = new Links(null, null, null, null, null);

    public Links {
        hfPage = webUrlOrNull(hfPage);
        arxivAbs = webUrlOrNull(arxivAbs);
        arxivPdf = webUrlOrNull(arxivPdf);
        projectPage = webUrlOrNull(projectPage);
        github = webUrlOrNull(github);
    }

    /** The links every arXiv paper has, on arXiv and on Hugging Face. */
    static Links forArxivId(String arxivId) {
        return new Links("https://huggingface.co/papers/" + arxivId, "https://arxiv.org/abs/" + arxivId,
                "https://arxiv.org/pdf/" + arxivId, null, null);
    }

    Links withProjectPage(String url) {
        return new Links(hfPage, arxivAbs, arxivPdf, url, github);
    }

    Links withGithub(String url) {
        return new Links(hfPage, arxivAbs, arxivPdf, projectPage, url);
    }

    /** Field by field, this link where set, else the other's. */
    Links orElse(Links other) {
        return new Links(first(hfPage, other.hfPage), first(arxivAbs, other.arxivAbs),
                first(arxivPdf, other.arxivPdf), first(projectPage, other.projectPage),
                first(github, other.github));
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
