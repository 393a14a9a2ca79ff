-- The statistics' counts (issue 23: the admin page's dashboard and `paperboy stats` at 1,000,000
-- readers): each reads the rows of its window from an index, never every reader of a status.
-- The same SQL on SQLite and PostgreSQL.

-- readers by status and frequency: counted from the index alone
CREATE INDEX subscriber_frequency_idx ON subscriber (status, frequency);
-- subscriptions confirmed within the window (the day a reader joined: its confirmation, else its creation)
CREATE INDEX subscriber_joined_idx ON subscriber (status, (COALESCE(confirmed_at, created_at)));
-- subscriptions ended within the window: unsubscribes and complaints (and a bounced reader's
-- unsubscribe time, which dates the departure when no refusal or returned bounce does)
CREATE INDEX subscriber_left_idx ON subscriber (status, unsubscribed_at);
-- the unsubscribed readers with no time of leaving (rows older than the times; none are written
-- now): they touch every window. An index of their own, as PostgreSQL, counting the nulls of the
-- other statuses, would otherwise expect most unsubscribed readers to be among them.
CREATE INDEX subscriber_left_unknown_idx ON subscriber (id) WHERE status = 'unsubscribed' AND unsubscribed_at IS NULL;
-- earlier subscriptions confirmed within the window (their ends: past_subscription_left_idx, V11)
CREATE INDEX past_subscription_confirmed_idx ON past_subscription (confirmed_at);
