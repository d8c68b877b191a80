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
	note TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	submitted_by INTEGER,
	submitted_at INTEGER,
	confirmed_by INTEGER,
	confirmed_at INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX inspection_path ON inspection(org_path, inspected_on);
CREATE INDEX inspection_plan_org ON inspection(plan_id, org_id);

-- The inspectors who took part in an inspection.
CREATE TABLE inspection_inspector (
	inspection_id INTEGER NOT NULL REFERENCES inspection(id),
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	PRIMARY KEY (inspection_id, user_id)
);

-- One score per indicator (by code within the inspection's system):
-- points in tenths, a failed veto item, the inspector's note.
CREATE TABLE inspection_score (
	inspection_id INTEGER NOT NULL REFERENCES inspection(id),
	code TEXT NOT NULL,
	points INTEGER NOT NULL,
	failed_veto INTEGER NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (inspection_id, code)
);

-- Evidence files, stored under the data folder by a random name like
-- meeting files.
CREATE TABLE inspection_file (
	id INTEGER PRIMARY KEY,
	inspection_id INTEGER NOT NULL REFERENCES inspection(id),
	name TEXT NOT NULL,
	mime TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	stored_as TEXT NOT NULL,
	uploaded_by INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX inspection_file_inspection ON inspection_file(inspection_id);

-- Findings issued from an inspection (finding.source = 'inspection',
-- source_ref = the inspection id) and the indicator each bears on.
CREATE TABLE inspection_finding (
	finding_id INTEGER PRIMARY KEY REFERENCES finding(id),
	inspection_id INTEGER NOT NULL REFERENCES inspection(id),
	indicator_code TEXT
);
CREATE INDEX inspection_finding_inspection ON inspection_finding(inspection_id);
