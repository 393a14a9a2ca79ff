package org.paperboy.web;

import java.util.List;
import java.util.Map;

/**
 * One more endpoint on the management port, such as {@code /admin/stats}: it gets the request and
 * returns the whole answer. The management port is for operators only (loopback by default).
 */
public interface ManagementEndpoint {

    /** The request as an endpoint sees it. */
    record Request(String method, String path, Map<String, List<String>> query, Map<String, List<String>> form) {
    }

    /** The whole answer. */
    record Answer(int status, String contentType, String body) {
    }

    /** The exact path served, such as {@code /admin/stats}. */
    String path();

    Answer handle(Request request);
}
