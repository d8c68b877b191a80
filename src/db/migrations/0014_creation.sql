-- 0014: dual creation and dual strengthening (双创建、双强化, issue 6).
-- Every row owned by a school copies the path of the school's top
-- organization into org_path, so scope is one indexed range (auth/scope.h).
-- Dates are TEXT YYYY-MM-DD; months YYYY-MM.

-- Party-work + education-group alliances (党建+教育集团联盟).
CREATE TABLE alliance (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	lead_school_id INTEGER NOT NULL REFERENCES school(id),
	founded_on TEXT,
	note TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX alliance_name ON alliance(name);

-- The lead school is a member too (role 'lead').
CREATE TABLE alliance_school (
	alliance_id INTEGER NOT NULL REFERENCES alliance(id),
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('lead', 'member')),
	PRIMARY KEY (alliance_id, school_id)
);
CREATE INDEX alliance_school_path ON alliance_school(org_path, alliance_id);

-- The monthly "four ones" (四个一).
CREATE TABLE alliance_activity (
	id INTEGER PRIMARY KEY,
	alliance_id INTEGER NOT NULL REFERENCES alliance(id),
	kind TEXT NOT NULL CHECK (kind IN ('joint_study', 'shared_book', 'hot_topic',
	    'school_visit')),
	held_on TEXT NOT NULL,
	month TEXT NOT NULL,
	host_school_id INTEGER NOT NULL REFERENCES school(id),
	title TEXT NOT NULL,
	attendance INTEGER NOT NULL DEFAULT 0,
	outputs TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL
);
CREATE INDEX alliance_activity_month ON alliance_activity(month, alliance_id, kind);
CREATE INDEX alliance_activity_alliance ON alliance_activity(alliance_id, held_on);

-- Party-work brand projects (一校一品/一校多品) and their stage timeline.
CREATE TABLE brand_project (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	name TEXT NOT NULL,
	aim TEXT NOT NULL DEFAULT '',
	level TEXT NOT NULL CHECK (level IN ('district', 'municipal_cultivation',
	    'municipal_creation')),
	stage TEXT NOT NULL CHECK (stage IN ('declared', 'cultivating', 'midterm', 'accepted',
	    'named')),
	stage_on TEXT NOT NULL,
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX brand_project_path ON brand_project(org_path, stage);

CREATE TABLE brand_stage (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES brand_project(id),
	stage TEXT NOT NULL,
	held_on TEXT NOT NULL,
	result TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	actor_id INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX brand_stage_project ON brand_stage(project_id, id);

-- Milestones, evidence and outputs of a project.
CREATE TABLE brand_item (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	project_id INTEGER NOT NULL REFERENCES brand_project(id),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	held_on TEXT,
	detail TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX brand_item_project ON brand_item(project_id, held_on);

-- Research topics (课题).
CREATE TABLE brand_topic (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	title TEXT NOT NULL,
	level TEXT NOT NULL,
	stage TEXT NOT NULL,
	lead TEXT NOT NULL DEFAULT '',
	started_on TEXT,
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX brand_topic_path ON brand_topic(org_path);

-- Member responsibility areas, vanguard posts, model classrooms.
CREATE TABLE member_post (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	member_id INTEGER NOT NULL REFERENCES member(id),
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	since TEXT NOT NULL,
	until TEXT,
	commitment TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX member_post_path ON member_post(org_path, member_id);
CREATE INDEX member_post_member ON member_post(member_id);

-- The big ideological course (大思政课): plan per year, teachers, walking lessons.
CREATE TABLE ideology_plan (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	year INTEGER NOT NULL,
	title TEXT NOT NULL,
	goals TEXT NOT NULL DEFAULT '',
	content TEXT NOT NULL DEFAULT '',
	partner TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ideology_plan_year ON ideology_plan(school_id, year);

CREATE TABLE ideology_teacher (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	name TEXT NOT NULL,
	mode TEXT NOT NULL,
	source TEXT NOT NULL,
	unit TEXT NOT NULL DEFAULT '',
	subject TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX ideology_teacher_path ON ideology_teacher(org_path);

CREATE TABLE ideology_lesson (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	held_on TEXT NOT NULL,
	title TEXT NOT NULL,
	place TEXT NOT NULL,
	classes TEXT NOT NULL DEFAULT '',
	teachers TEXT NOT NULL DEFAULT '',
	students INTEGER NOT NULL DEFAULT 0,
	outputs TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX ideology_lesson_path ON ideology_lesson(org_path, held_on);

-- Clean-school creation (清廉学校).
CREATE TABLE clean_school (
	school_id INTEGER PRIMARY KEY REFERENCES school(id),
	org_path TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('none', 'pilot', 'demonstration', 'named')),
	pilot_on TEXT,
	demonstration_on TEXT,
	named_on TEXT,
	note TEXT NOT NULL DEFAULT '',
	updated_by INTEGER,
	updated_at INTEGER NOT NULL
);
CREATE INDEX clean_school_path ON clean_school(org_path);

-- A school's self-check against a clean_school indicator system; totals
-- in tenths of a point, computed by supervise/indicator.c.
CREATE TABLE clean_check (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	system_id INTEGER NOT NULL REFERENCES indicator_system(id),
	year INTEGER NOT NULL,
	checked_on TEXT NOT NULL,
	total INTEGER NOT NULL,
	base INTEGER NOT NULL,
	bonus INTEGER NOT NULL,
	vetoed INTEGER NOT NULL,
	grade TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL
);
CREATE INDEX clean_check_path ON clean_check(org_path, year);

CREATE TABLE clean_check_score (
	check_id INTEGER NOT NULL REFERENCES clean_check(id),
	code TEXT NOT NULL,
	points INTEGER NOT NULL,
	failed_veto INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (check_id, code)
);

CREATE TABLE clean_activity (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	kind TEXT NOT NULL,
	held_on TEXT NOT NULL,
	title TEXT NOT NULL,
	participants INTEGER NOT NULL DEFAULT 0,
	outputs TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX clean_activity_path ON clean_activity(org_path, held_on);

-- Teacher ethics (师德师风): activities under the six actions, commendations
-- and typical cases, and confidential misconduct cases.
CREATE TABLE ethics_activity (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	action TEXT NOT NULL,
	held_on TEXT NOT NULL,
	title TEXT NOT NULL,
	participants INTEGER NOT NULL DEFAULT 0,
	outputs TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX ethics_activity_path ON ethics_activity(org_path, held_on);

CREATE TABLE ethics_honor (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	kind TEXT NOT NULL,
	person TEXT NOT NULL,
	level TEXT NOT NULL,
	held_on TEXT NOT NULL,
	title TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX ethics_honor_path ON ethics_honor(org_path, held_on);

-- Readable only by users in ethics_grant; every read leaves an audit row.
CREATE TABLE ethics_case (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id),
	org_path TEXT NOT NULL,
	person TEXT NOT NULL,
	occurred_on TEXT NOT NULL,
	summary TEXT NOT NULL,
	handling TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX ethics_case_path ON ethics_case(org_path, occurred_on);

CREATE TABLE ethics_grant (
	user_id INTEGER PRIMARY KEY REFERENCES app_user(id),
	granted_by INTEGER,
	note TEXT NOT NULL DEFAULT '',
	at INTEGER NOT NULL
);
