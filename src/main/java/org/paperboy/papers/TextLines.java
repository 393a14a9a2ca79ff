package org.paperboy.papers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a text input line by line with its line numbers, streaming, so memory does not grow
 * with the file. Lines come back stripped of trailing spaces and CR; a UTF-8 byte-order mark is
 * dropped; invalid UTF-8 or a NUL byte is an error naming the line.
 */
final class TextLines implements AutoCloseable {

    private final String name;
    private final BufferedReader reader;
    private int number;

    TextLines(SourceInput input) {
        this.name = input.name();
        this.reader = new BufferedReader(new InputStreamReader(input.open(), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /** The next line, stripped at its end, or null at the end of the input. */
    String next() {
        String line;
        try {
            line = reader.readLine();
        } catch (CharacterCodingException e) {
            throw error(number + 1, "not UTF-8 text (binary data?)");
        } catch (IOException e) {
            throw error(number + 1, "cannot read: " + e.getMessage());
        }
        if (line == null) {
            return null;
        }
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.indexOf('\0') >= 0) {
            throw error(number, "binary data (a NUL byte), not a paper list");
        }
        return line.stripTrailing();
    }

    /** The number of the line last returned by {@link #next()}. */
    int number() {
        return number;
    }

    SourceFormatException error(int line, String message) {
        return new SourceFormatException(name + " line " + line + ": " + message);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // closing a reader we only read from loses nothing
        }
    }
}
