package org.paperboy.papers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands a source as written by a user (file, directory, glob) into the files it names, sorted. */
final class SourceResolver {

    private SourceResolver() {
    }

    static List<Path> expand(String source) {
        if (isGlob(source)) {
            return glob(source);
        }
        Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            return directory(path);
        }
        if (!Files.exists(path)) {
            throw new SourceFormatException(source + ": no such file or directory");
        }
        return List.of(path);
    }

    private static boolean isGlob(String source) {
        return source.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Path> directory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
            if (found.isEmpty()) {
                throw new SourceFormatException(dir + ": the directory holds no files");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static List<Path> glob(String pattern) {
        Path base = Path.of(".");
        List<String> fixed = new ArrayList<>();
        for (String part : pattern.split("/", -1)) {
            if (isGlob(part)) {
                break;
            }
            fixed.add(part);
        }
        if (!fixed.isEmpty()) {
            String prefix = String.join("/", fixed);
            base = Path.of(prefix.isEmpty() ? "/" : prefix);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        if (!Files.isDirectory(base)) {
            throw new SourceFormatException(pattern + ": no files match (no directory " + base + ")");
        }
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : pattern.split("/", -1).length - fixed.size();
        try (Stream<Path> files = Files.walk(base, depth)) {
            Path root = base;
            List<Path> found = files.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(pattern.startsWith("/") || !root.equals(Path.of(".")) ? p : root.relativize(p)))
                    .sorted().toList();
            if (found.isEmpty()) {
                throw new SourceFormatException(pattern + ": no files match");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(pattern + ": cannot list: " + e.getMessage(), e);
        }
    }
}
