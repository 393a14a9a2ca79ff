package org.paperboy.bounces;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A returned mail taken apart with Jakarta Mail: its headers, the human-readable text, the
 * machine-readable report (RFC 3464 delivery-status, RFC 5965 feedback-report) and the headers of
 * the message that came back. Lenient, because bounces are often broken MIME.
 */
final class MailView {

    static {
        // Jakarta Mail looks its stream provider up with a ServiceLoader scan for every body part
        // unless this names it; with the scan, parsing is several times slower
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private static final Session SESSION = Session.getInstance(lenient());
    /** Characters read from one part of a returned mail, and parts read as text. */
    static final int MAX_PART = 256 * 1024;
    private static final int MAX_TEXTS = 20;

    final InternetHeaders headers;
    final List<String> texts = new ArrayList<>();
    final StringBuilder deliveryStatus = new StringBuilder();
    final StringBuilder feedbackReport = new StringBuilder();
    String contentType = "";
    InternetHeaders returnedHeaders;
    private String mta;

    private MailView(InternetHeaders headers) {
        this.headers = headers;
    }

    static MailView of(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            MailView view = new MailView(headersOf(message));
            view.contentType = lower(message.getContentType());
            view.walk(message, 0);
            return view;
        } catch (MessagingException | IOException | RuntimeException e) {
            return plain(raw);
        }
    }

    /** The fallback for mail that Jakarta Mail cannot take apart: headers, then the body as text. */
    private static MailView plain(byte[] raw) {
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(raw);
            MailView view = new MailView(new InternetHeaders(in));
            view.texts.add(cut(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)));
            return view;
        } catch (MessagingException e) {
            MailView view = new MailView(new InternetHeaders());
            view.texts.add(cut(new String(raw, StandardCharsets.ISO_8859_1)));
            return view;
        }
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
        String type = lower(part.getContentType());
        if (type.startsWith("multipart/") && depth < 8) {
            Multipart multipart = multipart(part);
            if (multipart != null) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, depth + 1);
                }
                return;
            }
        }
        if (type.startsWith("message/delivery-status") || type.startsWith("message/global-delivery-status")) {
            deliveryStatus.append(cut(text(part, StandardCharsets.UTF_8))).append("\n\n");
        } else if (type.startsWith("message/feedback-report")) {
            feedbackReport.append(cut(text(part, StandardCharsets.UTF_8))).append('\n');
        } else if (type.startsWith("message/rfc822") || type.startsWith("text/rfc822-headers")
                || type.startsWith("message/global") || type.startsWith("message/partial")) {
            if (returnedHeaders == null) {
                try (InputStream in = part.getInputStream()) {
                    returnedHeaders = new InternetHeaders(in);
                }
            }
        } else if (texts.size() >= MAX_TEXTS) {
            return;
        } else if (type.startsWith("text/html")) {
            texts.add(Html.toText(cut(text(part, StandardCharsets.ISO_8859_1))));
        } else if (type.startsWith("text/") || type.isEmpty() || depth == 0) {
            texts.add(cut(text(part, StandardCharsets.ISO_8859_1)));
        }
    }

    /** The start of a part, enough for any real bounce: what follows in a hostile one is never read. */
    private static String cut(String text) {
        return text.length() > MAX_PART ? text.substring(0, MAX_PART) : text;
    }

    private static Multipart multipart(Part part) {
        try {
            Object content = part.getContent();
            return content instanceof Multipart m ? m : null;
        } catch (MessagingException | IOException | RuntimeException e) {
            try {
                return new MimeMultipart(part.getDataHandler().getDataSource());
            } catch (MessagingException | RuntimeException again) {
                return null;
            }
        }
    }

    /** A part's text in its declared charset, or the fallback when it declares none or an unknown one. */
    private static String text(Part part, Charset fallback) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return "";
        }
        Charset charset = fallback;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null) {
                charset = Charset.forName(MimeUtility.javaCharset(name.strip()));
            }
        } catch (MessagingException | IllegalArgumentException e) {
            charset = fallback;
        }
        return new String(bytes, charset);
    }

    private static InternetHeaders headersOf(MimeMessage message) throws MessagingException {
        InternetHeaders copy = new InternetHeaders();
        for (Enumeration<Header> e = message.getAllHeaders(); e.hasMoreElements(); ) {
            Header h = e.nextElement();
            copy.addHeader(h.getName(), h.getValue());
        }
        return copy;
    }

    /** The mail system that wrote this bounce, as {@link Mtas} recognises it; "" if none. */
    String mta() {
        if (mta == null) {
            mta = Mtas.of(this);
        }
        return mta;
    }

    /** A header of the returned mail, encoded words decoded, or "" when absent. */
    String header(String name) {
        return header(headers, name);
    }

    static String header(InternetHeaders headers, String name) {
        if (headers == null) {
            return "";
        }
        String value = headers.getHeader(name, ", ");
        if (value == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static Properties lenient() {
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        p.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        return p;
    }
}
