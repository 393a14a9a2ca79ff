package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.UnsubscribeReason;

/**
 * The CSV export of a filtered reader list over real HTTP: only the matching readers, every one of
 * them (more than a page), in the format of {@code subscribers export --csv}; and only from the
 * page's own form, as the actions on a reader.
 */
class AdminExportIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    @TempDir
    Path dir;
    private AdminFixture site;
    private final String right = AdminFixture.basic("admin", AdminFixture.PASSWORD);

    @BeforeEach
    void start() {
        site = new AdminFixture(dir, greenMail, AdminFixture.ADMIN);
        for (int i = 0; i < 130; i++) {
            site.paperboy.subscriptions().subscribe("reader" + i + "@example.org", Preferences.of(List.of(i % 2 == 0 ? "rl" : "llm"),
                    List.of("k" + i)), i % 5 == 0 ? Frequency.WEEKLY : Frequency.DAILY,
                    new Consent("cli", "192.0.2." + (i % 250), null, "v1", Instant.parse("2026-11-02T00:00:00Z")), true, Runnable::run);
        }
        long left = site.paperboy.subscribers().find("reader0@example.org").orElseThrow().id();
        site.paperboy.subscribers().unsubscribe(left, Instant.parse("2026-11-05T00:00:00Z"), UnsubscribeReason.COMPLAINT);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private String token(String listQuery) throws Exception {
        HttpResponse<String> page = site.get("/admin/readers?" + listQuery, right);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = TOKEN.matcher(page.body());
        assertThat(m.find()).as("the export form's token").isTrue();
        return m.group(1);
    }

    private List<CSVRecord> csv(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment;"));
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(answer.body())).getRecords();
    }

    @Test
    void theExportOfAFilterHoldsExactlyTheMatchingReadersInTheExportFormat() throws Exception {
        String form = "topic=rl&status=confirmed&token=" + URLEncoder.encode(token("topic=rl&status=confirmed"), StandardCharsets.UTF_8);
        List<CSVRecord> rows = csv(site.post("/admin/readers/export", form, right, null, "same-origin"));
        assertThat(rows).hasSize(64);   // readers 2, 4, … 128 chose rl; reader0 complained and left
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("topics")).isEqualTo("rl");
            assertThat(r.get("status")).isEqualTo("confirmed");
            assertThat(Integer.parseInt(r.get("email").replaceAll("\\D", "")) % 2).isZero();
        });
        assertThat(rows.stream().map(r -> r.get("email")).distinct()).hasSize(64);
        CSVRecord four = rows.stream().filter(r -> r.get("email").equals("reader4@example.org")).findFirst().orElseThrow();
        assertThat(four.get("keywords")).isEqualTo("k4");
        assertThat(four.get("consent_ip")).isEqualTo("192.0.2.4");
        assertThat(rows.get(0).toMap().keySet()).containsExactly("email", "status", "frequency", "topics", "keywords", "created_at",
                "confirmed_at", "unsubscribed_at", "unsubscribe_reason", "hard_bounces", "consent_at", "consent_source",
                "consent_ip", "consent_user_agent", "consent_text_version", "votes");

        String complained = "returned=complained&token=" + URLEncoder.encode(token(""), StandardCharsets.UTF_8);
        List<CSVRecord> one = csv(site.post("/admin/readers/export", complained, right, null, null));
        assertThat(one).extracting(r -> r.get("email") + " " + r.get("unsubscribe_reason")).containsExactly("reader0@example.org complaint");

        String everyone = "token=" + URLEncoder.encode(token(""), StandardCharsets.UTF_8);
        assertThat(csv(site.post("/admin/readers/export", everyone, right, null, null))).hasSize(132);
    }

    @Test
    void anExportWithoutTheFormsTokenOrFromAnotherSiteIsRefused() throws Exception {
        String token = URLEncoder.encode(token(""), StandardCharsets.UTF_8);
        assertThat(site.post("/admin/readers/export", "topic=rl", right, null).statusCode()).isEqualTo(403);
        assertThat(site.post("/admin/readers/export", "token=1." + "A".repeat(43), right, null).statusCode()).isEqualTo(403);
        assertThat(site.post("/admin/readers/export", "token=" + token, right, "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(site.post("/admin/readers/export", "token=" + token, right, null, "cross-site").statusCode()).isEqualTo(403);
        assertThat(site.post("/admin/readers/export", "token=" + token, AdminFixture.basic("admin", "wrong password!!"), null)
                .statusCode()).isEqualTo(401);
        assertThat(site.get("/admin/readers/export?token=" + token, right).statusCode()).as("a GET exports nothing").isEqualTo(404);
        HttpResponse<String> bad = site.post("/admin/readers/export", "status=vip&token=" + token, right, null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("There is no status");
    }
}
