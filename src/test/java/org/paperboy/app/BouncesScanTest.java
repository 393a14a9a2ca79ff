package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.bounces.Fixtures;

/** {@code paperboy bounces scan --json}: a dry run over files, maildirs and mbox files, no database. */
class BouncesScanTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Cli.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    }

    @Test
    void printsOneJsonLinePerReportedRecipientFromAnMboxAndAMaildir() throws Exception {
        Path mbox = dir.resolve("bounces.mbox");
        Files.write(mbox, concat("From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n".getBytes(), Fixtures.mail("postfix-userunknown.eml"),
                "\nFrom fbl@example Mon Nov 23 10:00:01 2026\n".getBytes(), Fixtures.mail("arf-complaint.eml"),
                "\nFrom x@example Mon Nov 23 10:00:02 2026\n".getBytes(), "Subject: hello\n\n>From the desk: hi\n".getBytes()));
        Path maildir = dir.resolve("Maildir");
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        Files.write(maildir.resolve("new").resolve("1.M1.test"), Fixtures.mail("qmail-text.eml"));

        assertThat(run("bounces", "scan", "--json", mbox.toString(), maildir.toString())).as(err.toString()).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).fieldNames()).toIterable().containsExactly("file", "recipient", "kind", "status", "reason", "diagnostic");
        assertThat(lines).extracting(l -> l.get("kind").asText()).containsExactly("hard", "complaint", "none", "soft");
        assertThat(lines.get(0).get("file").asText()).endsWith("bounces.mbox#1");
        assertThat(lines.get(0).get("recipient").asText()).isEqualTo(Fixtures.ALICE);
        assertThat(lines.get(0).get("status").asText()).isEqualTo("5.1.1");
        assertThat(lines.get(3).get("reason").asText()).isEqualTo("mailboxfull");
        assertThat(Files.exists(maildir.resolve("new").resolve("1.M1.test"))).as("a dry run moves nothing").isTrue();
    }

    @Test
    void aMissingPathIsAOneLineErrorNamingIt() {
        assertThat(run("bounces", "scan", "--json", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope: no such file or folder").doesNotContain("Exception");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
