package org.paperboy.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes digests as files anyone can open: {@code DIR/<date>/digest.html} and {@code digest.txt}
 * (one pair per subscriber variant in a folder of its own), and {@code DIR/index.html} linking
 * every digest there. A day is written to a fresh folder and swapped in whole, so a re-run
 * replaces it without stale files and a failure leaves the previous one intact.
 */
public final class PreviewWriter {

    static final String HTML = "digest.html";
    static final String TEXT = "digest.txt";
    static final String INDEX_TEMPLATE = "preview-index.html.ftlh";

    private final DigestRenderer renderer;
    private final EmailConfig config;

    public PreviewWriter(DigestRenderer renderer, EmailConfig config) {
        this.renderer = renderer;
        this.config = config;
    }

    /**
     * One digest to preview.
     *
     * @param folder the variant's folder under the day, or "" for the general digest
     * @param label  how the index names it
     */
    public record Variant(String folder, String label, RenderedDigest rendered) {
    }

    /** Writes the day's variants and the index; returns the files written. */
    public List<Path> write(Path out, LocalDate date, List<Variant> variants) {
        try {
            Files.createDirectories(out);
            Path day = out.resolve(date.toString());
            Path fresh = Files.createTempDirectory(out, "." + date + "-new-");
            List<Path> written = new ArrayList<>();
            for (Variant variant : variants) {
                Path dir = variant.folder().isEmpty() ? fresh : fresh.resolve(variant.folder());
                Files.createDirectories(dir);
                Email email = variant.rendered().fill("you@example.org", config.publicBaseUrl() + "/unsubscribe/preview",
                        config.publicBaseUrl() + "/preferences/preview");
                Files.writeString(dir.resolve(HTML), email.html(), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(TEXT), email.text(), StandardCharsets.UTF_8);
                Path final_ = variant.folder().isEmpty() ? day : day.resolve(variant.folder());
                written.add(final_.resolve(HTML));
                written.add(final_.resolve(TEXT));
            }
            swap(fresh, day);
            written.add(writeIndex(out));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the preview: " + e.getMessage(), e);
        }
    }

    private static void swap(Path fresh, Path day) throws IOException {
        Path old = null;
        if (Files.exists(day)) {
            old = Files.createTempDirectory(day.getParent(), "." + day.getFileName() + "-old-");
            Files.delete(old);
            Files.move(day, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, day, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    private Path writeIndex(Path out) throws IOException {
        List<Map<String, Object>> days = new ArrayList<>();
        try (Stream<Path> entries = Files.list(out)) {
            for (Path day : entries.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}") && Files.isDirectory(p))
                    .sorted(Comparator.reverseOrder()).toList()) {
                days.add(Map.of("date", day.getFileName().toString(), "variants", variants(out, day)));
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("listName", config.listName());
        model.put("days", days);
        Path index = out.resolve("index.html");
        Path tmp = Files.createTempFile(out, ".index-", ".html");
        Files.writeString(tmp, renderer.renderPage(INDEX_TEMPLATE, model), StandardCharsets.UTF_8);
        Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return index;
    }

    private static List<Map<String, String>> variants(Path out, Path day) throws IOException {
        List<Map<String, String>> found = new ArrayList<>();
        if (Files.isRegularFile(day.resolve(HTML))) {
            found.add(link(out, day, "General digest"));
        }
        try (Stream<Path> dirs = Files.list(day)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (Files.isRegularFile(dir.resolve(HTML))) {
                    found.add(link(out, dir, dir.getFileName().toString()));
                }
            }
        }
        return found;
    }

    private static Map<String, String> link(Path out, Path dir, String name) {
        String rel = out.relativize(dir).toString().replace('\\', '/');
        return Map.of("name", name, "html", rel + "/" + HTML, "text", rel + "/" + TEXT);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
