package org.paperboy.bounces;

/** Reasons of their own for a few remote hosts, after Sisimai::Rhost. */
final class RemoteHosts {

    private RemoteHosts() {
    }

    /** The reason this delivery's remote host gives by its own codes and words, or "" when it has none. */
    static String reason(Delivery d) {
        return "";
    }
}
