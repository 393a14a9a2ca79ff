package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.app.Paperboy;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.PaperboyProcess;
import org.paperboy.testing.TestSetup;

/**
 * Issue 22's simulated readers through the real path: each arXiv day of {@code ../shared/arxiv} is
 * sent to the outbox folder, the readers' mails are parsed from their {@code .eml} files, and the
 * voter follows the mail's own "More like this" / "Fewer like this" links against a running
 * {@code paperboy serve} (the GET page, then a POST of its form), so every vote travels the way a
 * reader's does. On days 1-5 the voter presses More on every paper of their category and Fewer on
 * the first 3 others; on days 6-7 the share of that category among the first 10 papers of their
 * mail is measured against a reader who subscribed the same way and never votes. Skips when
 * {@code ../shared/arxiv} is absent. Prints the figures; holds that the voter gets more of their
 * category than the non-voter.
 */
class TasteThroughLinksIT {

    static final Path SHARED = Path.of("..", "shared", "arxiv");
    static final Pattern MORE_OR_FEWER = Pattern.compile("href=\"https://news\\.paperboy\\.test(/(more|fewer)/([A-Za-z0-9_.-]+))\"");
    static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    static final Pattern PORT = Pattern.compile("Serving on http://127\\.0\\.0\\.1:(\\d+)/");
    static final int VOTING_DAYS = 5;
    static final int HIDDEN_PER_DAY = 3;
    static final int TOP = 10;

    /** A reader of the simulation: the category they like, what they subscribed to, and whether they vote. */
    record Reader(String email, String category, Preferences preferences, boolean votes) {
    }

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Map<String, String> labels;
    private int port;

