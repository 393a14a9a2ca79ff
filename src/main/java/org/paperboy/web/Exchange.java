package org.paperboy.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request and its answer, with the rules every page follows: bodies are size-limited,
 * answers carry a strict Content-Security-Policy, no referrer (links hold tokens), no caching
 * and never a cookie.
 */
final class Exchange {

    private final HttpExchange http;
    private final int maxBody;

    Exchange(HttpExchange http, int maxBody) {
        this.http = http;
        this.maxBody = maxBody;
    }

    String method() {
        return http.getRequestMethod();
    }

    String path() {
        return http.getRequestURI().getRawPath();
    }

    String clientIp() {
        return http.getRemoteAddress().getAddress().getHostAddress();
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** The body, or null when it is larger than allowed. */
    byte[] body() throws IOException {
        try (InputStream in = http.getRequestBody()) {
            byte[] bytes = in.readNBytes(maxBody + 1);
            return bytes.length > maxBody ? null : bytes;
        }
    }

    /** An application/x-www-form-urlencoded body as a map of lists; null when too large. */
    Map<String, List<String>> form() throws IOException {
        byte[] body = body();
        if (body == null) {
            return null;
        }
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (text.isBlank()) {
            return form;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                // a malformed pair is ignored, like a browser would never send it
            }
        }
        return form;
    }

    void send(int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = http.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:;"
                + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        boolean head = method().equals("HEAD");
        http.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
        }
        http.close();
    }

    void html(int status, String body) throws IOException {
        send(status, "text/html; charset=utf-8", body);
    }

    /** The query string's parameters. */
    Map<String, List<String>> query() {
        String query = http.getRequestURI().getRawQuery();
        return parse(query == null ? "" : query);
    }

    /** Adds a header to the answer, before {@link #send}. */
    void responseHeader(String name, String value) {
        http.getResponseHeaders().set(name, value);
    }
}
