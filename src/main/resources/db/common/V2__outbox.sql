-- The outbox: one row per (digest date, subscriber). It moves pending -> sending -> sent, or
-- failed, or cancelled (the reader left before it went out). What it carried is the history the
-- next digests leave out.
CREATE TABLE delivery (
    digest_date      DATE NOT NULL,
    subscriber_id    BIGINT NOT NULL REFERENCES subscriber (id),
    kind             VARCHAR(8) NOT NULL,
    state            VARCHAR(12) NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_reply       VARCHAR(500),
    message_id       VARCHAR(200) NOT NULL,
    paper_ids        VARCHAR(8000) NOT NULL,
    variant_key      VARCHAR(64) NOT NULL,
    claimed_by       VARCHAR(100),
    claimed_at       TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (digest_date, subscriber_id),
    CONSTRAINT delivery_state CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    CONSTRAINT delivery_kind CHECK (kind IN ('daily', 'weekly'))
);

-- senders claim in this index's order, so readers of one digest tend to be sent together; a claim
-- reads just the rows it takes (an ORDER BY made H2 sort, and lock, the whole date first)
CREATE INDEX delivery_claim_idx ON delivery (digest_date, state, variant_key, subscriber_id);
CREATE INDEX delivery_history_idx ON delivery (subscriber_id, digest_date);
CREATE UNIQUE INDEX delivery_message_id_idx ON delivery (message_id);
