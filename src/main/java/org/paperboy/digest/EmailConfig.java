package org.paperboy.digest;

import org.paperboy.papers.Links;

/**
 * The {@code email} section of the config: how the digest looks and who sends it.
 *
 * @param templates     folder of the Freemarker templates; missing files fall back to the jar's copies
 * @param subject       the subject line; {@code {date}} becomes "Nov 20", {@code {title}} the top paper's title
 * @param listName      the newsletter's name, shown in the header and footer
 * @param senderName    who sends it, shown in the footer
 * @param postalAddress the sender's postal line, shown in the footer (anti-spam laws ask for one)
 * @param publicBaseUrl where the subscription pages are reached, for the links in the mail
 */
public record EmailConfig(String templates, String subject, String listName, String senderName, String postalAddress,
                          String publicBaseUrl) {

    public static final EmailConfig DEFAULTS = new EmailConfig(null, null, null, null, null, null);

    public EmailConfig {
        templates = orElse(templates, "templates");
        subject = orElse(subject, "Trending papers, {date}: {title}");
        listName = orElse(listName, "Paperboy daily papers");
        senderName = orElse(senderName, "Paperboy");
        postalAddress = orElse(postalAddress, "Paperboy, 1 Example Street, 00000 Example City");
        publicBaseUrl = orElse(publicBaseUrl, "http://127.0.0.1:8080").replaceAll("/+$", "");
        if (Links.webUrlOrNull(publicBaseUrl) == null) {
            throw new IllegalArgumentException("email.publicBaseUrl must be an http(s) URL, got \"" + publicBaseUrl + "\"");
        }
        if (subject.contains("\r") || subject.contains("\n")) {
            throw new IllegalArgumentException("email.subject must be one line");
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
