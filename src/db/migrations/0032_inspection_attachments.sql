-- Inspections' evidence files move onto the attachments (issue 19; owner
-- 'inspection', src/supervise/inspection_files.c). New ids; legacy
-- 'inspection_file:<old id>' names the row the audit rows of entity
-- 'inspection_file' speak of (audit rows are never rewritten). A revised
-- inspection's copies keep sharing their bytes (stored_as), which the
-- attachments allow: the bytes go with the last row naming them.
INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'inspection', inspection_id, 0, name, mime, size, sha256, stored_as, uploaded_by, at,
	'inspection_file:' || id
FROM inspection_file ORDER BY id;

DROP TABLE inspection_file;
