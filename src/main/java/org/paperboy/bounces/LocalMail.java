package org.paperboy.bounces;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mail on disk: a single message file, a maildir (its {@code new/} and {@code cur/}), any other folder
 * of message files, or an mbox file (messages split at "From " lines, mboxrd's {@code >From} unquoted).
 * Messages are handed over one at a time, so a large mbox is never held in memory whole.
 */
public final class LocalMail {

    /** Receives each message with a name that says where it came from: the file, or {@code file#n} in an mbox. */
    public interface Visitor {
        void message(String name, byte[] raw);
    }

    private LocalMail() {
    }

    public static void read(Path path, Visitor visitor) {
        if (!Files.exists(path)) {
            throw new BounceException(path + ": no such file or folder");
        }
        if (Files.isDirectory(path)) {
            for (Path file : filesIn(path)) {
                readFile(file, visitor);
            }
        } else {
            readFile(path, visitor);
        }
    }

    private static List<Path> filesIn(Path folder) {
        boolean maildir = Files.isDirectory(folder.resolve("cur")) || Files.isDirectory(folder.resolve("new"));
        List<Path> files = new ArrayList<>();
        try {
            if (maildir) {
                for (String sub : List.of("new", "cur")) {
                    if (Files.isDirectory(folder.resolve(sub))) {
                        try (Stream<Path> s = Files.list(folder.resolve(sub))) {
                            s.filter(Files::isRegularFile).sorted().forEach(files::add);
                        }
                    }
                }
            } else {
                try (Stream<Path> s = Files.walk(folder)) {
                    s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new BounceException(folder + ": cannot list: " + e.getMessage(), e);
        }
        return files;
    }

    private static void readFile(Path file, Visitor visitor) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.mark(5);
            byte[] head = in.readNBytes(5);
            in.reset();
            if (new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ")) {
                readMbox(file, in, visitor);
            } else {
                visitor.message(file.toString(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new BounceException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void readMbox(Path file, InputStream in, Visitor visitor) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int count = 0;
        boolean started = false;
        for (byte[] line = readLine(in); line != null; line = readLine(in)) {
            if (startsWith(line, "From ")) {
                if (started) {
                    visitor.message(file + "#" + ++count, message.toByteArray());
                    message.reset();
                }
                started = true;
                continue;
            }
            boolean quoted = line.length > 1 && line[0] == '>' && unquotable(line);
            message.write(line, quoted ? 1 : 0, line.length - (quoted ? 1 : 0));
        }
        if (started && message.size() > 0) {
            visitor.message(file + "#" + ++count, message.toByteArray());
        }
    }

    /** mboxrd: a line {@code >From } or {@code >>From } lost one {@code >} when it was quoted. */
    private static boolean unquotable(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        return line.length - i >= 5 && new String(line, i, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ");
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** One line including its line end, or null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 && b < 0 ? null : line.toByteArray();
    }
}
