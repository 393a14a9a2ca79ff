package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.Databases;
import org.paperboy.testing.MutableClock;
import org.paperboy.testing.TestSetup;
import org.paperboy.web.WebServer;

/**
 * A reader who confirms, leaves by one click and comes back, through the real pages on four days,
 * counted by {@code paperboy stats} and the admin dashboard: one subscription, one departure, one
 * new subscription; the readers of every day are those confirmed at its end, never below zero.
 */
class ResubscribeCountsIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Pattern CONFIRM_LINK = Pattern.compile("https://news\\.paperboy\\.test(/confirm/[A-Za-z0-9_-]+)");
    private static final Pattern GROWTH_ROW = Pattern.compile("<tr><td>(\\d{4}-\\d\\d-\\d\\d)</td><td>(\\d+)</td><td>(\\d+)</td>"
            + "<td>(\\d+)</td><td>(\\d+)</td><td>(-?\\d+)</td>");
    private static final Pattern CHART_POINT = Pattern.compile("<title>(\\d{4}-\\d\\d-\\d\\d): (-?\\d+) readers</title>");
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    /** Day 0 of the story: five days ago at 10:00 UTC, so that every step is on a day of its own in the past. */
    private final Instant day0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(5)).plus(Duration.ofHours(10));
    private final MutableClock clock = new MutableClock(day0);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Paperboy paperboy;
    private WebServer web;
    private String dbUrl;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
        if (paperboy != null) {
            paperboy.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void leavingAndComingBackCountsOnceEachAndNoDayGoesBelowZero(String kind) throws Exception {
        start(kind);
        for (String reader : List.of("alice@example.org", "bob@example.org")) {
            paperboy.subscriptions().subscribe(reader, Preferences.NONE, Frequency.DAILY,
                    new Consent("cli", null, null, "v1", day0.minus(Duration.ofDays(20))), true, Runnable::run);
        }
        assertThat(post("/subscribe", "email=carol%40example.org", null).statusCode()).isEqualTo(200);
        assertThat(post(confirmLink(1), "", null).statusCode()).isEqualTo(200);
        long carol = paperboy.subscribers().find("carol@example.org").orElseThrow().id();

        clock.advance(Duration.ofDays(1));
        String unsubscribe = URI.create(paperboy.subscriptions().unsubscribeUrl(carol)).getPath();
        assertThat(post(unsubscribe, "List-Unsubscribe=One-Click", null).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofDays(1));
        assertThat(post("/subscribe", "email=carol%40example.org", null).statusCode()).isEqualTo(200);
        String again = confirmLink(2);
        // asked again, not yet confirmed: the state the issue saw readers: -1 in
        JsonNode pending = statsJson();
        assertThat(pending.at("/readers/byStatus/pending").asLong()).isEqualTo(1);
        assertAddsUp(pending, 2);
        assertThat(totals(pending)).containsExactly(1, 1, 0, 0);
        assertThat(exported("carol@example.org")).containsEntry("status", "pending").containsEntry("confirmed_at", "")
                .containsEntry("unsubscribed_at", "").containsEntry("unsubscribe_reason", "");

        clock.advance(Duration.ofDays(1));
        assertThat(post(again, "", null).statusCode()).isEqualTo(200);

        JsonNode json = statsJson();
        assertAddsUp(json, 3);
        assertThat(totals(json)).as("subscribed, unsubscribed, bounced, complained").containsExactly(2, 1, 0, 0);
        assertThat(readersOn(json)).as("alice and bob all along; carol from day 0, gone on day 1, back on day 3")
                .containsAllEntriesOf(Map.of(day(-1), 2L, day(0), 3L, day(1), 2L, day(2), 2L, day(3), 3L, day(4), 3L));
        assertThat(exported("carol@example.org")).containsEntry("status", "confirmed").containsEntry("unsubscribed_at", "")
                .containsEntry("unsubscribe_reason", "").containsEntry("confirmed_at", clock.instant().toString());

        String dashboard = get("/admin?days=10", basic()).body();
        assertThat(dashboard).contains("<div class=\"figure\">3</div>");
        Map<LocalDate, Long> chart = new LinkedHashMap<>();
        Matcher point = CHART_POINT.matcher(dashboard);
        while (point.find()) {
            chart.put(LocalDate.parse(point.group(1)), Long.parseLong(point.group(2)));
        }
        assertThat(chart).hasSize(10).allSatisfy((date, readers) -> assertThat(readers).as(date.toString()).isNotNegative());
        assertThat(chart).containsAllEntriesOf(Map.of(day(-1), 2L, day(0), 3L, day(1), 2L, day(2), 2L, day(3), 3L));
        List<int[]> rows = new ArrayList<>();
        Matcher row = GROWTH_ROW.matcher(dashboard);
        while (row.find()) {
            rows.add(new int[] {Integer.parseInt(row.group(2)), Integer.parseInt(row.group(3)), Integer.parseInt(row.group(4)),
                    Integer.parseInt(row.group(5)), Integer.parseInt(row.group(6))});
            assertThat(Long.parseLong(row.group(6))).isEqualTo(chart.get(LocalDate.parse(row.group(1))));
        }
        assertThat(rows).as("the dashboard's growth table: day 0, 1 and 3").hasSize(3);
        assertThat(rows.stream().mapToInt(r -> r[0]).sum()).as("subscriptions").isEqualTo(2);
        assertThat(rows.stream().mapToInt(r -> r[1] + r[2] + r[3]).sum()).as("departures").isEqualTo(1);
    }

    private void start(String kind) throws Exception {
        dbUrl = kind.equals(Databases.SQLITE) ? TestSetup.sqliteUrl(dir) : Databases.fresh(kind, dir);
        paperboy = Paperboy.wire(TestSetup.config(dir, smtp.getSmtp().getPort(), dbUrl, "admin:\n  password: " + TestSetup.quote(PASSWORD)),
                clock);
        web = ServeCommand.startWeb(paperboy);
        Files.writeString(dir.resolve("paperboy.yaml"), "database:\n  url: \"" + dbUrl + "\"\ntokens:\n  secret: " + TestSetup.SECRET
                + "\nsmtp:\n  outbox: " + dir.resolve("outbox") + "\n");
    }

    /** Day n of the story (0 the first), in the report's zone (UTC by default). */
    private LocalDate day(int n) {
        return day0.plus(Duration.ofDays(n)).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Every day's readers are the day before's plus its net change, never negative; the last day's are the confirmed now. */
    private static void assertAddsUp(JsonNode json, long confirmed) {
        assertThat(json.at("/readers/byStatus/confirmed").asLong()).isEqualTo(confirmed);
        JsonNode growth = json.get("growth");
        Long before = null;
        for (JsonNode d : growth) {
            long readers = d.get("readers").asLong();
            assertThat(readers).as(d.get("date").asText()).isNotNegative();
            if (before != null) {
                assertThat(readers).as(d.get("date").asText()).isEqualTo(before + d.get("net").asLong());
            }
            before = readers;
        }
        assertThat(before).as("the last day's readers").isEqualTo(confirmed);
    }

    private static List<Integer> totals(JsonNode json) {
        int[] t = new int[4];
        for (JsonNode d : json.get("growth")) {
            t[0] += d.get("subscribed").asInt();
            t[1] += d.get("unsubscribed").asInt();
            t[2] += d.get("bounced").asInt();
            t[3] += d.get("complained").asInt();
        }
        return List.of(t[0], t[1], t[2], t[3]);
    }

    private static Map<LocalDate, Long> readersOn(JsonNode json) {
        Map<LocalDate, Long> readers = new LinkedHashMap<>();
        json.get("growth").forEach(d -> readers.put(LocalDate.parse(d.get("date").asText()), d.get("readers").asLong()));
        return readers;
    }

    private JsonNode statsJson() throws Exception {
        String out = cli("stats", "-c", dir.resolve("paperboy.yaml").toString(), "--json", "--days", "10");
        return new ObjectMapper().readTree(out);
    }

    private Map<String, String> exported(String email) throws Exception {
        String csv = cli("subscribers", "export", "-c", dir.resolve("paperboy.yaml").toString(), "--csv");
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().build().parse(new StringReader(csv))) {
            if (r.get("email").equals(email)) {
                return r.toMap();
            }
        }
        throw new AssertionError(email + " is not in the export:\n" + csv);
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }

    /** The link of the n-th confirmation mail to carol, waited for. */
    private String confirmLink(int n) throws Exception {
        assertThat(smtp.waitForIncomingEmail(60_000, n)).as("confirmation mail " + n).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        Matcher link = CONFIRM_LINK.matcher(GreenMailUtil.getBody(mails[n - 1]).replace("=\r\n", ""));
        assertThat(link.find()).as("a confirmation link in mail " + n).isTrue();
        return link.group(1);
    }

    private HttpResponse<String> post(String path, String form, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return AdminFixture.basic("admin", PASSWORD);
    }
}
