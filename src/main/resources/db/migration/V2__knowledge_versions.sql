-- Every knowledge version that answered a request: the evidence files and hand-written rules it was built
-- from (the generated rules are rebuilt from them and checked against the version's rules hash).
CREATE TABLE knowledge_version (
    version      VARCHAR(300) PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    packs        TEXT NOT NULL,
    hand_written TEXT NOT NULL
);
