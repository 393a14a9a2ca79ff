package org.paperboy.papers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Gives every merged paper a page a reader can open from its title. Seed pages carry no links at
 * all: a paper with an arXiv id gets its Hugging Face and arXiv pages, any other one a search on
 * arXiv for its exact title (quoted, so the paper itself comes first). A link a source gave is
 * never replaced.
 */
final class ReaderLinks {

    private static final String TITLE_SEARCH = "https://arxiv.org/search/?searchtype=title&query=";

    private ReaderLinks() {
    }

    static Paper complete(Paper paper) {
        Links links = paper.links();
        if (paper.arxivId() != null) {
            Links known = links.orElse(Links.forArxivId(paper.arxivId()));
            return known.equals(links) ? paper : with(paper, known);
        }
        if (links.hfPage() != null || links.arxivAbs() != null || links.titleSearch() != null) {
            return paper;
        }
        return with(paper, links.withTitleSearch(titleSearch(paper.title())));
    }

    /** The arXiv search for exactly this title. */
    static String titleSearch(String title) {
        return TITLE_SEARCH + URLEncoder.encode("\"" + title.strip() + "\"", StandardCharsets.UTF_8);
    }

    private static Paper with(Paper p, Links links) {
        return new Paper(p.id(), p.title(), p.abstractText(), p.authors(), p.authorCount(), p.published(), p.upvotes(),
                p.organization(), p.keywords(), links, p.sources(), p.extras());
    }
}
