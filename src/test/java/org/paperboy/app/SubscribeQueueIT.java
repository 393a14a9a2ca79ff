package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.testing.ClosedPort;
import org.paperboy.testing.Databases;
import org.paperboy.testing.PaperboyProcess;

/**
 * {@code paperboy subscribe} while the SMTP server (GreenMail) is down: the mail is queued and the
 * operator is told so (exit code 0), a second try within the hour is told when a new link can go,
 * {@code check} counts it, and {@code send} delivers it once the server is up, exactly once.
 */
class SubscribeQueueIT {

    @TempDir
    Path dir;

    private ClosedPort down;
    private GreenMail smtp;

    @AfterEach
    void stop() throws Exception {
        if (smtp != null) {
            smtp.stop();
        }
        down.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aConfirmationTheCliCannotSendIsQueuedAndSentByTheNextSend(String kind) throws Exception {
        down = new ClosedPort();
        Path config = PaperboyProcess.config(dir, "paperboy.yaml", down.port(), Databases.fresh(kind, dir), "");

        Commands.Result first = Commands.run(Map.of(), "subscribe", "alice@example.org", "--config", config.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("alice@example.org: subscribed; confirmation mail queued, will retry")
                .contains("cannot connect to SMTP server").contains("next try at").contains("paperboy run, serve or send retry it");

        Commands.Result again = Commands.run(Map.of(), "subscribe", "alice@example.org", "--config", config.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("no new confirmation mail now: one was asked for at")
                .contains("(at most one an hour per address) and is still queued, will retry")
                .containsPattern("a new link can be sent after \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");

        Commands.Result check = Commands.run(Map.of(), "check", "--config", config.toString());
        assertThat(check.out()).containsPattern("(?m)^ok +confirmations: 1 confirmation mail\\(s\\) queued, the oldest since .*cannot connect");

        smtp = new GreenMail(new ServerSetup(down.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Commands.Result send = Commands.run(Map.of(), "send", "--preview", "", "--config", config.toString());
        assertThat(send.out()).as(send.err()).contains("Confirmation mails: 1 sent, 0 still queued");
        assertThat(smtp.getReceivedMessages()).as("exactly one mail, to alice").hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("alice@example.org");

        Commands.Result after = Commands.run(Map.of(), "check", "--config", config.toString());
        assertThat(after.out()).containsPattern("(?m)^ok +confirmations: 0 confirmation mail\\(s\\) queued; in the last 7 days 0 expired, 0 refused");
    }
}
