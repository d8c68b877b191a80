-- 0009: inspection plans and inspections (督查, issue 4). Points are in
-- tenths of a point like indicator.max_points. Contract read by the annual
-- assessment (0011): inspection.org_id/org_path/inspected_on/state/total/
-- vetoed/superseded_by; a confirmed inspection that is not superseded is
-- the one that counts.
CREATE TABLE inspection_plan (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	system_id INTEGER NOT NULL REFERENCES indicator_system(id),
	period_start TEXT NOT NULL,
	period_end TEXT NOT NULL,
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

-- Which inspector visits which organization under a plan; an inspector
-- sees only the organizations assigned to them.
CREATE TABLE inspection_assignment (
	id INTEGER PRIMARY KEY,
	plan_id INTEGER NOT NULL REFERENCES inspection_plan(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	inspector_id INTEGER NOT NULL REFERENCES app_user(id),
	UNIQUE (plan_id, org_id, inspector_id)
);
CREATE INDEX inspection_assignment_inspector ON inspection_assignment(inspector_id, org_path);

CREATE TABLE inspection (
	id INTEGER PRIMARY KEY,
	plan_id INTEGER REFERENCES inspection_plan(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	kind TEXT NOT NULL,
	system_id INTEGER NOT NULL REFERENCES indicator_system(id),
	inspected_on TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'confirmed')),
	total INTEGER NOT NULL DEFAULT 0,
	vetoed INTEGER NOT NULL DEFAULT 0,
	revision INTEGER NOT NULL DEFAULT 1,
	revises_id INTEGER REFERENCES inspection(id),
	superseded_by INTEGER REFERENCES inspection(id),
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX inspection_path ON inspection(org_path, inspected_on);
