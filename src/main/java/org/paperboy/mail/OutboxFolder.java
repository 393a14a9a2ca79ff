package org.paperboy.mail;

import jakarta.mail.MessagingException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The embedded default when no SMTP host is set: each message is written as an {@code .eml} file
 * under {@code out/outbox/<date>/}, whole or not at all, so the daily job runs anywhere.
 */
public final class OutboxFolder implements Mailer {

    private final Path root;
    private final MessageFactory messages;
    private final Clock clock;

    public OutboxFolder(SmtpConfig config, Clock clock) {
        this.root = Path.of(config.outbox());
        this.messages = new MessageFactory(config, SmtpSessions.create(config));
        this.clock = clock;
    }

    @Override
    public Connection connect() {
        return new Connection() {
            @Override
            public void send(OutgoingMail mail) {
                write(mail);
            }

            @Override
            public void close() {
            }
        };
    }

    /** The file a message is written to. */
    public Path fileFor(OutgoingMail mail) {
        String day = mail.headers().getOrDefault("X-Paperboy-Date", LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
        String name = (mail.messageId() == null ? Integer.toHexString(mail.hashCode()) : mail.messageId())
                .replaceAll("[^A-Za-z0-9._@-]", "_");
        return root.resolve(day).resolve(name + ".eml");
    }

    private void write(OutgoingMail mail) {
        Path file = fileFor(mail);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".writing-", ".eml");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                messages.writeTo(mail, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | MessagingException e) {
            throw new DeliveryException(file + ": cannot write the message to " + mail.to() + ": " + e.getMessage(), false, e);
        }
    }
}
