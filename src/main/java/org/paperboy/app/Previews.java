package org.paperboy.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where the commands write files besides the database, as absolute paths to print: previews go to
 * the folder {@code preview} beside {@code smtp.outbox} (the package's /var/lib/paperboy/preview,
 * a checkout's out/preview), so a command run from any folder writes only where the config says.
 */
final class Previews {

    private Previews() {
    }

    /** The folder {@code preview} beside the outbox folder. */
    static Path defaultFolder(PaperboyConfig config) {
        return Path.of(config.smtp().outbox()).toAbsolutePath().normalize().resolveSibling("preview");
    }

    /** The date's folder of .eml files, when mail goes to the outbox folder (no smtp.host) and it holds some. */
    static Optional<Path> outboxFolder(PaperboyConfig config, LocalDate day) {
        if (config.smtp().host() != null && !config.smtp().host().isBlank()) {
            return Optional.empty();
        }
        Path folder = Path.of(config.smtp().outbox()).toAbsolutePath().normalize().resolve(day.toString());
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }
}
