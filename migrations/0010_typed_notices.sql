-- Typed outbox messages: services queue what a message says (a kind and its parameters, as JSON:
-- src/domain/notice.rs) and the notifier renders it when it sends, in the language the recipient
-- has chosen by then. `body`, `subject` and `reply_markup` stay: rows queued by an earlier version
-- (rendered text, notice NULL) are delivered from them as before, and the worker's own messages
-- (delivery notices, e-mail fallbacks) are still written as text. A typed row leaves them empty.
ALTER TABLE outbox ADD COLUMN notice TEXT;
