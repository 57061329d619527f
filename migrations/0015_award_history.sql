-- Award history (issue 12): what past years gave each person and each unit, so criteria that
-- need years (CSTĐ cấp tỉnh: three consecutive CSTĐCS years; a Bằng khen's two years) can be
-- applied. Rows come from `thidua history import` (past years, kept from paper records) or from
-- a campaign the director decided (source 'campaign').
--
-- One row is one fact with its decision: a title or an award, a yearly task rating, a discipline
-- penalty with the last day it is in force (achievements count only from its end), or an
-- initiative with its recognition level and the title or award it already backs (one initiative
-- backs one only, across years too).
CREATE TABLE award_history (
    id               INTEGER PRIMARY KEY,
    -- Exactly one holder: a person, or a unit (collective titles and awards).
    person_id        INTEGER REFERENCES people (id),
    unit_code        TEXT REFERENCES units (code),
    year             INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    -- domain::history::Kind codes: LDTT, CSTDCS, CSTD_TINH, TLDTT, TLDXS, BK_TINH, GK, CO_TINH,
    -- HTXSNV, HTTNV, KHIEN_TRACH, CANH_CAO, KY_LUAT_NANG, SANG_KIEN_CO_SO, SANG_KIEN_TINH.
    kind             TEXT NOT NULL,
    decision_number  TEXT NOT NULL CHECK (length(decision_number) BETWEEN 1 AND 100),
    decision_date    TEXT NOT NULL,
    -- Penalties: the last day in force (required for them, NULL for everything else).
    until            TEXT,
    -- Initiatives: the initiative's name; awards: what it was for (optional).
    description      TEXT NOT NULL DEFAULT '',
    -- Initiatives: the title or award it already backs, e.g. 'CSTDCS 2025'.
    backs            TEXT,
    source           TEXT NOT NULL CHECK (source IN ('import', 'campaign')),
    recorded_at      TEXT NOT NULL,
    CHECK ((person_id IS NULL) <> (unit_code IS NULL)),
    CHECK ((kind IN ('KHIEN_TRACH', 'CANH_CAO', 'KY_LUAT_NANG')) = (until IS NOT NULL))
);
-- The same fact imported twice is one row (a re-import updates it instead of doubling a year).
CREATE UNIQUE INDEX award_history_fact ON award_history (
    coalesce(person_id, 0), coalesce(unit_code, ''), year, kind, decision_number, lower(description)
);
CREATE INDEX award_history_person ON award_history (person_id, year);
CREATE INDEX award_history_unit ON award_history (unit_code, year);
