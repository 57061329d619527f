-- A phase reopened for one unit or one person after it closed for everyone (a member back from
-- leave, a unit whose head was ill): until `until`, that unit's people (or that person) act as if
-- the phase were still open. Audited in audit_log; never deleted, so the record stays.
CREATE TABLE phase_reopenings (
    id             INTEGER PRIMARY KEY,
    campaign_year  INTEGER NOT NULL REFERENCES campaigns (year),
    phase          TEXT NOT NULL CHECK (phase IN ('registration', 'self_assessment', 'unit_review')),
    unit_code      TEXT REFERENCES units (code),
    person_id      INTEGER REFERENCES people (id),
    until          TEXT NOT NULL,
    reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at     TEXT NOT NULL,
    CHECK ((unit_code IS NULL) != (person_id IS NULL))
);

CREATE INDEX phase_reopenings_by_year ON phase_reopenings (campaign_year, phase);
