-- A reader's votes from the mail (issue 22): "More like this" (+1) or "Fewer like this" (-1) on one
-- paper, one row per (reader, paper): voting again replaces the vote, undo deletes it.
CREATE TABLE vote (
    subscriber_id  BIGINT NOT NULL REFERENCES subscriber (id),
    paper_id       VARCHAR(200) NOT NULL,
    direction      SMALLINT NOT NULL,
    voted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subscriber_id, paper_id),
    CONSTRAINT vote_direction CHECK (direction IN (-1, 1))
);

-- The papers a digest carried, kept once each: the title a vote page shows, and the paper's
-- representation (computed once per paper, not per reader) that a reader's votes are learned from.
CREATE TABLE paper (
    paper_id     VARCHAR(200) PRIMARY KEY,
    title        VARCHAR(1000) NOT NULL,
    url          VARCHAR(2000),
    first_date   DATE NOT NULL,
    model        VARCHAR(40),
    vector       BYTEA
);

CREATE INDEX paper_first_date_idx ON paper (first_date);
