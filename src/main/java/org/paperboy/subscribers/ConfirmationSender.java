package org.paperboy.subscribers;

import org.paperboy.PaperboyException;

/** Mails a person the link that confirms their subscription; wired to the templates and the mailer. */
@FunctionalInterface
public interface ConfirmationSender {

    /**
     * Hands the mail to the server, with this Message-ID (the same on every try of one queued mail).
     * Throws {@link NotSent} when the server refused it or could not be reached; any other failure
     * counts as one that a later try may get past.
     */
    void send(Subscriber subscriber, String confirmUrl, String messageId);

    /** The mail was not handed over: {@code permanent} for a 5xx answer, which no retry will change. */
    final class NotSent extends PaperboyException {

        private final boolean permanent;

        public NotSent(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
