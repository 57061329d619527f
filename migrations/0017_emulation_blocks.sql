-- Emulation blocks (issue 12): each year's blocks of outside collectives, as `thidua block
-- import` reads them from the year's block file. A member's contact person is a person of the
-- block's unit row (units.kind = 'block') holding the role 'block_contact': they link to
-- Telegram with an invite like the department's staff, and the staff file never touches them.
--
-- Points are stored in tenths (8,5 → 85) so sums are exact.

-- person_roles gains 'block_contact'. SQLite cannot alter a CHECK: the table is rebuilt with
-- its rows (nothing references it).
CREATE TABLE person_roles_new (
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('staff', 'unit_head', 'secretary', 'council_member', 'director', 'block_contact')),
    PRIMARY KEY (person_id, role)
);
INSERT INTO person_roles_new (person_id, role) SELECT person_id, role FROM person_roles;
DROP TABLE person_roles;
ALTER TABLE person_roles_new RENAME TO person_roles;

CREATE TABLE block_years (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    block_code       TEXT NOT NULL REFERENCES units (code),
    -- This year's name: blocks are renamed as the organisation changes.
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    group_chat_id    INTEGER,
    -- The validated scoring table as JSON, fixed for the year once scoring starts.
    scoring_table    TEXT NOT NULL,
    scoring_until    TEXT NOT NULL,
    flags            INTEGER NOT NULL CHECK (flags >= 1),
    bang_khen        INTEGER NOT NULL CHECK (bang_khen >= 0),
    status           TEXT NOT NULL CHECK (status IN ('scoring', 'confirmed')),
    confirmed_at     TEXT,
    confirmed_by     INTEGER REFERENCES people (id),
    -- The proposal to the province made by the confirmation, and its decision entered back.
    proposal_status  TEXT CHECK (proposal_status IN ('prepared', 'sent', 'decided')),
    sent_number      TEXT,
    sent_on          TEXT,
    decision_number  TEXT,
    decision_date    TEXT,
    UNIQUE (year, block_code),
    CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL AND confirmed_by IS NOT NULL)),
    CHECK ((status = 'confirmed') = (proposal_status IS NOT NULL)),
    CHECK ((proposal_status IN ('sent', 'decided')) = (sent_number IS NOT NULL AND sent_on IS NOT NULL)),
    CHECK ((proposal_status = 'decided') = (decision_number IS NOT NULL AND decision_date IS NOT NULL))
);

CREATE TABLE block_members (
    id               INTEGER PRIMARY KEY,
    block_year_id    INTEGER NOT NULL REFERENCES block_years (id),
    year             INTEGER NOT NULL,
    code             TEXT NOT NULL,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    email            TEXT NOT NULL,
    contact_id       INTEGER NOT NULL REFERENCES people (id),
    duty             TEXT NOT NULL CHECK (duty IN ('leader', 'deputy', 'member')),
    -- The file's order, for lists.
    position         INTEGER NOT NULL,
    sheet_status     TEXT NOT NULL DEFAULT 'draft' CHECK (sheet_status IN ('draft', 'submitted', 'checked')),
    -- Bumped by every change to the sheet, so a cross-check is about the version read.
    revision         INTEGER NOT NULL DEFAULT 0,
    submitted_at     TEXT,
    checked_at       TEXT,
    checked_by       INTEGER REFERENCES people (id),
    -- Written by the council's confirmation.
    rank             INTEGER,
    total_tenths     INTEGER,
    proposed         TEXT CHECK (proposed IN ('CO_TINH', 'BK_TINH')),
    result           TEXT CHECK (result IN ('pending', 'awarded', 'not_awarded')),
    UNIQUE (year, code),
    UNIQUE (year, contact_id),
    CHECK ((sheet_status = 'draft') = (submitted_at IS NULL)),
    CHECK ((sheet_status = 'checked') = (checked_at IS NOT NULL AND checked_by IS NOT NULL)),
    CHECK ((proposed IS NULL) = (result IS NULL))
);
CREATE UNIQUE INDEX block_members_one_leader ON block_members (block_year_id) WHERE duty = 'leader';
CREATE UNIQUE INDEX block_members_one_deputy ON block_members (block_year_id) WHERE duty = 'deputy';

-- One row per criterion a member scored; the cross-check's points and reason only together.
CREATE TABLE block_scores (
    member_id        INTEGER NOT NULL REFERENCES block_members (id),
    criterion        TEXT NOT NULL,
    own_tenths       INTEGER NOT NULL CHECK (own_tenths >= 0),
    checked_tenths   INTEGER CHECK (checked_tenths >= 0),
    check_reason     TEXT,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (member_id, criterion),
    CHECK ((checked_tenths IS NULL) = (check_reason IS NULL))
);
