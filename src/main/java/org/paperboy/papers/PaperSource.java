package org.paperboy.papers;

import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * One input format. The registry asks each source in turn whether it {@link #accepts} an input,
 * judging by content, then lets the first that does stream the papers out of it.
 */
interface PaperSource {

    /** The format's name, for messages. */
    String format();

    boolean accepts(Head head);

    /**
     * Streams every paper of the input into the sink, or throws a {@link SourceFormatException}
     * naming the input and the line or JSON path of the first record it cannot read.
     *
     * @param asOf the day the load runs for, which dates without a year are placed before
     */
    void read(SourceInput input, LocalDate asOf, Consumer<Paper> sink);
}
