package org.paperboy.delivery;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.paperboy.mail.DeliveryException;
import org.paperboy.mail.Mailer;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.mail.SmtpConfig;
import org.paperboy.mail.TlsFailure;
import org.paperboy.ranking.Digest;
import org.paperboy.subscribers.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection's worth of sending: claims a batch of outbox rows, sends them over its one
 * reused connection (renewed after {@code smtp.messagesPerConnection} or when dropped), and hands
 * each outcome to the recorder the moment the server answered. Returns when nothing is due, when
 * asked to stop (the message in flight finishes; the rest of the batch is released), or when the
 * server cannot be reached.
 */
final class SenderWorker implements Callable<SenderWorker.Result> {

    private static final Logger LOG = LoggerFactory.getLogger(SenderWorker.class);

    /** How a worker ended: when the server was down, whether it was TLS that failed, and the error. */
    record Result(boolean serverDown, boolean tls, String lastError) {
    }

    /** What a worker needs, shared by all workers of a run. */
    record Context(LocalDate date, Claims claims, SenderId sender, Recorder recorder, Mailer mailer, RateLimit rate,
                   Function<OutboxRow, Digest> digests, DigestMails mails, DeliveryConfig config, SmtpConfig smtp, Clock clock,
                   BooleanSupplier stopping) {
    }

    private final String name;
    private final Context ctx;
    private Mailer.Connection connection;
    private int sentOnConnection;
    private String connectError;
    private boolean connectTls;
    /** The recorder's ticket for this connection's last outcome. */
    private long lastTicket;

    SenderWorker(String name, Context ctx) {
        this.name = name;
        this.ctx = ctx;
    }

    @Override
    public Result call() {
        try {
            while (!ctx.stopping().getAsBoolean()) {
                List<OutboxRow> rows = ctx.claims().claim(ctx.date(), ctx.sender(), ctx.config().claimBatch(), ctx.clock().instant());
                if (rows.isEmpty()) {
                    return new Result(false, false, null);
                }
                for (OutboxRow row : rows) {
                    boolean cannotSend = connectError != null || ctx.stopping().getAsBoolean();
                    lastTicket = ctx.recorder().submit(cannotSend ? new Outcome(row, Outcome.Kind.RELEASED, connectError) : send(row));
                }
                if (connectError != null) {
                    return new Result(true, connectTls, connectError);
                }
            }
            return new Result(false, false, null);
        } finally {
            closeConnection();
        }
    }

    private Outcome send(OutboxRow row) {
        if (row.status() != Status.CONFIRMED) {
            return new Outcome(row, Outcome.Kind.CANCELLED, "subscriber is " + row.status().key());
        }
        Digest digest = ctx.digests().apply(row);
        if (digest.isEmpty()) {
            return new Outcome(row, Outcome.Kind.POSTPONED, "the planned papers are not in the sources loaded for " + row.date());
        }
        OutgoingMail mail = ctx.mails().mail(row, digest);
        if (!connected()) {
            return new Outcome(row, Outcome.Kind.RELEASED, connectError);
        }
        try {
            ctx.rate().acquire();
            connection.send(mail, this::awaitPreviousRecorded);
            sentOnConnection++;
            return new Outcome(row, Outcome.Kind.SENT, "250 accepted");
        } catch (DeliveryException e) {
            if (e.permanent()) {
                LOG.info("bounced {}: {}", row.email(), e.getMessage());
                return new Outcome(row, Outcome.Kind.BOUNCED, e.getMessage());
            }
            LOG.info("deferred {}: {}", row.email(), e.getMessage());
            closeConnection();
            return new Outcome(row, Outcome.Kind.DEFERRED, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(row, Outcome.Kind.RELEASED, "interrupted");
        }
    }

    /**
     * Passed once a message's data is written and before its final dot: the server can accept it
     * only after this connection's previous outcome is committed, so at most the message in flight
     * is ever accepted and unrecorded. The wait overlaps the message's transfer.
     */
    private void awaitPreviousRecorded() throws java.io.IOException {
        ctx.recorder().awaitCommitted(lastTicket);
        if (ctx.recorder().failed()) {
            throw new java.io.IOException("recording deliveries failed: the message is not ended, so the server does not accept it");
        }
    }

    private boolean connected() {
        if (connection != null && sentOnConnection >= ctx.smtp().messagesPerConnection()) {
            closeConnection();
        }
        if (connection == null) {
            try {
                connection = ctx.mailer().connect();
                sentOnConnection = 0;
            } catch (DeliveryException e) {
                connectError = e.getMessage();
                connectTls = TlsFailure.in(e.getCause()) != null;
                LOG.warn("{}", e.getMessage());
                return false;
            }
        }
        return true;
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
