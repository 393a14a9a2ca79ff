package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paperboy.digest.DigestFixtures.oneSection;
import static org.paperboy.digest.DigestFixtures.paper;
import static org.paperboy.digest.DigestFixtures.ranked;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.papers.Links;
import org.paperboy.papers.Paper;

class DigestRendererTest {

    private final DigestRenderer renderer = new DigestRenderer(EmailConfig.DEFAULTS);

    private Email render(org.paperboy.ranking.Digest digest) {
        return renderer.render(digest).fill("reader@example.org", "https://news.example.org/unsubscribe/tok",
                "https://news.example.org/preferences/tok");
    }

    @Test
    void aTitleHoldingAScriptComesOutEscaped() {
        Email email = render(oneSection(ranked(paper("1", "<script>alert('x')</script> Policies", "Abstract.", Links.NONE), List.of())));
        assertThat(email.html()).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Policies");
    }

    @Test
    void aJavascriptLinkIsDropped() {
        Links hostile = new Links("javascript:alert(1)", null, "JAVASCRIPT:alert(2)", "data:text/html,hi", "https://github.com/ok/repo");
        Email email = render(oneSection(ranked(paper("1", "Title", "Abstract.", hostile), List.of())));
        assertThat(email.html().toLowerCase()).doesNotContain("javascript:").doesNotContain("data:text");
        assertThat(email.text().toLowerCase()).doesNotContain("javascript:");
        assertThat(email.html()).contains("href=\"https://github.com/ok/repo\"");
    }

    @Test
    void theHtmlIsAMailClientFriendlySingleColumn() {
        String html = render(DigestFixtures.worstCase()).html();
        assertThat(html).contains("role=\"presentation\"").contains("max-width:600px")
                .contains("<meta name=\"color-scheme\" content=\"light dark\">")
                .contains("display:none;max-height:0");
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("<link")
                .doesNotContain("@import").doesNotContain("fonts.googleapis");
    }

    @Test
    void darkModeStylesOverrideTheInlineLightOnesWhereHonoured() {
        String html = render(DigestFixtures.worstCase()).html();
        String style = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
        assertThat(style).contains("@media (prefers-color-scheme:dark)").contains(".cd{background:#161b26!important;}")
                .contains("[data-ogsc] .tx{color:#e5e7eb!important;}");
        assertThat(html).contains("class=\"cd\"").contains("style=\"max-width:600px;width:100%;background:#ffffff;");
    }

    @Test
    void outlookGetsAFixedWidthWrapperAndEveryMailAViewInBrowserLink() {
        String html = render(DigestFixtures.worstCase()).html();
        assertThat(html).contains("<!--[if mso]><table role=\"presentation\" width=\"600\" align=\"center\"")
                .contains("<!--[if mso]></td></tr></table><![endif]-->")
                .contains("<a class=\"ln\" href=\"http://127.0.0.1:8080/archive/2025-11-20\" style=\"color:#1d4ed8;\">View in browser</a>");
        assertThat(render(DigestFixtures.worstCase()).text()).contains("View in browser: http://127.0.0.1:8080/archive/2025-11-20");
    }

    @Test
    void theSourcesSummaryStarsAndCommentsShowAndTheThumbnailOnlyWhenImagesAreOn() {
        Links links = new Links("https://huggingface.co/papers/2511.00001", null, null, null, "https://github.com/a/b");
        Paper p = new Paper("2511.00001", "Policy Learning", "We learn. It works.", List.of("Ada Lovelace"), 1, DigestFixtures.DAY, 12,
                null, List.of(), links, List.of("t"), new Paper.Extras("A policy learns from rewards.",
                "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2511.00001.png", 4, 1234));
        Email plain = render(oneSection(ranked(p, List.of())));
        assertThat(plain.html()).contains("<strong>TL;DR</strong> A policy learns from rewards.").contains(">Code ★ 1234</a>")
                .contains("Ada Lovelace · Nov 20, 2025 · 4 comments").doesNotContain("<img");
        assertThat(plain.text()).contains("TL;DR: A policy learns from rewards.");
        String withImages = new DigestRenderer(EmailConfig.DEFAULTS, true).render(oneSection(ranked(p, List.of())))
                .fill("r@example.org", "https://x.example/u", "https://x.example/p").html();
        assertThat(withImages).contains("<img src=\"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2511.00001.png\" "
                + "width=\"560\" height=\"294\" alt=\"Preview image of “Policy Learning”\"");
    }

