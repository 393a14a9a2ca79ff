-- Runs for years (issue 20): expiry (rows still pending from before the oldest date a run may send)
-- read every outbox row of every earlier date through delivery_claim_idx, a range over the whole
-- retention period: 36 million index entries and 6 s of each plan with a year of 100,000 readers.
-- The pending rows alone, by date: an index as small as the queue. The same SQL on both databases.
CREATE INDEX delivery_pending_idx ON delivery (digest_date) WHERE state = 'pending';
