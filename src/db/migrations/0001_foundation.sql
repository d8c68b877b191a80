-- 0001: the foundation: schools, organizations, members, users, sessions, audit.
-- Portable SQL only (SQLite and PostgreSQL); timestamps are UTC unix seconds,
-- dates YYYY-MM-DD text, booleans 0/1 integers.

CREATE TABLE school (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	stage TEXT NOT NULL,
	ownership TEXT NOT NULL,
	education_group TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX school_name ON school(name);

-- path is the materialized ancestry, each id zero-padded to 10 digits:
-- "/0000000001/0000000005/". Sorting by path gives tree order (siblings by
-- id), and a subtree is the half-open range [path, path with its final '/'
-- replaced by '0'), so scope filters are index range scans (auth/scope.h).
CREATE TABLE org (
	id INTEGER PRIMARY KEY,
	parent_id INTEGER REFERENCES org(id),
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	school_id INTEGER REFERENCES school(id),
	basis TEXT NOT NULL DEFAULT '',
	founded_on TEXT,
	term_started_on TEXT,
	term_years INTEGER,
	path TEXT NOT NULL,
	depth INTEGER NOT NULL,
	member_count INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX org_path ON org(path);
CREATE INDEX org_parent ON org(parent_id);

CREATE TABLE member (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	name TEXT NOT NULL,
	gender TEXT NOT NULL,
	ethnicity TEXT NOT NULL DEFAULT '',
	birth_date TEXT,
	id_card_enc BLOB,
	id_card_idx BLOB,
	id_card_mask TEXT,
	phone_enc BLOB,
	phone_mask TEXT,
	education TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	post TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL,
	status TEXT NOT NULL,
	full_on TEXT,
	state TEXT NOT NULL,
	state_on TEXT,
	state_reason TEXT NOT NULL DEFAULT '',
	joined_on TEXT,
	backbone INTEGER NOT NULL DEFAULT 0,
	dual_leader INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX member_id_card ON member(id_card_idx);
CREATE INDEX member_org_path_name ON member(state, org_path, name);
CREATE INDEX member_org ON member(org_id);
CREATE INDEX member_state_name ON member(state, name);

CREATE TABLE member_org_history (
	id INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES member(id),
	from_org_id INTEGER REFERENCES org(id),
	to_org_id INTEGER NOT NULL REFERENCES org(id),
	moved_on TEXT NOT NULL,
	actor_id INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX member_org_history_member ON member_org_history(member_id);

CREATE TABLE app_user (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL,
	pw_hash TEXT NOT NULL,
	role TEXT NOT NULL,
	member_id INTEGER REFERENCES member(id),
	disabled INTEGER NOT NULL DEFAULT 0,
	must_change INTEGER NOT NULL DEFAULT 0,
	failed_count INTEGER NOT NULL DEFAULT 0,
	locked_until INTEGER NOT NULL DEFAULT 0,
	password_changed_at INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX app_user_username ON app_user(username);

CREATE TABLE user_scope (
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	PRIMARY KEY (user_id, org_id)
);

CREATE TABLE password_history (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	pw_hash TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id, id);

-- token_hash is a keyed hash of the cookie value: a stolen database file
-- yields no usable session.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	csrf TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_seen INTEGER NOT NULL,
	address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_user ON session(user_id);

-- Append-only; mac = HMAC-SHA-256(key, previous mac || this row) (SEC-06, SEC-08).
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor_id INTEGER,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id INTEGER,
	ok INTEGER NOT NULL,
	address TEXT NOT NULL DEFAULT '',
	before_json TEXT,
	after_json TEXT,
	mac TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_actor ON audit(actor, id);
CREATE INDEX audit_at ON audit(at);
