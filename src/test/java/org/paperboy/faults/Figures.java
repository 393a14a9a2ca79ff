package org.paperboy.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The harness's figures as Markdown table rows, appended to {@code target/faults/figures.md} (or
 * the file named by {@code -Dfaults.figures}) and printed, so {@code bench/faults.sh} can show them;
 * the database column names the transport when it is not plaintext ({@code sqlite, starttls}).
 */
final class Figures {

    static final String HEADER = "| database | scenario | trials | figures | result |\n|---|---|---|---|---|\n";

    private Figures() {
    }

    static Path file() {
        return Path.of(System.getProperty("faults.figures", "target/faults/figures.md"));
    }

    static synchronized void row(String database, String scenario, int trials, String figures, boolean ok) {
        String over = Trial.SECURITY.equals("none") ? database : database + ", " + Trial.SECURITY;   // -Dfaults.security
        String row = "| %s | %s | %d | %s | %s |%n".formatted(over, scenario, trials, figures, ok ? "ok" : "**FAILED**");
        System.out.print("faults: " + row);
        try {
            Path file = file();
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER);
            }
            Files.writeString(file, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
