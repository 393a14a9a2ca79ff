package org.paperboy.app;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.schedule.DailyJob;
import org.paperboy.schedule.JobRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One day of the daily job, the same whoever starts it ({@code send} or the scheduler): loads the
 * sources once, plans and sends the date, tells "no papers" from the papers it loaded, and records
 * the run with its outcome for {@code schedule status}, {@code /healthz} and the metrics.
 */
final class DailyRun {

    private static final Logger LOG = LoggerFactory.getLogger(DailyRun.class);

    /**
     * What to run.
     *
     * @param sources  the sources to load; empty for {@code papers.sources}
     * @param preview  where to write the day's general digest as preview files, or null
     * @param fireTime the scheduled fire time the run stands for (for {@code send}, when it started)
     * @param node     who runs it, as recorded
     */
    record Request(LocalDate day, List<String> sources, DeliveryRun.Options options, Path preview, Instant fireTime, String node) {
        Request {
            sources = sources == null ? List.of() : List.copyOf(sources);
        }
    }

    /** How a day went: the report, and whether its sources held no papers (nothing planned, nothing sent). */
    record Result(DeliveryReport report, boolean noPapers) {

        JobRuns.Outcome outcome() {
            return noPapers ? JobRuns.Outcome.NO_PAPERS : report.exitCode() == 0 ? JobRuns.Outcome.OK : JobRuns.Outcome.INCOMPLETE;
        }
    }

    private final Paperboy paperboy;

    DailyRun(Paperboy paperboy) {
        this.paperboy = paperboy;
    }

    /**
     * Runs the day through the delivery run and records it (a dry run records nothing). A run that
     * throws is recorded as failed and the exception passes on.
     */
    Result run(DeliveryRun run, Request request) {
        return run(run, request, () -> { });
    }

    /** As {@link #run(DeliveryRun, Request)}, doing {@code first} once the run is recorded as started (a failure there fails the run). */
    Result run(DeliveryRun run, Request request, Runnable first) {
        if (request.options().dryRun()) {
            first.run();
            return send(run, request);
        }
        JobRuns runs = new JobRuns(paperboy.database().dataSource());
        long id = runs.started(request.day(), request.fireTime(), request.node(), paperboy.clock().instant());
        Result result;
        try {
            first.run();
            result = send(run, request);
        } catch (RuntimeException e) {
            runs.finished(id, JobRuns.Outcome.FAILED, e.getMessage(), paperboy.clock().instant());
            throw e;
        }
        runs.finished(id, result.outcome(), result.report().summary(), paperboy.clock().instant(), result.report());
        return result;
    }

    private Result send(DeliveryRun run, Request request) {
        DayRankings rankings = paperboy.rankings(request.sources());
        DeliveryReport report = paperboy.send(run, request.day(), rankings, request.options(), request.preview());
        boolean nothing = report.planned() == 0 && report.sent() == 0;
        return new Result(report, nothing && rankings.noPapers(request.day()));
    }

    /** The daily job as the scheduler runs it: this run on the configured sources, then retention. */
    static DailyJob job(Paperboy paperboy) {
        return new DailyJob() {
            @Override
            public DeliveryRun newRun() {
                return paperboy.deliveryRun();
            }

            @Override
            public String run(DeliveryRun run, LocalDate date, Instant fireTime, String node) {
                LOG.info("daily job for {} started (fire time {})", date, fireTime);
                Result result;
                try {
                    result = new DailyRun(paperboy).run(run, new Request(date, List.of(), new DeliveryRun.Options(false, null, false, null),
                            null, fireTime, node));
                } catch (RuntimeException e) {
                    LOG.error("daily job for {} failed: {}", date, e.getMessage());
                    throw e;
                }
                LOG.info("daily job: {}", result.report().summary());
                try {
                    // the day's run done, what is older than retention.days goes into the roll-ups
                    LOG.info("retention: {}", paperboy.retention().prune(false).summary());
                } catch (RuntimeException e) {
                    LOG.warn("retention failed, nothing deleted: {}", e.getMessage());
                }
                return result.outcome().text();
            }

            @Override
            public DeliveryReport help(DeliveryRun run, LocalDate date) {
                return run.deliverOnly(date, paperboy.rankings(List.of()), new DeliveryRun.Options(false, null, false, null));
            }
        };
    }
}
