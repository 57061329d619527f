-- The keyboard a new one replaced, written by the same statement that records the new one
-- (an UPSERT's SET sees the row's old values), so moving a chat's live keyboard is one
-- statement that returns the message to clear, not a read followed by a write. It is read
-- only by that statement's RETURNING; the live keyboard is `message_id`.
ALTER TABLE dialogue_keyboards ADD COLUMN replaced_message_id INTEGER;
