package org.paperboy.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
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
 * The subscription pages on Jetty: subscribe, confirm, preferences, unsubscribe, the vote links
 * (more, fewer, undo), the archive and its feed. Only POST changes anything, and only the
 * subscribe form and votes are rate-limited: leaving (one-click or through the page) always works.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final Pattern TOKEN_PATH = Pattern.compile("/(confirm|unsubscribe|preferences)/([A-Za-z0-9_.-]{1,64})");
    private static final Pattern VOTE_PATH = Pattern.compile("/(more|fewer|undo)/([A-Za-z0-9_.-]{1,200})");
    private static final Pattern ARCHIVE_DAY = Pattern.compile("/archive/([0-9-]{10})");

    private final JettyServers.Built jetty;
    private final BackgroundQueue background = new BackgroundQueue();
    private final Pages pages;
    private final SubscriptionPages subscription;
    private final ReaderPages reader;
    private final ArchivePages archive;
    private final RateLimiter subscribes;
    private final VotePages votes;
    private final RateLimiter voting;
    private volatile Mounted mounted;

    private WebServer(WebConfig config, SubscriptionService subscriptions, DigestRenderer renderer, EmailConfig email,
                      List<Topic> topics, DigestArchive archive, Clock clock) {
        this.pages = new Pages(renderer, email, topics);
        this.subscription = new SubscriptionPages(subscriptions, pages, background, clock);
        this.reader = new ReaderPages(subscriptions, pages);
        this.archive = new ArchivePages(archive, pages);
        this.subscribes = new RateLimiter(config.postsPerIpPer10Minutes(), Duration.ofMinutes(10), clock);
        this.votes = new VotePages(subscriptions, subscriptions.votes(), pages, clock);
        // a reader votes on many papers of one mail: ten times the subscribe budget, counted the same way
        this.voting = new RateLimiter(config.postsPerIpPer10Minutes() * 10, Duration.ofMinutes(10), clock);
        this.jetty = JettyServers.build("paperboy-web", config.host(), config.port(), config, config.maxThreads());
    }

    public static WebServer start(WebConfig config, SubscriptionService subscriptions, DigestRenderer renderer, EmailConfig email,
                                  List<Topic> topics, DigestArchive archive, Clock clock) {
        return start(config, subscriptions, renderer, email, topics, archive, clock, new Metrics());
    }

    /** Starts the pages, counting their requests on {@code metrics} (which {@link ManagementServer} exposes). */
    public static WebServer start(WebConfig config, SubscriptionService subscriptions, DigestRenderer renderer, EmailConfig email,
                                  List<Topic> topics, DigestArchive archive, Clock clock, Metrics metrics) {
        WebServer web = new WebServer(config, subscriptions, renderer, email, topics, archive, clock);
        metrics.watch("web", web.jetty.deadlines(), web.background);
        PageHandler handler = new PageHandler(web::route, web::failed, new ClientAddress(config.trustedProxies()),
                web.jetty.deadlines(), config.maxRequestBytes(), metrics::answered);
        JettyServers.start(web.jetty, handler);
        LOG.info("serving the subscription pages on http://{}:{}/", config.host(), web.port());
        return web;
    }

    /** Serves a part of the site under its prefix (the admin pages); one at a time. */
    public void mount(Mounted part) {
        this.mounted = part;
    }

    public int port() {
        return jetty.connector().getLocalPort();
    }

    /** The queue of work done after answering (subscriptions and their mail). */
    BackgroundQueue background() {
        return background;
    }

    /** The header and body deadlines of the connections. */
    ConnectionDeadlines deadlines() {
        return jetty.deadlines();
    }

    private void route(Exchange ex) throws IOException {
        String method = ex.method();
        String path = ex.path();
        boolean get = method.equals("GET") || method.equals("HEAD");
        boolean post = method.equals("POST");
        Matcher token = TOKEN_PATH.matcher(path);
        Matcher day = ARCHIVE_DAY.matcher(path);
        Matcher vote = VOTE_PATH.matcher(path);
        Mounted part = mounted;
        if (!get && !post) {
            ex.html(405, pages.message("Not allowed", "This page only answers GET and POST.", null, null));
        } else if (part != null && (path.equals(part.prefix()) || path.startsWith(part.prefix() + "/"))) {
            ex.route(part.prefix() + "/*");
            MountedRoute.serve(part, ex);
        } else if (path.equals("/") && get) {
            ex.route("/");
            subscription.form(ex);
        } else if (path.equals("/subscribe") && post) {
            ex.route("/subscribe");
            subscribe(ex);
        } else if (token.matches()) {
            ex.route("/" + token.group(1) + "/{token}");
            routeToken(ex, token.group(1), token.group(2), post);
        } else if (vote.matches()) {
            ex.route("/" + vote.group(1) + "/{token}");
            vote(ex, vote.group(1), vote.group(2), post);
        } else if (path.equals("/archive") && get) {
            ex.route("/archive");
            archive.list(ex);
        } else if (day.matches() && get) {
            ex.route("/archive/{date}");
            archive.day(ex, day.group(1));
        } else if (path.equals("/feed.xml") && get) {
            ex.route("/feed.xml");
            archive.feed(ex);
        } else {
            ex.html(404, pages.message("Not found", "There is no such page.", null, null));
        }
    }

    private void subscribe(Exchange ex) throws IOException {
        String bucket = ClientAddress.bucket(ex.clientIp());
        if (!subscribes.allow(bucket)) {
            long minutes = Math.max(1, (subscribes.retryAfter(bucket).toSeconds() + 59) / 60);
            ex.responseHeader("Retry-After", Long.toString(minutes * 60));
            ex.html(429, pages.message("Too many requests", "This connection has sent the form as often as we take in ten minutes,"
                    + " so nothing was done with this one and no mail was sent. You can send it again in " + minutes
                    + (minutes == 1 ? " minute." : " minutes."), null, null));
            return;
        }
        Map<String, List<String>> form = ex.form();
        if (form == null) {
            tooLarge(ex);
            return;
        }
        try {
            subscription.subscribe(ex, form);
        } catch (RejectedExecutionException e) {
            ex.html(503, pages.message("Busy", "Too many people are subscribing right now. Please try again in a minute.", null, null));
        }
    }

    private void vote(Exchange ex, String page, String token, boolean post) throws IOException {
        if (!post) {
            votes.page(ex, page, token);
        } else if (!voting.allow(ClientAddress.bucket(ex.clientIp()))) {
            ex.html(429, pages.message("Too many requests", "Please wait a few minutes and try again.", null, null));
        } else {
            votes.act(ex, page, token);
        }
    }

    private void routeToken(Exchange ex, String page, String token, boolean post) throws IOException {
        switch (page) {
            case "confirm" -> {
                if (post) {
                    subscription.confirm(ex, token);
                } else {
                    subscription.confirmPage(ex, token);
                }
            }
            case "unsubscribe" -> {
                if (post) {
                    // RFC 8058: the body is "List-Unsubscribe=One-Click"; any genuine POST unsubscribes, never limited
                    reader.unsubscribe(ex, token);
                } else {
                    reader.unsubscribePage(ex, token);
                }
            }
            default -> {
                if (!post) {
                    reader.preferencesPage(ex, token, false);
                } else if (ex.form() == null) {
                    tooLarge(ex);
                } else {
                    reader.savePreferences(ex, token, ex.form());
                }
            }
        }
    }

    private void tooLarge(Exchange ex) throws IOException {
        ex.html(413, pages.message("Too large", "The form was larger than this page accepts.", null, null));
    }

    private void failed(Exchange ex) throws IOException {
        ex.html(500, pages.message("Something went wrong", "Please try again in a minute.", null, null));
    }

    @Override
    public void close() {
        JettyServers.stopQuietly(jetty.server());
        background.close();
    }
}
