package org.paperboy.bounces;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mail on disk for {@code bounces process}, each mail read once:
 * <ul>
 * <li>a maildir ({@code new/}, {@code cur/}): a processed mail moves to {@code cur/} flagged seen
 * ({@code :2,S}), one that could not be read flagged for a human ({@code :2,F}), after its events are
 * committed; flagged mails are not read again (see {@link Maildir});</li>
 * <li>an mbox: read from where the last run stopped, kept in {@code .NAME.paperboy} beside it; the mbox
 * itself is left as it is (see {@link MboxPlace});</li>
 * <li>a mail file or a folder of them: read whole each time and left as they are; reading them again
 * changes nothing.</li>
 * </ul>
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
                handler.handle("stdin", in.readAllBytes(), () -> { }, () -> { });
                handler.flush();
            } catch (IOException e) {
                throw new BounceException("standard input: cannot read: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public void read(Handler handler) {
        if (!Files.exists(path)) {
            throw new BounceException(path + ": no such file or folder");
        }
        if (Files.isDirectory(path) && (Files.isDirectory(path.resolve("new")) || Files.isDirectory(path.resolve("cur")))) {
            new Maildir(path).read(handler);
        } else if (Files.isRegularFile(path) && size(path) == 0) {
            handler.flush();
        } else if (Files.isRegularFile(path) && Mbox.is(path)) {
            new MboxPlace(path).read(handler);
        } else {
            LocalMail.read(path, (name, raw) -> handler.handle(name, raw, () -> { }, () -> { }));
            handler.flush();
        }
    }

    /** An empty file is an mbox with nothing in it yet (or emptied by a mail reader), not a mail. */
    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new BounceException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
