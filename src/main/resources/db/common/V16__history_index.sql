-- Runs for years (issue 20): the history a plan leaves out ("already sent recently") read from one
-- covering index of the sent rows, laid out by date: each (day, reader) of delivery.historyDays is a
-- seek that never visits the table, so a year of outbox rows costs a plan no more than the days it
-- asks for, and recording today's sends appends to the index's end rather than all over it.
-- (delivery_history_idx, by reader, stays for the reader pages and the bounce lookups.)
CREATE INDEX delivery_sent_idx ON delivery (digest_date, subscriber_id, variant_key) WHERE state = 'sent';
