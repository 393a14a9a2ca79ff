package org.paperboy.bounces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mail on disk, all of it, for {@code bounces scan}: a single message file, a maildir (its {@code new/}
 * and {@code cur/}, without the hidden files maildir readers skip), any other folder of message files,
 * or an mbox file (messages split at "From " lines, mboxrd's {@code >From} unquoted). Messages are
 * handed over one at a time, so a large mbox is never held in memory whole.
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
                            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                                    .forEach(files::add);
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
        if (Mbox.is(file)) {
            Mbox.readAll(file, (number, start, end, raw) -> visitor.message(file + "#" + number, raw));
            return;
        }
        try {
            visitor.message(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new BounceException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
