-- The director's Giấy khen (issue 12 part 3; Law 06/2022 Art. 75): for an individual or a
-- collective, periodic (theo định kỳ) or ad hoc (đột xuất), at any time of the year, not tied to
-- a campaign's phases. A unit head (for the unit or its members) or the standing body (for
-- anyone) proposes one with the achievement; the standing body appraises it (agrees, or refuses
-- with a reason); the director decides it with the decision's number and date, which publishes
-- it (queued in the outbox in the same transaction) and writes it into the award history.
--
-- Status: proposed → agreed | refused; agreed → published. Each step's fields are present
-- exactly when the status has passed that step, so a row cannot claim a decision it lacks.
CREATE TABLE commendations (
    id               INTEGER PRIMARY KEY,
    -- Exactly one recipient: a person, or a unit (a collective Giấy khen).
    person_id        INTEGER REFERENCES people (id),
    unit_code        TEXT REFERENCES units (code),
    occasion         TEXT NOT NULL CHECK (occasion IN ('periodic', 'ad_hoc')),
    achievement      TEXT NOT NULL CHECK (length(achievement) BETWEEN 10 AND 1000),
    proposed_by      INTEGER NOT NULL REFERENCES people (id),
    proposed_at      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('proposed', 'agreed', 'refused', 'published')),
    appraised_by     INTEGER REFERENCES people (id),
    appraised_at     TEXT,
    refusal_reason   TEXT CHECK (refusal_reason IS NULL OR length(refusal_reason) BETWEEN 5 AND 500),
    decision_number  TEXT CHECK (decision_number IS NULL OR length(decision_number) BETWEEN 1 AND 100),
    decision_date    TEXT,
    decided_by       INTEGER REFERENCES people (id),
    -- The decision and its publication are one transaction: published_at is when both happened.
    published_at     TEXT,
    CHECK ((person_id IS NULL) <> (unit_code IS NULL)),
    CHECK ((status = 'proposed') = (appraised_by IS NULL)),
    CHECK ((appraised_by IS NULL) = (appraised_at IS NULL)),
    CHECK ((status = 'refused') = (refusal_reason IS NOT NULL)),
    CHECK ((status = 'published') = (decision_number IS NOT NULL)),
    CHECK ((status = 'published') = (decision_date IS NOT NULL)),
    CHECK ((status = 'published') = (decided_by IS NOT NULL)),
    CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX commendations_status ON commendations (status, id);

-- Decree 152/2025 Art. 4: ad-hoc and thematic results are not a basis for higher awards. A
-- history row with basis = 0 is shown, but no streak or criterion counts it. Every row recorded
-- before this migration is a basis (titles, periodic awards, imported records).
ALTER TABLE award_history ADD COLUMN basis INTEGER NOT NULL DEFAULT 1 CHECK (basis IN (0, 1));
