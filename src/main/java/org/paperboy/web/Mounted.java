package org.paperboy.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A part of the site another package serves under a path prefix (the admin pages): a plain
 * request in, a plain answer out, so it does not depend on the HTTP server underneath. Answers get
 * the headers every page gets (CSP, no caching, no referrer) plus their own.
 */
public interface Mounted {

    /** The path it answers, and everything under it: {@code /admin} takes {@code /admin} and {@code /admin/...}. */
    String prefix();

    Answer handle(Request request);

    /**
     * @param query   the raw query string's parameters
     * @param headers the request's headers by name (first value), null when absent
     * @param form    the form body's parameters; null for a GET, or a body larger than allowed
     */
    record Request(String method, String path, Map<String, List<String>> query, Function<String, String> headers,
                   String clientIp, Map<String, List<String>> form) {

        public String header(String name) {
            return headers.apply(name);
        }

        public String param(String name) {
            List<String> values = (form != null && form.containsKey(name) ? form : query).get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * @param headers extra response headers (WWW-Authenticate, Location, Retry-After, Content-Disposition)
     * @param stream  when not null, writes the body instead of {@code body}: sent as it is written (chunked),
     *                for answers too large to build in memory (an export)
     */
    record Answer(int status, String contentType, String body, Map<String, String> headers, Streamed stream) {

        public Answer {
            headers = Map.copyOf(headers);
        }

        public Answer(int status, String contentType, String body, Map<String, String> headers) {
            this(status, contentType, body, headers, null);
        }

        public static Answer html(int status, String body) {
            return new Answer(status, "text/html; charset=utf-8", body, Map.of());
        }

        public static Answer streamed(int status, String contentType, Map<String, String> headers, Streamed stream) {
            return new Answer(status, contentType, "", headers, stream);
        }
    }

    /** A body written to the client as it is made. */
    @FunctionalInterface
    interface Streamed {
        void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }
}
