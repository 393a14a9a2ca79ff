package org.paperboy.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.ranking.Preferences;
import org.paperboy.subscribers.Consent;
import org.paperboy.subscribers.Frequency;
import org.paperboy.testing.TestSetup;
import org.paperboy.web.WebServer;

/**
 * The admin pages as the daemon serves them (the real wiring of {@code serve}), on a list of two
 * readers, Alice and Bob, who were sent Friday's digest through GreenMail; and an HTTP client.
 */
final class AdminFixture implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";
    /** The admin section with that password; more admin keys may follow, indented two spaces. */
    static final String ADMIN = "admin:\n  password: \"" + PASSWORD + "\"\n";
    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    private static final Pattern TOKEN = Pattern.compile("action=\"/admin/reader/(\\w+)\">\\s*<input type=\"hidden\" name=\"id\" value=\"(\\d+)\">"
            + "<input type=\"hidden\" name=\"token\" value=\"([^\"]+)\">");

    final Paperboy paperboy;
    final WebServer web;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * @param sections YAML sections in place of the tests' own, as in paperboy.yaml: {@link #ADMIN} for the admin
     *                 pages, "" for none
     */
    AdminFixture(Path dir, GreenMailExtension smtp, String sections) {
        paperboy = Paperboy.wire(TestSetup.config(dir, smtp.getSmtp().getPort(), null, sections));
        for (String reader : List.of("alice@example.org", "bob@example.org")) {
            paperboy.subscriptions().subscribe(reader, Preferences.NONE, Frequency.DAILY,
                    new Consent("cli", null, null, "v1", Instant.parse("2026-11-01T00:00:00Z")), true, Runnable::run);
        }
        web = ServeCommand.startWeb(paperboy);
    }

    void sendFriday() {
        paperboy.send(paperboy.deliveryRun(), FRIDAY, List.of("seeds"), new DeliveryRun.Options(false, null, false, null));
    }

    String base() {
        return "http://127.0.0.1:" + web.port();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A GET through a trusted proxy that says the client is {@code clientIp}. */
    HttpResponse<String> getFrom(String clientIp, String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", authorization)
                .header("X-Forwarded-For", clientIp).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form, String authorization, String origin) throws Exception {
        return post(path, form, authorization, origin, null);
    }

    HttpResponse<String> post(String path, String form, String authorization, String origin, String fetchSite) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (fetchSite != null) {
            b.header("Sec-Fetch-Site", fetchSite);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The reader's page, as the admin sees it. */
    String readerPage(String email) throws Exception {
        return get("/admin/reader?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), basic("admin", PASSWORD)).body();
    }

    /** The form fields of an action on the reader's page: id=...&token=... */
    String form(String page, String action) {
        Matcher m = TOKEN.matcher(page);
        while (m.find()) {
            if (m.group(1).equals(action)) {
                return "id=" + m.group(2) + "&token=" + URLEncoder.encode(m.group(3), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + action + " form on the page:\n" + page);
    }

    @Override
    public void close() {
        web.close();
        paperboy.close();
    }
}
