package org.paperboy.papers;

import org.paperboy.PaperboyException;

/** An input that cannot be read as papers; the message names the file and the line or JSON path. */
public class SourceFormatException extends PaperboyException {

    public SourceFormatException(String message) {
        super(message);
    }

    public SourceFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
