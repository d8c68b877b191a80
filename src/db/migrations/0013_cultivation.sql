-- 0013: the cultivation registers (issue 5): dual cultivation (双培养),
-- dual leaders (双带头人), training programmes and studios (三名工作室).
-- Rows copy their organization's path into org_path so scope is one range.
-- From this migration on, member.backbone and member.dual_leader are kept
-- by the cultivation and leader registers (src/cultivate/), not by the
-- member API.

-- One nomination in a school's register for a year. kind
-- backbone_to_member: a teaching backbone who is not a member (name only);
-- member_to_backbone: a member teacher who is not yet a backbone.
-- state: nominated -> selected | not_selected; selected -> developed.
CREATE TABLE cultivation (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	school_id INTEGER NOT NULL REFERENCES school(id),
	year INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('backbone_to_member', 'member_to_backbone')),
	member_id INTEGER REFERENCES member(id),
	name TEXT NOT NULL,
	subject TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	nominated_on TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL,
	score INTEGER,
	selected_on TEXT,
	outcome TEXT CHECK (outcome IS NULL OR outcome IN ('joined_pipeline', 'became_backbone')),
	outcome_on TEXT,
	outcome_title TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX cultivation_path ON cultivation(org_path, year);
CREATE INDEX cultivation_outcome ON cultivation(outcome, outcome_on);

CREATE TABLE cultivation_contact (
	cultivation_id INTEGER NOT NULL REFERENCES cultivation(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	PRIMARY KEY (cultivation_id, member_id)
);

-- A secretary or deputy secretary and both their leaderships; the five
-- criteria each hold their evidence ('' = not shown yet).
CREATE TABLE leader (
	id INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES member(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	position TEXT NOT NULL CHECK (position IN ('secretary', 'deputy')),
	party_work TEXT NOT NULL DEFAULT '',
	subject_titles TEXT NOT NULL DEFAULT '',
	backbone_level TEXT NOT NULL DEFAULT '',
	awards TEXT NOT NULL DEFAULT '',
	ev_party TEXT NOT NULL DEFAULT '',
	ev_education TEXT NOT NULL DEFAULT '',
	ev_management TEXT NOT NULL DEFAULT '',
	ev_prestige TEXT NOT NULL DEFAULT '',
	ev_ideology TEXT NOT NULL DEFAULT '',
	level TEXT CHECK (level IS NULL OR level IN ('district', 'municipal')),
	recognised_on TEXT,
	revoked_on TEXT,
	revoke_reason TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX leader_member ON leader(member_id);
CREATE INDEX leader_path ON leader(org_path);

-- Training: tiers (领航, 奋飞, 群鹰 shipped; the district adds more),
-- programmes, their sessions in several forms with hours, enrolments and
-- attendance (the hours credited per person and session).
CREATE TABLE training_tier (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	builtin INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX training_tier_name ON training_tier(name);
INSERT INTO training_tier (name, builtin, created_at) VALUES ('领航', 1, 0);
INSERT INTO training_tier (name, builtin, created_at) VALUES ('奋飞', 1, 0);
INSERT INTO training_tier (name, builtin, created_at) VALUES ('群鹰', 1, 0);

CREATE TABLE programme (
	id INTEGER PRIMARY KEY,
	tier_id INTEGER NOT NULL REFERENCES training_tier(id),
	name TEXT NOT NULL,
	year INTEGER NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	required_hours INTEGER NOT NULL DEFAULT 0,
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX programme_year ON programme(year);

CREATE TABLE programme_session (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programme(id),
	title TEXT NOT NULL,
	form TEXT NOT NULL CHECK (form IN ('full_coverage', 'seminar', 'study_trip', 'shadow',
	    'site_visit', 'online')),
	module TEXT NOT NULL DEFAULT '',
	held_on TEXT NOT NULL,
	hours INTEGER NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX programme_session_programme ON programme_session(programme_id, held_on);

CREATE TABLE programme_enrolment (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programme(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	org_path TEXT NOT NULL,
	enrolled_on TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX programme_enrolment_one ON programme_enrolment(programme_id, member_id);
CREATE INDEX programme_enrolment_path ON programme_enrolment(org_path);

CREATE TABLE programme_attendance (
	session_id INTEGER NOT NULL REFERENCES programme_session(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	hours INTEGER NOT NULL,
	at INTEGER NOT NULL,
	PRIMARY KEY (session_id, member_id)
);
CREATE INDEX programme_attendance_member ON programme_attendance(member_id);

-- Studios of famous teachers, principals and class teachers (三名工作室).
CREATE TABLE studio (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('teacher', 'principal', 'class_teacher')),
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	host_name TEXT NOT NULL,
	host_member_id INTEGER REFERENCES member(id),
	level TEXT NOT NULL CHECK (level IN ('district', 'municipal', 'national')),
	focus TEXT NOT NULL DEFAULT '',
	founded_on TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX studio_name ON studio(name);
CREATE INDEX studio_path ON studio(org_path);

CREATE TABLE studio_member (
	id INTEGER PRIMARY KEY,
	studio_id INTEGER NOT NULL REFERENCES studio(id),
	name TEXT NOT NULL,
	member_id INTEGER REFERENCES member(id),
	unit TEXT NOT NULL DEFAULT '',
	joined_on TEXT NOT NULL,
	left_on TEXT
);
CREATE INDEX studio_member_studio ON studio_member(studio_id);

CREATE TABLE studio_activity (
	id INTEGER PRIMARY KEY,
	studio_id INTEGER NOT NULL REFERENCES studio(id),
	kind TEXT NOT NULL CHECK (kind IN ('seminar', 'lesson', 'joint_preparation', 'course')),
	title TEXT NOT NULL,
	held_on TEXT NOT NULL,
	participants INTEGER NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX studio_activity_studio ON studio_activity(studio_id, held_on);

CREATE TABLE studio_output (
	id INTEGER PRIMARY KEY,
	studio_id INTEGER NOT NULL REFERENCES studio(id),
	kind TEXT NOT NULL CHECK (kind IN ('paper', 'course', 'award')),
	title TEXT NOT NULL,
	made_on TEXT NOT NULL,
	level TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX studio_output_studio ON studio_output(studio_id);
