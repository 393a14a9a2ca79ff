package org.paperboy.web;

import org.paperboy.PaperboyException;

/** The web server cannot start (the address is taken, the host unknown); the message says where. */
public class WebException extends PaperboyException {

    public WebException(String message, Throwable cause) {
        super(message, cause);
    }
}
