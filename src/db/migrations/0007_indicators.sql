-- 0007: indicator systems (评分细则, issue 4; CL-01, EVAL-04). A system is
-- versioned by (code, version); once published or used by an inspection it
-- is read-only and a new year copies it into a new version. Points are in
-- tenths of a point, weights in permille.
CREATE TABLE indicator_system (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('quarterly_inspection', 'instructor_visit',
	    'secretary_review', 'clean_school')),
	year INTEGER NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
	used INTEGER NOT NULL DEFAULT 0,
	from_id INTEGER REFERENCES indicator_system(id),
	created_by INTEGER REFERENCES app_user(id),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (code, version)
);
CREATE INDEX indicator_system_kind ON indicator_system(kind, year);

CREATE TABLE indicator (
	id INTEGER PRIMARY KEY,
	system_id INTEGER NOT NULL REFERENCES indicator_system(id),
	parent_id INTEGER REFERENCES indicator(id),
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
	seq INTEGER NOT NULL,
	pos INTEGER NOT NULL,
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	max_points INTEGER NOT NULL CHECK (max_points >= 0),
	guidance TEXT,
	evidence TEXT,
	bonus INTEGER NOT NULL DEFAULT 0,
	veto INTEGER NOT NULL DEFAULT 0,
	weight INTEGER NOT NULL DEFAULT 1000,
	UNIQUE (system_id, code)
);
CREATE INDEX indicator_system_pos ON indicator(system_id, pos);
