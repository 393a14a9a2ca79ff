package org.paperboy.delivery;

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

        @Override
        void close();
    }
}
