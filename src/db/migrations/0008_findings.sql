-- 0008: findings and their rectification (整改闭环, issue 4):
-- issued -> rectifying -> submitted -> verified | returned -> submitted.
-- Dates are TEXT YYYY-MM-DD; issued_day/closed_day are day numbers so the
-- board averages days to close portably. Evidence is text or a link for
-- now; files are not stored here.
CREATE TABLE finding (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	source TEXT NOT NULL,
	source_ref TEXT,
	title TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	severity TEXT NOT NULL,
	evidence_required TEXT NOT NULL DEFAULT '',
	deadline TEXT NOT NULL,
	state TEXT NOT NULL,
	issued_by INTEGER,
	issued_on TEXT NOT NULL,
	issued_day INTEGER NOT NULL,
	closed_on TEXT,
	closed_day INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX finding_path ON finding(org_path, state);
CREATE INDEX finding_deadline ON finding(state, deadline);
CREATE INDEX finding_source ON finding(source, source_ref, state);

CREATE TABLE finding_event (
	id INTEGER PRIMARY KEY,
	finding_id INTEGER NOT NULL REFERENCES finding(id),
	state TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	actor_id INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX finding_event_finding ON finding_event(finding_id);

CREATE TABLE finding_evidence (
	id INTEGER PRIMARY KEY,
	finding_id INTEGER NOT NULL REFERENCES finding(id),
	note TEXT NOT NULL,
	file_ref TEXT,
	actor_id INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX finding_evidence_finding ON finding_evidence(finding_id);
