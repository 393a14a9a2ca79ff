-- Transactional mail waiting to go out: the confirmation mails of the double opt-in. A row is
-- written in the transaction that stores the confirmation token, so a crash or an SMTP outage loses
-- no mail; senders claim rows (pending -> sending) so two processes never send one twice at once, and
-- retry with the digest outbox's backoff (delivery.*). A sent row is deleted. The token is kept only
-- sealed (AES-GCM under a key derived from tokens.secret) and is cleared when a row fails (a 5xx)
-- or expires (delivery.maxAgeDays, at most the link's 72 hours); those rows stay a while to be counted.
-- SQLite: the id is INTEGER PRIMARY KEY (the rowid).
CREATE TABLE mail_queue (
    id               INTEGER PRIMARY KEY,
    kind             VARCHAR(16) NOT NULL,
    subscriber_id    BIGINT NOT NULL REFERENCES subscriber (id),
    sealed_token     VARCHAR(200),
    message_id       VARCHAR(200) NOT NULL,
    state            VARCHAR(12) NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    give_up_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_reply       VARCHAR(500),
    claimed_by       VARCHAR(100),
    claimed_at       TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT mail_queue_state CHECK (state IN ('pending', 'sending', 'failed', 'expired')),
    CONSTRAINT mail_queue_kind CHECK (kind IN ('confirmation'))
);

CREATE INDEX mail_queue_due_idx ON mail_queue (state, next_attempt_at);
CREATE INDEX mail_queue_subscriber_idx ON mail_queue (subscriber_id);
