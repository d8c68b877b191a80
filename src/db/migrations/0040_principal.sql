-- 0040: the principal-tenure platform (issue 13 items 1-3): the 责任督学
-- assignments (挂牌, PRIN-10), principals and their tenures (PRIN-09), the
-- baseline at appointment (PRIN-07), term goals and the yearly reviews.

-- A 督学 (app_user with role supervisor) assigned to a school from from_on
-- to to_on (inclusive; NULL: still assigned). Ended, never deleted.
CREATE TABLE supervisor_assignment (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	school_id INTEGER NOT NULL REFERENCES school(id),
	from_on TEXT NOT NULL,
	to_on TEXT,
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX supervisor_assignment_user ON supervisor_assignment(user_id, school_id);
CREATE INDEX supervisor_assignment_school ON supervisor_assignment(school_id);

-- A principal as a person. The ID-card number is sealed with a blind index
-- like a member's (SEC-09); member_id links their member record when they
-- are one; user_id the principal account that sees this person's tenures.
CREATE TABLE principal (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	gender TEXT NOT NULL,
	id_card_enc BLOB,
	id_card_idx BLOB,
	id_card_mask TEXT,
	member_id INTEGER REFERENCES member(id),
	user_id INTEGER REFERENCES app_user(id),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX principal_id_card ON principal(id_card_idx);
CREATE UNIQUE INDEX principal_user ON principal(user_id);
CREATE INDEX principal_name ON principal(name);

-- A tenure: one principal at one school. term_end_on is the last day of
-- the term (appointed_on + term_years years - 1 day); ended_on and
-- end_reason (expired 届满, transferred 调任, left 离任, retired 退休,
-- dismissed 免职) once it ended. One open tenure per school and per person.
CREATE TABLE tenure (
	id INTEGER PRIMARY KEY,
	principal_id INTEGER NOT NULL REFERENCES principal(id),
	school_id INTEGER NOT NULL REFERENCES school(id),
	post TEXT NOT NULL,
	appointed_on TEXT NOT NULL,
	term_years INTEGER NOT NULL,
	term_no INTEGER NOT NULL,
	term_end_on TEXT NOT NULL,
	ended_on TEXT,
	end_reason TEXT,
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX tenure_school ON tenure(school_id, appointed_on);
CREATE INDEX tenure_principal ON tenure(principal_id, appointed_on);
CREATE UNIQUE INDEX tenure_open_school ON tenure(school_id) WHERE ended_on IS NULL;
CREATE UNIQUE INDEX tenure_open_principal ON tenure(principal_id) WHERE ended_on IS NULL;

-- The school's starting point (任期起点), taken when the tenure is
-- recorded, from what Hongyan holds: the school's top party organization,
-- its active members, last year's compliance rate (permille, NULL: no
-- organization), the last annual assessment's grade and year, and the
-- findings still open.
CREATE TABLE tenure_baseline (
	tenure_id INTEGER PRIMARY KEY REFERENCES tenure(id),
	taken_on TEXT NOT NULL,
	org_id INTEGER,
	org_name TEXT NOT NULL DEFAULT '',
	members INTEGER NOT NULL DEFAULT 0,
	compliance_year INTEGER,
	compliance_permille INTEGER,
	assessment_year INTEGER,
	assessment_grade TEXT,
	open_findings INTEGER NOT NULL DEFAULT 0
);

-- The office-entered figures of the baseline (cfg.prin_figures); the label
-- is kept as entered, so a later change of the configuration keeps history.
CREATE TABLE tenure_figure (
	tenure_id INTEGER NOT NULL REFERENCES tenure(id),
	key TEXT NOT NULL,
	label TEXT NOT NULL,
	value INTEGER NOT NULL,
	PRIMARY KEY (tenure_id, key)
);

-- Term goals: one plan per tenure (draft -> submitted -> approved, or
-- returned with a reason -> submitted again), its goals per evaluation
-- area (PRIN-01's seven) with a measurable target.
CREATE TABLE tenure_goal_plan (
	tenure_id INTEGER PRIMARY KEY REFERENCES tenure(id),
	state TEXT NOT NULL,
	submitted_at INTEGER,
	decided_at INTEGER,
	decided_by INTEGER,
	return_reason TEXT NOT NULL DEFAULT '',
	updated_at INTEGER NOT NULL
);
CREATE TABLE tenure_goal (
	id INTEGER PRIMARY KEY,
	tenure_id INTEGER NOT NULL REFERENCES tenure(id),
	area TEXT NOT NULL,
	goal TEXT NOT NULL,
	target TEXT NOT NULL,
	pos INTEGER NOT NULL
);
CREATE INDEX tenure_goal_tenure ON tenure_goal(tenure_id, pos);

-- The yearly review: the principal's self-report for term year year_no
-- (draft -> submitted) and the office's grade (submitted -> graded).
CREATE TABLE tenure_report (
	id INTEGER PRIMARY KEY,
	tenure_id INTEGER NOT NULL REFERENCES tenure(id),
	year_no INTEGER NOT NULL,
	report TEXT NOT NULL,
	state TEXT NOT NULL,
	submitted_at INTEGER,
	grade TEXT,
	grade_note TEXT NOT NULL DEFAULT '',
	graded_by INTEGER,
	graded_at INTEGER,
	updated_at INTEGER NOT NULL,
	UNIQUE (tenure_id, year_no)
);
