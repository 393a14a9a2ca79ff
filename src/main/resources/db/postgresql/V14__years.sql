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
