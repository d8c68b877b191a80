-- Inspections' evidence files move onto the attachments (issue 19; owner
-- 'inspection', src/supervise/inspection_files.c). As 0031: a file keeps
-- its id where it is free, the others get ids above every old one, so
-- GET /api/v1/inspection-files/{id} finds a link made before the upgrade
-- by its id or by legacy 'inspection_file:<old id>' (also the name the
-- audit rows of entity 'inspection_file' speak of; audit rows are never
-- rewritten). A revised inspection's copies keep sharing their bytes
-- (stored_as), which the attachments allow: the bytes go with the last row
-- naming them.
INSERT INTO attachment (id, owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT id, 'inspection', inspection_id, 0, name, mime, size, sha256, stored_as, uploaded_by,
	at, 'inspection_file:' || id
FROM inspection_file WHERE id NOT IN (SELECT id FROM attachment) ORDER BY id;

INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'inspection', inspection_id, 0, name, mime, size, sha256, stored_as, uploaded_by, at,
	'inspection_file:' || id
FROM inspection_file f WHERE NOT EXISTS (SELECT 1 FROM attachment a
	WHERE a.legacy = 'inspection_file:' || f.id) ORDER BY id;

DROP TABLE inspection_file;
