package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.testing.PaperboyProcess;

/**
 * The local trial exactly as docs/local-trial.md tells it, with GreenMail on loopback as the mail
 * catcher and the real jar: {@code serve --local-trial}, subscribe on its page, follow the link in
 * the confirmation mail, {@code send --local-trial}, and follow every link of the digest to the
 * running {@code serve}. Only the ports and the database folder differ from config/local-trial.yaml.
 */
class LocalTrialIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static GreenMailExtension catcher = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aReaderSeesRealMailInTheCatcherAndEveryLinkInItOpensThePagesOfServe() throws Exception {
        int web = freePort();
        Path config = trialConfig(web);
        Path serveLog = dir.resolve("serve.log");
        Process serve = PaperboyProcess.start(serveLog, "serve", "--config", config.toString(), "--local-trial");
        try {
            waitFor("serve to listen", () -> PaperboyProcess.log(serveLog).contains("Serving on"), serve, serveLog);
            String base = "http://127.0.0.1:" + web;
            assertThat(PaperboyProcess.log(serveLog)).as("said loudly").contains("LOCAL TRIAL: mail goes only to the catcher at 127.0.0.1:"
                    + catcher.getSmtp().getPort() + "; links in mail lead to " + base);

            HttpResponse<String> subscribed = post(base + "/subscribe", "email=you%40trial.test&frequency=daily");
            assertThat(subscribed.statusCode()).isEqualTo(200);
            assertThat(catcher.waitForIncomingEmail(PATIENCE.toMillis(), 1)).as("the confirmation mail reaches the catcher").isTrue();
            String confirmation = body(catcher.getReceivedMessages()[0]);
            String confirm = link(confirmation, Pattern.quote(base) + "/confirm/[A-Za-z0-9_-]+");
            HttpResponse<String> page = get(confirm);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("you@trial.test is waiting for confirmation");
            HttpResponse<String> confirmed = post(confirm, "");
            assertThat(confirmed.statusCode()).isEqualTo(200);
            assertThat(confirmed.body()).contains("You are subscribed");

            Path sendLog = dir.resolve("send.log");
            Process send = PaperboyProcess.start(sendLog, "send", "--config", config.toString(), "--local-trial", "--preview", "");
            assertThat(send.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as(PaperboyProcess.log(sendLog)).isTrue();
            assertThat(send.exitValue()).as(PaperboyProcess.log(sendLog)).isZero();
            assertThat(PaperboyProcess.log(sendLog)).contains("LOCAL TRIAL").contains("sent 1,");
            assertThat(catcher.waitForIncomingEmail(PATIENCE.toMillis(), 2)).as("the digest reaches the catcher").isTrue();
            String digest = body(catcher.getReceivedMessages()[1]);

            List<String> links = new ArrayList<>();
            for (String path : new String[] {"/preferences/[^\"\\s<>,]+", "/unsubscribe/[^\"\\s<>,]+", "/more/[^\"\\s<>,]+", "/fewer/[^\"\\s<>,]+",
                    "/archive/\\d{4}-\\d\\d-\\d\\d"}) {
                links.add(link(digest, Pattern.quote(base) + path));
            }
            for (String url : links) {
                HttpResponse<String> opened = get(url);
                assertThat(opened.statusCode()).as(url).isEqualTo(200);
            }
            assertThat(get(links.get(1)).body()).as("the unsubscribe page says where the reader stands")
                    .contains("you@trial.test gets the daily digest on every topic.");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(PaperboyProcess.log(serveLog)).isTrue();
        }
    }

    @Test
    void withoutTheSwitchTheSameConfigIsRefusedAndTheRefusalNamesTheSwitch() throws Exception {
        Path config = trialConfig(freePort());

        Commands.Result send = Commands.run(java.util.Map.of(), "send", "--config", config.toString(), "--preview", "");

        assertThat(send.exit()).isEqualTo(2);
        assertThat(send.err()).contains("send refuses to mail through 127.0.0.1 until the sender identity is fixed: email.publicBaseUrl")
                .contains("add --local-trial");
        assertThat(catcher.getReceivedMessages()).isEmpty();
    }

    @Test
    void serveAndSubscribeMailConfirmationsOnlyWithTheSenderIdentityTheDigestNeeds() throws Exception {
        Path config = trialConfig(freePort());

        Commands.Result serve = Commands.run(java.util.Map.of(), "serve", "--config", config.toString());
        Commands.Result subscribe = Commands.run(java.util.Map.of(), "subscribe", "you@trial.test", "--config", config.toString());

        assertThat(serve.exit()).isEqualTo(2);
        assertThat(serve.err()).contains("serve refuses to mail through 127.0.0.1 until the sender identity is fixed")
                .contains("smtp.fromAddress \"paperboy@localhost.localdomain\" is not at a real domain");
        assertThat(subscribe.exit()).isEqualTo(2);
        assertThat(subscribe.err()).contains("subscribe refuses to mail through 127.0.0.1");
        assertThat(catcher.getReceivedMessages()).as("no confirmation mail with a wrong identity").isEmpty();
    }

    @Test
    void theSwitchRefusesARelayThatIsNotOnLoopback() throws Exception {
        Path config = Files.writeString(dir.resolve("remote.yaml"), Files.readString(Path.of("config/local-trial.yaml"))
                .replace("host: 127.0.0.1           # the catcher", "host: smtp.paperboy.test   # the catcher"));

        Commands.Result send = Commands.run(java.util.Map.of(), "send", "--config", config.toString(), "--local-trial", "--preview", "");

        assertThat(send.exit()).isEqualTo(2);
        assertThat(send.err()).contains("--local-trial needs smtp.host on loopback").contains("\"smtp.paperboy.test\"");
    }

    /** config/local-trial.yaml as shipped, with the catcher's port, a free web port and the database in the test's folder. */
    private Path trialConfig(int webPort) throws IOException {
        String shipped = Files.readString(Path.of("config/local-trial.yaml"));
        String yaml = shipped.replace("port: 1025", "port: " + catcher.getSmtp().getPort())
                .replace("port: 8080", "port: " + webPort)
                .replace("jdbc:sqlite:../data/local-trial.db", "jdbc:sqlite:" + dir.resolve("local-trial.db"));
        assertThat(yaml).as("the shipped file still has the lines replaced here").isNotEqualTo(shipped)
                .contains("port: " + catcher.getSmtp().getPort()).contains("port: " + webPort).contains(dir.toString());
        return Files.writeString(dir.resolve("local-trial.yaml"), yaml);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String body(MimeMessage message) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        // quoted-printable soft breaks and escapes undone, enough to read the links back
        return out.toString(java.nio.charset.StandardCharsets.UTF_8).replace("=\r\n", "").replace("=3D", "=");
    }

    private static String link(String mail, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(mail);
        assertThat(m.find()).as("a link " + pattern + " in the mail").isTrue();
        return m.group();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier done, Process process, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(process.isAlive()).as(what + ": the process ended: " + PaperboyProcess.log(log)).isTrue();
            assertThat(System.nanoTime()).as("waiting for " + what + ": " + PaperboyProcess.log(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
