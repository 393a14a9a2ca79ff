package org.paperboy.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.digest.DigestArchive;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.digest.EmailConfig;
import org.paperboy.ranking.Topic;
import org.paperboy.subscribers.SubscriptionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription pages on the JDK's HTTP server: subscribe, confirm, preferences,
 * unsubscribe, the archive and its feed. Only POST changes anything.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final Pattern TOKEN_PATH = Pattern.compile("/(confirm|unsubscribe|preferences)/([A-Za-z0-9_.-]{1,64})");
    private static final Pattern ARCHIVE_DAY = Pattern.compile("/archive/([0-9-]{10})");

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final ExecutorService mail = Executors.newSingleThreadExecutor();
    private final WebConfig config;
    private final Pages pages;
    private final SubscriptionPages subscription;
    private final ReaderPages reader;
    private final ArchivePages archive;
    private final RateLimiter posts;
    private volatile Mounted mounted;

    private WebServer(WebConfig config, SubscriptionService subscriptions, DigestRenderer renderer, EmailConfig email,
                      List<Topic> topics, DigestArchive archive, Clock clock) throws IOException {
        this.config = config;
        this.pages = new Pages(renderer, email, topics);
        this.subscription = new SubscriptionPages(subscriptions, pages, command -> mail.execute(() -> {
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.warn("a confirmation mail could not be sent: {}", e.getMessage());
            }
        }), clock);
        this.reader = new ReaderPages(subscriptions, pages);
        this.archive = new ArchivePages(archive, pages);
        this.posts = new RateLimiter(config.postsPerIpPer10Minutes(), Duration.ofMinutes(10), clock);
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    public static WebServer start(WebConfig config, SubscriptionService subscriptions, DigestRenderer renderer, EmailConfig email,
                                  List<Topic> topics, DigestArchive archive, Clock clock) {
        try {
            WebServer web = new WebServer(config, subscriptions, renderer, email, topics, archive, clock);
            web.server.start();
            LOG.info("serving the subscription pages on http://{}:{}/", config.host(), web.port());
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    /** Serves a part of the site under its prefix (the admin pages); one at a time. */
    public void mount(Mounted part) {
        this.mounted = part;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange http) {
        Exchange ex = new Exchange(http, config.maxRequestBytes());
        try {
            route(ex);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {} failed: {}", http.getRequestMethod(), http.getRequestURI().getRawPath(), e.toString());
            try {
                ex.html(500, pages.message("Something went wrong", "Please try again in a minute.", null, null));
            } catch (IOException | RuntimeException ignored) {
                http.close();
            }
        }
    }

    private void route(Exchange ex) throws IOException {
        String method = ex.method();
        String path = ex.path();
        boolean get = method.equals("GET") || method.equals("HEAD");
        boolean post = method.equals("POST");
        if (!get && !post) {
            ex.html(405, pages.message("Not allowed", "This page only answers GET and POST.", null, null));
            return;
        }
        Mounted part = mounted;
        if (part != null && (path.equals(part.prefix()) || path.startsWith(part.prefix() + "/"))) {
            MountedRoute.serve(part, ex);
            return;
        }
        if (post && !posts.allow(ex.clientIp())) {
            ex.html(429, pages.message("Too many requests", "Please wait a few minutes and try again.", null, null));
            return;
        }
        Matcher token = TOKEN_PATH.matcher(path);
        Matcher day = ARCHIVE_DAY.matcher(path);
        if (path.equals("/") && get) {
            subscription.form(ex);
        } else if (path.equals("/subscribe") && post) {
            Map<String, List<String>> form = ex.form();
            if (form == null) {
                tooLarge(ex);
            } else {
                subscription.subscribe(ex, form);
            }
        } else if (token.matches()) {
            routeToken(ex, token.group(1), token.group(2), post);
        } else if (path.equals("/archive") && get) {
            archive.list(ex);
        } else if (day.matches() && get) {
            archive.day(ex, day.group(1));
        } else if (path.equals("/feed.xml") && get) {
            archive.feed(ex);
        } else {
            ex.html(404, pages.message("Not found", "There is no such page.", null, null));
        }
    }

    private void routeToken(Exchange ex, String page, String token, boolean post) throws IOException {
        switch (page) {
            case "confirm" -> {
                if (post) {
                    drain(ex);
                    subscription.confirm(ex, token);
                } else {
                    subscription.confirmPage(ex, token);
                }
            }
            case "unsubscribe" -> {
                if (post) {
                    // RFC 8058: the body is "List-Unsubscribe=One-Click"; any genuine POST unsubscribes
                    drain(ex);
                    reader.unsubscribe(ex, token);
                } else {
                    reader.unsubscribePage(ex, token);
                }
            }
            default -> {
                if (post) {
                    Map<String, List<String>> form = ex.form();
                    if (form == null) {
                        tooLarge(ex);
                    } else {
                        reader.savePreferences(ex, token, form);
                    }
                } else {
                    reader.preferencesPage(ex, token, false);
                }
            }
        }
    }

    private static void drain(Exchange ex) throws IOException {
        ex.body();
    }

    private void tooLarge(Exchange ex) throws IOException {
        ex.html(413, pages.message("Too large", "The form was larger than this page accepts.", null, null));
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        mail.shutdown();
        try {
            mail.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
