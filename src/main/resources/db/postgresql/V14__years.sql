-- Runs for years (issue 20): an index for every hot query on the outbox, so none reads the whole
-- table (checked by QueryPlanIT on both databases).

-- the claim heartbeat (every 20 s), the release of a sender's claims and the search for abandoned
-- claims filter on state = 'sending' and claimed_by: a partial index holds just the rows being sent
CREATE INDEX delivery_sending_idx ON delivery (claimed_by, claimed_at) WHERE state = 'sending';
-- stats and the admin page: messages sent per day, refusals at sending time per day, and the
-- digest dates planned within the window
CREATE INDEX delivery_sent_at_idx ON delivery (sent_at) WHERE state = 'sent';
CREATE INDEX delivery_failed_idx ON delivery (next_attempt_at) WHERE state = 'failed';
CREATE INDEX delivery_created_idx ON delivery (created_at);

-- What every send did, counted as it is recorded (one UPDATE per committed batch), for /metrics:
-- messages accepted, deferred (each 4xx or dropped connection), failed for good (5xx) and expired.
-- Monotonic whatever retention deletes; seeded from the outbox an upgrade finds.
CREATE TABLE delivery_tally (
    outcome  VARCHAR(16) PRIMARY KEY,
    total    BIGINT NOT NULL
);
INSERT INTO delivery_tally (outcome, total) SELECT 'sent', COUNT(*) FROM delivery WHERE state = 'sent';
INSERT INTO delivery_tally (outcome, total) SELECT 'deferred', 0;
INSERT INTO delivery_tally (outcome, total) SELECT 'failed', COUNT(*) FROM delivery WHERE state = 'failed';
INSERT INTO delivery_tally (outcome, total) SELECT 'expired', COUNT(*) FROM delivery WHERE state = 'cancelled' AND last_reply LIKE 'expired:%';

-- each run's own figures (the last run's are on /metrics)
ALTER TABLE job_run ADD COLUMN sent INTEGER;
ALTER TABLE job_run ADD COLUMN deferred INTEGER;
ALTER TABLE job_run ADD COLUMN failed INTEGER;
ALTER TABLE job_run ADD COLUMN expired INTEGER;

-- Retention (retention.days): outbox rows, bounce events and job runs older than that are folded
-- into these roll-ups, holding exactly what `stats` and the admin page read, then deleted.
-- Each digest date's messages by final state ('expired' apart from other cancellations), as Sends reads them
CREATE TABLE delivery_rollup (
    digest_date    DATE NOT NULL,
    state          VARCHAR(12) NOT NULL,
    messages       BIGINT NOT NULL,
    first_planned  TIMESTAMP WITH TIME ZONE,
    last_planned   TIMESTAMP WITH TIME ZONE,
    last_sent      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (digest_date, state)
);
-- per day, in the schedule's time zone: 'sent' (messages accepted), 'refused' (5xx at sending time),
-- 'bounce:KIND:MATCHED_BY' (returned mail), 'bounce:hard:reader' (hard bounces naming a reader)
CREATE TABLE daily_rollup (
    day     DATE NOT NULL,
    figure  VARCHAR(40) NOT NULL,
    total   BIGINT NOT NULL,
    PRIMARY KEY (day, figure)
);
-- each digest date's runs: their time summed, and the outcome of the last
CREATE TABLE job_run_rollup (
    digest_date      DATE PRIMARY KEY,
    runs             INTEGER NOT NULL,
    seconds          DOUBLE PRECISION NOT NULL,
    last_started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_outcome     VARCHAR(20)
);
CREATE INDEX bounce_event_received_idx ON bounce_event (received_at);
