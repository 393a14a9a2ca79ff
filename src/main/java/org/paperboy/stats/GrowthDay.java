package org.paperboy.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * One day of the list's life, in the schedule's time zone.
 *
 * @param subscribed   subscriptions confirmed that day (a reader who left and came back counts again)
 * @param unsubscribed confirmed subscriptions ended that day by an unsubscribe, other than by a complaint
 * @param bounced      confirmed readers marked bounced, dated by their last refused message or returned bounce
 * @param complained   confirmed readers unsubscribed by a spam complaint that day
 * @param readers      confirmed readers at the end of the day: never negative, the day before's plus {@link #net()}
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

    /** The same day with the readers at its end. */
    GrowthDay withReaders(long atEnd) {
        return new GrowthDay(date, subscribed, unsubscribed, bounced, complained, atEnd, sent, hardBounces);
    }

    public boolean quiet() {
        return subscribed == 0 && unsubscribed == 0 && bounced == 0 && complained == 0 && sent == 0 && hardBounces == 0;
    }
}
