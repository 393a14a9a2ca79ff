package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code paperboy send} as an operator runs it, against GreenMail and the embedded database. */
class SendCommandIT {

    private static final String DAY = "2025-11-20";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private Path config;

    @Test
    void refusesToMailThroughSmtpWhileTheSenderIdentityIsWrongNamingEachKey() throws IOException {
        config = OperatorConfig.good(port()).publicBaseUrl("http://127.0.0.1:8080").from("paperboy@localhost.localdomain")
                .postal("Paperboy, 1 Example Street, 00000 Example City").write(dir);
        subscribe("alice@readers.test", "--confirmed");

        OperatorConfig.Run run = cli("send", "--date", DAY);

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err()).contains("send refuses to mail through 127.0.0.1").contains("email.publicBaseUrl")
                .contains("smtp.fromAddress").contains("email.postalAddress").doesNotContain("tokens.secret");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void runRefusesToStartWithAWrongSenderIdentity() throws IOException {
        config = OperatorConfig.good(port()).secret(null).write(dir);

        OperatorConfig.Run run = cli("run");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err()).contains("run refuses to mail through").contains("tokens.secret");
    }

    @Test
    void theOutboxFolderIsExemptFromTheGate() throws IOException {
        config = OperatorConfig.good(null).publicBaseUrl("http://127.0.0.1:8080").write(dir);
        subscribe("alice@readers.test", "--confirmed");

        OperatorConfig.Run run = cli("send", "--date", DAY);

        assertThat(run.exit).as(run.err()).isZero();
        try (var files = Files.list(dir.resolve("outbox").resolve(DAY))) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml"))).hasSize(1);
        }
    }

    @Test
    void aDryRunExitsZeroAndSaysHowManyWouldBeSent() throws IOException {
        config = OperatorConfig.good(port()).write(dir);
        subscribe("alice@readers.test", "--confirmed");
        subscribe("bob@readers.test", "--confirmed");
        subscribe("carol@readers.test");
        int confirmations = greenMail.getReceivedMessages().length;

        OperatorConfig.Run run = cli("send", "--date", DAY, "--dry-run");

        assertThat(run.exit).as(run.err()).isZero();
        assertThat(run.out()).contains(DAY + ": would send 2 ");
        assertThat(greenMail.getReceivedMessages()).hasSize(confirmations);
        assertThat(cli("send", "--date", DAY, "--dry-run").out()).as("a dry run writes no outbox row").contains("would send 2 ");
    }

    @Test
    void toAnUnknownOrUnconfirmedAddressIsAnErrorNamingIt() throws IOException {
        config = OperatorConfig.good(port()).write(dir);
        subscribe("carol@readers.test");
        int confirmations = greenMail.getReceivedMessages().length;

        OperatorConfig.Run unknown = cli("send", "--date", DAY, "--to", "nobody@readers.test");
        OperatorConfig.Run pending = cli("send", "--date", DAY, "--to", "carol@readers.test");

        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("paperboy: --to nobody@readers.test: no such subscriber" + System.lineSeparator());
        assertThat(pending.exit).isEqualTo(2);
        assertThat(pending.err()).contains("--to carol@readers.test: the subscriber is pending, not confirmed");
        assertThat(greenMail.getReceivedMessages()).hasSize(confirmations);
    }

    @Test
    void aTestCopyGoesOutNowWithTestInTheSubjectAndLeavesNoOutboxRow() throws Exception {
        config = OperatorConfig.good(port()).write(dir);
        subscribe("alice@readers.test", "--confirmed");
        assertThat(cli("send", "--date", DAY).exit).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);

        OperatorConfig.Run run = cli("send", "--date", DAY, "--test", "editor@news.paperboy.test", "--as", "alice@readers.test");

        assertThat(run.exit).as(run.err()).isZero();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).as("a day already sent can be tested again").hasSize(2);
        MimeMessage test = received[1];
        assertThat(test.getAllRecipients()[0].toString()).isEqualTo("editor@news.paperboy.test");
        assertThat(test.getSubject()).startsWith("[TEST] ");
        assertThat(test.getHeader("X-Paperboy-Test")[0]).isEqualTo("as alice@readers.test");
        assertThat(cli("schedule", "status").out()).as("no run is recorded for a test copy").contains("(send): ok")
                .contains("sent 1,");
        subscribe("dave@readers.test", "--confirmed");
        assertThat(cli("send", "--date", DAY, "--dry-run").out()).as("the test copy left no outbox row or history")
                .contains("would send 1 ").contains("1 already sent");
    }

    @Test
    void anEmptyDaySaysNoPapersWithItsOwnExitCode() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        config = OperatorConfig.good(port()).sources("[" + empty + "]").write(dir);
        subscribe("alice@readers.test", "--confirmed");

        OperatorConfig.Run run = cli("send", "--date", DAY);

        assertThat(run.exit).isEqualTo(4);
        assertThat(run.out()).contains("no papers for " + DAY + " in " + empty);
        assertThat(cli("send", "--date", DAY, "--dry-run").exit).isEqualTo(4);
    }

    @Test
    void scheduleStatusShowsTheLastRunMadeBySend() throws IOException {
        config = OperatorConfig.good(port()).write(dir);
        subscribe("alice@readers.test", "--confirmed");
        assertThat(cli("schedule", "status").out()).contains("Last run: none yet");

        assertThat(cli("send", "--date", DAY).exit).isZero();

        assertThat(cli("schedule", "status").out()).contains("for " + DAY + " on ").contains("(send): ok (" + DAY + ": sent 1,");
    }

    private int port() {
        return greenMail.getSmtp().getPort();
    }

    private void subscribe(String email, String... flags) {
        String[] args = new String[flags.length + 4];
        args[0] = "subscribe";
        args[1] = email;
        args[2] = "-c";
        args[3] = config.toString();
        System.arraycopy(flags, 0, args, 4, flags.length);
        OperatorConfig.Run run = new OperatorConfig.Run(Map.of(), args);
        assertThat(run.exit).as(run.err()).isZero();
    }

    private OperatorConfig.Run cli(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-c";
        all[args.length + 1] = config.toString();
        all[args.length + 2] = "--preview";
        all[args.length + 3] = "";
        if (args[0].equals("schedule") || args[0].equals("run")) {
            String[] shorter = new String[args.length + 2];
            System.arraycopy(all, 0, shorter, 0, shorter.length);
            return new OperatorConfig.Run(Map.of(), shorter);
        }
        return new OperatorConfig.Run(Map.of(), all);
    }
}
