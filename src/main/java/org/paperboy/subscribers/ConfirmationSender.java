package org.paperboy.subscribers;

/** Mails a person the link that confirms their subscription; wired to the templates and the mailer. */
@FunctionalInterface
public interface ConfirmationSender {

    void send(Subscriber subscriber, String confirmUrl);
}
