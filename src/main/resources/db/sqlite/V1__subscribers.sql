-- Subscribers, their consent and their confirmation tokens.
-- SQLite: ids are INTEGER PRIMARY KEY (the rowid); types keep their names (SQLite gives them affinity).

CREATE TABLE subscriber (
    id                      INTEGER PRIMARY KEY,
    email                   VARCHAR(254) NOT NULL,
    -- the address with its domain lower-cased, lower-cased whole: what uniqueness is decided on
    email_key               VARCHAR(254) NOT NULL,
    status                  VARCHAR(16)  NOT NULL,
    topics                  VARCHAR(1000) NOT NULL DEFAULT '',
    keywords                VARCHAR(1000) NOT NULL DEFAULT '',
    frequency               VARCHAR(8)   NOT NULL DEFAULT 'daily',
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at            TIMESTAMP WITH TIME ZONE,
    unsubscribed_at         TIMESTAMP WITH TIME ZONE,
    hard_bounces            INTEGER NOT NULL DEFAULT 0,
    confirmation_sent_at    TIMESTAMP WITH TIME ZONE,
    consent_source          VARCHAR(16)  NOT NULL,
    consent_ip              VARCHAR(64),
    consent_user_agent      VARCHAR(512),
    consent_text_version    VARCHAR(32)  NOT NULL,
    consent_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT subscriber_email_key UNIQUE (email_key),
    CONSTRAINT subscriber_status CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'bounced')),
    CONSTRAINT subscriber_frequency CHECK (frequency IN ('daily', 'weekly'))
);

CREATE INDEX subscriber_status_idx ON subscriber (status);

-- Only a hash of each token is stored; the token itself exists only in the mail.
CREATE TABLE confirmation_token (
    token_hash      VARCHAR(64) PRIMARY KEY,
    subscriber_id   BIGINT NOT NULL REFERENCES subscriber (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE
);

CREATE INDEX confirmation_token_subscriber_idx ON confirmation_token (subscriber_id);

-- The general digest of each day as it was sent: the web archive and its Atom feed.
CREATE TABLE digest_archive (
    digest_date     DATE PRIMARY KEY,
    subject         VARCHAR(300) NOT NULL,
    paper_count     INTEGER NOT NULL,
    html            VARCHAR(400000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
