package org.paperboy.papers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The first few kilobytes of an input, which is all a {@link PaperSource} needs to say whether it
 * reads that format. Rejects empty and binary inputs before any source looks at them.
 */
record Head(String name, String text, List<String> lines) {

    static final int SIZE = 8192;
    private static final int LINES = 16;

    static Head read(SourceInput input) {
        byte[] bytes;
        try (InputStream in = input.open()) {
            bytes = in.readNBytes(SIZE);
        } catch (IOException e) {
            throw new SourceFormatException(input.name() + ": cannot read: " + e.getMessage(), e);
        }
        String text = decode(input.name(), bytes);
        if (text.isBlank()) {
            throw new SourceFormatException(input.name() + ": the file is empty");
        }
        return new Head(input.name(), text, firstLines(text));
    }

    /** The first non-blank character, which tells JSON and XML from text. */
    char firstChar() {
        return text.strip().charAt(0);
    }

    private static String decode(String name, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new SourceFormatException(name + ": binary data (a NUL byte at offset " + i + "), not a paper list");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, out, false);
        // a multi-byte character cut by the 8 KB window is underflow, not an error
        if (result.isError()) {
            throw new SourceFormatException(name + ": binary data (not UTF-8 text at offset " + in.position() + "), not a paper list");
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static List<String> firstLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : (Iterable<String>) text.lines()::iterator) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                lines.add(stripped);
            }
            if (lines.size() == LINES) {
                break;
            }
        }
        return lines;
    }
}
