package org.paperboy.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** Sends over SMTP with Jakarta Mail (Angus), one open transport per {@link Connection}. */
public final class SmtpMailer implements Mailer {

    private final SmtpConfig config;
    private final Session session;
    private final MessageFactory messages;

    /** A mailer whose envelope sender is never signed: for mail that is no delivery. */
    public SmtpMailer(SmtpConfig config) {
        this(config, () -> null);
    }

    /** @param verp signs each delivery's VERP envelope sender (see {@link Verp}) */
    public SmtpMailer(SmtpConfig config, java.util.function.Supplier<Verp> verp) {
        this.config = config;
        this.session = SmtpSessions.create(config);
        this.messages = new MessageFactory(config, session, verp);
    }

    @Override
    public Connection connect() {
        try {
            boolean tls = config.securityMode() != Security.NONE;
            AngusSockets.take();
            PipeliningTransport transport = open();
            java.net.Socket socket = AngusSockets.take();
            // the socket Angus talks over: our plain one, or with TLS the TLS socket layered on it (see AngusSockets).
            // Should that ever not hold, the data goes through Angus's own streams, unpipelined: slower, never wrong
            if (socket == null || tls != socket instanceof javax.net.ssl.SSLSocket) {
                return new SmtpConnection(transport, null);
            }
            java.io.OutputStream direct = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            transport.writeDirectly(socket, direct);
            return new SmtpConnection(transport, direct);
        } catch (MessagingException | java.io.IOException e) {
            throw new DeliveryException("cannot connect to SMTP server " + config.host() + ":" + config.port() + ": "
                    + oneLine(e), false, e);
        }
    }

    /** Angus's transport over this mailer's session, connected as for a send: EHLO, STARTTLS, AUTH. */
    private PipeliningTransport open() throws MessagingException {
        PipeliningTransport transport = new PipeliningTransport(session, SmtpSessions.protocol(config));
        transport.connect(config.host(), config.port(), config.username(), config.password());
        return transport;
    }

    /**
     * Connects as a send does (the same session: TLS, trust, AUTH, timeouts), asks {@code noops} NOOPs
     * for the round trip, and says goodbye; sends nothing. A failure is Angus's, as a send would meet it.
     */
    public RelayProbe probe(int noops) throws MessagingException {
        PipeliningTransport transport = open();
        AngusSockets.take();
        try {
            long[] trips = new long[Math.max(1, noops)];
            for (int i = 0; i < trips.length; i++) {
                trips[i] = transport.noopNanos();
            }
            java.util.Arrays.sort(trips);
            return new RelayProbe(transport.supportsExtension("AUTH"), transport.supportsExtension("PIPELINING"),
                    trips[trips.length / 2] / 1e6);
        } finally {
            transport.close();
        }
    }

    private final class SmtpConnection implements Connection {
        private final Transport transport;
        private final java.io.OutputStream direct;

        SmtpConnection(Transport transport, java.io.OutputStream direct) {
            this.transport = transport;
            this.direct = direct;
        }

        @Override
        public void send(OutgoingMail mail) {
            send(mail, Gate.OPEN);
        }

        @Override
        public void send(OutgoingMail mail, Gate beforeAccept) {
            try {
                transport.sendMessage(messages.message(mail, direct, beforeAccept), messages.recipients(mail));
            } catch (SMTPAddressFailedException e) {
                throw failure(mail, e.getReturnCode(), e);
            } catch (SMTPSendFailedException e) {
                throw failure(mail, e.getReturnCode(), e);
            } catch (SendFailedException e) {
                int code = e.getNextException() instanceof SMTPAddressFailedException a ? a.getReturnCode() : lastCode();
                throw failure(mail, code, e);
            } catch (MessagingException e) {
                throw new DeliveryException(mail.to() + ": " + oneLine(e), false, e);
            }
        }

        private int lastCode() {
            return transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
        }

        @Override
        public void close() {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the server dropped us first; nothing is lost by not saying goodbye
            }
        }
    }

    private static DeliveryException failure(OutgoingMail mail, int code, MessagingException e) {
        return new DeliveryException(mail.to() + ": SMTP " + code + " " + oneLine(e), code >= 500 && code < 600, e);
    }

    static String oneLine(Exception e) {
        Throwable t = e;
        StringBuilder message = new StringBuilder(String.valueOf(t.getMessage()));
        if (t.getCause() != null && t.getCause().getMessage() != null && !message.toString().contains(t.getCause().getMessage())) {
            message.append(" (").append(t.getCause().getMessage()).append(')');
        }
        return message.toString().replaceAll("\\s+", " ").strip();
    }
}
