package org.paperboy.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;

/**
 * What the reader list is narrowed to; every part optional. Read from a request's parameters, which
 * are untrusted: a value that is not one of the known ones is left out and named in {@link #problems}.
 *
 * @param query      part of an address, any case (at most 254 characters)
 * @param returned   readers whose mail came back for good ({@code bounced}) or who complained
 * @param joinedFrom the first day (UTC) a reader may have joined on
 * @param joinedTo   the last day (UTC), included
 */
record ReaderFilter(String query, Status status, Frequency frequency, String topic, Returned returned,
                    LocalDate joinedFrom, LocalDate joinedTo, List<String> problems) {

    static final int MAX_QUERY = 254;

    /** The filter on mail that came back. */
    enum Returned {
        BOUNCED, COMPLAINED;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final ReaderFilter NONE = new ReaderFilter(null, null, null, null, null, null, null, List.of());

    ReaderFilter {
        problems = List.copyOf(problems);
    }

    /** @param param a request parameter by name, null when absent */
    static ReaderFilter from(Function<String, String> param, Collection<String> topics) {
        List<String> problems = new ArrayList<>();
        String query = blank(param.apply("q")) ? null : param.apply("q").strip();
        if (query != null && query.length() > MAX_QUERY) {
            problems.add("The search is longer than an address can be (" + MAX_QUERY + " characters); it was cut.");
            query = query.substring(0, MAX_QUERY);
        }
        Status status = choice(param.apply("status"), "status", List.of(Status.values()), Status::key, problems);
        Frequency frequency = choice(param.apply("frequency"), "frequency", List.of(Frequency.values()), Frequency::key, problems);
        String topic = choice(param.apply("topic"), "topic", topics, t -> t, problems);
        Returned returned = choice(param.apply("returned"), "returned mail", List.of(Returned.values()), Returned::key, problems);
        LocalDate from = date(param.apply("from"), "joined from", problems);
        LocalDate to = date(param.apply("to"), "joined to", problems);
        return new ReaderFilter(query, status, frequency, topic, returned, from, to, problems);
    }

    /** The parameters that give this filter again (for the links to other pages and the export form), empty ones left out. */
    Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "q", query);
        put(params, "status", status == null ? null : status.key());
        put(params, "frequency", frequency == null ? null : frequency.key());
        put(params, "topic", topic);
        put(params, "returned", returned == null ? null : returned.key());
        put(params, "from", joinedFrom == null ? null : joinedFrom.toString());
        put(params, "to", joinedTo == null ? null : joinedTo.toString());
        return params;
    }

    /** {@link #params} as a query string, each value encoded: {@code q=bob&status=confirmed}. */
    String queryString() {
        StringBuilder s = new StringBuilder();
        params().forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    boolean any() {
        return !params().isEmpty();
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null) {
            params.put(key, value);
        }
    }

    private static <T> T choice(String given, String what, Collection<T> known, Function<T, String> key, List<String> problems) {
        if (blank(given)) {
            return null;
        }
        for (T t : known) {
            if (key.apply(t).equalsIgnoreCase(given.strip())) {
                return t;
            }
        }
        problems.add("There is no " + what + " \"" + clip(given) + "\"; that filter was left out.");
        return null;
    }

    private static LocalDate date(String given, String what, List<String> problems) {
        if (blank(given)) {
            return null;
        }
        try {
            return LocalDate.parse(given.strip());
        } catch (DateTimeParseException e) {
            problems.add("\"" + clip(given) + "\" is not a date such as 2026-11-20 (" + what + "); that filter was left out.");
            return null;
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
