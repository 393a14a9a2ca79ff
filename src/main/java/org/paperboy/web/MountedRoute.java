package org.paperboy.web;

import java.io.IOException;
import java.util.Map;

/** Hands an exchange to a {@link Mounted} part and writes its answer back. */
final class MountedRoute {

    private MountedRoute() {
    }

    static void serve(Mounted part, Exchange ex) throws IOException {
        boolean post = ex.method().equals("POST");
        Mounted.Request request = new Mounted.Request(ex.method(), ex.path(), ex.query(), ex::header, ex.clientIp(),
                post ? ex.form() : null);
        Mounted.Answer answer = part.handle(request);
        for (Map.Entry<String, String> h : answer.headers().entrySet()) {
            ex.responseHeader(h.getKey(), h.getValue());
        }
        if (answer.stream() != null) {
            ex.stream(answer.status(), answer.contentType(), answer.stream());
        } else {
            ex.send(answer.status(), answer.contentType(), answer.body());
        }
    }
}
