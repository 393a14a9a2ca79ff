-- What each returned mail said and did (issue 12): one row per (mail, reported recipient).
-- mail_key is the returned mail's Message-ID, or a hash of its bytes when it has none: processing
-- the same mail twice finds its rows and changes nothing. The row and the reader's change commit
-- together; the mail leaves the mailbox only afterwards.
CREATE TABLE bounce_event (
    id                   INTEGER PRIMARY KEY,
    mail_key             VARCHAR(300) NOT NULL,
    recipient            VARCHAR(254) NOT NULL,
    received_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    subscriber_id        BIGINT REFERENCES subscriber (id),
    matched_by           VARCHAR(12) NOT NULL,
    kind                 VARCHAR(12) NOT NULL,
    status_code          VARCHAR(12),
    reason               VARCHAR(32) NOT NULL,
    diagnostic           VARCHAR(500) NOT NULL,
    original_message_id  VARCHAR(250),
    action               VARCHAR(16) NOT NULL,
    CONSTRAINT bounce_event_kind CHECK (kind IN ('hard', 'soft', 'complaint', 'autoreply', 'none', 'unsubscribe')),
    CONSTRAINT bounce_event_once UNIQUE (mail_key, recipient)
);

CREATE INDEX bounce_event_subscriber_idx ON bounce_event (subscriber_id, kind, received_at);
CREATE INDEX bounce_event_original_idx ON bounce_event (original_message_id);
