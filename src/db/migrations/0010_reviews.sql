-- 0010: secretaries' report-and-review (述职评议, issue 4; EVAL-01..04).
-- Scores in tenths of a point. Contract read by the annual assessment
-- (0011): review_round.year/state and review_result.org_id/org_path/score/
-- grade; a round counts once its state is 'published'.
-- A round's evaluator groups are fixed (district staff, other secretaries,
-- member representatives); their weights are permille summing to 1000 and
-- the grade bands are tenths of a point, both copied from configuration
-- when the round is created and editable while it is open.
CREATE TABLE review_round (
	id INTEGER PRIMARY KEY,
	year INTEGER NOT NULL,
	name TEXT NOT NULL,
	system_id INTEGER NOT NULL REFERENCES indicator_system(id),
	state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'published')),
	weight_district INTEGER NOT NULL DEFAULT 500,
	weight_secretary INTEGER NOT NULL DEFAULT 300,
	weight_member INTEGER NOT NULL DEFAULT 200,
	band_good INTEGER NOT NULL DEFAULT 900,
	band_fair INTEGER NOT NULL DEFAULT 800,
	band_average INTEGER NOT NULL DEFAULT 600,
	poor_share INTEGER NOT NULL DEFAULT 500,
	closed_at INTEGER,
	published_at INTEGER,
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX review_round_year ON review_round(year);

-- The secretaries under review: the user, their organization (copied from
-- the user's first scope root) and the written report (述职报告).
CREATE TABLE review_subject (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES review_round(id),
	secretary_id INTEGER NOT NULL REFERENCES app_user(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	report TEXT,
	report_file TEXT,
	report_type TEXT,
	report_name TEXT,
	report_at INTEGER,
	UNIQUE (round_id, secretary_id)
);

-- Evaluators: a user in one group of a round.
CREATE TABLE review_evaluator (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES review_round(id),
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	grp TEXT NOT NULL CHECK (grp IN ('district', 'secretary', 'member')),
	UNIQUE (round_id, user_id)
);

-- One ballot per evaluator and secretary; a resubmission while the round
-- is open replaces its scores (audited).
CREATE TABLE review_ballot (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES review_round(id),
	evaluator_id INTEGER NOT NULL REFERENCES app_user(id),
	grp TEXT NOT NULL,
	secretary_id INTEGER NOT NULL REFERENCES app_user(id),
	total INTEGER NOT NULL,
	grade TEXT NOT NULL CHECK (grade IN ('好', '较好', '一般', '差')),
	note TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (round_id, evaluator_id, secretary_id)
);
CREATE INDEX review_ballot_secretary ON review_ballot(round_id, secretary_id);

CREATE TABLE review_ballot_score (
	ballot_id INTEGER NOT NULL REFERENCES review_ballot(id),
	code TEXT NOT NULL,
	points INTEGER NOT NULL,
	PRIMARY KEY (ballot_id, code)
);

-- One secretary's result in a round: the weighted score and the grade
-- 好/较好/一般/差 (EVAL-03), with the rank among the round.
CREATE TABLE review_result (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES review_round(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	secretary_id INTEGER NOT NULL REFERENCES app_user(id),
	score INTEGER NOT NULL,
	grade TEXT NOT NULL CHECK (grade IN ('好', '较好', '一般', '差')),
	rank INTEGER NOT NULL,
	ballots INTEGER NOT NULL DEFAULT 0,
	votes_good INTEGER NOT NULL DEFAULT 0,
	votes_fair INTEGER NOT NULL DEFAULT 0,
	votes_average INTEGER NOT NULL DEFAULT 0,
	votes_poor INTEGER NOT NULL DEFAULT 0,
	poor_share INTEGER NOT NULL DEFAULT 0,
	avg_district INTEGER,
	avg_secretary INTEGER,
	avg_member INTEGER,
	UNIQUE (round_id, secretary_id)
);
CREATE INDEX review_result_path ON review_result(org_path);

-- EVAL-03: a talk (约谈) owed to a secretary graded 一般 or 差, created
-- with the round's closing, with the finding of the rectification list.
CREATE TABLE review_talk (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES review_round(id),
	secretary_id INTEGER NOT NULL REFERENCES app_user(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	due TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	finding_id INTEGER REFERENCES finding(id),
	done INTEGER NOT NULL DEFAULT 0,
	done_on TEXT,
	done_by INTEGER,
	created_at INTEGER NOT NULL,
	UNIQUE (round_id, secretary_id)
);
CREATE INDEX review_talk_path ON review_talk(org_path, done);
