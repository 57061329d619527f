-- The durable update inbox: every update fetched from Telegram is written here (one transaction
-- per batch) before its offset is confirmed, so an update Telegram will never send again is
-- never only in memory. It is processed from here in update_id order per chat.
--
-- done_at is set in the same transaction as the first change the update causes (the storage
-- layer's commit does it), so after a crash an update that changed something is never applied
-- twice, and one that changed nothing yet is run again. finished_at is set once its handler has
-- returned (its replies sent): a row done but not finished after a restart is an update whose
-- change was saved while its reply died with the process, and the person is told so.
--
-- The body is the update's JSON, sealed under the ballot key when one is configured (a press
-- on a ballot paper carries the choice beside the voter's id), and erased once done. A done
-- row stays a day, as Telegram keeps an unconfirmed update, so a repeated update_id is ignored.
CREATE TABLE update_inbox (
    update_id   INTEGER PRIMARY KEY,
    chat_key    INTEGER NOT NULL,
    body        BLOB,
    sealed      INTEGER NOT NULL CHECK (sealed IN (0, 1)),
    received_at TEXT NOT NULL,
    done_at     TEXT,
    finished_at TEXT,
    CHECK ((done_at IS NULL) = (body IS NOT NULL)),
    CHECK (finished_at IS NULL OR done_at IS NOT NULL)
);

CREATE INDEX update_inbox_pending ON update_inbox (update_id) WHERE done_at IS NULL;
CREATE INDEX update_inbox_unfinished ON update_inbox (update_id)
    WHERE done_at IS NOT NULL AND finished_at IS NULL;
