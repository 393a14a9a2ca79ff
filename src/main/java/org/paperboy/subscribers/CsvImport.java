package org.paperboy.subscribers;

import org.paperboy.store.Database;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.paperboy.ConfigException;
import org.paperboy.ranking.Preferences;

/**
 * Imports subscribers from a CSV file with the columns email, topics and keywords (topics and
 * keywords separated by ";" or ","). Streams the file in batches, each its own transaction, so
 * memory stays flat. Rows that cannot be used are reported with their line and reason; addresses
 * already present, whatever their status, are left alone: a second run changes nothing, and
 * someone who unsubscribed is never subscribed again.
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

    /** What an import did. */
    public record Report(long imported, long alreadyPresent, List<Rejected> rejected) {
    }

    private record Row(long line, String email, Preferences preferences) {
    }

    public Report run(Path file, Instant now) {
        return importFile(file, now);
    }

    private Report importFile(Path file, Instant now) {
        Consent consent = new Consent("import", null, null, SubscriptionService.CONSENT_TEXT_VERSION, now);
        long[] counts = new long[2];
        List<Rejected> rejected = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
                .setTrim(true).setIgnoreEmptyLines(true).build();
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT));
             CSVParser csv = CSVParser.parse(reader, format)) {
            Map<String, Integer> header = csv.getHeaderMap();
            if (header == null || header.keySet().stream().noneMatch(h -> h.strip().replace("\uFEFF", "").equalsIgnoreCase("email"))) {
                throw new ConfigException(file + " line 1: the header must name an \"email\" column (with optional \"topics\" and \"keywords\")");
            }
            String emailColumn = header.keySet().stream().filter(h -> h.strip().replace("\uFEFF", "").equalsIgnoreCase("email")).findFirst().orElseThrow();
            List<Row> batch = new ArrayList<>(BATCH);
            for (CSVRecord record : csv) {
                long line = csv.getCurrentLineNumber();
                Row row = parse(record, emailColumn, line, rejected);
                if (row != null) {
                    batch.add(row);
                }
                if (batch.size() == BATCH) {
                    store(batch, consent, counts, rejected);
                    batch.clear();
                }
            }
            store(batch, consent, counts, rejected);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ConfigException(file + ": malformed CSV: " + Database.rootMessage(e) + " (the rows before it were imported;"
                    + " running the import again after fixing it skips them)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + Database.rootMessage(e), e);
        }
        return new Report(counts[0], counts[1], rejected);
    }

    private Row parse(CSVRecord record, String emailColumn, long line, List<Rejected> rejected) {
        try {
            String email = EmailAddress.normalise(record.isMapped(emailColumn) ? record.get(emailColumn) : "");
            List<String> chosen = cell(record, "topics");
            for (String topic : chosen) {
                if (!topics.contains(topic.toLowerCase())) {
                    rejected.add(new Rejected(line, "unknown topic \"" + topic + "\""));
                    return null;
                }
            }
            return new Row(line, email, Preferences.of(chosen, cell(record, "keywords")));
        } catch (EmailAddress.InvalidAddressException e) {
            rejected.add(new Rejected(line, e.getMessage()));
            return null;
        } catch (IllegalArgumentException e) {
            rejected.add(new Rejected(line, "the row has " + record.size() + " fields, unlike the header"));
            return null;
        }
    }

    private static List<String> cell(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column) || record.get(column).isBlank()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String v : record.get(column).split("[;,]")) {
            if (!v.isBlank()) {
                values.add(v.strip());
            }
        }
        return values;
    }

    private void store(List<Row> batch, Consent consent, long[] counts, List<Rejected> rejected) {
        if (batch.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            Set<String> present = existing(c, batch);
            Map<String, Row> fresh = new LinkedHashMap<>();
            for (Row row : batch) {
                String key = EmailAddress.key(row.email());
                if (present.contains(key)) {
                    counts[1]++;
                } else if (fresh.containsKey(key)) {
                    rejected.add(new Rejected(row.line(), "duplicate of line " + fresh.get(key).line()));
                } else {
                    fresh.put(key, row);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(SubscriberRows.INSERT)) {
                for (Row row : fresh.values()) {
                    SubscriberRows.bindInsert(ps, row.email(), Status.CONFIRMED, row.preferences(), Frequency.DAILY, consent);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            counts[0] += fresh.size();
            return null;
        });
    }

    private static Set<String> existing(Connection c, List<Row> batch) throws SQLException {
        Set<String> found = new HashSet<>();
        StringBuilder sql = new StringBuilder("SELECT email_key FROM subscriber WHERE email_key IN (");
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
            for (int i = 0; i < batch.size(); i++) {
                ps.setString(i + 1, EmailAddress.key(batch.get(i).email()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
