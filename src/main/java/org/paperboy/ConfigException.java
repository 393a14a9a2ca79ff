package org.paperboy;

/** A configuration file or value that cannot be used; the message quotes the key and value. */
public class ConfigException extends PaperboyException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
