package org.paperboy.bounces;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IMAP(S) or POP3(S) mailbox through Jakarta Mail. A message is flagged deleted only after its
 * events are committed, and the deletions are carried out when the folder closes (IMAP EXPUNGE,
 * POP3 QUIT): a process killed in the middle deletes nothing, and the next run finds the same mail
 * recorded already. A message the processor could not read is flagged (IMAP {@code \Flagged}) and
 * not read again; POP3 has no flags, so it is read again each time. Two processors on one mailbox do
 * not fail: a message the other expunged is passed over, one both read is recorded once (the
 * database's idempotence by mail key), a POP3 mailbox locked by the other's session is read next time,
 * and the POP3 sessions of one process take turns.
 */
public final class MailboxSource implements MailSource {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxSource.class);
    /**
     * POP3 sessions of one process on one mailbox take turns: a message number means the session's own
     * list only where the server locks the maildrop or keeps a list per session (RFC 1939; Dovecot,
     * Courier do), which between processes is the server's part.
     */
    private static final Map<String, ReentrantLock> POP3_TURNS = new ConcurrentHashMap<>();

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
        boolean pop3 = protocol.startsWith("pop3");
        ReentrantLock turn = pop3 ? POP3_TURNS.computeIfAbsent(where + "/" + username, k -> new ReentrantLock()) : null;
        if (turn != null) {
            turn.lock();
        }
        boolean opened = false;
        try {
            Store store = Session.getInstance(props).getStore(protocol);
            store.connect(url.getHost(), url.getPort(), username, password);
            try {
                Folder folder = store.getFolder(folderName(protocol));
                folder.open(Folder.READ_WRITE);
                opened = true;
                try {
                    readAll(folder, handler, !pop3);
                } finally {
                    folder.close(true);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            if (pop3 && !opened && inUse(e)) {
                LOG.info("{}: in use by another session (another processor?); read next time: {}", where, e.getMessage());
                handler.flush();
                return;
            }
            throw new BounceException(where + ": " + e.getMessage(), e);
        } finally {
            if (turn != null) {
                turn.unlock();
            }
        }
    }

    /** Whether a POP3 server refused because another session holds the maildrop (RFC 2449 IN-USE, or its own words). */
    private static boolean inUse(MessagingException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("[IN-USE]") || message.toLowerCase(java.util.Locale.ROOT).matches("(?s).*(mailbox|maildrop).*(locked|in use).*");
    }

    /**
     * Hands over each message not flagged deleted (nor, on IMAP, flagged: kept for a human). A message
     * another processor expunged meanwhile is passed over: that processor recorded it.
     */
    private static void readAll(Folder folder, Handler handler, boolean flags) throws MessagingException {
        Message[] messages = folder.getMessages();
        for (Message message : messages) {
            byte[] raw;
            try {
                if (message.isSet(Flags.Flag.DELETED) || flags && message.isSet(Flags.Flag.FLAGGED)) {
                    continue;
                }
                raw = raw(message);
            } catch (MessageRemovedException e) {
                LOG.debug("{}#{}: expunged by another session", folder.getFullName(), message.getMessageNumber());
                continue;
            } catch (MessagingException e) {
                if (!message.isExpunged() && !String.valueOf(e.getMessage()).toUpperCase(java.util.Locale.ROOT).contains("EXPUNGE")) {
                    throw e;
                }
                LOG.debug("{}#{}: expunged by another session: {}", folder.getFullName(), message.getMessageNumber(), e.getMessage());
                continue;
            }
            handler.handle(folder.getFullName() + "#" + message.getMessageNumber(), raw, () -> flag(message, Flags.Flag.DELETED),
                    () -> {
                        if (flags) {
                            flag(message, Flags.Flag.FLAGGED);
                        }
                    });
        }
        handler.flush();
    }

    private static void flag(Message message, Flags.Flag flag) {
        try {
            message.setFlag(flag, true);
        } catch (MessageRemovedException e) {
            LOG.debug("message {}: expunged by another session", message.getMessageNumber());
        } catch (MessagingException e) {
            throw new BounceException("cannot flag message " + message.getMessageNumber()
                    + (flag == Flags.Flag.DELETED ? " deleted: " : " flagged: ") + e.getMessage(), e);
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
