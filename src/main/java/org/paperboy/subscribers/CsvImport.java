package org.paperboy.subscribers;

import org.paperboy.store.Database;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.paperboy.ConfigException;

/**
 * Imports subscribers from CSV with a header: at least {@code email}, and any of the columns
 * {@link CsvExport} writes, so an export is restored exactly. Consent is never invented or
 * revived: a file without a {@code status} column needs an explicit status for its rows; a row
 * that is unsubscribed or bounced is kept as a suppression (stored with that status, never
 * mailed, and it suppresses a present reader); an address already unsubscribed or bounced here
 * stays so whatever the file says; others already present are left alone, so a second run
 * changes nothing. A bad row is reported with its line and reason and the good rows are kept.
 * The file is streamed in batches, each its own transaction, so memory stays flat.
 */
public final class CsvImport {

    static final int BATCH = 1000;

    private final Database db;
    private final Set<String> topics;

    public CsvImport(Database db, List<String> topics) {
        this.db = db;
        this.topics = Set.copyOf(topics);
    }

    /** A row that was not imported. */
    public record Rejected(long line, String reason) {
    }

    /**
     * What an import did.
     *
     * @param suppressed readers present and subscribed whom the file's row unsubscribed or bounced
     */
    public record Report(long imported, long suppressed, long alreadyPresent, List<Rejected> rejected) {
    }

    /**
     * Imports the file. {@code status} is for rows that name none (a file without a status
     * column, or an empty cell): confirmed or pending, recorded as the consent source; null when
     * the file must name every row's status.
     */
    public Report run(Path file, Status status, Instant now) {
        if (status == Status.UNSUBSCRIBED || status == Status.BOUNCED) {
            throw new ConfigException("--status must be confirmed or pending, not " + status.key());
        }
        return importFile(file, new SubscriberCsv.Defaults(status, topics, now, SubscriptionService.CONSENT_TEXT_VERSION));
    }

    private Report importFile(Path file, SubscriberCsv.Defaults defaults) {
        ImportBatches batches = new ImportBatches(db);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT));
             CSVParser csv = open(reader, format, file)) {
            Map<String, String> columns = CsvHeader.columns(file, csv.getHeaderNames(), defaults.status() != null);
            List<ImportBatches.Row> batch = new ArrayList<>(BATCH);
            for (CSVRecord record : csv) {
                ImportBatches.Row row = parse(record, columns, csv.getCurrentLineNumber(), defaults, batches);
                if (row != null) {
                    batch.add(row);
                }
                if (batch.size() == BATCH) {
                    batches.store(batch);
                    batch.clear();
                }
            }
            batches.store(batch);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ConfigException(file + ": malformed CSV: " + Database.rootMessage(e) + " (the rows before it were imported;"
                    + " running the import again after fixing it skips them)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + Database.rootMessage(e), e);
        }
        return batches.report();
    }

    private static CSVParser open(Reader reader, CSVFormat format, Path file) throws IOException {
        try {
            return CSVParser.parse(reader, format);
        } catch (IllegalArgumentException e) {
            // a blank or repeated name in the first line: it is not a header
            throw new ConfigException(file + " line 1: not a header (" + CsvHeader.clip(Database.rootMessage(e)) + "); "
                    + CsvHeader.EXPECTED);
        }
    }

    private static ImportBatches.Row parse(CSVRecord record, Map<String, String> columns, long line,
                                           SubscriberCsv.Defaults defaults, ImportBatches batches) {
        if (record.size() > columns.size()) {
            batches.reject(line, "the row has " + record.size() + " fields, the header " + columns.size());
            return null;
        }
        try {
            Map<String, String> cells = SubscriberCsv.byColumn(record, columns);
            return new ImportBatches.Row(line, SubscriberCsv.parse(cells, defaults), VoteCells.read(cells.get("votes")));
        } catch (SubscriberCsv.BadCell | EmailAddress.InvalidAddressException e) {
            batches.reject(line, e.getMessage());
            return null;
        }
    }

    /** Checks the header line and maps its names to our columns. */
    static final class CsvHeader {
        static final String EXPECTED = "the first line must name the columns, e.g. email,status,topics,keywords"
                + " (as `subscribers export --csv` writes)";

        private CsvHeader() {
        }

        static Map<String, String> columns(Path file, List<String> names, boolean statusGiven) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (String name : names) {
                String column = name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
                if (column.contains("@")) {
                    throw new ConfigException(file + " line 1: no header, the line holds an address; " + EXPECTED);
                }
                columns.put(name, column);
            }
            if (!columns.containsValue("email")) {
                throw new ConfigException(file + " line 1: the header must name an \"email\" column; " + EXPECTED);
            }
            for (String column : columns.values()) {
                if (!SubscriberCsv.COLUMNS.contains(column)) {
                    throw new ConfigException(file + " line 1: unknown column \"" + clip(column) + "\"; the columns are "
                            + String.join(", ", SubscriberCsv.COLUMNS));
                }
            }
            if (!columns.containsValue("status") && !statusGiven) {
                throw new ConfigException(file + ": the file has no status column; say what its readers agreed to with"
                        + " --status confirmed (they opted in elsewhere) or --status pending");
            }
            return columns;
        }

        static String clip(String s) {
            String one = s.replaceAll("\\s+", " ");
            return one.length() <= 80 ? one : one.substring(0, 80) + "…";
        }
    }
}