    @Test
    void votesFollowedThroughTheMailsLinksShapeTheNextDigests() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), SHARED + " is absent; skipping");
        labels = new ObjectMapper().readValue(SHARED.resolve("labels.json").toFile(), new TypeReference<Map<String, String>>() { });
        List<Path> days;
        try (Stream<Path> list = Files.list(SHARED)) {
            days = list.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.xml")).sorted().toList();
        }
        assumeTrue(days.size() >= VOTING_DAYS + 2, "needs seven days");
        List<Reader> readers = List.of(
                new Reader("robotics-voter@example.org", "cs.RO", Preferences.NONE, true),
                new Reader("robotics-quiet@example.org", "cs.RO", Preferences.NONE, false),
                new Reader("security-voter@example.org", "cs.CR", Preferences.of(List.of("privacy"), List.of()), true),
                new Reader("security-quiet@example.org", "cs.CR", Preferences.of(List.of("privacy"), List.of()), false));

        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T08:00:00Z"));
        Path log = dir.resolve("serve.log");
        Map<String, List<Double>> shares = new LinkedHashMap<>();
        try (Paperboy paperboy = Paperboy.wire(TestSetup.config(dir, null, null), clock)) {
            for (Reader r : readers) {
                paperboy.subscriptions().subscribe(r.email(), r.preferences(), Frequency.DAILY,
                        new Consent("cli", null, null, "v1", Instant.parse("2025-01-01T00:00:00Z")), true, Runnable::run);
            }
            Process serve = PaperboyProcess.start(log, "serve", "--config", serveConfig().toString());
            try {
                port = waitForPort(log, serve);
                for (int d = 0; d < VOTING_DAYS + 2; d++) {
                    LocalDate date = LocalDate.parse(days.get(d).getFileName().toString().replace(".xml", ""));
                    clock.advance(java.time.Duration.between(clock.instant(), date.atTime(8, 0).toInstant(ZoneOffset.UTC)));
                    paperboy.send(paperboy.deliveryRun(), date, List.of(days.get(d).toAbsolutePath().toString()),
                            new DeliveryRun.Options(false, null, false, null));
                    for (Reader r : readers) {
                        List<String[]> papers = mailedPapers(date, r.email());
                        assertThat(papers).as(r.email() + " got a mail on " + date).isNotEmpty();
                        if (d < VOTING_DAYS) {
                            if (r.votes()) {
                                vote(r, papers);
                            }
                        } else {
                            long hits = papers.stream().limit(TOP).filter(p -> r.category().equals(labels.get(p[0]))).count();
                            shares.computeIfAbsent(r.email(), k -> new ArrayList<>()).add((double) hits / TOP);
                        }
                    }
                }
            } finally {
                serve.destroy();
                serve.waitFor(60, TimeUnit.SECONDS);
            }
        }
        for (int i = 0; i < readers.size(); i += 2) {
            double voter = mean(shares.get(readers.get(i).email()));
            double quiet = mean(shares.get(readers.get(i + 1).email()));
            System.out.printf("through the links, %s %s: voter %.2f, non-voter %.2f (by day %s vs %s)%n", readers.get(i).category(),
                    readers.get(i).preferences().isEmpty() ? "no topics" : "topics " + readers.get(i).preferences().topics(), voter, quiet,
                    shares.get(readers.get(i).email()), shares.get(readers.get(i + 1).email()));
            assertThat(voter).as(readers.get(i).category() + ": the voter gets more of their category").isGreaterThan(quiet);
        }
        assertThat(PaperboyProcess.log(log)).doesNotContain("ERROR");
    }

    /** More on every paper of the reader's category, Fewer on the first few others: the GET page, then its form posted. */
    private void vote(Reader r, List<String[]> papers) throws Exception {
        int hidden = 0;
        for (String[] p : papers) {
            boolean liked = r.category().equals(labels.get(p[0]));
            if (!liked && hidden >= HIDDEN_PER_DAY) {
                continue;
            }
            hidden += liked ? 0 : 1;
            String link = liked ? p[1] : p[2];
            HttpResponse<String> page = send(HttpRequest.newBuilder(uri(link)).GET());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            Matcher form = FORM.matcher(page.body());
            assertThat(form.find()).as("the vote page has a form: " + page.body()).isTrue();
            HttpResponse<String> voted = send(HttpRequest.newBuilder(uri(form.group(1).replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")));
            assertThat(voted.statusCode()).as(voted.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Webs.PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The papers of the reader's mail of the date, in mail order: {arXiv id, More link path, Fewer link path}. */
    private List<String[]> mailedPapers(LocalDate date, String email) throws Exception {
        Path folder = dir.resolve("outbox").resolve(date.toString());
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        for (Path file : files) {
            MimeMessage message;
            try (InputStream in = Files.newInputStream(file)) {
                message = new MimeMessage(Session.getInstance(new Properties()), in);
            }
            if (!message.getAllRecipients()[0].toString().equals(email)) {
                continue;
            }
            MimeMultipart alternative = (MimeMultipart) message.getContent();
            for (int i = 0; i < alternative.getCount(); i++) {
                BodyPart part = alternative.getBodyPart(i);
                if (part.isMimeType("text/html")) {
                    return papers((String) part.getContent());
                }
            }
        }
        throw new AssertionError("no mail to " + email + " in " + folder);
    }

    private static List<String[]> papers(String html) {
        Map<String, String[]> byPaper = new LinkedHashMap<>();
        Matcher m = MORE_OR_FEWER.matcher(html);
        while (m.find()) {
            String paper = new String(Base64.getUrlDecoder().decode(m.group(3).split("\\.")[1]), StandardCharsets.UTF_8);
            String[] links = byPaper.computeIfAbsent(paper, k -> new String[] {k, null, null});
            links[m.group(2).equals("more") ? 1 : 2] = m.group(1);
        }
        return List.copyOf(byPaper.values());
    }

    private Path serveConfig() throws Exception {
        return PaperboyProcess.config(dir, "serve.yaml", 2525, TestSetup.sqliteUrl(dir), """
                web:
                  port: 0
                  postsPerIpPer10Minutes: 100000
                """);
    }

    private static int waitForPort(Path log, Process serve) throws InterruptedException {
        long deadline = System.nanoTime() + Webs.PATIENCE.toNanos();
        while (System.nanoTime() < deadline && serve.isAlive()) {
            Matcher m = PORT.matcher(PaperboyProcess.log(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print its port: " + PaperboyProcess.log(log));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
