package org.paperboy.digest;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.paperboy.ranking.Digest;

/**
 * The third stage: renders a {@link Digest} into the mail a reader receives, HTML and plain
 * text, from the Freemarker templates {@code digest.html.ftlh} and {@code digest.txt.ftl}.
 */
public final class DigestRenderer {

    static final String HTML_TEMPLATE = "digest.html.ftlh";
    static final String TEXT_TEMPLATE = "digest.txt.ftl";
    static final int TEXT_WIDTH = 78;
    static final int SUBJECT_MAX = 68;

    private final EmailConfig config;
    private final Templates templates;
    private final DigestView view;
    private final String[] markers;
    private final String nonce;

    public DigestRenderer(EmailConfig config) {
        this(config, false);
    }

    /** @param images whether the digest shows each paper's thumbnail ({@code digest.images}) */
    public DigestRenderer(EmailConfig config, boolean images) {
        this.config = config;
        this.templates = new Templates(config.templates());
        this.view = new DigestView(config, images);
        // random per renderer, so no paper text can forge a slot
        this.nonce = HexFormat.of().formatHex(randomBytes());
        this.markers = new String[] {"pbslot" + nonce + "e", "pbslot" + nonce + "u", "pbslot" + nonce + "p"};
    }

    /**
     * Renders the digest once, leaving the per-reader parts as slots: the address, the unsubscribe
     * and preference links, and each paper's vote token (signed for the reader and that paper).
     */
    public RenderedDigest render(Digest digest) {
        String subject = subject(digest);
        List<String> papers = digest.paperIds().stream().distinct().toList();
        String[] all = java.util.Arrays.copyOf(markers, markers.length + papers.size());
        Map<String, String> votes = new java.util.HashMap<>();
        for (int i = 0; i < papers.size(); i++) {
            all[markers.length + i] = "pbslot" + nonce + "v" + i + "x";
            votes.put(papers.get(i), all[markers.length + i]);
        }
        Map<String, Object> model = view.model(digest, subject, new DigestView.Personal(markers[0], markers[1], markers[2], votes));
        String html = templates.render(HTML_TEMPLATE, model);
        String text = TextWrap.wrap(templates.render(TEXT_TEMPLATE, model), TEXT_WIDTH);
        return new RenderedDigest(digest, subject, html, text, all, papers);
    }

    /** Renders a page from the templates folder with the given model (web pages, the preview index). */
    public String renderPage(String template, Map<String, Object> model) {
        return templates.render(template, model);
    }

    /** Renders a one-off mail from {@code <name>.html.ftlh} and {@code <name>.txt.ftl}. */
    public Email renderMail(String name, String subject, Map<String, Object> model) {
        String html = templates.render(name + ".html.ftlh", model);
        String text = TextWrap.wrap(templates.render(name + ".txt.ftl", model), TEXT_WIDTH);
        return new Email(subject.replaceAll("\\p{Cntrl}", " ").strip(), html, text);
    }

    /**
     * The configured subject with the date and the top paper's title, cut to fit a phone's inbox. A
     * weekly digest's {date} is its seven days ("Nov 14–20"), and the subject starts "Weekly: " unless
     * the configured one already says "week".
     */
    String subject(Digest digest) {
        String date = digest.isWeekly() ? DigestView.shortSpan(digest) : DigestView.shortDate(digest);
        String top = digest.isEmpty() ? "no new papers" : digest.sections().get(0).papers().get(0).paper().title();
        String fixed = config.subject().replace("{date}", date);
        if (digest.isWeekly() && !fixed.toLowerCase(java.util.Locale.ROOT).contains("week")) {
            fixed = "Weekly: " + fixed;
        }
        int room = Math.max(20, SUBJECT_MAX - (fixed.length() - "{title}".length()));
        String subject = fixed.replace("{title}", top.length() <= room ? top : DigestView.cut(top, room - 1));
        return subject.replaceAll("[\\p{Cntrl}]", " ").strip();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
