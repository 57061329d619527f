-- The ballot box keeps sealed papers instead of readable choices (Decree 98/2023 Art. 30.7).
--
-- Threat: someone who holds a copy of every file the product writes (the database, its WAL and
-- backups) and the voter roll in it. Against them the schema alone was not enough: the roll and
-- the box are written in one transaction, so two copies taken a commit apart, or the WAL's frames
-- replayed one commit at a time, put one roll row beside one box row and name the voter's choice.
-- A sealed paper is XChaCha20-Poly1305 under a key that lives only in the operator's settings
-- (`ballot.secrecy_key`), with a fresh random nonce, bound to its year and nominee, and always
-- 41 bytes: the attacker learns that somebody voted, never how. The papers are opened only at
-- the close, in the tally's transaction, and deleted there once the figures are recorded.
--
-- Rows cast before this version (a ballot open during the upgrade) keep their readable choice
-- and are still counted; every new row is sealed.
CREATE TABLE ballot_box_sealed (
    token           TEXT PRIMARY KEY CHECK (length(token) = 32),
    nomination_id   INTEGER NOT NULL REFERENCES nominations (id),
    choice          TEXT CHECK (choice IN ('yes', 'no')),
    sealed          BLOB CHECK (length(sealed) = 41),
    CHECK ((choice IS NULL) <> (sealed IS NULL))
) WITHOUT ROWID;

INSERT INTO ballot_box_sealed (token, nomination_id, choice, sealed)
    SELECT token, nomination_id, choice, NULL FROM ballot_box;

DROP TABLE ballot_box;

ALTER TABLE ballot_box_sealed RENAME TO ballot_box;
