-- 0012: membership development (issue 5, RULES.md section 2, DEV-T1..T4):
-- a person tracked from application (step 1) to full membership (step
-- 25) through the 25 steps; the holiday calendar for working-day rules.

-- A person in the pipeline. The ID number is sealed like member.id_card
-- (SEC-09). step is the last step done; next_step/next_due are kept with
-- every write so boards and alerts read one indexed row. status: pipeline
-- (steps 1-16), probationary (admitted: step 17 approved), full,
-- disqualified, ended (政审 failed or withdrawn).
CREATE TABLE applicant (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	name TEXT NOT NULL,
	gender TEXT NOT NULL,
	birth_date TEXT NOT NULL,
	id_card_enc BLOB NOT NULL,
	id_card_idx BLOB NOT NULL,
	id_card_mask TEXT NOT NULL,
	ethnicity TEXT NOT NULL DEFAULT '',
	education TEXT NOT NULL DEFAULT '',
	post TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL,
	status TEXT NOT NULL,
	step INTEGER NOT NULL DEFAULT 0,
	applied_on TEXT NOT NULL,
	activist_on TEXT,
	target_on TEXT,
	admitted_on TEXT,
	probation_end TEXT,
	extended INTEGER NOT NULL DEFAULT 0,
	converted_on TEXT,
	end_reason TEXT NOT NULL DEFAULT '',
	next_step INTEGER,
	next_due TEXT,
	member_id INTEGER REFERENCES member(id),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX applicant_path ON applicant(org_path, status);
CREATE INDEX applicant_idx ON applicant(id_card_idx);
CREATE INDEX applicant_due ON applicant(next_due);

-- One recorded step. warning holds a soft rule's message (RULES.md "一般"),
-- rule its ID. The branch-assembly vote (steps 15, 23) is kept per
-- candidate: expected voters, present, yes votes, written opinions.
CREATE TABLE applicant_step (
	id INTEGER PRIMARY KEY,
	applicant_id INTEGER NOT NULL REFERENCES applicant(id),
	step INTEGER NOT NULL,
	done_on TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	outcome TEXT NOT NULL DEFAULT '',
	rule TEXT NOT NULL DEFAULT '',
	warning TEXT NOT NULL DEFAULT '',
	days INTEGER,
	hours INTEGER,
	expected INTEGER,
	present INTEGER,
	yes_votes INTEGER,
	written INTEGER,
	extend_months INTEGER,
	notice_from TEXT,
	notice_to TEXT,
	actor_id INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX applicant_step_applicant ON applicant_step(applicant_id, step);

-- The people of a step: talker, contact (培养联系人), sponsor (介绍人).
CREATE TABLE applicant_person (
	id INTEGER PRIMARY KEY,
	step_id INTEGER NOT NULL REFERENCES applicant_step(id),
	applicant_id INTEGER NOT NULL REFERENCES applicant(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	role TEXT NOT NULL
);
CREATE INDEX applicant_person_step ON applicant_person(step_id);

-- Documents of a step (申请书, 思想汇报, 政审材料, 志愿书...), stored like
-- meeting files: under the files folder by a random name.
CREATE TABLE applicant_file (
	id INTEGER PRIMARY KEY,
	applicant_id INTEGER NOT NULL REFERENCES applicant(id),
	step INTEGER NOT NULL,
	name TEXT NOT NULL,
	mime TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	stored_as TEXT NOT NULL,
	uploaded_by INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX applicant_file_applicant ON applicant_file(applicant_id);

-- The holiday calendar as edited (PUT /api/v1/holidays/{year}); a year
-- without rows falls back to the shipped file conf/holidays/<year>.txt.
-- kind: off (放假) or work (调休上班).
CREATE TABLE holiday (
	day TEXT PRIMARY KEY,
	year INTEGER NOT NULL,
	kind TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX holiday_by_year ON holiday(year);
CREATE TABLE holiday_year (
	year INTEGER PRIMARY KEY,
	updated_by INTEGER,
	updated_at INTEGER NOT NULL
);
