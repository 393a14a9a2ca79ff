package org.paperboy.mail;

/** Opens {@link Verp}'s package-private signing to the bounces tests, which read what it writes. */
public final class VerpProbe {

    private VerpProbe() {
    }

    public static String sender(String template, Verp verp, String messageId) {
        return Verp.envelopeSender(template, verp, messageId);
    }
}
