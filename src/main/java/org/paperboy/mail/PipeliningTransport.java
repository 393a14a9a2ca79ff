package org.paperboy.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, which to a server that offers PIPELINING (RFC 2920) sends MAIL, RCPT and
 * DATA in one write and then reads their three replies: two round trips a message (those three,
 * then the final dot) instead of four. It does so with and without TLS (STARTTLS or smtps): the
 * writes go to the socket the connection talks over, the TLS one when there is TLS (see
 * {@link TlsSockets}). Connecting, EHLO, STARTTLS, AUTH, QUIT and every other case stay Angus's own.
 * A failure is reported as Angus reports it (the code and the server's reply, in
 * {@link SMTPSendFailedException} or {@link SMTPAddressFailedException}), after every reply of the
 * group is read and the transaction reset, so the connection can go on. If writing the data fails,
 * or the gate before the final dot refuses, the socket is closed without the final dot: the server
 * then accepts nothing.
 */
final class PipeliningTransport extends SMTPTransport {

    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final boolean QUICK_ACK = new Socket().supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK);

    private final String protocol;
    private Socket socket;
    private OutputStream direct;

    /** @param protocol smtp (plain or STARTTLS) or smtps (TLS from the first byte) */
    PipeliningTransport(Session session, String protocol) {
        super(session, null, protocol, protocol.equals("smtps"));
        this.protocol = protocol;
    }

    /** The socket the connection talks over (with TLS, the TLS socket) and a buffered stream over it, once connected. */
    synchronized void writeDirectly(Socket socket, OutputStream direct) {
        this.socket = socket;
        this.direct = direct;
    }

    /**
     * Whether the next message goes pipelined: the connection writes to its socket itself, and the
     * server said PIPELINING to our EHLO (after STARTTLS, to the EHLO over TLS).
     * Not Angus's {@code isConnected()}, which asks the server with a NOOP: a round trip a message.
     */
    synchronized boolean pipelining() {
        return direct != null && !socket.isClosed() && supportsExtension("PIPELINING");
    }

    /** One NOOP's round trip, in nanoseconds, the server's time to answer included. */
    synchronized long noopNanos() throws MessagingException {
        long start = System.nanoTime();
        int code = simpleCommand("NOOP");
        long took = System.nanoTime() - start;
        if (code != 250) {
            throw new MessagingException("the server refused NOOP: " + getLastServerResponse().strip());
        }
        return took;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        if (direct != null && socket.isClosed()) {
            // closed after a reply that failed the last message: a plain failure, so the sender reconnects
            throw new MessagingException("the connection to the SMTP server was closed");
        }
        String from = message instanceof SplicedMessage m && m.getEnvelopeFrom() != null
                ? m.getEnvelopeFrom() : session.getProperty("mail." + protocol + ".from");
        if (!pipelining() || addresses == null || addresses.length != 1 || !(addresses[0] instanceof InternetAddress to)
                || !(message instanceof SplicedMessage) || !printable(from) || !printable(to.getAddress())) {
            super.sendMessage(message, addresses);
            return;
        }
        checkConnected();
        String mail = "MAIL FROM:<" + from + ">";
        String rcpt = "RCPT TO:<" + to.getAddress() + ">";
        try {
            direct.write((mail + "\r\n" + rcpt + "\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII));
            direct.flush();
        } catch (IOException e) {
            throw dropped(e);
        }
        quickAck();
        Reply mailReply = reply();
        Reply rcptReply = reply();
        Reply dataReply = reply();
        if (mailReply.code != 250 || (rcptReply.code != 250 && rcptReply.code != 251) || dataReply.code != 354) {
            abandon(mailReply.code == -1 || rcptReply.code == -1 || dataReply.code == -1, dataReply.code == 354);
            if (mailReply.code != 250) {
                throw new SMTPSendFailedException(mail, mailReply.code, mailReply.text, null, null, addresses, null);
            }
            if (rcptReply.code != 250 && rcptReply.code != 251) {
                throw new SMTPAddressFailedException(to, rcpt, rcptReply.code, rcptReply.text);
            }
            throw new SMTPSendFailedException("DATA", dataReply.code, dataReply.text, null, null, addresses, null);
        }
        try {
            message.writeTo(direct);   // the header lines and the body, flushed, then the gate
            direct.write(END_OF_DATA);
            direct.flush();
        } catch (IOException e) {
            throw dropped(e);
        }
        Reply end = reply();
        if (end.code != 250) {
            abandon(end.code == -1, false);
            throw new SMTPSendFailedException(".", end.code, end.text, null, null, addresses, null);
        }
    }

    /**
     * Asks Linux to acknowledge the replies at once: a server that writes its three replies one by one
     * with Nagle's algorithm on holds the second until the first is acknowledged, and the client's
     * delayed acknowledgement (it has nothing to send until all three arrive) made that 40 ms a message.
     * Quick-ack mode does not last, so it is asked for before each group.
     */
    private void quickAck() {
        if (QUICK_ACK) {
            try {
                socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException | UnsupportedOperationException e) {
                // not Linux, or a socket that does not pass it on: the replies come as the server sends them
            }
        }
    }

    private record Reply(int code, String text) {
    }

    private Reply reply() throws MessagingException {
        int code = readServerResponse();
        return new Reply(code, getLastServerResponse());
    }

    /**
     * After a refused group: a DATA the server took anyway gets an empty end, then RSET; a server
     * that went away (EOF) gets its connection closed.
     */
    private void abandon(boolean closedByServer, boolean dataOpen) throws MessagingException {
        if (closedByServer) {
            closeQuietly();
            return;
        }
        try {
            if (dataOpen) {
                direct.write(END_OF_DATA);
                direct.flush();
                readServerResponse();
            }
            direct.write("RSET\r\n".getBytes(StandardCharsets.US_ASCII));
            direct.flush();
            readServerResponse();
        } catch (IOException e) {
            closeQuietly();
        }
    }

    private MessagingException dropped(IOException e) {
        closeQuietly();
        return new MessagingException("IOException while sending message", e);
    }

    private void closeQuietly() {
        try {
            socket.close();   // first, so nothing more reaches the server: no final dot, no QUIT
        } catch (IOException ignored) {
            // already closed
        }
        try {
            super.close();
        } catch (MessagingException ignored) {
            // QUIT cannot go over a closed socket; Angus marks the transport closed anyway
        }
    }

    /** An address that goes into a command as it is: printable ASCII, no CR or LF. */
    private static boolean printable(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>') {
                return false;
            }
        }
        return true;
    }
}
