-- 0011: the annual assessment of organizations (年度考核, issue 4;
-- EVAL-04, ASSESS-*). One row per school-level party organization
-- (org.kind 'party_committee') and year; scores and component values are
-- permille of full marks (= tenths of a point on a 100-point scale).
-- score/grade/rank are NULL when no component had data. mark: 'rectify'
-- (软弱涣散, to 整顿) when the grade is the lowest band or a veto applied;
-- it stays, with its plan (finding_id, a finding with source
-- 'assessment'), across re-runs until district staff lift it ('lifted').
CREATE TABLE assessment (
	id INTEGER PRIMARY KEY,
	year INTEGER NOT NULL,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	score INTEGER,
	grade TEXT CHECK (grade IN ('优秀', '良好', '一般', '较差')),
	vetoed INTEGER NOT NULL DEFAULT 0,
	rank INTEGER,
	mark TEXT NOT NULL DEFAULT 'none' CHECK (mark IN ('none', 'rectify', 'lifted')),
	finding_id INTEGER REFERENCES finding(id),
	marked_on TEXT,
	lifted_by INTEGER,
	lifted_on TEXT,
	computed_by INTEGER,
	computed_at INTEGER NOT NULL,
	UNIQUE (year, org_id)
);
CREATE INDEX assessment_path ON assessment(org_path, year);
CREATE INDEX assessment_year ON assessment(year, rank);

-- The components of one assessment with their sources: value in permille
-- (NULL: no data, left out and the other weights renormalised), the
-- configured weight and the weight actually used, and the numerator and
-- denominator the value came from (met/decided items, member-months paid
-- on time/owed, findings closed on time/due, inspections counted, …).
CREATE TABLE assessment_component (
	assessment_id INTEGER NOT NULL REFERENCES assessment(id),
	component TEXT NOT NULL CHECK (component IN ('compliance', 'dues', 'rectification',
	    'inspection', 'review')),
	value INTEGER,
	weight INTEGER NOT NULL,
	used_weight INTEGER NOT NULL,
	num INTEGER NOT NULL DEFAULT 0,
	den INTEGER NOT NULL DEFAULT 0,
	vetoed INTEGER NOT NULL DEFAULT 0,
	source TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (assessment_id, component)
);

-- Evidence files of findings (issue 4, 整改佐证材料): the responsible side
-- uploads files while rectifying; the next submission takes every file
-- not yet submitted (evidence_id NULL → the finding_evidence row of that
-- submission). Stored under the files folder by random name (stored_as),
-- like meeting files; read back only in the finding's scope.
CREATE TABLE finding_file (
	id INTEGER PRIMARY KEY,
	finding_id INTEGER NOT NULL REFERENCES finding(id),
	evidence_id INTEGER REFERENCES finding_evidence(id),
	name TEXT NOT NULL,
	mime TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	stored_as TEXT NOT NULL,
	uploaded_by INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX finding_file_finding ON finding_file(finding_id, evidence_id);
