-- The admin page's lists (issue 23): readers and returned mail, newest first, a page at a time by
-- keyset (id below the last one shown), never by OFFSET. Each filter that would otherwise read the
-- whole table has an index giving its rows in id order, so a page reads about a page of rows.
-- The same SQL on SQLite and PostgreSQL.

-- readers by status (also the planning of a send: status = 'confirmed' in id order)
DROP INDEX subscriber_status_idx;
CREATE INDEX subscriber_status_idx ON subscriber (status, id);
-- readers who complained: few, anywhere in the list
CREATE INDEX subscriber_complained_idx ON subscriber (id) WHERE unsubscribe_reason = 'complaint';
-- returned mail by provenance (verp, message-id, unverified, unmatched)
CREATE INDEX bounce_event_matched_idx ON bounce_event (matched_by, id);
