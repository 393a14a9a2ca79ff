package org.paperboy.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who holds a claim on outbox rows: {@code host:pid#run}. A claim whose process is known to be gone
 * (same host, no such process) is taken over at once; any other only when its heartbeat is stale.
 */
record SenderId(String node, int run) {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final String HOST = host();

    /** A new id for a run of this process. */
    static SenderId next(String node) {
        return new SenderId(node, RUNS.incrementAndGet());
    }

    String id() {
        return node + "#" + run;
    }

    /** This process's name among senders: host and process id. */
    static String localNode() {
        return (HOST + ":" + ProcessHandle.current().pid()).replaceAll("[^A-Za-z0-9_.:-]", "_");
    }

    /** True when the claim is this host's and its process has ended. */
    static boolean isGone(String claimedBy) {
        if (claimedBy == null) {
            return true;
        }
        int hash = claimedBy.lastIndexOf('#');
        String node = hash < 0 ? claimedBy : claimedBy.substring(0, hash);
        int colon = node.lastIndexOf(':');
        if (colon < 0 || !node.substring(0, colon).equals(localNode().substring(0, localNode().lastIndexOf(':')))) {
            return false;
        }
        try {
            long pid = Long.parseLong(node.substring(colon + 1));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
