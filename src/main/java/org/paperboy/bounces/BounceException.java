package org.paperboy.bounces;

import org.paperboy.PaperboyException;

/** A bounce source that cannot be read: the message names the file, folder or mailbox. */
public class BounceException extends PaperboyException {

    public BounceException(String message) {
        super(message);
    }

    public BounceException(String message, Throwable cause) {
        super(message, cause);
    }
}
