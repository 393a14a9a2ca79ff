package org.paperboy.mail;

/**
 * What {@code check} learns of the relay over the session {@code send} opens: whether it offers AUTH
 * and PIPELINING, and its round trip (the median time of a few NOOPs, the server's own time included).
 * A connection waits one round trip for each exchange, so {@code connections} carry at most
 * connections ÷ (round trips a message × round trip) messages a second, and a target rate needs
 * rate × round trips a message × round trip connections.
 *
 * @param roundTripMillis the median NOOP round trip, in milliseconds
 */
public record RelayProbe(boolean offersAuth, boolean pipelining, double roundTripMillis) {

    /** Two with PIPELINING (MAIL, RCPT and DATA together, then the data and its dot), else four. */
    public int roundTripsPerMessage() {
        return pipelining ? 2 : 4;
    }

    /** The most messages a second {@code connections} can carry at this round trip, whatever the CPU. */
    public double ceiling(int connections) {
        return connections / (roundTripsPerMessage() * seconds());
    }

    /** The connections a rate needs at this round trip: rate × round trips a message × round trip, at least one. */
    public int connectionsFor(double ratePerSecond) {
        return Math.max(1, (int) Math.ceil(ratePerSecond * roundTripsPerMessage() * seconds() - 1e-9));
    }

    private double seconds() {
        return Math.max(roundTripMillis, 0.001) / 1000;
    }
}
