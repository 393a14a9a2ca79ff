package org.paperboy.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its answer, with the rules every page follows: bodies are size-limited,
 * answers carry a strict Content-Security-Policy, no referrer (links hold tokens), no caching
 * and never a cookie. The body has been read whole before a page sees the exchange.
 */
final class Exchange {

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String clientIp;
    private final byte[] body;
    private String route = "unmatched";
    private int status;

    /**
     * @param clientIp the client's address behind any trusted proxy
     * @param body     the whole body, or null when it was larger than allowed
     */
    Exchange(Request request, Response response, Callback callback, String clientIp, byte[] body) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.clientIp = clientIp;
        this.body = body;
    }

    String method() {
        return request.getMethod();
    }

    /** The path as sent, still percent-encoded. */
    String path() {
        return request.getHttpURI().getPath();
    }

    String clientIp() {
        return clientIp;
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The body, or null when it is larger than allowed. */
    byte[] body() throws IOException {
        return body;
    }

    /** An application/x-www-form-urlencoded body as a map of lists; null when too large. */
    Map<String, List<String>> form() throws IOException {
        return body == null ? null : parse(new String(body, StandardCharsets.UTF_8));
    }

    /** The query string's parameters. */
    Map<String, List<String>> query() {
        String query = request.getHttpURI().getQuery();
        return parse(query == null ? "" : query);
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
        HttpFields.Mutable headers = head(status, contentType);
        headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        boolean head = method().equals("HEAD");
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes), callback);
    }

    /**
     * Answers with a body written as it is made (chunked), on this worker thread; a failure half-way
     * aborts the connection, so the client sees a cut answer, never a short one that looks whole.
     */
    void stream(int status, String contentType, Mounted.Streamed body) throws IOException {
        head(status, contentType);
        if (method().equals("HEAD")) {
            response.write(true, ByteBuffer.allocate(0), callback);
            return;
        }
        try (java.io.OutputStream out = org.eclipse.jetty.io.Content.Sink.asOutputStream(response)) {
            body.writeTo(out);
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private HttpFields.Mutable head(int status, String contentType) {
        if (answered()) {
            throw new IllegalStateException("answered twice: " + this.status + ", then " + status);
        }
        this.status = status;
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, contentType);
        headers.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:;"
                + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        return headers;
    }

    void html(int status, String body) throws IOException {
        send(status, "text/html; charset=utf-8", body);
    }

    /** Gives up on the answer: Jetty answers 500 itself, or closes the connection. */
    void fail(Throwable cause) {
        status = 500;
        callback.failed(cause);
    }

    /** Names the route this request took, for metrics: a pattern such as /unsubscribe/{token}, never a token. */
    void route(String name) {
        this.route = name;
    }

    String route() {
        return route;
    }

    boolean answered() {
        return status != 0;
    }

    /** The status answered, or 0 before the answer. */
    int status() {
        return status;
    }

    /** Adds a header to the answer, before {@link #send}. */
    void responseHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }
}
