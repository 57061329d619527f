-- The one message per private chat whose inline keyboard belongs to the live dialogue. When a
-- dialogue shows its next question as a new message, the keyboard of the message recorded here
-- is removed, so buttons of a question already answered are not left on screen to be pressed.
-- (A press on one that stays, because removing it failed, is still refused: every question
-- shown carries a nonce of its own.)
CREATE TABLE dialogue_keyboards (
    chat_id     INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL,
    shown_at    TEXT NOT NULL
);
