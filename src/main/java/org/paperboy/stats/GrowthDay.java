package org.paperboy.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * One day of the list's life, in the schedule's time zone.
 *
 * @param subscribed   readers confirmed that day
 * @param unsubscribed confirmed readers who left that day, other than by a complaint
 * @param bounced      readers marked bounced that day (dated by their last refused message)
 * @param complained   readers unsubscribed by a spam complaint that day
 * @param readers      confirmed readers at the end of the day
 * @param sent         messages the server accepted that day
 * @param hardBounces  messages refused for good (5xx) that day
 */
public record GrowthDay(LocalDate date, int subscribed, int unsubscribed, int bounced, int complained, long readers,
                        int sent, int hardBounces) {

    /** The readers gained (or lost, when negative) that day. */
    @JsonProperty
    public int net() {
        return subscribed - unsubscribed - bounced - complained;
    }

    public boolean quiet() {
        return subscribed == 0 && unsubscribed == 0 && bounced == 0 && complained == 0 && sent == 0 && hardBounces == 0;
    }
}
