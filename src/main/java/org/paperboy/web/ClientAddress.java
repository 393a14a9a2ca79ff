package org.paperboy.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Who a request really comes from. The direct peer, unless it is one of {@code web.trustedProxies}:
 * then its {@code X-Forwarded-For} is read from the right, each trusted proxy appending the address it
 * saw, and the right-most hop that is not a trusted proxy is the client (what nginx's
 * {@code real_ip_recursive} does). Anything left of that hop was written by the client and is ignored.
 * Addresses are parsed as literals only: a forwarded value never causes a DNS lookup.
 */
final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");

    private final InetAddressSet trusted = new InetAddressSet();

    ClientAddress(List<String> trustedProxies) {
        checkPatterns(trustedProxies);
        trustedProxies.forEach(p -> trusted.add(p.strip()));
    }

    /** The client's address, given the direct peer and the X-Forwarded-For values in the order received. */
    InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        if (!trusted.test(peer)) {
            return peer;
        }
        List<String> hops = hops(forwardedFor);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break;   // a trusted proxy never writes garbage: the rest came from the client
            }
            client = hop.get();
            if (!trusted.test(client)) {
                break;
            }
        }
        return client;
    }

    /**
     * The rate-limit bucket of a client address: the address itself for IPv4, its /64 for IPv6, since
     * one home or server is given a whole /64 and could otherwise take a fresh address per request.
     */
    static String bucket(String clientIp) {
        Optional<InetAddress> address = literal(clientIp);
        if (address.isEmpty()) {
            return clientIp;
        }
        if (address.get().getAddress().length == 4) {
            return address.get().getHostAddress();   // ::ffff:192.0.2.1 and 192.0.2.1 are one client
        }
        byte[] bytes = address.get().getAddress();
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return clientIp;
        }
    }

    private static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /** An IPv4 or IPv6 literal (with an optional port or brackets), never a host name. */
    static Optional<InetAddress> literal(String text) {
        String s = text.strip();
        Matcher bracketed = BRACKETED.matcher(s);
        Matcher withPort = IPV4_PORT.matcher(s);
        if (bracketed.matches()) {
            s = bracketed.group(1);
        } else if (withPort.matches()) {
            s = withPort.group(1);
        }
        Matcher v4 = IPV4.matcher(s);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));   // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Checks each configured proxy is an address or a CIDR such as 10.0.0.0/8 or fd00::/8. */
    static void checkPatterns(List<String> patterns) {
        for (String pattern : patterns) {
            String p = pattern == null ? "" : pattern.strip();
            int slash = p.indexOf('/');
            String address = slash < 0 ? p : p.substring(0, slash);
            Optional<InetAddress> parsed = literal(address);
            boolean ok = parsed.isPresent() && (slash < 0 || prefixFits(p.substring(slash + 1), parsed.get()));
            if (!ok) {
                throw new IllegalArgumentException("web.trustedProxies: \"" + pattern
                        + "\" is not an IP address or a CIDR such as 10.0.0.0/8 or fd00::/8");
            }
        }
    }

    private static boolean prefixFits(String prefix, InetAddress address) {
        if (!prefix.matches("\\d{1,3}")) {
            return false;
        }
        return Integer.parseInt(prefix) <= address.getAddress().length * 8;
    }
}
