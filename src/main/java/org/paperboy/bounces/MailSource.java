package org.paperboy.bounces;

/** Where returned mail is read from: a mailbox, a maildir, an mbox, files, standard input. */
public interface MailSource {

    /** Receives the messages of a source. */
    interface Handler {
        /**
         * Gets one message, read once: the source does not hand it over again once one of the two
         * callbacks ran. {@code remove} takes it out of the mailbox (or flags it seen); the handler calls
         * it only once the message's events are committed. {@code keep} leaves a message the handler could
         * not read for a human, flagged so it is not read again. A message neither removed nor kept (the
         * run failed first) is read again next time.
         */
        void handle(String name, byte[] raw, Runnable remove, Runnable keep);

        /** Commits what is pending; the source calls it before it closes, so removals are carried out. */
        void flush();
    }

    /** Hands every message to the handler, then flushes it. */
    void read(Handler handler);
}
