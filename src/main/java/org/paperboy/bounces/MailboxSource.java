package org.paperboy.bounces;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Properties;

/**
 * An IMAP(S) or POP3(S) mailbox through Jakarta Mail. A message is flagged deleted only after its
 * events are committed, and the deletions are carried out when the folder closes (IMAP EXPUNGE,
 * POP3 QUIT): a process killed in the middle deletes nothing, and the next run finds the same mail
 * recorded already.
 */
public final class MailboxSource implements MailSource {

    private final URI url;
    private final String username;
    private final String password;

    public MailboxSource(BouncesConfig config) {
        this.url = URI.create(config.mailbox());
        this.username = config.username();
        this.password = config.password();
    }

    @Override
    public void read(Handler handler) {
        String protocol = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        Properties props = new Properties();
        props.setProperty("mail." + protocol + ".connectiontimeout", "30000");
        props.setProperty("mail." + protocol + ".timeout", "60000");
        String where = protocol + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        try {
            Store store = Session.getInstance(props).getStore(protocol);
            store.connect(url.getHost(), url.getPort(), username, password);
            try {
                Folder folder = store.getFolder(folderName(protocol));
                folder.open(Folder.READ_WRITE);
                try {
                    readAll(folder, handler);
                } finally {
                    folder.close(true);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new BounceException(where + ": " + e.getMessage(), e);
        }
    }

    private static void readAll(Folder folder, Handler handler) throws MessagingException {
        int count = folder.getMessageCount();
        for (int i = 1; i <= count; i++) {
            Message message = folder.getMessage(i);
            if (message.isSet(Flags.Flag.DELETED)) {
                continue;
            }
            handler.handle(folder.getFullName() + "#" + i, raw(message), () -> delete(message));
        }
        handler.flush();
    }

    private static void delete(Message message) {
        try {
            message.setFlag(Flags.Flag.DELETED, true);
        } catch (MessagingException e) {
            throw new BounceException("cannot flag message " + message.getMessageNumber() + " deleted: " + e.getMessage(), e);
        }
    }

    private static byte[] raw(Message message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("cannot read message " + message.getMessageNumber(), e);
        }
        return out.toByteArray();
    }

    private String folderName(String protocol) {
        String path = url.getPath() == null ? "" : url.getPath().replaceFirst("^/", "");
        return protocol.startsWith("pop3") || path.isEmpty() ? "INBOX" : path;
    }
}
