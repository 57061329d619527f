-- Deadline reminders and each person's reminder preferences (issue 5). Which reminders are due is
-- decided by a pure function (src/domain/reminders.rs); these tables are the memory that makes a
-- restart neither skip nor repeat one. Digests, escalations and reports need no table of their own:
-- their outbox logical key (`digest:…`, `escalation:…`, `report:…`) already makes them once-only.

-- One row per deadline reminder that fell due: queued for delivery, or skipped with the reason.
-- A row is written only when the reminder is due, in the same transaction as its outbox row.
CREATE TABLE reminders (
    id             INTEGER PRIMARY KEY,
    -- The campaign and the phase whose deadline this reminder is about.
    campaign_year  INTEGER NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
    phase          TEXT NOT NULL CHECK (phase IN ('registration', 'self_assessment', 'unit_review', 'appraisal', 'ballot', 'decision')),
    -- The phase's closing instant (UTC) the reminder counts down to. Part of the key: a deadline
    -- that is moved, or a phase that is reopened, gets its own round of reminders.
    deadline       TEXT NOT NULL,
    -- Who is reminded.
    person_id      INTEGER NOT NULL REFERENCES people (id),
    -- Which configured offset: '7d', '3d', '1d' (days before the last day) or 'last_day'.
    offset_code    TEXT NOT NULL CHECK (offset_code = 'last_day' OR offset_code GLOB '[1-9]*d'),
    -- When it fell due (UTC): the offset's working day at reminders.send_time, local time.
    due_at         TEXT NOT NULL,
    -- 'queued': handed to the outbox (see outbox.logical_key = logical_key);
    -- 'skipped': never sent, for `reason`;
    -- 'superseded': queued, but a later reminder for the same phase and person replaced it
    -- before delivery (its outbox row was withdrawn).
    status         TEXT NOT NULL CHECK (status IN ('queued', 'skipped', 'superseded')),
    -- Why it was skipped or superseded: 'grace_expired' (the process was down beyond
    -- reminders.grace_hours), 'superseded_by:<offset>', 'muted', 'deadline_passed'. NULL when queued.
    reason         TEXT,
    -- The outbox logical key of the reminder (`reminder:<year>:<phase>:<deadline>:<person>:<offset>`).
    logical_key    TEXT NOT NULL,
    -- When the pass recorded the row (UTC).
    recorded_at    TEXT NOT NULL,
    CONSTRAINT reminders_key_unique UNIQUE (campaign_year, phase, deadline, person_id, offset_code),
    CONSTRAINT reminders_logical_key_unique UNIQUE (logical_key),
    CHECK ((status = 'queued') = (reason IS NULL))
);
CREATE INDEX reminders_person_phase ON reminders (campaign_year, phase, person_id);

-- How much reminding a person wants (/nhacnho). No row means 'all'. The last-day reminder is sent
-- whatever this says.
CREATE TABLE reminder_preferences (
    person_id     INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    -- 'all': every reminder and (for unit heads) the daily digest;
    -- 'digest_only': no deadline reminders before the last day, the digest still comes.
    mode          TEXT NOT NULL CHECK (mode IN ('all', 'digest_only')),
    -- Until this instant (UTC) reminders and digests are paused ("pause for a week"); NULL = not paused.
    paused_until  TEXT,
    -- When the person last changed it (UTC).
    updated_at    TEXT NOT NULL
);
