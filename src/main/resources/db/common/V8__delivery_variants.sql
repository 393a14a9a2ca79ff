-- Each distinct digest of a date is stored once, with the papers it carries; outbox rows point at
-- it by variant_key (the hash of kind, preferences and paper ids) instead of repeating the paper
-- list for every reader. A row shrinks from ~2 KB (25 paper ids) to ~150 bytes, which is what
-- planning a large list writes and what a claim reads back.
CREATE TABLE delivery_variant (
    digest_date  DATE NOT NULL,
    variant_key  VARCHAR(64) NOT NULL,
    paper_ids    VARCHAR(8000) NOT NULL,
    PRIMARY KEY (digest_date, variant_key)
);

INSERT INTO delivery_variant (digest_date, variant_key, paper_ids)
    SELECT digest_date, variant_key, MIN(paper_ids) FROM delivery GROUP BY digest_date, variant_key;

ALTER TABLE delivery DROP COLUMN paper_ids;

-- a bounce finds its row by the date and reader its Message-ID carries (MessageIds), and outcomes
-- are recorded by primary key: the index of Message-IDs only cost every planned row an insert
DROP INDEX delivery_message_id_idx;
