-- 0003: organizational life (issue 3): meetings and activities, attendance,
-- files, plans, committees (for quorum), appraisal grades, talk pairs and
-- compliance exemptions. Every dated record stores its period keys
-- (core/dates.h: month 202607, quarter 20263, year 2026) so reports group
-- by indexed integers. held_at is minutes since 1970-01-01 00:00 China
-- Standard Time (the time as entered, not UTC).

CREATE TABLE meeting (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	kind TEXT NOT NULL,
	theme TEXT NOT NULL DEFAULT '',
	held_at INTEGER NOT NULL,
	ends_at INTEGER NOT NULL,
	day INTEGER NOT NULL,
	month_key INTEGER NOT NULL,
	quarter_key INTEGER NOT NULL,
	year INTEGER NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	topic TEXT NOT NULL DEFAULT '',
	host_id INTEGER REFERENCES member(id),
	recorder_id INTEGER REFERENCES member(id),
	lecturer TEXT NOT NULL DEFAULT '',
	minutes TEXT NOT NULL DEFAULT '',
	expected INTEGER NOT NULL DEFAULT 0,
	present INTEGER NOT NULL DEFAULT 0,
	quorum_ok INTEGER,
	committee_n INTEGER NOT NULL DEFAULT 0,
	committee_present INTEGER NOT NULL DEFAULT 0,
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
-- Compliance counts meetings of a year by organization, kind and month.
CREATE INDEX meeting_year_org ON meeting(year, org_id, kind, month_key);
CREATE INDEX meeting_org_held ON meeting(org_id, held_at);
CREATE INDEX meeting_path_held ON meeting(org_path, held_at);

CREATE TABLE attendance (
	meeting_id INTEGER NOT NULL REFERENCES meeting(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	status TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	via TEXT NOT NULL DEFAULT 'manual',
	signed_at INTEGER,
	PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX attendance_member ON attendance(member_id, meeting_id);

CREATE TABLE meeting_file (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meeting(id),
	name TEXT NOT NULL,
	mime TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	stored_as TEXT NOT NULL,
	uploaded_by INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX meeting_file_meeting ON meeting_file(meeting_id);

CREATE TABLE meeting_plan (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	kind TEXT NOT NULL,
	theme TEXT NOT NULL DEFAULT '',
	planned_on TEXT NOT NULL,
	month_key INTEGER NOT NULL,
	year INTEGER NOT NULL,
	topic TEXT NOT NULL DEFAULT '',
	meeting_id INTEGER REFERENCES meeting(id),
	created_at INTEGER NOT NULL
);
CREATE INDEX meeting_plan_org ON meeting_plan(org_id, year, month_key);

-- Branch committee members (ORG-05) over time; quorum (ORG-11) counts the
-- committee on the meeting's day.
CREATE TABLE org_committee (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	post TEXT NOT NULL,
	from_on TEXT NOT NULL,
	to_on TEXT
);
CREATE INDEX org_committee_org ON org_committee(org_id, from_on);

-- ORG-16: one grade per member per appraisal.
CREATE TABLE appraisal_grade (
	meeting_id INTEGER NOT NULL REFERENCES meeting(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	grade TEXT NOT NULL,
	PRIMARY KEY (meeting_id, member_id)
);

-- ORG-17: talks as pairs.
CREATE TABLE talk_pair (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meeting(id),
	a_member_id INTEGER NOT NULL REFERENCES member(id),
	b_member_id INTEGER NOT NULL REFERENCES member(id),
	pair_kind TEXT NOT NULL
);
CREATE INDEX talk_pair_meeting ON talk_pair(meeting_id);

-- A requirement waived for one organization and period, with the reason.
CREATE TABLE compliance_exemption (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	rule TEXT NOT NULL,
	period TEXT NOT NULL,
	reason TEXT NOT NULL,
	created_by INTEGER,
	created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX compliance_exemption_key ON compliance_exemption(org_id, rule, period);
