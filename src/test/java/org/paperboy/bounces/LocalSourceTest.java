package org.paperboy.bounces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maildirs and mbox files on disk, read once: what a second run, a second processor, a crash or a rewrite leave behind. */
class LocalSourceTest {

    @TempDir
    Path dir;

    /** Records what it is handed; keeps the mails {@code unreadable} picks, removes the rest at flush. */
    static class Recorder implements MailSource.Handler {
        final List<String> names = Collections.synchronizedList(new ArrayList<>());
        final List<String> bodies = new ArrayList<>();
        private final List<Runnable> pending = new ArrayList<>();
        private final Predicate<String> unreadable;

        Recorder(Predicate<String> unreadable) {
            this.unreadable = unreadable;
        }

        Recorder() {
            this(body -> false);
        }

        @Override
        public void handle(String name, byte[] raw, Runnable remove, Runnable keep) {
            String body = new String(raw, StandardCharsets.UTF_8);
            names.add(name);
            bodies.add(body);
            if (unreadable.test(body)) {
                keep.run();
            } else {
                pending.add(remove);
            }
        }

        @Override
        public void flush() {
            pending.forEach(Runnable::run);
            pending.clear();
        }
    }

    private Path maildir(int mails) throws IOException {
        Path md = dir.resolve("Maildir");
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(md.resolve(sub));
        }
        for (int i = 0; i < mails; i++) {
            Files.writeString(md.resolve("new").resolve(String.format("1700000000.M%05dP1.test", i)), mail(i));
        }
        return md;
    }

    private static String mail(int i) {
        return "Message-ID: <m" + i + "@test>\nSubject: mail " + i + "\n\nbody " + i + "\n";
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aMaildirMailIsReadOnceAndLeftSeenOrFlaggedInCur() throws Exception {
        Path md = maildir(5);
        Recorder first = new Recorder(body -> body.contains("mail 3"));
        new LocalSource(md).read(first);

        assertThat(first.names).hasSize(5);
        assertThat(names(md.resolve("new"))).isEmpty();
        assertThat(names(md.resolve("cur"))).containsExactly("1700000000.M00000P1.test:2,S", "1700000000.M00001P1.test:2,S",
                "1700000000.M00002P1.test:2,S", "1700000000.M00003P1.test:2,F", "1700000000.M00004P1.test:2,S");

        Recorder second = new Recorder();
        new LocalSource(md).read(second);
        assertThat(second.names).as("seen and flagged mails in cur/ are not read again").isEmpty();
    }

    @Test
    void curMailsAMailReaderLeftUnseenAreReadAndTheirFlagsKept() throws Exception {
        Path md = maildir(0);
        Files.writeString(md.resolve("cur/a:2,"), mail(1));
        Files.writeString(md.resolve("cur/b:2,R"), mail(2));
        Files.writeString(md.resolve("cur/c:2,RS"), mail(3));
        Files.writeString(md.resolve("cur/d:2,F"), mail(4));
        Files.writeString(md.resolve("cur/e:2,T"), mail(5));
        Files.writeString(md.resolve("cur/.hidden"), mail(6));
        Files.writeString(md.resolve("new/f"), mail(7));

        Recorder recorder = new Recorder();
        new LocalSource(md).read(recorder);

        assertThat(recorder.bodies).containsExactlyInAnyOrder(mail(1), mail(2), mail(7));
        assertThat(names(md.resolve("cur"))).containsExactly(".hidden", "a:2,S", "b:2,RS", "c:2,RS", "d:2,F", "e:2,T", "f:2,S");
    }

    @Test
    void aRunThatFailsPutsItsMailBackForTheNextRun() throws Exception {
        Path md = maildir(3);
        MailSource.Handler failing = new Recorder() {
            @Override
            public void flush() {
                throw new BounceException("the database is gone");
            }
        };
        assertThatThrownBy(() -> new LocalSource(md).read(failing)).hasMessageContaining("the database is gone");
        assertThat(names(md.resolve("new"))).hasSize(3);
        assertThat(names(md.resolve("cur"))).isEmpty();

        Recorder again = new Recorder();
        new LocalSource(md).read(again);
        assertThat(again.names).hasSize(3);
    }

    @Test
    void aClaimLeftByADeadProcessIsTakenBackAndALiveOneLeftAlone() throws Exception {
        Path md = maildir(0);
        String host = Maildir.host();
        assertThat(host).isNotBlank().doesNotContain(",", "/");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long now = System.currentTimeMillis();
        Files.writeString(md.resolve("cur").resolve(Maildir.CLAIM + host + "," + gone.pid() + "-0," + now + ",new,dead"), mail(1));
        Files.writeString(md.resolve("cur").resolve(Maildir.CLAIM + "elsewhere,1-0," + (now - 2 * 3_600_000) + ",cur,old:2,R"),
                mail(2));
        String live = Maildir.CLAIM + host + "," + Maildir.OWNER + "," + now + ",new,live";
        long pid = ProcessHandle.current().pid();
        Files.writeString(md.resolve("cur").resolve(Maildir.CLAIM + host + "," + pid + "-1000," + now + ",new,reused"), mail(5));
        Files.writeString(md.resolve("cur").resolve(live), mail(3));
        String otherHost = Maildir.CLAIM + "elsewhere," + gone.pid() + "-0," + now + ",new,recent";
        Files.writeString(md.resolve("cur").resolve(otherHost), mail(4));

        Recorder recorder = new Recorder();
        new LocalSource(md).read(recorder);

        assertThat(recorder.bodies).as("dead, old, and a PID reused since").containsExactlyInAnyOrder(mail(1), mail(2), mail(5));
        assertThat(recorder.names).as("named where they end up, without their flags")
                .containsExactlyInAnyOrder(md.resolve("cur/dead").toString(), md.resolve("cur/old").toString(),
                        md.resolve("cur/reused").toString());
        assertThat(names(md.resolve("cur"))).containsExactlyInAnyOrder(live, otherHost, "dead:2,S", "old:2,RS", "reused:2,S");
    }

    @Test
    void twoProcessorsOnOneMaildirShareItsMailsWithoutError() throws Exception {
        int mails = 3_000;
        Path md = maildir(mails);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> twice = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Recorder>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    Recorder r = new Recorder() {
                        @Override
                        public void handle(String name, byte[] raw, Runnable remove, Runnable keep) {
                            if (!seen.add(name)) {
                                twice.add(name);
                            }
                            super.handle(name, raw, remove, keep);
                            if (names.size() % 100 == 0) {
                                flush();
                            }
                        }
                    };
                    new LocalSource(md).read(r);
                    return r;
                }));
            }
            int total = 0;
            for (Future<Recorder> run : runs) {
                total += run.get().names.size();
            }
            assertThat(twice).as("no mail handed to both").isEmpty();
            assertThat(total).isEqualTo(mails);
        } finally {
            pool.shutdownNow();
        }
        assertThat(names(md.resolve("new"))).isEmpty();
        assertThat(names(md.resolve("cur"))).hasSize(mails).allMatch(n -> n.endsWith(":2,S"));
    }

    private static String mboxMessage(int i) {
        return "From MAILER-DAEMON Mon Dec  7 03:00:00 2026\n" + mail(i).replace("body", ">From body") + "\n";
    }

    @Test
    void anMboxIsReadFromWhereTheLastRunStopped() throws Exception {
        Path mbox = dir.resolve("bounces.mbox");
        Files.writeString(mbox, mboxMessage(1) + mboxMessage(2));
        Recorder first = new Recorder(body -> body.contains("mail 2"));
        new LocalSource(mbox).read(first);
        assertThat(first.bodies).containsExactly(mail(1).replace("body", "From body") + "\n", mail(2).replace("body", "From body") + "\n");
        assertThat(Files.readString(mbox)).as("the mbox is left as it is").isEqualTo(mboxMessage(1) + mboxMessage(2));

        Files.writeString(mbox, mboxMessage(3) + mboxMessage(4), StandardOpenOption.APPEND);
        Recorder second = new Recorder();
        new LocalSource(mbox).read(second);
        assertThat(second.names).containsExactly(mbox + "#3", mbox + "#4");

        Recorder third = new Recorder();
        new LocalSource(mbox).read(third);
        assertThat(third.names).isEmpty();
        assertThat(dir.resolve(".bounces.mbox.paperboy")).exists();
    }

    @Test
    void anMboxRewrittenOrCutShorterIsReadFromTheStart() throws Exception {
        Path mbox = dir.resolve("bounces.mbox");
        Files.writeString(mbox, mboxMessage(1) + mboxMessage(2) + mboxMessage(3));
        new LocalSource(mbox).read(new Recorder());

        Files.writeString(mbox, mboxMessage(1));
        Recorder shorter = new Recorder();
        new LocalSource(mbox).read(shorter);
        assertThat(shorter.names).containsExactly(mbox + "#1");

        Files.writeString(mbox, mboxMessage(7) + mboxMessage(8));
        Recorder rewritten = new Recorder();
        new LocalSource(mbox).read(rewritten);
        assertThat(rewritten.bodies).as("same length, other bytes").hasSize(2).allMatch(b -> b.contains("mail 7") || b.contains("mail 8"));
        assertThat(rewritten.names).containsExactly(mbox + "#1", mbox + "#2");
    }

    @Test
    void aMessageStillBeingAppendedWaitsForItsEnd() throws Exception {
        Path mbox = dir.resolve("bounces.mbox");
        String half = "From MAILER-DAEMON Mon Dec  7 03:00:00 2026\nMessage-ID: <m2@test>\nSubject: mail 2\n";
        Files.writeString(mbox, mboxMessage(1) + half);
        Recorder first = new Recorder();
        new LocalSource(mbox).read(first);
        assertThat(first.names).containsExactly(mbox + "#1");

        Files.writeString(mbox, "\nbody 2\n\n", StandardOpenOption.APPEND);
        Recorder second = new Recorder();
        new LocalSource(mbox).read(second);
        assertThat(second.names).containsExactly(mbox + "#2");
        assertThat(second.bodies.get(0)).contains("Subject: mail 2", "body 2");
    }

    @Test
    void twoProcessorsOnOneMboxTakeTurnsAndReadEachMessageOnce() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            text.append(mboxMessage(i));
        }
        Path mbox = Files.writeString(dir.resolve("bounces.mbox"), text);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Recorder>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    Recorder r = new Recorder();
                    new LocalSource(mbox).read(r);
                    return r;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<Recorder> run : runs) {
                all.addAll(run.get().names);
            }
            assertThat(all).hasSize(2_000).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEmptyMboxHasNoMail() throws Exception {
        Path mbox = Files.createFile(dir.resolve("bounces.mbox"));
        Recorder recorder = new Recorder();
        new LocalSource(mbox).read(recorder);
        assertThat(recorder.names).isEmpty();
    }

    @Test
    void scanStillReadsEveryMailAndPassesOverClaims() throws Exception {
        Path md = maildir(2);
        new LocalSource(md).read(new Recorder());
        Files.writeString(md.resolve("cur").resolve(Maildir.CLAIM + "h,1-0,1,new,x"), mail(9));
        List<String> scanned = new ArrayList<>();
        LocalMail.read(md, (name, raw) -> scanned.add(name));
        assertThat(scanned).hasSize(2);

        Path mbox = Files.writeString(dir.resolve("mbox"), mboxMessage(1) + mboxMessage(2));
        new LocalSource(mbox).read(new Recorder());
        List<String> all = new ArrayList<>();
        LocalMail.read(mbox, (name, raw) -> all.add(name));
        assertThat(all).containsExactly(mbox + "#1", mbox + "#2");
    }
}
