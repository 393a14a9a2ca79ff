package org.paperboy.mail;

import org.paperboy.PaperboyException;

/** A message that could not be handed over; the message names the recipient and the server's answer. */
public class DeliveryException extends PaperboyException {

    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** True for a 5xx answer: retrying will not help. */
    public boolean permanent() {
        return permanent;
    }
}
