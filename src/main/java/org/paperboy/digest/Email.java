package org.paperboy.digest;

/** One subscriber's mail: a one-line subject, the HTML body and its plain-text twin. */
public record Email(String subject, String html, String text) {

    public Email {
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a subject must be one line");
        }
    }
}
