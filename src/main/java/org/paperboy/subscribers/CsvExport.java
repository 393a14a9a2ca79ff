package org.paperboy.subscribers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes every subscriber, whatever their status, as CSV with a header: everything a reader is
 * (status, frequency, choices, consent, confirmation, unsubscribe, bounces and votes), so that
 * {@link CsvImport} into a fresh database restores each of them exactly, suppressions included.
 */
public final class CsvExport {

    private final SubscriberStore store;

    public CsvExport(SubscriberStore store) {
        this.store = store;
    }

    /** Streams the subscribers in id order to {@code out}; returns how many were written. */
    public long write(Appendable out) {
        return write(out, each -> store.forEach(null, each));
    }

    /**
     * Streams the subscribers the source hands its consumer, in that order, to {@code out}, in the same
     * format (the admin page's export of a filtered list); returns how many were written.
     */
    public long write(Appendable out, java.util.function.Consumer<java.util.function.Consumer<Subscriber>> source) {
        long[] count = {0};
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                    .setHeader(SubscriberCsv.COLUMNS.toArray(String[]::new)).build());
            Votes votes = store.votes();
            java.util.Set<Long> voters = votes.voters();
            source.accept(s -> {
                try {
                    printer.printRecord(SubscriberCsv.cells(s, voters.contains(s.id()) ? votes.of(s.id()) : List.of()));
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
                }
            });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
        return count[0];
    }
}
