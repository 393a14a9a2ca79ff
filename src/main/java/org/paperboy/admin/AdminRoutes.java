package org.paperboy.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.paperboy.PaperboyException;
import org.paperboy.stats.Report;
import org.paperboy.stats.Stats;
import org.paperboy.subscribers.EmailAddress;
import org.paperboy.subscribers.Subscriber;
import org.paperboy.subscribers.UnsubscribeReason;
import org.paperboy.web.Mounted.Answer;
import org.paperboy.web.Mounted.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin pages behind the login: the dashboard, a reader and the two actions on a reader, and the lists ({@link ListRoutes}). */
final class AdminRoutes {

    static final String UNSUBSCRIBE = "unsubscribe";
    static final String RESEND = "resend";
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);
    private static final Map<String, String> DONE = Map.of(
            "unsubscribed", "Unsubscribed: this reader gets no more mail.",
            "resent", "Sent: a copy of the digest went to this reader.");

    private final AdminParts parts;
    private final Csrf csrf;
    private final AdminPages pages;
    private final ListRoutes lists;

    AdminRoutes(AdminParts parts, Csrf csrf, java.time.Clock clock) {
        this.parts = parts;
        this.csrf = csrf;
        this.pages = new AdminPages(parts.renderer(), parts.listName());
        this.lists = new ListRoutes(parts, csrf, pages, clock);
    }

    Answer route(Request request) {
        String path = request.path();
        boolean get = request.method().equals("GET") || request.method().equals("HEAD");
        boolean post = request.method().equals("POST");
        if ((path.equals("/admin") || path.equals("/admin/")) && get) {
            return dashboard(request);
        } else if (path.equals("/admin/reader") && get) {
            return reader(request, null, 200);
        } else if (path.equals("/admin/readers") && get) {
            return lists.readers(request);
        } else if (path.equals("/admin/readers/" + ListRoutes.EXPORT) && post) {
            return lists.export(request);
        } else if (path.equals("/admin/returned") && get) {
            return lists.returned(request);
        } else if (path.equals("/admin/reader/" + UNSUBSCRIBE) && post || path.equals("/admin/reader/" + RESEND) && post) {
            return act(request, path.substring("/admin/reader/".length()));
        }
        return Answer.html(404, pages.message("Not found", "There is no such admin page."));
    }

    private Answer dashboard(Request request) {
        int days = 30;
        String asked = request.param("days");
        if (asked != null && asked.matches("[0-9]{1,3}")) {
            days = Math.max(1, Math.min(Stats.MAX_DAYS, Integer.parseInt(asked)));
        }
        Report report = parts.stats().report(days);
        return Answer.html(200, pages.dashboard(report));
    }

    private Answer reader(Request request, String problem, int status) {
        String email = request.param("email");
        if (email == null || email.isBlank()) {
            return Answer.html(200, pages.search(null, problem));
        }
        Optional<Subscriber> found = find(email);
        if (found.isEmpty()) {
            return Answer.html(problem == null ? 404 : status, pages.search(email, problem == null ? "No reader has the address " + email.strip() + "." : problem));
        }
        Subscriber s = found.get();
        String auth = request.header("Authorization");
        Optional<LocalDate> latest = parts.latestDigest(s.id());
        String done = request.param("done");
        return Answer.html(status, pages.reader(s, parts.stats().history(s.id(), 60), parts.subscribers().votes().of(s.id()), latest.orElse(null),
                csrf.token(auth, UNSUBSCRIBE, s.id()), csrf.token(auth, RESEND, s.id()),
                done == null ? null : DONE.get(done), problem));
    }

    private Optional<Subscriber> find(String email) {
        try {
            return parts.subscribers().find(email.strip());
        } catch (EmailAddress.InvalidAddressException e) {
            return Optional.empty();
        }
    }

    private Answer act(Request request, String action) {
        String id = request.param("id");
        if (request.form() == null || id == null || !id.matches("[0-9]{1,18}")) {
            return Answer.html(400, pages.message("Bad request", "The form is missing the reader."));
        }
        long readerId = Long.parseLong(id);
        if (!csrf.sameSite(request) || !csrf.valid(request.param("token"), request.header("Authorization"), action, readerId)) {
            LOG.warn("admin: refused a {} form from {} without a valid token or from another site", action, request.clientIp());
            return Answer.html(403, pages.message("Refused", "This form is out of date or came from another site. Reload the reader's page and try again."));
        }
        Optional<Subscriber> reader = parts.subscribers().find(readerId);
        if (reader.isEmpty()) {
            return Answer.html(404, pages.message("Not found", "There is no such reader."));
        }
        try {
            String done = action.equals(UNSUBSCRIBE) ? unsubscribe(reader.get()) : resend(reader.get());
            return new Answer(303, "text/plain; charset=utf-8", "See the reader's page.\n", Map.of("Location",
                    "/admin/reader?email=" + URLEncoder.encode(reader.get().email(), StandardCharsets.UTF_8) + "&done=" + done));
        } catch (PaperboyException e) {
            Request again = new Request("GET", "/admin/reader", Map.of("email", java.util.List.of(reader.get().email())),
                    request::header, request.clientIp(), null);
            return reader(again, e.getMessage(), 409);
        }
    }

    private String unsubscribe(Subscriber reader) {
        parts.subscriptions().unsubscribeAddress(reader.email(), UnsubscribeReason.ADMIN);
        LOG.info("admin: unsubscribed reader #{}", reader.id());
        return "unsubscribed";
    }

    private String resend(Subscriber reader) {
        LocalDate date = parts.latestDigest(reader.id())
                .orElseThrow(() -> new PaperboyException(reader.email() + " has not been sent a digest yet"));
        var sent = parts.resend().send(reader, date);
        LOG.info("admin: sent reader #{} a copy of the {} digest ({} papers, Message-ID {})", reader.id(), date, sent.papers(), sent.messageId());
        return "resent";
    }
}
