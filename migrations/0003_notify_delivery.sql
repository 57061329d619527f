-- What the outbox worker (src/notify) needs beyond the foundation's outbox table.
-- Numbered 0003 so that a 0002 written in parallel by another part of the project cannot collide.

-- A person Telegram refused to deliver to ("Forbidden: bot was blocked by the user", never pressed
-- Start, account deleted). Their messages go by e-mail until they talk to the bot again, which
-- clears the flag (storage::chats::clear_unreachable).
ALTER TABLE people ADD COLUMN telegram_unreachable INTEGER NOT NULL DEFAULT 0
    CHECK (telegram_unreachable IN (0, 1));
-- When the flag was set, and Telegram's own words, for `thidua outbox status` and the secretary.
ALTER TABLE people ADD COLUMN telegram_unreachable_at TEXT;
ALTER TABLE people ADD COLUMN telegram_unreachable_reason TEXT;

-- When a worker took the row (status 'sending'). A row still 'sending' long after this was taken
-- by a process that died: recovery puts it back ('pending'), or flags it ('unknown') when it is a
-- publication whose post may already be in the group.
ALTER TABLE outbox ADD COLUMN claimed_at TEXT;

-- Files attached to an e-mail row (publication spreadsheets), written with the row.
CREATE TABLE outbox_attachments (
    id          INTEGER PRIMARY KEY,
    outbox_id   INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    mime_type   TEXT NOT NULL,
    content     BLOB NOT NULL
);
CREATE INDEX outbox_attachments_row ON outbox_attachments (outbox_id);

-- Telegram upgrades a group to a supergroup under a new id and answers the old id with
-- `migrate_to_chat_id`. We remember every such move so the configured group id (and any row
-- queued for the old id) keeps working without editing the settings.
CREATE TABLE chat_migrations (
    from_chat_id  INTEGER PRIMARY KEY,
    to_chat_id    INTEGER NOT NULL,
    migrated_at   TEXT NOT NULL,
    CHECK (from_chat_id <> to_chat_id)
);
