package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.digest.Email;
import org.paperboy.digest.EmailConfig;
import org.paperboy.digest.RenderedDigest;
import org.paperboy.papers.Links;
import org.paperboy.papers.Paper;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Preferences;
import org.paperboy.ranking.RankedPaper;
import org.paperboy.ranking.Section;
import org.paperboy.testing.TestSetup;

/**
 * A digest encoded once with readers' values spliced in is, part by part, the bytes a fresh
 * Jakarta Mail message of the filled-in render carries, and decodes to that render exactly.
 */
class SpliceTest {

    static final Session SESSION = Session.getInstance(new Properties());
    static final SmtpConfig SMTP = TestSetup.smtp("""
            security: none
            fromAddress: "digest@paperboy.test"
            fromName: "Paperboy Tëst"
            """);
    static final MessageFactory MESSAGES = new MessageFactory(SMTP, SESSION);

    @Test
    void everyReadersSplicedDigestDecodesToTheirFreshRender() throws Exception {
        RenderedDigest rendered = new DigestRenderer(EmailConfig.DEFAULTS).render(hostileDigest());
        EncodedDigest encoded = EncodedDigest.of(rendered);
        List<String[]> readers = readers(400);
        for (int i = 0; i < readers.size(); i++) {
            String[] r = readers.get(i);
            java.util.function.Function<String, String> vote = paper -> r[1] + "/" + paper;
            Email fill = rendered.fill(r[0], r[1], r[2], vote);
            MailBody body = MailBody.spliced(encoded, rendered.values(r[0], r[1], r[2], vote));
            assertSameAsFresh(body, fill.text(), fill.html(), "reader " + i);
            OutgoingMail mail = new OutgoingMail("reader@example.org", rendered.subject(), body, "id@paperboy.test", Map.of());
            assertThat(parse(write(mail)).getSubject()).isEqualTo(rendered.subject());
        }
    }

