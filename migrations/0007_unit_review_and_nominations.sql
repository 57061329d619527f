-- The unit review meeting (họp bình xét) and the nominations it sends to the council's standing
-- body. A nomination then moves through appraisal (thẩm định), the council's secret ballot where
-- the rule set requires one, and the director's decision.

CREATE TABLE unit_meetings (
    campaign_year   INTEGER NOT NULL REFERENCES campaigns (year),
    unit_code       TEXT NOT NULL REFERENCES units (code),
    held_on         TEXT NOT NULL,
    -- Active members of the unit when the meeting was recorded, and how many attended.
    member_count    INTEGER NOT NULL CHECK (member_count >= 0),
    present_count   INTEGER NOT NULL CHECK (present_count >= 0),
    -- recorded: being prepared by the head; submitted: sent to the standing body (the unit's
    -- reviews are locked); reopened: the secretary gave it back to the head.
    status          TEXT NOT NULL CHECK (status IN ('recorded', 'submitted', 'reopened')),
    recorded_by     INTEGER NOT NULL REFERENCES people (id),
    submitted_at    TEXT,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (campaign_year, unit_code),
    CHECK (present_count <= member_count)
);

CREATE TABLE meeting_attendance (
    campaign_year   INTEGER NOT NULL,
    unit_code       TEXT NOT NULL,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (campaign_year, unit_code, person_id),
    FOREIGN KEY (campaign_year, unit_code) REFERENCES unit_meetings (campaign_year, unit_code) ON DELETE CASCADE
);

CREATE TABLE nominations (
    id                  INTEGER PRIMARY KEY,
    campaign_year       INTEGER NOT NULL REFERENCES campaigns (year),
    unit_code           TEXT NOT NULL REFERENCES units (code),
    -- The nominee; NULL when the nomination is the unit's own collective title.
    person_id           INTEGER REFERENCES people (id),
    title               TEXT NOT NULL CHECK (title IN ('LDTT', 'CSTDCS', 'CSTD_TINH', 'TLDTT', 'TLDXS')),
    -- Yes-votes at the unit meeting (NULL for a collective title, which is computed, not voted).
    meeting_yes_votes   INTEGER CHECK (meeting_yes_votes >= 0),
    -- proposed: submitted by the unit; valid / returned: after appraisal; passed / failed: after the
    -- council's ballot (titles without a ballot go from valid to the decision); approved / rejected:
    -- the director's decision.
    status              TEXT NOT NULL CHECK (status IN ('proposed', 'valid', 'returned', 'passed', 'failed', 'approved', 'rejected')),
    -- Why the standing body returned it, or any appraisal remark.
    appraisal_note      TEXT,
    -- Ballot counts, written once when the ballot is tallied after it closes.
    ballot_yes          INTEGER CHECK (ballot_yes >= 0),
    ballot_no           INTEGER CHECK (ballot_no >= 0),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE UNIQUE INDEX nominations_individual_unique ON nominations (campaign_year, person_id, title) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX nominations_collective_unique ON nominations (campaign_year, unit_code, title) WHERE person_id IS NULL;
CREATE INDEX nominations_by_status ON nominations (campaign_year, status);
