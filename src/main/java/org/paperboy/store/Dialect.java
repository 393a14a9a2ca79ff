package org.paperboy.store;

/** The two databases Paperboy runs on, and the few places their SQL differs. */
public enum Dialect {
    /** The embedded default: one file, shared by the processes of one machine. */
    SQLITE("sqlite"),
    /** For clusters: several nodes on one server. */
    POSTGRES("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The folder of this dialect's migrations under {@code db/}. */
    public String folder() {
        return folder;
    }

    /**
     * The row-lock clause for a read that a transaction will update. SQLite needs none: every
     * Paperboy transaction there begins IMMEDIATE, holding the database's one write lock.
     */
    public String forUpdate() {
        return this == POSTGRES ? " FOR UPDATE" : "";
    }
}
