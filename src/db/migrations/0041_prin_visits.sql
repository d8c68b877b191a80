-- Routine visits of 责任督学 (挂牌督导, issue 13 item 4, PRIN-10): a
-- 督学 records each visit to a school assigned to them on the routine-visit
-- checklist (src/supervise/indicator_routine_sheet.c, items by code), with
-- notes, a summary and files (attachment owner 'prin_visit'); a problem
-- becomes a finding (finding.source 'prin_visit', source_ref the visit id)
-- linked here.
CREATE TABLE prin_visit (
	id INTEGER PRIMARY KEY,
	supervisor_id INTEGER NOT NULL REFERENCES app_user(id),
	school_id INTEGER NOT NULL REFERENCES school(id),
	visited_on TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('routine', 'unannounced')),
	summary TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted')),
	submitted_at INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX prin_visit_school ON prin_visit(school_id, visited_on);
CREATE INDEX prin_visit_supervisor ON prin_visit(supervisor_id, visited_on);

-- The checklist's items of one visit: checked or not, with a note.
CREATE TABLE prin_visit_item (
	visit_id INTEGER NOT NULL REFERENCES prin_visit(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	checked INTEGER NOT NULL DEFAULT 0 CHECK (checked IN (0, 1)),
	note TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (visit_id, code)
) WITHOUT ROWID;

-- The findings raised from a visit.
CREATE TABLE prin_visit_finding (
	finding_id INTEGER PRIMARY KEY REFERENCES finding(id),
	visit_id INTEGER NOT NULL REFERENCES prin_visit(id)
);
CREATE INDEX prin_visit_finding_visit ON prin_visit_finding(visit_id);
