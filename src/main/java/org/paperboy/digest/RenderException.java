package org.paperboy.digest;

import org.paperboy.PaperboyException;

/** A template that cannot be loaded or rendered; the message names the template and line. */
public class RenderException extends PaperboyException {

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
