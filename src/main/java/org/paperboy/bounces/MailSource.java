package org.paperboy.bounces;

/** Where returned mail is read from: a mailbox, a maildir, an mbox, files, standard input. */
public interface MailSource {

    /** Receives the messages of a source. */
    interface Handler {
        /**
         * Gets one message. {@code remove} takes it out of the mailbox (or flags it); the handler
         * calls it only once the message's events are committed, and never for a message it keeps.
         */
        void handle(String name, byte[] raw, Runnable remove);

        /** Commits what is pending; the source calls it before it closes, so removals are carried out. */
        void flush();
    }

    /** Hands every message to the handler, then flushes it. */
    void read(Handler handler);
}
