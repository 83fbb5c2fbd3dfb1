-- Every trial-protocol version that screened a candidate: the protocol file, its generated rules and the
-- hand-written verdict rules, enough to rebuild exactly those rules (their hash is in the version string).
CREATE TABLE trial_version (
    version       VARCHAR(300) PRIMARY KEY,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    protocol      TEXT NOT NULL,
    generated_drl TEXT NOT NULL,
    verdict_rules TEXT NOT NULL
);
