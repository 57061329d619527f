-- Evidence attached to self-assessments (issue 13): each file's bytes once, keyed by the SHA-256
-- of its content, however many assessments (or versions of one) name it. The assessment's
-- answers (and every frozen version's) hold the references: name, type, size and this key, so
-- a version always names the files it was submitted with. Rows are never updated; a file no
-- answers name any more stays, like the versions that named it.
CREATE TABLE evidence_files (
    sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    mime_type   TEXT NOT NULL CHECK (mime_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size        INTEGER NOT NULL CHECK (size > 0),
    content     BLOB NOT NULL,
    stored_at   TEXT NOT NULL,
    CHECK (length(content) = size)
);
