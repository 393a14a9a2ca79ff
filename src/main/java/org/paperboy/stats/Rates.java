package org.paperboy.stats;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Bounce and complaint rates over the messages sent in the window. Gmail asks bulk senders to keep
 * the spam-complaint rate under 0.1% and never to reach 0.3% (its sender guidelines, 2024).
 *
 * @param complaintsTracked false while the database records no unsubscribe reasons, so complaints cannot be counted
 */
public record Rates(long sent, long hardBounces, long complaints, boolean complaintsTracked) {

    /** Gmail's line: a complaint rate at or over it gets mail refused or sent to spam. */
    public static final double GMAIL_COMPLAINT_LIMIT = 0.003;
    /** Gmail's recommended ceiling. */
    public static final double GMAIL_COMPLAINT_TARGET = 0.001;

    @JsonProperty
    public double bounceRate() {
        return sent == 0 ? 0 : (double) hardBounces / sent;
    }

    @JsonProperty
    public double complaintRate() {
        return sent == 0 ? 0 : (double) complaints / sent;
    }

    /** True when the complaint rate is at or over Gmail's 0.3% line. */
    @JsonProperty
    public boolean overGmailLimit() {
        return complaintRate() >= GMAIL_COMPLAINT_LIMIT;
    }

    /** ok, high (over 0.1%) or over-limit (0.3% and more). */
    @JsonProperty
    public String complaintLevel() {
        return overGmailLimit() ? "over-limit" : complaintRate() >= GMAIL_COMPLAINT_TARGET ? "high" : "ok";
    }
}
