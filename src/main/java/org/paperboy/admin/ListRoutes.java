package org.paperboy.admin;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;
import org.paperboy.subscribers.CsvExport;
import org.paperboy.subscribers.Subscriber;
import org.paperboy.web.Mounted.Answer;
import org.paperboy.web.Mounted.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's lists: readers (searched by part of an address, filtered, paged), their CSV export,
 * and the returned-mail log. Only reads, except that the export is a POST form guarded by {@link Csrf}
 * like the actions on a reader: a list of addresses leaves the server only on the admin's own click.
 */
final class ListRoutes {

    static final String EXPORT = "export";
    static final int PAGE = 50;
    /** Readers read per query while exporting: no transaction is held while the client takes the rows. */
    static final int EXPORT_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ListRoutes.class);

    private final AdminParts parts;
    private final Csrf csrf;
    private final AdminPages pages;
    private final ReaderList readers;
    private final ReturnedLog returned;
    private final Clock clock;

    ListRoutes(AdminParts parts, Csrf csrf, AdminPages pages, Clock clock) {
        this.parts = parts;
        this.csrf = csrf;
        this.pages = pages;
        this.readers = new ReaderList(parts.subscribers().database());
        this.returned = new ReturnedLog(parts.subscribers().database());
        this.clock = clock;
    }

    Answer readers(Request request) {
        ReaderFilter filter = ReaderFilter.from(request::param, parts.topics());
        Keyset.Page<ReaderList.Row> page = readers.page(filter, position(request));
        String token = csrf.token(request.header("Authorization"), EXPORT, 0);
        int status = page.rows().isEmpty() && filter.query() != null ? 404 : 200;
        return Answer.html(status, pages.readers(filter, page, parts.topics(), token, size(request)));
    }

    Answer returned(Request request) {
        ReturnedLog.Provenance provenance = ReturnedLog.Provenance.parse(request.param("provenance"));
        return Answer.html(200, pages.returned(provenance, returned.page(provenance, position(request)), size(request)));
    }

    Answer export(Request request) {
        if (request.form() == null) {
            return Answer.html(400, pages.message("Bad request", "The export form is missing."));
        }
        if (!csrf.sameSite(request) || !csrf.valid(request.param("token"), request.header("Authorization"), EXPORT, 0)) {
            LOG.warn("admin: refused an export form from {} without a valid token or from another site", request.clientIp());
            return Answer.html(403, pages.message("Refused", "This form is out of date or came from another site."
                    + " Reload the reader list and try again."));
        }
        ReaderFilter filter = ReaderFilter.from(request::param, parts.topics());
        if (!filter.problems().isEmpty()) {
            return Answer.html(400, pages.message("Bad request", String.join(" ", filter.problems())));
        }
        String name = "readers-" + LocalDate.now(clock) + ".csv";
        LOG.info("admin: export of the readers{} to {}", filter.any() ? " where " + filter.params().keySet() : "", request.clientIp());
        return Answer.streamed(200, "text/csv; charset=utf-8", Map.of("Content-Disposition", "attachment; filename=\"" + name + "\""),
                out -> {
                    BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                    long n = new CsvExport(parts.subscribers()).write(writer, each -> matching(filter, each));
                    writer.flush();
                    LOG.info("admin: exported {} readers", n);
                });
    }

    /** Every reader the filter matches, newest first, read a batch at a time. */
    private void matching(ReaderFilter filter, Consumer<Subscriber> each) {
        Keyset.Position at = Keyset.Position.top(EXPORT_BATCH);
        while (true) {
            Keyset.Page<Long> ids = readers.ids(filter, at);
            parts.subscribers().byIds(ids.rows()).forEach(each);
            if (ids.next() == null) {
                return;
            }
            at = new Keyset.Position(ids.next(), null, EXPORT_BATCH);
        }
    }

    private static Keyset.Position position(Request request) {
        return new Keyset.Position(id(request.param("after")), id(request.param("before")), size(request));
    }

    /** The page size asked for (1 to 500), else 50. */
    static int size(Request request) {
        String given = request.param("size");
        return given != null && given.matches("[0-9]{1,3}") ? Math.max(1, Math.min(Keyset.MAX_SIZE, Integer.parseInt(given))) : PAGE;
    }

    private static Long id(String given) {
        return given != null && given.matches("[0-9]{1,18}") ? Long.valueOf(given) : null;
    }
}
