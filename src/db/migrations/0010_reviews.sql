-- 0010: secretaries' report-and-review (述职评议, issue 4; EVAL-01..04).
-- Scores in tenths of a point. Contract read by the annual assessment
-- (0011): review_round.year/state and review_result.org_id/org_path/score/
-- grade; a round counts once its state is 'published'.
CREATE TABLE review_round (
	id INTEGER PRIMARY KEY,
	year INTEGER NOT NULL,
	name TEXT NOT NULL,
	system_id INTEGER NOT NULL REFERENCES indicator_system(id),
	state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'published')),
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
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
	UNIQUE (round_id, secretary_id)
);
CREATE INDEX review_result_path ON review_result(org_path);
