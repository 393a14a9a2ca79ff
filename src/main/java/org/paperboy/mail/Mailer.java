package org.paperboy.mail;

/**
 * Where mail goes: an SMTP server, or the outbox folder when no server is configured. A
 * {@link Connection} is reused for many messages; never one connection per message.
 */
public interface Mailer {

    Connection connect();

    /** Sends one message over a connection of its own: for the odd confirmation mail, not for digests. */
    default void send(OutgoingMail mail) {
        try (Connection connection = connect()) {
            connection.send(mail);
        }
    }

    /** An open connection. */
    interface Connection extends AutoCloseable {

        /** Hands one message over, or throws a {@link DeliveryException} saying whether to retry. */
        void send(OutgoingMail mail);

        /**
         * Hands one message over, passing the gate once the message is written and before the
         * server can accept it (on SMTP: after the data, before the final dot). A gate that throws
         * leaves the message unaccepted.
         */
        default void send(OutgoingMail mail, Gate beforeAccept) {
            try {
                beforeAccept.pass();
            } catch (java.io.IOException e) {
                throw new DeliveryException(mail.to() + ": " + e.getMessage(), false, e);
            }
            send(mail);
        }

        @Override
        void close();
    }

    /** What must hold before a message may be accepted. */
    @FunctionalInterface
    interface Gate {
        Gate OPEN = () -> { };

        void pass() throws java.io.IOException;
    }
}
