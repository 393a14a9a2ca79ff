-- Which delivery (outbox row: digest date and reader) a returned mail was proven to be about, by
-- its signed VERP address or a Message-ID of ours it quotes (issue 18). Soft bounces count once per
-- delivery, so a replayed report counts once. Null for mail not proven ours (matched_by
-- 'unverified' or 'unmatched'), which never changes a reader, and for events before this version.
ALTER TABLE bounce_event ADD COLUMN digest_date DATE;
