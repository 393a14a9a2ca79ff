package org.paperboy.mail;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * What Angus's SMTP transport sends: a message whose {@link #writeTo} streams the header lines
 * made for this reader and the body spliced from its digest's encoding, instead of building MIME
 * parts. The transport still sends MAIL (with this envelope sender), RCPT and DATA, and the final
 * dot. The bytes, already CRLF and dot-stuffed (RFC 5321 4.5.2), go straight to the connection's
 * socket (the TLS one with TLS): Angus's data stream would scan every byte again for line ends and dots.
 * Nothing else is written between DATA's 354 and the final dot, so the order on the wire holds.
 * Once the data is written, the gate is passed before the transport sends the final dot: the
 * sender waits there for its previous message's outcome to be committed, so that wait overlaps
 * this message's transfer while the server still cannot accept it before that commit.
 */
final class SplicedMessage extends SMTPMessage {

    private final byte[] headerLines;
    private final MailBody body;
    private final OutputStream direct;
    private final Mailer.Gate beforeAccept;

    SplicedMessage(Session session, byte[] headerLines, MailBody body, OutputStream direct, Mailer.Gate beforeAccept) {
        super(session);
        this.headerLines = headerLines;
        this.body = body;
        this.direct = direct;
        this.beforeAccept = beforeAccept;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        OutputStream to = direct != null ? direct : out;
        to.write(headerLines);   // no header line starts with a dot
        body.writeTo(to, new Bytes(1024), direct != null);
        to.flush();
        beforeAccept.pass();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writeTo(out, null);
    }
}
