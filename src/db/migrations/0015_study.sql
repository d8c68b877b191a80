-- 0015: exchange and study (交流学习, issue 6): the study library, study
-- plans, members' study records and reading sessions (书香红岩), the
-- points rules (学习积分) and the experience exchange (经验交流).
-- Every row copies its organization's path into org_path so scope is one
-- indexed range. Dates are TEXT YYYY-MM-DD; start times are minutes since
-- 1970-01-01 00:00 China Standard Time (core/dates.h datetime_parse).

-- Library items: kind document (an uploaded file, or a meeting's file by
-- meeting_file_id), link or video (by link). Published by district or
-- school staff at org_id; read by everyone at or below it.
CREATE TABLE study_item (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	topic TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	url TEXT,
	meeting_file_id INTEGER REFERENCES meeting_file(id),
	file_name TEXT,
	file_mime TEXT,
	file_size INTEGER,
	file_sha256 TEXT,
	stored_as TEXT,
	minutes INTEGER NOT NULL DEFAULT 0,
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX study_item_path ON study_item(org_path, topic);

CREATE TABLE study_plan (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	year INTEGER NOT NULL,
	title TEXT NOT NULL,
	created_by INTEGER,
	created_at INTEGER NOT NULL
);
CREATE INDEX study_plan_path ON study_plan(org_path, year);

CREATE TABLE study_plan_item (
	id INTEGER PRIMARY KEY,
	plan_id INTEGER NOT NULL REFERENCES study_plan(id),
	topic TEXT NOT NULL,
	title TEXT NOT NULL,
	planned_on TEXT NOT NULL,
	item_id INTEGER REFERENCES study_item(id)
);
CREATE INDEX study_plan_item_plan ON study_plan_item(plan_id, planned_on);

-- Reading sessions (书香红岩): book, host, date; attendance and each
-- attendee's reflection.
CREATE TABLE study_reading (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	book TEXT NOT NULL,
	host TEXT NOT NULL,
	held_at TEXT NOT NULL,
	held_min INTEGER NOT NULL,
	held_on TEXT NOT NULL,
	minutes INTEGER NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL
);
CREATE INDEX study_reading_path ON study_reading(org_path, held_on);

CREATE TABLE study_reading_member (
	reading_id INTEGER NOT NULL REFERENCES study_reading(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	present INTEGER NOT NULL,
	reflection TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (reading_id, member_id)
);

-- A member's study record. status counted: points were awarded (possibly
-- 0 at a cap); flagged: kept for review, never counted (flag says why).
CREATE TABLE study_record (
	id INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES member(id),
	org_path TEXT NOT NULL,
	item_id INTEGER REFERENCES study_item(id),
	reading_id INTEGER REFERENCES study_reading(id),
	title TEXT NOT NULL,
	kind TEXT NOT NULL,
	started_min INTEGER NOT NULL,
	started_at TEXT NOT NULL,
	minutes INTEGER NOT NULL,
	day TEXT NOT NULL,
	year INTEGER NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	points INTEGER NOT NULL,
	status TEXT NOT NULL,
	flag TEXT,
	created_by INTEGER,
	created_min INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX study_record_member ON study_record(member_id, started_min);
CREATE INDEX study_record_path ON study_record(org_path, year);

-- Points per action (STUDY-01): per record, plus per_block points for
-- every block_minutes minutes, at most daily_cap a day (0: no cap).
-- Editable by district staff; the shipped defaults follow.
CREATE TABLE study_point_rule (
	kind TEXT PRIMARY KEY,
	per_record INTEGER NOT NULL,
	block_minutes INTEGER NOT NULL,
	per_block INTEGER NOT NULL,
	daily_cap INTEGER NOT NULL,
	enabled INTEGER NOT NULL,
	updated_by INTEGER,
	updated_at INTEGER NOT NULL
);
INSERT INTO study_point_rule VALUES ('reading', 1, 30, 1, 6, 1, NULL, 0);
INSERT INTO study_point_rule VALUES ('video', 1, 30, 1, 6, 1, NULL, 0);
INSERT INTO study_point_rule VALUES ('lecture', 2, 45, 1, 6, 1, NULL, 0);
INSERT INTO study_point_rule VALUES ('document', 1, 30, 1, 5, 1, NULL, 0);
INSERT INTO study_point_rule VALUES ('reading_session', 3, 60, 1, 8, 1, NULL, 0);
INSERT INTO study_point_rule VALUES ('discussion', 2, 60, 1, 5, 1, NULL, 0);
INSERT INTO study_point_rule VALUES ('other', 0, 30, 1, 3, 1, NULL, 0);

-- Experience exchange (经验交流): draft -> submitted -> published, or
-- rejected with a reason (then edited and submitted again).
CREATE TABLE exchange_post (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	topic TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	excellent INTEGER NOT NULL DEFAULT 0,
	author_id INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	published_at INTEGER
);
CREATE INDEX exchange_post_state ON exchange_post(state, published_at);
CREATE INDEX exchange_post_path ON exchange_post(org_path, state);

CREATE TABLE exchange_comment (
	id INTEGER PRIMARY KEY,
	post_id INTEGER NOT NULL REFERENCES exchange_post(id),
	author_id INTEGER,
	author TEXT NOT NULL,
	body TEXT NOT NULL,
	hidden INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);
CREATE INDEX exchange_comment_post ON exchange_comment(post_id);
