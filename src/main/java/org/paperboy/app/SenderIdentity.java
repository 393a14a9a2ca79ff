package org.paperboy.app;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.paperboy.ConfigException;
import org.paperboy.digest.EmailConfig;

/**
 * Who the mail says it is from, checked before real mail goes out: a reader's mail client and
 * their provider judge the list by it. {@code send} and {@code run} refuse to mail through an
 * SMTP server while any item fails; writing to the outbox folder (no {@code smtp.host}) is exempt.
 */
final class SenderIdentity {

    /** RFC 2606 and RFC 6761 names that never reach a real reader. {@code .test} stays allowed for test set-ups. */
    private static final List<String> PLACEHOLDER_DOMAINS = List.of("localhost", "localdomain", "example", "invalid",
            "example.com", "example.net", "example.org", "local");

    private SenderIdentity() {
    }

    static List<CheckItem> check(PaperboyConfig config) {
        return check(config, false);
    }

    /**
     * The items; under {@code --local-trial} (the relay on loopback, checked by {@link LocalTrial}) an
     * item that would refuse real mail is a note instead: the mail never leaves this machine.
     */
    static List<CheckItem> check(PaperboyConfig config, boolean localTrial) {
        List<CheckItem> items = identity(config);
        return !localTrial ? items : items.stream().map(i -> i.failed() ? CheckItem.note(i.key(), i.message()
                + " (local trial: the mail stays in the catcher on " + config.smtp().host() + ")") : i).toList();
    }

    private static List<CheckItem> identity(PaperboyConfig config) {
        List<CheckItem> items = new ArrayList<>();
        items.add(publicBaseUrl(config.email().publicBaseUrl()));
        items.add(from(config.smtp().fromAddress()));
        items.add(postalAddress(config.email().postalAddress()));
        items.add(config.tokens().secret() != null ? CheckItem.ok("tokens.secret", "set")
                : CheckItem.fail("tokens.secret", "not set: links would be signed with a secret generated on the spot"
                        + " under data/; set PAPERBOY_TOKEN_SECRET (at least 16 characters)"));
        return items;
    }

    /** Throws, naming every wrong key, when real mail would go out with a wrong identity. */
    static void requireForSmtp(PaperboyConfig config, String command) {
        requireForSmtp(config, command, false);
    }

    /** As {@link #requireForSmtp(PaperboyConfig, String)}, for a config {@link LocalTrial#apply} may have made. */
    static void requireForSmtp(PaperboyConfig config, String command, boolean localTrial) {
        if (config.smtp().host() == null) {
            return;
        }
        List<CheckItem> failed = check(config, localTrial).stream().filter(CheckItem::failed).toList();
        if (!failed.isEmpty()) {
            throw new ConfigException(command + " refuses to mail through " + config.smtp().host() + " until the sender identity is fixed: "
                    + failed.stream().map(i -> i.key() + " " + i.message()).collect(Collectors.joining("; "))
                    + " (paperboy check lists everything" + (!localTrial && isLoopback(config.smtp().host().toLowerCase(Locale.ROOT))
                            ? "; to try it with a mail catcher on this machine, add --local-trial" : "") + ")");
        }
    }

    static CheckItem publicBaseUrl(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return CheckItem.fail("email.publicBaseUrl", "\"" + url + "\" is not https: one-click unsubscribe (RFC 8058) and Gmail need it");
        }
        if (isLoopback(host) || isPlaceholder(host)) {
            return CheckItem.fail("email.publicBaseUrl", "\"" + url + "\" is not reachable by readers (" + host + ")");
        }
        return CheckItem.ok("email.publicBaseUrl", url);
    }

    static CheckItem from(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || isPlaceholder(domain) || isLoopback(domain)) {
            return CheckItem.fail("smtp.fromAddress", "\"" + address + "\" is not at a real domain; it also names the Message-IDs and List-Id");
        }
        return CheckItem.ok("smtp.fromAddress", address);
    }

    static CheckItem postalAddress(String postal) {
        String lower = postal.toLowerCase(Locale.ROOT);
        if (postal.equals(EmailConfig.DEFAULTS.postalAddress()) || lower.contains("example street") || lower.contains("example city")) {
            return CheckItem.fail("email.postalAddress", "still the example address; anti-spam laws (CAN-SPAM) want the sender's real one");
        }
        return CheckItem.ok("email.postalAddress", postal);
    }

    private static boolean isPlaceholder(String domain) {
        return PLACEHOLDER_DOMAINS.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    /** Loopback by name or literal address; no DNS lookup, so the check works offline. */
    static boolean isLoopback(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-f:]+") || !literal.matches(".*[.:].*")) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
