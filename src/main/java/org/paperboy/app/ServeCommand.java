package org.paperboy.app;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.paperboy.digest.DigestArchive;
import org.paperboy.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code paperboy serve}: the subscription pages on their own, until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the subscription pages (subscribe, confirm, preferences, unsubscribe, archive, feed).")
final class ServeCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // on SIGTERM or SIGINT the hook lets the main thread close everything, and waits for it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            awaitQuietly(stopped);
        }, "paperboy-stop"));
        try (Paperboy paperboy = Paperboy.wire(common.config(env)); WebServer web = startWeb(paperboy)) {
            spec.commandLine().getOut().printf("Serving on http://%s:%d/ (links in mail use %s)%n",
                    paperboy.config().web().host(), web.port(), paperboy.config().email().publicBaseUrl());
            spec.commandLine().getOut().flush();
            stopping.await();
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static WebServer startWeb(Paperboy paperboy) {
        return WebServer.start(paperboy.config().web(), paperboy.subscriptions(), paperboy.renderer(), paperboy.config().email(),
                paperboy.classifier().taxonomy().topics(), new DigestArchive(paperboy.database().dataSource()), paperboy.clock());
    }
}
