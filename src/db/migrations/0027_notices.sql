-- 0027: announcements (通知公告、党务公开, issue 12). A notice is written by
-- district staff or a school's secretary/principal for an audience: the
-- whole district, some schools, or one organization's members. Its audience
-- is kept as the organization subtrees it reaches (notice_org: path and
-- upper bound of each, disjoint; the district's roots for 'district'), so
-- who it reaches is one SQL join over member.org_path / user_scope, never a
-- loop. state: 'draft' (files may still be added) or 'published'.
-- addressed: accounts notified at publication; read_n: receipts written.
CREATE TABLE notice (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	must_read INTEGER NOT NULL DEFAULT 0,
	audience TEXT NOT NULL,
	state TEXT NOT NULL,
	author_id INTEGER NOT NULL REFERENCES app_user(id),
	published_at INTEGER,
	addressed INTEGER NOT NULL DEFAULT 0,
	read_n INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX notice_author ON notice(author_id, id);
CREATE INDEX notice_published ON notice(state, published_at);

CREATE TABLE notice_org (
	notice_id INTEGER NOT NULL REFERENCES notice(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	path TEXT NOT NULL,
	upper TEXT NOT NULL,
	PRIMARY KEY (notice_id, org_id)
);
CREATE INDEX notice_org_path ON notice_org(path);

-- A read receipt: the first time an addressed account opened the notice.
CREATE TABLE notice_read (
	notice_id INTEGER NOT NULL REFERENCES notice(id),
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	at INTEGER NOT NULL,
	PRIMARY KEY (notice_id, user_id)
);

CREATE TABLE notice_file (
	id INTEGER PRIMARY KEY,
	notice_id INTEGER NOT NULL REFERENCES notice(id),
	name TEXT NOT NULL,
	mime TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	stored_as TEXT NOT NULL,
	uploaded_by INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX notice_file_notice ON notice_file(notice_id);

-- Members reach the platform through their account: the audience join
-- goes member -> app_user by member_id.
CREATE INDEX app_user_member ON app_user(member_id);