    @Test
    void theAbstractIsCutAtASentenceEnd() {
        String text = "We study e.g. policies with care. " + "Rewards are shaped by hand in many settings. ".repeat(10);
        String cut = Sentences.cut(text, 300);
        assertThat(cut).endsWith("settings.").hasSizeLessThanOrEqualTo(301).doesNotContain("…");
        assertThat(Sentences.cut("word ".repeat(100).strip(), 300)).endsWith("word…");
    }

    @Test
    void theLargestDigestStaysUnderGmailsClipping() {
        String html = render(DigestFixtures.worstCase()).html();
        assertThat(DigestFixtures.worstCase().paperCount()).isEqualTo(25);
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(90 * 1024);
    }

    @Test
    void noTextLineIsLongerThan78Characters() {
        String text = render(DigestFixtures.worstCase()).text();
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(78));
        assertThat(text).contains("https://arxiv.org/pdf/2511.01000").contains("Unsubscribe: https://news.example.org/unsubscribe/tok");
    }

    @Test
    void eachPaperShowsItsBylineAbstractReasonsAndLinks() {
        Links links = new Links("https://huggingface.co/papers/2511.00001", "https://arxiv.org/abs/2511.00001",
                "https://arxiv.org/pdf/2511.00001", null, "https://github.com/a/b");
        String abstractText = "We learn a policy from reward signals. ".repeat(12);
        Email email = render(oneSection(ranked(paper("2511.00001", "Policy Learning", abstractText, links), List.of("policy", "reward"))));
        assertThat(email.html()).contains("<a class=\"pt\" href=\"https://huggingface.co/papers/2511.00001\"")
                .contains("Ada Lovelace, Alan Turing, Grace Hopper et al. · Example Lab · Nov 18, 2025")
                .contains("<strong class=\"hl\" style=\"color:#111827;background:#fef3c7;\">policy</strong>")
                .contains(">#2 today · 12 upvotes · your topic: Reinforcement learning · mentions &quot;policy&quot;</div>")
                .contains(">PDF</a>").contains(">Code</a>");
        assertThat(email.text()).doesNotContain(abstractText.strip()).contains("We learn a policy from reward signals.");
    }

    @Test
    void theAbstractIsCutAtAWordBoundaryWithAnEllipsis() {
        String cut = DigestView.cut("word ".repeat(100).strip(), 300);
        assertThat(cut).endsWith("word…").hasSizeLessThanOrEqualTo(301);
    }

    @Test
    void theFooterCarriesTheReadersLinksEscaped() {
        Email email = renderer.render(oneSection(ranked(paper("1", "T", "A.", Links.NONE), List.of())))
                .fill("o'brien&co@example.org", "https://x.example/unsubscribe/a?b=1&c=2", "https://x.example/preferences/a");
        assertThat(email.html()).contains("o&#39;brien&amp;co@example.org")
                .contains("href=\"https://x.example/unsubscribe/a?b=1&amp;c=2\"").contains(">Unsubscribe</a>")
                .contains("Paperboy · Paperboy, 1 Example Street, 00000 Example City");
        assertThat(email.text()).contains("Unsubscribe: https://x.example/unsubscribe/a?b=1&c=2");
    }

    @Test
    void theDefaultSubjectIsTheDatePlusTheTopTitleCut() {
        Email email = render(oneSection(ranked(paper("1",
                "RobustDexGrasp: Robust Dexterous Grasping of General Objects from Single-view Perception", "A.", Links.NONE), List.of())));
        assertThat(email.subject()).isEqualTo("Trending papers, Nov 20: RobustDexGrasp: Robust Dexterous Grasping…");
    }

    @Test
    void aWeeklyMailSaysItIsTheWeeklyDigestAndWhichDaysItCoversInSubjectHeadingAndText() {
        org.paperboy.ranking.Digest daily = oneSection(ranked(paper("1", "Policies", "Abstract.", Links.NONE), List.of()));
        Email weekly = render(daily.weekly());
        Email day = render(daily);

        // DigestFixtures.DAY is Thursday, November 20, 2025: the week is the seven days ending on it
        assertThat(weekly.subject()).isEqualTo("Weekly: Trending papers, Nov 14–20: Policies");
        assertThat(weekly.html()).contains(">Your weekly digest, November 14 – 20, 2025</h1>")
                .contains("Paperboy daily papers · the week's 1 top papers</div>")
                .contains("subscribed to the weekly digest of Paperboy daily papers");
        assertThat(weekly.text()).startsWith("Your weekly digest, November 14 – 20, 2025\nPaperboy daily papers - the week's 1 top papers\n");
        assertThat(weekly.text().replaceAll("\\s+", " ")).contains("subscribed to the weekly digest of Paperboy daily papers");
        assertThat(day.subject()).isEqualTo("Trending papers, Nov 20: Policies");
        assertThat(day.html() + day.text()).doesNotContainIgnoringCase("weekly");
        // the archive keeps days, not weeks: a weekly mail links to no day's page as if it were its copy
        assertThat(day.html() + day.text()).contains("View in browser").contains("/archive/2025-11-20");
        assertThat(weekly.html() + weekly.text()).doesNotContain("View in browser").doesNotContain("/archive/2025-11-20");
    }

    @Test
    void aWeekAcrossTwoMonthsOrYearsNamesBoth() {
        assertThat(DigestView.span(java.time.LocalDate.of(2026, 10, 29), java.time.LocalDate.of(2026, 11, 4)))
                .isEqualTo("October 29 – November 4, 2026");
        assertThat(DigestView.span(java.time.LocalDate.of(2026, 12, 28), java.time.LocalDate.of(2027, 1, 3)))
                .isEqualTo("December 28, 2026 – January 3, 2027");
    }

    @Test
    void aSubjectNeverCarriesALineBreakFromData() {
        Email email = render(oneSection(ranked(paper("1", "Evil\r\nBcc: victim@example.org", "A.", Links.NONE), List.of())));
        assertThat(email.subject()).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void aBrokenTemplateNamesItselfAndItsLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("digest.html.ftlh"), "<p>\n<#list sections as s>\n${s.name\n</#list>\n");
        DigestRenderer broken = new DigestRenderer(new EmailConfig(dir.toString(), null, null, null, null, null));
        assertThatThrownBy(() -> broken.render(DigestFixtures.worstCase()))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("template digest.html.ftlh line 4: syntax error: Encountered \"/\"");
    }

    @Test
    void anUndefinedVariableNamesTheTemplateAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("digest.txt.ftl"), "Hello\n${reader.name}\n");
        DigestRenderer broken = new DigestRenderer(new EmailConfig(dir.toString(), null, null, null, null, null));
        assertThatThrownBy(() -> broken.render(DigestFixtures.worstCase()))
                .isInstanceOf(RenderException.class)
                .hasMessage("template digest.txt.ftl line 2: \"reader\" is undefined or null");
    }

    @Test
    void theNewBuiltInIsBlocked(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("digest.txt.ftl"), "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}\n");
        DigestRenderer hostile = new DigestRenderer(new EmailConfig(dir.toString(), null, null, null, null, null));
        assertThatThrownBy(() -> hostile.render(DigestFixtures.worstCase())).isInstanceOf(RenderException.class);
    }
}
