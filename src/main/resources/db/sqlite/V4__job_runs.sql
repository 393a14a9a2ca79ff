-- Each run of the daily job: when, for which date, on which node, and how it ended.
CREATE TABLE job_run (
    id            INTEGER PRIMARY KEY,
    digest_date   DATE NOT NULL,
    -- the trigger's scheduled fire time: in a cluster, each appears once
    fire_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    node          VARCHAR(100) NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    outcome       VARCHAR(16) NOT NULL,
    summary       VARCHAR(1000)
);

CREATE INDEX job_run_started_idx ON job_run (started_at);
