package org.paperboy.bounces;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.paperboy.ConfigRange;

/**
 * The {@code bounces} section: where returned mail is read and how soft bounces count.
 *
 * @param mailbox        an IMAP(S) or POP3(S) mailbox, e.g. {@code imaps://mail.example.org/INBOX}; empty for none
 * @param username       the mailbox user
 * @param password       the mailbox password; best given as {@code PAPERBOY_BOUNCES_PASSWORD}; never logged
 * @param maildir        a maildir folder read by {@code bounces process} without a SOURCE and by the daemon
 * @param mbox           an mbox file read the same way
 * @param pollMinutes    how often the daemon reads the mailbox and maildir; 0 to never
 * @param softThreshold  soft bounces after which a reader is marked bounced
 * @param softWindowDays the window those soft bounces must fall in, with no clean delivery between
 */
public record BouncesConfig(String mailbox, String username, String password, String maildir, String mbox,
                            Integer pollMinutes, Integer softThreshold, Integer softWindowDays) {

    public static final BouncesConfig DEFAULTS = new BouncesConfig(null, null, null, null, null, null, null, null);
    private static final Set<String> PROTOCOLS = Set.of("imap", "imaps", "pop3", "pop3s");

    public BouncesConfig {
        mailbox = blankToNull(mailbox);
        if (mailbox != null) {
            String scheme = URI.create(mailbox).getScheme();
            if (scheme == null || !PROTOCOLS.contains(scheme.toLowerCase(Locale.ROOT)) || URI.create(mailbox).getHost() == null) {
                throw new IllegalArgumentException("bounces.mailbox must be an imap://, imaps://, pop3:// or pop3s:// URL with a host, got \""
                        + mailbox + "\"");
            }
        }
        username = blankToNull(username);
        password = blankToNull(password);
        maildir = blankToNull(maildir);
        mbox = blankToNull(mbox);
        pollMinutes = ConfigRange.atLeast("bounces.pollMinutes", pollMinutes, 10, 0);
        softThreshold = ConfigRange.atLeast("bounces.softThreshold", softThreshold, 3, 1);
        softWindowDays = ConfigRange.atLeast("bounces.softWindowDays", softWindowDays, 30, 1);
    }

    /** Whether anything is configured for the daemon to poll. */
    public boolean polled() {
        return pollMinutes > 0 && (mailbox != null || maildir != null || mbox != null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "BouncesConfig[mailbox=" + mailbox + ", username=" + username + ", password=" + (password == null ? "none" : "(hidden)")
                + ", maildir=" + maildir + ", mbox=" + mbox + ", pollMinutes=" + pollMinutes + ", softThreshold=" + softThreshold
                + ", softWindowDays=" + softWindowDays + "]";
    }
}