    @Test
    void slotsAnywhereOnLongLinesKeepEveryLineValid() throws Exception {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            RenderedDigest.Slotted text = slotted(random);
            RenderedDigest.Slotted html = slotted(random);
            EncodedDigest encoded = EncodedDigest.of("Trending papers, Nov 20: Ünïcode ✓", text, html);
            String[] values = {value(random), value(random), value(random)};
            MailBody body = MailBody.spliced(encoded, new RenderedDigest.Values(values, values));
            assertSameAsFresh(body, join(text, values), join(html, values), "round " + round);
        }
    }

    @Test
    void aMailWithoutHtmlIsTextOnly() throws Exception {
        OutgoingMail mail = new OutgoingMail("alice@example.org", "Confirm", null, "Hello =\n.\n end ", "id-1@paperboy.test", Map.of());
        MimeMessage parsed = parse(write(mail));
        Multipart parts = (Multipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(1);
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hello =\r\n.\r\n end ");
    }

    @Test
    void headersAreWrittenPerReaderAndLineBreaksAreRefused() throws Exception {
        OutgoingMail mail = new OutgoingMail("bob@example.org", "Grüße, Bob", "<p>hi</p>", "hi", "abc@paperboy.test",
                Map.of("List-Unsubscribe", "<https://news.paperboy.test/unsubscribe/" + "x".repeat(200) + ">, <mailto:u@paperboy.test>"));
        MimeMessage parsed = parse(write(mail));
        assertThat(parsed.getSubject()).isEqualTo("Grüße, Bob");
        assertThat(parsed.getMessageID()).isEqualTo("<abc@paperboy.test>");
        assertThat(((InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress()).isEqualTo("bob@example.org");
        assertThat(parsed.getFrom()[0].toString()).isEqualTo("=?UTF-8?Q?Paperboy_T=C3=ABst?= <digest@paperboy.test>");
        assertThat(parsed.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " ")).endsWith("<mailto:u@paperboy.test>");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OutgoingMail("bob@example.org\r\nBcc: eve@example.org", "s",
                null, "t", null, Map.of())).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OutgoingMail("bob@example.org", "s", null, "t", null,
                Map.of("List-Unsubscribe", "<https://x>\nBcc: eve@example.org"))).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSetup.smtp("security: none\nenvelopeSender: "
                + TestSetup.quote("bounces+{verp}@paperboy.test>\r\nRCPT TO:<eve@example.org>")))
                .isInstanceOf(org.paperboy.ConfigException.class).hasMessageContaining("envelopeSender");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> write(new OutgoingMail("bob@example.org", "s", null, "t", null,
                Map.of("X-Link", "https://exämple.org/")))).hasMessageContaining("X-Link header holds a character that is not printable ASCII");
    }

    /** Writes the spliced message, checks its lines and compares each part with a fresh Jakarta Mail message's. */
    static void assertSameAsFresh(MailBody body, String text, String html, String who) throws Exception {
        OutgoingMail mail = new OutgoingMail("reader@example.org", "Subject", body, "id@paperboy.test", Map.of("X-Paperboy-Date", "2026-11-20"));
        byte[] spliced = write(mail);
        assertWellFormed(spliced, who);
        ByteArrayOutputStream stuffed = new ByteArrayOutputStream();
        body.writeTo(stuffed, new Bytes(16), true);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        body.writeTo(plain, new Bytes(16), false);
        assertThat(stuffed.toString(StandardCharsets.ISO_8859_1)).as(who + ": dot-stuffed for DATA")
                .isEqualTo(plain.toString(StandardCharsets.ISO_8859_1).replaceAll("(?m)^\\.", ".."));
        Multipart parts = (Multipart) parse(spliced).getContent();
        Multipart fresh = (Multipart) parse(fresh(text, html)).getContent();
        assertThat(parts.getCount()).as(who).isEqualTo(fresh.getCount());
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            assertThat(part.getContentType()).as(who).isEqualTo(fresh.getBodyPart(i).getContentType());
            assertThat(raw(part)).as(who + ", raw part " + i).isEqualTo(raw(fresh.getBodyPart(i)));
            assertThat(part.getContent()).as(who + ", decoded part " + i).isEqualTo(fresh.getBodyPart(i).getContent());
        }
        assertThat(parts.getBodyPart(0).getContent()).as(who).isEqualTo(crlf(text));
        if (html != null) {
            assertThat(parts.getBodyPart(1).getContent()).as(who).isEqualTo(crlf(html));
        }
    }

    /** CRLF only; body lines at most 76 characters with valid quoted-printable; header lines at most 998. */
    static void assertWellFormed(byte[] message, String who) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        assertThat(s.replace("\r\n", "")).as(who + ": a bare CR or LF").doesNotContain("\r").doesNotContain("\n");
        assertThat(s).endsWith("\r\n");
        String[] lines = s.substring(0, s.length() - 2).split("\r\n", -1);
        boolean inHeaders = true;
        boolean inPartBody = false;
        for (String line : lines) {
            assertThat(line.length()).as(who + ": " + line).isLessThanOrEqualTo(998);
            if (inHeaders) {
                inHeaders = !line.isEmpty();
            } else if (line.startsWith("--=_paperboy_")) {
                inPartBody = false;
            } else if (line.isEmpty() && !inPartBody) {
                inPartBody = true;   // the blank line after a part's headers
            } else if (inPartBody) {
                assertThat(line.length()).as(who + ": " + line).isLessThanOrEqualTo(76);
                assertThat(line).as(who + ": " + line).doesNotEndWith(" ").doesNotEndWith("\t");
                assertThat(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as(who + ": 8-bit or control in " + line).isTrue();
                String escapes = line.endsWith("=") ? line.substring(0, line.length() - 1) : line;
                assertThat(escapes.replaceAll("=[0-9A-F]{2}", "")).as(who + ": a bad escape in " + line).doesNotContain("=");
            }
        }
    }

    static byte[] write(OutgoingMail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MESSAGES.writeTo(mail, out);
        return out.toByteArray();
    }

    static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    }

    /** What the message was before splicing: Jakarta Mail's multipart of the filled-in strings. */
    static byte[] fresh(String text, String html) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom("digest@paperboy.test");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part(text, "plain"));
        if (html != null) {
            alternative.addBodyPart(part(html, "html"));
        }
        message.setContent(alternative);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static MimeBodyPart part(String content, String subtype) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, "UTF-8", subtype);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    private static byte[] raw(BodyPart part) throws Exception {
        return ((MimeBodyPart) part).getRawInputStream().readAllBytes();
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    /** Addresses and links with =, dots, non-ASCII, HTML specials, spaces and lengths that straddle lines. */
    static List<String[]> readers(int n) {
        Random random = new Random(7);
        List<String[]> readers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = switch (i % 5) {
                case 0 -> "reader" + i + "@example.org";
                case 1 -> "a=b.c+" + i + "@example.org";
                case 2 -> ".dot" + i + "@xn--exmple-cua.org";
                case 3 -> "jörg.müller" + i + "@exämple.org";
                default -> "x".repeat(random.nextInt(120)) + "=@example.org ";
            };
            String token = "tok=" + "A".repeat(random.nextInt(90)) + "==";
            String unsubscribe = "https://news.paperboy.test/unsubscribe/" + i + "." + token + (i % 3 == 0 ? "?a=1&b=<2>\"'" : "");
            String prefs = (i % 4 == 0 ? "." : "") + "https://例え.jp/préférences/" + "ü".repeat(random.nextInt(60)) + "/" + i
                    + (i % 2 == 0 ? " " : "=");
            readers.add(new String[] {email, unsubscribe, prefs});
        }
        return readers;
    }

    /** A body of long and short lines with slots anywhere on them, at the start and at the end. */
    private static RenderedDigest.Slotted slotted(Random random) {
        List<String> parts = new ArrayList<>();
        int slots = random.nextInt(6);
        for (int i = 0; i <= slots; i++) {
            StringBuilder part = new StringBuilder();
            int len = random.nextInt(i == 0 || i == slots ? 3 : 220);
            for (int k = 0; k < len; k++) {
                int pick = random.nextInt(40);
                part.append(pick == 0 ? '\n' : pick == 1 ? '=' : pick == 2 ? '.' : pick == 3 ? ' ' : pick == 4 ? 'é' : pick == 5 ? '\t'
                        : pick == 6 ? "\r\n" : pick == 7 ? "\n." : pick == 8 ? " \n" : (char) ('a' + random.nextInt(26)));
            }
            parts.add(part.toString());
        }
        int[] at = new int[slots];
        for (int i = 0; i < slots; i++) {
            at[i] = random.nextInt(3);
        }
        return new RenderedDigest.Slotted(parts, at);
    }

    private static String value(Random random) {
        StringBuilder v = new StringBuilder();
        int len = random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(40);
        for (int i = 0; i < len; i++) {
            int pick = random.nextInt(12);
            v.append(pick == 0 ? "=" : pick == 1 ? "." : pick == 2 ? " " : pick == 3 ? "😀" : pick == 4 ? "ß" : String.valueOf((char) ('A' + random.nextInt(26))));
        }
        return v.toString();
    }

    private static String join(RenderedDigest.Slotted slotted, String[] values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < slotted.slots().length; i++) {
            out.append(slotted.parts().get(i)).append(values[slotted.slots()[i]]);
        }
        return out.append(slotted.parts().get(slotted.parts().size() - 1)).toString();
    }

    /** Titles and abstracts with =, dots at line starts, non-ASCII and very long words. */
    static Digest hostileDigest() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        List<RankedPaper> papers = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            Links links = new Links("https://huggingface.co/papers/2511.0" + (1000 + n), "https://arxiv.org/abs/2511.0" + (1000 + n),
                    "https://arxiv.org/pdf/2511.0" + (1000 + n), "https://example.org/a=b?c=d&e=" + "f".repeat(150) + n, null);
            Paper p = new Paper("2511.0" + (1000 + n), "Ünïcödé = Équations: a x=y title ✓ " + n,
                    ".Starts with a dot. " + "Ω=∑ loss ≤ ε. ".repeat(30) + " word" + "x".repeat(200) + " end.",
                    List.of("Zoë Ämann", "José Núñez"), 2, day, 12 + n, "Lab = One", List.of(), links, List.of("x"));
            papers.add(new RankedPaper(p, "rl", "Reinforcement learning", 2.5, List.of("policy (title)", "12 upvotes"), List.of("loss")));
        }
        return new Digest(day, Preferences.NONE, List.of(new Section("top", "Top papers", papers)));
    }
}
