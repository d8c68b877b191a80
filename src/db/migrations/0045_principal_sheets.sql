-- 0045: indicator systems for principal-tenure supervision (issue 13 item 6;
-- PRIN-01, PRIN-07, PRIN-08). A new kind 'principal_tenure'; a system's
-- stage (the schools it is for: 'kindergarten' 幼儿园, 'compulsory' 义务教育,
-- 'senior' 普通高中; NULL for the party-building sheets); and two flags per
-- indicator: developmental (scored for 进步 against the baseline too,
-- PRIN-07) and survey (scored as a whole from the satisfaction
-- questionnaires by PRIN-08's formula, its children describing what the
-- questionnaires ask).
--
-- SQLite cannot change a CHECK in place, so indicator_system is rebuilt:
-- its rows are kept aside, the table is dropped and created again and the
-- rows put back with the same ids. Other tables reference it by id; the
-- foreign keys are deferred to the commit, when every referenced id exists
-- again (defer_foreign_keys is reset at the end of the transaction).
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE indicator_system_keep AS SELECT * FROM indicator_system;
DROP INDEX indicator_system_kind;
DROP TABLE indicator_system;

CREATE TABLE indicator_system (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('quarterly_inspection', 'instructor_visit',
	    'secretary_review', 'clean_school', 'principal_tenure')),
	year INTEGER NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
	used INTEGER NOT NULL DEFAULT 0,
	from_id INTEGER REFERENCES indicator_system(id),
	created_by INTEGER REFERENCES app_user(id),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	stage TEXT CHECK (stage IN ('kindergarten', 'compulsory', 'senior')),
	UNIQUE (code, version)
);
INSERT INTO indicator_system (id, code, name, kind, year, version, status, used, from_id,
    created_by, created_at, updated_at)
    SELECT id, code, name, kind, year, version, status, used, from_id, created_by, created_at,
    updated_at FROM indicator_system_keep ORDER BY id;
DROP TABLE indicator_system_keep;
CREATE INDEX indicator_system_kind ON indicator_system(kind, year);

ALTER TABLE indicator ADD COLUMN developmental INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicator ADD COLUMN survey INTEGER NOT NULL DEFAULT 0;
