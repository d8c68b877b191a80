-- Attached files of every area in one table (issue 19). owner_kind names
-- the registered owner (src/attach/registry.c: 'meeting', 'finding' …),
-- owner_id its row; part is what the owner makes of it (an applicant's
-- step, a finding's submission; 0 none). The bytes stay where they were,
-- under the files folder by stored_as; a copy (a revised inspection) may
-- share them, so they go only with the last row naming them.
-- AUTOINCREMENT: an id is never given twice (a replaced or deleted file's
-- id in an audit row or an old link never names another file).
-- legacy is 'meeting_file:12' for a row moved from an older table: that
-- table's audit rows name the file so (audit rows are never rewritten).
CREATE TABLE attachment (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	owner_kind TEXT NOT NULL,
	owner_id INTEGER NOT NULL,
	part INTEGER NOT NULL DEFAULT 0,
	name TEXT NOT NULL,
	mime TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	stored_as TEXT NOT NULL,
	uploaded_by INTEGER,
	at INTEGER NOT NULL,
	legacy TEXT
);
CREATE INDEX attachment_owner ON attachment(owner_kind, owner_id, part, id);
CREATE INDEX attachment_stored ON attachment(stored_as);

-- Meetings' files keep their ids: GET /api/v1/files/{id} served them
-- before, and study_item.meeting_file_id names them.
INSERT INTO attachment (id, owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT id, 'meeting', meeting_id, 0, name, mime, size, sha256, stored_as, uploaded_by, at,
	'meeting_file:' || id
FROM meeting_file ORDER BY id;
