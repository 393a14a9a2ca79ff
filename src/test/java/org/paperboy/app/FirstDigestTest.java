package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.paperboy.digest.Email;
import org.paperboy.papers.Links;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.RankedPaper;

/** The digest a fresh clone sends first: the bundled seeds on the built-in defaults. */
class FirstDigestTest {

    private static final LocalDate FIRST_RUN = LocalDate.of(2026, 12, 7);

    private final Paperboy paperboy = Paperboy.wire(ConfigLoader.load(null, Map.of()));

    @Test
    void everyPaperOfTheFirstDigestHasALinkAReaderCanFollow() {
        Digest digest = paperboy.ranker(List.of("seeds/"), FIRST_RUN).general();
        List<RankedPaper> papers = digest.sections().stream().flatMap(s -> s.papers().stream()).toList();

        assertThat(papers).hasSize(25);
        assertThat(papers).allSatisfy(p -> assertThat(Links.webUrlOrNull(p.paper().links().primary()))
                .as(p.paper().title()).isNotNull().matches("https?://.+"));
        // a seed paper has no page of its own: the link is arXiv's search for its exact title
        assertThat(papers).extracting(p -> p.paper().links().primary())
                .anySatisfy(url -> assertThat(url).startsWith("https://arxiv.org/search/?searchtype=title&query=%22"));
    }

    @Test
    void everyTitleInTheMailIsALinkInHtmlAndItsUrlIsInTheText() {
        Digest digest = paperboy.ranker(List.of("seeds/"), FIRST_RUN).general();
        Email mail = paperboy.renderer().render(digest).fill("reader@example.org", "https://x.test/u", "https://x.test/p");

        for (RankedPaper ranked : digest.sections().stream().flatMap(s -> s.papers().stream()).toList()) {
            String url = ranked.paper().links().primary();
            Matcher link = Pattern.compile("<a class=\"pt\" href=\"([^\"]+)\"[^>]*>" + Pattern.quote(escape(ranked.paper().title()))
                    + "</a>").matcher(mail.html());
            assertThat(link.find()).as("a linked title: " + ranked.paper().title()).isTrue();
            assertThat(link.group(1).replace("&amp;", "&")).isEqualTo(url);
            assertThat(mail.text().replaceAll("\\n +", "")).as("the text twin").contains(url);
        }
    }

    @Test
    void seedPapersWithAnAbstractShowATldr() {
        Digest digest = paperboy.ranker(List.of("seeds/"), FIRST_RUN).general();
        String html = paperboy.renderer().render(digest).fill("reader@example.org", "https://x.test/u", "https://x.test/p").html();

        List<String> tldrs = Pattern.compile("<strong>TL;DR</strong> ([^<]+)</div>").matcher(html).results().map(m -> m.group(1)).toList();
        assertThat(tldrs).as("most papers say in one sentence what they do").hasSizeGreaterThanOrEqualTo(15)
                .allSatisfy(t -> assertThat(t).as("a sentence of its own").matches("[A-Z].{30,}[.!?]"));
        assertThat(tldrs).as("\"To address this, we propose X\" reads \"We propose X\"").contains(
                "We propose TiKMiX, a method that dynamically adjusts the data mixture according to the model&#39;s evolving preferences.");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
