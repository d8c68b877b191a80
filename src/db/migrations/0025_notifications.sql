-- 0025: notifications (消息), one row per recipient. kind names the event
-- ("finding_issued", "announcement" ...); title is the Chinese line shown
-- in the bell; link the console path that opens it. read_at NULL = unread.
-- Rows are written inside the transaction of the work that caused them, so
-- a rolled-back write notifies no one.
CREATE TABLE notification (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	link TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	read_at INTEGER
);
CREATE INDEX notification_user ON notification(user_id, read_at, id);
CREATE INDEX notification_created ON notification(created_at);
