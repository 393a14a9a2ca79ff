-- Earlier subscriptions of readers who subscribed again. A subscriber row holds only the current
-- subscription (its confirmed_at, unsubscribed_at and reason); when someone who left asks to come
-- back, the subscription they left is kept here before the row starts afresh as pending, so that
-- `paperboy stats` still counts that subscription and that departure on their own days.
-- left_at: when they unsubscribed, or for a bounced reader the last refusal or returned bounce.
CREATE TABLE past_subscription (
    id                  INTEGER PRIMARY KEY,
    subscriber_id       BIGINT NOT NULL REFERENCES subscriber (id),
    confirmed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    left_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    left_as             VARCHAR(16) NOT NULL,
    unsubscribe_reason  VARCHAR(16),
    hard_bounces        INTEGER NOT NULL DEFAULT 0,
    closed_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT past_subscription_left_as CHECK (left_as IN ('unsubscribed', 'bounced'))
);

CREATE INDEX past_subscription_subscriber_idx ON past_subscription (subscriber_id);
CREATE INDEX past_subscription_left_idx ON past_subscription (left_at);

-- Backfill: before V11 a reader who came back kept the old subscription's times on a pending row
-- (a confirmation then overwrote them). Those pending rows give up their old subscription here.
INSERT INTO past_subscription (subscriber_id, confirmed_at, left_at, left_as, unsubscribe_reason, hard_bounces, closed_at)
SELECT s.id, s.confirmed_at,
       COALESCE(s.unsubscribed_at,
                (SELECT MAX(x.t) FROM (SELECT d.next_attempt_at AS t FROM delivery d WHERE d.subscriber_id = s.id AND d.state = 'failed'
                                       UNION ALL
                                       SELECT e.received_at AS t FROM bounce_event e WHERE e.subscriber_id = s.id AND e.kind IN ('hard', 'soft')) x),
                s.confirmed_at),
       CASE WHEN s.unsubscribed_at IS NULL THEN 'bounced' ELSE 'unsubscribed' END,
       s.unsubscribe_reason, s.hard_bounces, s.consent_at
FROM subscriber s WHERE s.status = 'pending' AND s.confirmed_at IS NOT NULL;

UPDATE subscriber SET confirmed_at = NULL, unsubscribed_at = NULL, unsubscribe_reason = NULL, hard_bounces = 0
WHERE status = 'pending' AND (confirmed_at IS NOT NULL OR unsubscribed_at IS NOT NULL OR unsubscribe_reason IS NOT NULL);
