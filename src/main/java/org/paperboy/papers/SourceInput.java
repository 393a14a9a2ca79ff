package org.paperboy.papers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** One input to read papers from: a file, or a fetched URL's body. Can be opened more than once. */
record SourceInput(String name, Path path, byte[] body) {

    static SourceInput ofFile(Path path) {
        return new SourceInput(path.toString(), path, null);
    }

    static SourceInput ofBytes(String name, byte[] body) {
        return new SourceInput(name, null, body);
    }

    /** The short name papers record as their source: the file name, or the whole URL. */
    String label() {
        return path != null ? path.getFileName().toString() : name;
    }

    InputStream open() {
        if (body != null) {
            return new ByteArrayInputStream(body);
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new SourceFormatException(name + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
    }
}
