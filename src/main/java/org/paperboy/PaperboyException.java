package org.paperboy;

/**
 * The one root of Paperboy's errors. Each stage has its own subtype; every message names what
 * failed and where (file and line, config key, address), because the CLI prints it as the whole
 * explanation a user gets.
 */
public class PaperboyException extends RuntimeException {

    public PaperboyException(String message) {
        super(message);
    }

    public PaperboyException(String message, Throwable cause) {
        super(message, cause);
    }
}
