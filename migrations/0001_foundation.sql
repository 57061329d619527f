-- Foundation schema: organisation, people, invites, campaigns, registrations, dialogue state,
-- the outbox and the audit trail. Timestamps are UTC, stored by sqlx as text that sorts in time
-- order; calendar dates are 'YYYY-MM-DD'. Every status column is CHECK-constrained so that a bug
-- cannot store a state the code does not know.

-- Units and emulation blocks, mirrored from config/org.toml at start so people can reference them.
CREATE TABLE units (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('unit', 'block'))
);

CREATE TABLE people (
    id                INTEGER PRIMARY KEY,
    employee_code     TEXT NOT NULL,
    full_name         TEXT NOT NULL,
    unit_code         TEXT NOT NULL REFERENCES units (code),
    position          TEXT NOT NULL,
    email             TEXT NOT NULL,
    gender            TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    hire_date         TEXT NOT NULL,
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- The numeric Telegram user id; usernames change and are never used for identity.
    telegram_user_id  INTEGER,
    language          TEXT NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CONSTRAINT people_employee_code_unique UNIQUE (employee_code),
    CONSTRAINT people_telegram_user_unique UNIQUE (telegram_user_id)
);
-- E-mail is unique among people (case-insensitively); the import checks it first for a clear message.
CREATE UNIQUE INDEX people_email_unique ON people (lower(email));
CREATE INDEX people_unit ON people (unit_code);

CREATE TABLE person_roles (
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('staff', 'unit_head', 'secretary', 'council_member', 'director')),
    PRIMARY KEY (person_id, role)
);

-- Invite codes are stored only as a SHA-256 hash; the code itself exists only in the link we print
-- or e-mail. At most one pending invite per person: re-inviting revokes the previous one.
CREATE TABLE invites (
    id                    INTEGER PRIMARY KEY,
    person_id             INTEGER NOT NULL REFERENCES people (id),
    code_hash             TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('pending', 'used', 'revoked')),
    created_at            TEXT NOT NULL,
    expires_at            TEXT NOT NULL,
    used_at               TEXT,
    used_by_telegram_id   INTEGER,
    CONSTRAINT invites_code_hash_unique UNIQUE (code_hash)
);
CREATE UNIQUE INDEX invites_one_pending_per_person ON invites (person_id) WHERE status = 'pending';

-- Failed /start attempts per Telegram account, kept in the database so a restart does not reset
-- the rate limit.
CREATE TABLE link_failures (
    id                 INTEGER PRIMARY KEY,
    telegram_user_id   INTEGER NOT NULL,
    at                 TEXT NOT NULL
);
CREATE INDEX link_failures_user_time ON link_failures (telegram_user_id, at);

CREATE TABLE campaigns (
    year         INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    name         TEXT NOT NULL,
    rule_set     TEXT NOT NULL CHECK (rule_set IN ('nd91-2017', 'luat-2022')),
    -- JSON array of the title codes offered this year, e.g. ["LDTT","CSTDCS","TLDTT","TLDXS"].
    titles       TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE campaign_phases (
    campaign_year  INTEGER NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
    phase          TEXT NOT NULL CHECK (phase IN ('registration', 'self_assessment', 'unit_review', 'appraisal', 'ballot', 'decision')),
    opens_at       TEXT NOT NULL,
    closes_at      TEXT NOT NULL,
    PRIMARY KEY (campaign_year, phase),
    CHECK (opens_at < closes_at)
);

-- One individual registration per person and year; changing it updates the row (the audit log
-- keeps every version). Withdrawing keeps the row with status 'withdrawn'.
CREATE TABLE registrations (
    campaign_year  INTEGER NOT NULL REFERENCES campaigns (year),
    person_id      INTEGER NOT NULL REFERENCES people (id),
    title          TEXT NOT NULL CHECK (title IN ('LDTT', 'CSTDCS', 'CSTD_TINH')),
    status         TEXT NOT NULL CHECK (status IN ('registered', 'withdrawn')),
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (campaign_year, person_id)
);

-- The unit's collective title, registered by its head.
CREATE TABLE unit_registrations (
    campaign_year  INTEGER NOT NULL REFERENCES campaigns (year),
    unit_code      TEXT NOT NULL REFERENCES units (code),
    title          TEXT NOT NULL CHECK (title IN ('TLDTT', 'TLDXS')),
    status         TEXT NOT NULL CHECK (status IN ('registered', 'withdrawn')),
    registered_by  INTEGER NOT NULL REFERENCES people (id),
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (campaign_year, unit_code)
);

-- Dialogue state behind the bot's teloxide Storage implementation, keyed by chat.
CREATE TABLE dialogues (
    chat_id      INTEGER PRIMARY KEY,
    state        TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- Every outgoing Telegram message and e-mail, written in the same transaction as the change that
-- causes it. logical_key makes enqueueing idempotent: the same fact is never queued twice.
CREATE TABLE outbox (
    id                   INTEGER PRIMARY KEY,
    logical_key          TEXT NOT NULL,
    channel              TEXT NOT NULL CHECK (channel IN ('telegram', 'email')),
    -- 'publication' messages are never re-sent when the outcome of a send is unknown.
    kind                 TEXT NOT NULL CHECK (kind IN ('direct', 'reminder', 'publication')),
    person_id            INTEGER REFERENCES people (id),
    chat_id              INTEGER,
    email_to             TEXT,
    subject              TEXT,
    body                 TEXT NOT NULL,
    reply_markup         TEXT,
    status               TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'unknown')),
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      TEXT NOT NULL,
    last_error           TEXT,
    created_at           TEXT NOT NULL,
    sent_at              TEXT,
    CONSTRAINT outbox_logical_key_unique UNIQUE (logical_key),
    CHECK ((channel = 'telegram' AND chat_id IS NOT NULL) OR (channel = 'email' AND email_to IS NOT NULL))
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Every state change and every refused action: who, what, when, and from which chat.
CREATE TABLE audit_log (
    id                 INTEGER PRIMARY KEY,
    at                 TEXT NOT NULL,
    actor_person_id    INTEGER REFERENCES people (id),
    actor_telegram_id  INTEGER,
    chat_id            INTEGER,
    -- 'cli' for command-line actions, 'bot' for chat actions, 'system' for the scheduler.
    source             TEXT NOT NULL CHECK (source IN ('cli', 'bot', 'system')),
    action             TEXT NOT NULL,
    subject            TEXT,
    detail             TEXT
);
CREATE INDEX audit_log_action ON audit_log (action);
