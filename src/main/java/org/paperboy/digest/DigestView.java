package org.paperboy.digest;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperboy.papers.Links;
import org.paperboy.papers.Paper;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Highlighter;
import org.paperboy.ranking.RankedPaper;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.Section;

/**
 * The model the templates see: plain strings, numbers, lists and maps, every link already checked
 * to be http(s), the abstract cut and split into highlighted segments. Templates never reach into
 * our records, so they can do nothing but print.
 */
final class DigestView {

    static final int ABSTRACT_CHARS = 300;
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter PAPER_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter PAPER_LONG = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    /** The thumbnail's size in the mail: Hugging Face's social cards are 1200 × 630. */
    static final int IMAGE_WIDTH = 560;
    static final int IMAGE_HEIGHT = 294;

    private final EmailConfig config;
    private final boolean images;
    private final Highlighter highlighter = new Highlighter();

    DigestView(EmailConfig config, boolean images) {
        this.config = config;
        this.images = images;
    }

    Map<String, Object> model(Digest digest, String subject, Personal personal) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", subject);
        model.put("listName", config.listName());
        model.put("dateLong", LONG_DATE.format(digest.date()));
        model.put("dateShort", SHORT_DATE.format(digest.date()));
        model.put("weekly", digest.isWeekly());
        model.put("weekLong", digest.isWeekly() ? span(digest.weekFrom(), digest.date()) : "");
        model.put("paperCount", digest.paperCount());
        List<String> topics = digest.sections().stream().filter(s -> !s.slug().equals(Ranker.LEAD_SLUG)
                && !s.slug().equals(Ranker.TRENDING_SLUG)).map(Section::name).toList();
        model.put("topics", topics);
        model.put("preheader", preheader(digest, topics));
        model.put("sections", digest.sections().stream().map(s -> section(s, personal)).toList());
        model.put("chosenTopics", digest.topicNames());
        model.put("keywords", digest.preferences().keywords());
        model.put("senderName", config.senderName());
        model.put("postalAddress", config.postalAddress());
        model.put("homeUrl", config.publicBaseUrl() + "/");
        model.put("archiveUrl", config.publicBaseUrl() + "/archive");
        // the web archive keeps each day's general digest; a week's has no page of its own, so its
        // mail has no "View in browser" (the day's page would show other papers)
        model.put("viewUrl", digest.isWeekly() ? "" : config.publicBaseUrl() + "/archive/" + digest.date());
        model.put("feedUrl", config.publicBaseUrl() + "/feed.xml");
        model.put("email", personal.email());
        model.put("unsubscribeUrl", personal.unsubscribeUrl());
        model.put("preferencesUrl", personal.preferencesUrl());
        model.put("voteUrl", config.publicBaseUrl());
        return model;
    }

    /** "November 14 – 20, 2026", "October 29 – November 4, 2026", "December 28, 2026 – January 3, 2027". */
    static String span(java.time.LocalDate from, java.time.LocalDate to) {
        if (from.getYear() != to.getYear()) {
            return PAPER_LONG.format(from) + " – " + PAPER_LONG.format(to);
        }
        String start = DateTimeFormatter.ofPattern("MMMM d", Locale.ENGLISH).format(from);
        String end = from.getMonth() == to.getMonth() ? String.valueOf(to.getDayOfMonth()) : PAPER_LONG.format(to).replaceFirst(", \\d{4}$", "");
        return start + " – " + end + ", " + to.getYear();
    }

    /** "Nov 14–20", "Oct 29–Nov 4": the week in a subject line. */
    static String shortSpan(Digest digest) {
        java.time.LocalDate from = digest.weekFrom();
        java.time.LocalDate to = digest.date();
        return SHORT_DATE.format(from) + "–" + (from.getMonth() == to.getMonth() ? String.valueOf(to.getDayOfMonth()) : SHORT_DATE.format(to));
    }

    private static String preheader(Digest digest, List<String> topics) {
        String lead = digest.isEmpty() ? "" : digest.sections().get(0).papers().get(0).paper().title();
        return (digest.isWeekly() ? "Your weekly digest, " + shortSpan(digest) + ": " : "") + digest.paperCount() + " papers in " + String.join(", ", topics) + (lead.isEmpty() ? "" : ". Top: " + lead);
    }

    private Map<String, Object> section(Section section, Personal personal) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", section.name());
        s.put("slug", section.slug());
        s.put("lead", section.slug().equals(Ranker.LEAD_SLUG));
        s.put("trending", section.slug().equals(Ranker.TRENDING_SLUG));
        s.put("papers", section.papers().stream().map(p -> paper(p, personal)).toList());
        return s;
    }

    private Map<String, Object> paper(RankedPaper ranked, Personal personal) {
        Paper p = ranked.paper();
        Links links = p.links();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", p.title());
        m.put("vote", personal.votes().getOrDefault(p.id(), ""));
        m.put("url", links.primary() == null ? "" : links.primary());
        m.put("byline", byline(p));
        m.put("topic", ranked.topicSlug().equals(Ranker.MORE_SLUG) ? "" : ranked.topicName());
        m.put("reasons", String.join(" · ", ranked.reasons()));
        if (images && p.extras().thumbnail() != null) {
            m.put("image", Map.of("url", p.extras().thumbnail(), "width", IMAGE_WIDTH, "height", IMAGE_HEIGHT,
                    "alt", "Preview image of \u201c" + p.title() + "\u201d"));
        }
        String cut = Sentences.cut(p.abstractText(), ABSTRACT_CHARS);
        m.put("tldr", tldr(p, cut));
        m.put("abstract", cut);
        m.put("segments", highlighter.segments(cut, ranked.highlights()).stream()
                .map(s -> Map.of("text", s.text(), "hl", s.highlighted())).toList());
        List<Map<String, String>> more = new ArrayList<>();
        addLink(more, "PDF", links.arxivPdf());
        addLink(more, p.extras().githubStars() == null ? "Code" : "Code ★ " + p.extras().githubStars(), links.github());
        addLink(more, "Project", links.projectPage());
        if (links.hfPage() != null && links.arxivAbs() != null) {
            addLink(more, "arXiv", links.arxivAbs());
        }
        m.put("links", more);
        m.put("linkUrls", more.stream().map(l -> l.get("url")).toList());
        return m;
    }

    /** Authors (the first three, then "et al."), organization, date and comments, joined by " · ". */
    static String byline(Paper p) {
        List<String> parts = new ArrayList<>(4);
        if (!p.authors().isEmpty()) {
            List<String> shown = p.authors().subList(0, Math.min(3, p.authors().size()));
            parts.add(String.join(", ", shown) + (p.authorCount() > 3 ? " et al." : ""));
        } else if (p.authorCount() > 0) {
            parts.add(p.authorCount() + (p.authorCount() == 1 ? " author" : " authors"));
        }
        if (p.organization() != null) {
            parts.add(p.organization());
        }
        if (p.published() != null) {
            parts.add(PAPER_DATE.format(p.published()));
        }
        Integer comments = p.extras().comments();
        if (comments != null && comments > 0) {
            parts.add(comments + (comments == 1 ? " comment" : " comments"));
        }
        return String.join(" · ", parts);
    }

    /** The text cut to about {@code max} characters at a word boundary, ending in "…" when cut. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int space = text.lastIndexOf(' ', max);
        String head = text.substring(0, space > max / 2 ? space : max).stripTrailing();
        while (!head.isEmpty() && ",;:.-–".indexOf(head.charAt(head.length() - 1)) >= 0) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "…";
    }

    /**
     * The source's one-line summary; else, from the abstract, the sentence that says what the paper
     * does ("we propose ..."), unless the excerpt shown already holds it.
     */
    static String tldr(Paper p, String excerpt) {
        if (p.extras().aiSummary() != null) {
            return p.extras().aiSummary();
        }
        String claim = Sentences.contribution(p.abstractText());
        return claim == null || excerpt.contains(claim) ? "" : claim;
    }

    private static void addLink(List<Map<String, String>> links, String label, String url) {
        String safe = Links.webUrlOrNull(url);
        if (safe != null) {
            links.add(Map.of("label", label, "url", safe));
        }
    }

    static String shortDate(Digest digest) {
        return SHORT_DATE.format(digest.date());
    }

    /** The parts of a mail that differ per subscriber. */
    record Personal(String email, String unsubscribeUrl, String preferencesUrl, Map<String, String> votes) {
    }
}
