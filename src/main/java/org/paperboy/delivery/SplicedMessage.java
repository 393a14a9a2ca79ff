package org.paperboy.delivery;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * What Angus's SMTP transport sends: a message whose {@link #writeTo} streams the header lines
 * made for this reader and the body spliced from its digest's encoding, instead of building MIME
 * parts. The transport still sends MAIL (with this envelope sender), RCPT and DATA, and
 * dot-stuffs the bytes on their way (RFC 5321 4.5.2).
 */
final class SplicedMessage extends SMTPMessage {

    private final byte[] headerLines;
    private final MailBody body;

    SplicedMessage(Session session, byte[] headerLines, MailBody body) {
        super(session);
        this.headerLines = headerLines;
        this.body = body;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        out.write(headerLines);
        body.writeTo(out, new Bytes(1024));
        out.flush();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writeTo(out, null);
    }
}
