package org.paperboy.store;

import org.paperboy.PaperboyException;

/** The database cannot be reached or refused a change; the message says which. */
public class StoreException extends PaperboyException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
