package org.paperboy.bounces;

/** Where returned mail is read from: a mailbox, a maildir, an mbox, files, standard input. */
public interface MailSource {

    /** Gets each message; returns true when the message may now leave the mailbox (its events are committed). */
    interface Handler {
        boolean handle(String name, byte[] raw);
    }

    /** Hands every message to the handler, and removes (or flags) those it says may go. */
    void read(Handler handler);
}
