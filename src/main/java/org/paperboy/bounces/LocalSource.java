package org.paperboy.bounces;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Mail on disk for {@code bounces process}: files, folders, mbox files, or a maildir, where a
 * processed message moves from {@code new/} to {@code cur/} with the Seen flag (as a mail reader
 * would), only after its events are committed. Files and mbox files are left as they are:
 * reading them again changes nothing.
 */
public final class LocalSource implements MailSource {

    private final Path path;

    public LocalSource(Path path) {
        this.path = path;
    }

    /** One message on standard input, as a Postfix pipe or alias hands it over. */
    public static MailSource stdin(InputStream in) {
        return handler -> {
            try {
                handler.handle("stdin", in.readAllBytes(), () -> { });
                handler.flush();
            } catch (IOException e) {
                throw new BounceException("standard input: cannot read: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public void read(Handler handler) {
        LocalMail.read(path, (name, raw) -> handler.handle(name, raw, () -> markSeen(Path.of(name))));
        handler.flush();
    }

    private void markSeen(Path file) {
        Path folder = file.getParent();
        if (folder == null || !folder.getFileName().toString().equals("new") || !Files.isDirectory(folder.resolveSibling("cur"))) {
            return;
        }
        String name = file.getFileName().toString();
        try {
            Files.move(file, folder.resolveSibling("cur").resolve(name.contains(":2,") ? name : name + ":2,S"),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BounceException(file + ": cannot move to cur/: " + e.getMessage(), e);
        }
    }
}
