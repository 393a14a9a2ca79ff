package org.paperboy.bounces;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A maildir read once, as a mail reader reads it: the mails of {@code new/}, and those of {@code cur/}
 * flagged neither seen ({@code S}), flagged ({@code F}) nor trashed ({@code T}). A processed mail moves
 * to {@code cur/} with the seen flag ({@code :2,S}); one the processor could not read moves there
 * flagged and unseen ({@code :2,F}) for a human; neither is read again. Clearing a mail's flags (or
 * moving it back to {@code new/}) has it read again.
 *
 * <p>Before a mail is read it is claimed: renamed atomically to a hidden name in {@code cur/}
 * ({@code .paperboy-claim,HOST,PID-STARTED,MILLIS,FOLDER,NAME}), which mail readers skip. Of two processors
 * reaching for one mail, the rename succeeds for one; the other finds the file gone and passes on.
 * A claim left by a process that died (same host, its PID no longer running, or running but started at
 * another time: a reused PID, a restarted container's PID 1) or older than an hour is
 * taken back by the next run; the database's idempotence by mail key makes a mail read twice count once.
 */
final class Maildir {

    private static final Logger LOG = LoggerFactory.getLogger(Maildir.class);
    static final String CLAIM = ".paperboy-claim,";
    static final Duration STALE = Duration.ofHours(1);
    /** This process as a claim names it: its PID and when it started (epoch seconds, 0 if unknown). */
    static final String OWNER = ProcessHandle.current().pid() + "-" + started(ProcessHandle.current());

    private final Path root;
    private final Path cur;

    /** A mail taken from {@code folder/name}, now at {@code path}. */
    private record Claim(Path path, String folder, String name) {
    }

    Maildir(Path root) {
        this.root = root;
        this.cur = root.resolve("cur");
    }

    void read(MailSource.Handler handler) {
        try {
            Files.createDirectories(cur);
        } catch (IOException e) {
            throw new BounceException(cur + ": cannot create: " + e.getMessage(), e);
        }
        Map<Path, Claim> held = new LinkedHashMap<>();
        try {
            for (Path candidate : candidates()) {
                Claim claim = claim(candidate);
                if (claim == null) {
                    continue;
                }
                byte[] raw;
                try {
                    raw = Files.readAllBytes(claim.path());
                } catch (NoSuchFileException e) {
                    LOG.debug("{}: taken by another processor", claim.path());
                    continue;
                } catch (IOException e) {
                    throw new BounceException(claim.path() + ": cannot read: " + e.getMessage(), e);
                }
                held.put(claim.path(), claim);
                handler.handle(cur.resolve(base(claim.name())).toString(), raw,
                        () -> settle(held.remove(claim.path()), 'S'), () -> settle(held.remove(claim.path()), 'F'));
            }
            handler.flush();
        } finally {
            held.values().forEach(this::release);
        }
    }

    /** {@code new/} and the unflagged mails of {@code cur/}, each folder in name order, then the claims of dead processes. */
    private List<Path> candidates() {
        List<Path> files = new ArrayList<>(list(root.resolve("new")));
        List<Path> stale = new ArrayList<>();
        for (Path f : list(cur)) {
            String name = f.getFileName().toString();
            if (name.startsWith(CLAIM)) {
                if (stale(name)) {
                    stale.add(f);
                }
            } else if (!name.startsWith(".") && !flags(name).matches(".*[FST].*")) {
                files.add(f);
            }
        }
        files.addAll(stale);
        return files;
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".") || p.getFileName().toString().startsWith(CLAIM))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new BounceException(folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Renames the mail to this process's claim; null when another processor took it first. */
    private Claim claim(Path file) {
        String name = file.getFileName().toString();
        String folder = file.getParent().getFileName().toString();
        String[] parts = name.split(",", 6);
        if (name.startsWith(CLAIM)) {
            folder = parts[4];
            name = parts[5];
        }
        Path target = cur.resolve(CLAIM + Host.NAME + "," + OWNER + "," + System.currentTimeMillis() + "," + folder + "," + name);
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            if (file.getFileName().toString().startsWith(CLAIM)) {
                LOG.info("{}: took back {}, left by process {} on {}", root, name, parts[2].replaceFirst("-.*", ""), parts[1]);
            }
            return new Claim(target, folder, name);
        } catch (NoSuchFileException e) {
            LOG.debug("{}: taken by another processor", file);
            return null;
        } catch (IOException e) {
            throw new BounceException(file + ": cannot claim (rename into cur/): " + e.getMessage(), e);
        }
    }

    /** Whether a claim was left by a process that is gone, or so long ago that it must have been. */
    static boolean stale(String claimName) {
        String[] parts = claimName.split(",", 6);
        if (parts.length < 6 || !parts[2].matches("\\d{1,18}-\\d{1,18}") || !parts[3].matches("\\d{1,18}")
                || !parts[4].matches("new|cur")) {
            return false;
        }
        if (System.currentTimeMillis() - Long.parseLong(parts[3]) > STALE.toMillis()) {
            return true;
        }
        String[] owner = parts[2].split("-");
        return parts[1].equals(Host.NAME) && !running(Long.parseLong(owner[0]), Long.parseLong(owner[1]));
    }

    /** Whether the process that started at {@code started} (0: unknown) still runs. */
    private static boolean running(long pid, long started) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> started == 0 || started(p) == 0 || Math.abs(started(p) - started) <= 1).orElse(false);
    }

    private static long started(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::getEpochSecond).orElse(0L);
    }

    /** Moves a claimed mail to {@code cur/} with one more flag: S (processed) or F (kept for a human). */
    private void settle(Claim claim, char flag) {
        if (claim == null) {
            return;
        }
        String base = base(claim.name());
        String flags = flags(claim.name()) + flag;
        String sorted = flags.chars().distinct().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        Path target = cur.resolve(base + ":2," + sorted);
        try {
            Files.move(claim.path(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            LOG.debug("{}: claim taken back by another processor", claim.path());
        } catch (IOException e) {
            throw new BounceException(claim.path() + ": cannot move to " + target.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Puts back a mail the run did not finish with, where it was, for the next run. */
    private void release(Claim claim) {
        Path back = root.resolve(claim.folder()).resolve(claim.name());
        try {
            Files.move(claim.path(), back, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            LOG.debug("{}: claim taken back by another processor", claim.path());
        } catch (IOException e) {
            LOG.warn("{}: cannot put back as {}: {}; the next run takes it back", claim.path(), back, e.getMessage());
        }
    }

    /** A maildir file name without its flags: where the mail ends up, and so its name in the summary and the log. */
    static String base(String name) {
        int info = name.indexOf(":2,");
        return info < 0 ? name : name.substring(0, info);
    }

    /** The standard flags of a maildir file name: what follows {@code :2,}. */
    static String flags(String name) {
        int info = name.indexOf(":2,");
        return info < 0 ? "" : name.substring(info + 3);
    }

    /** This host as claims name it. */
    static String host() {
        return Host.NAME;
    }

    /** This host's name as a claim carries it: no commas, nothing a file name cannot hold. */
    private static final class Host {
        static final String NAME = name();

        private static String name() {
            String name;
            try {
                name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                try {
                    name = InetAddress.getLocalHost().getHostName();
                } catch (IOException e2) {
                    name = "localhost";
                }
            }
            // short: a claim's name holds it and the mail's name, within a file name's 255 bytes
            String safe = name.replaceAll("[^A-Za-z0-9.-]", "_");
            return safe.substring(0, Math.min(safe.length(), 32));
        }
    }
}
