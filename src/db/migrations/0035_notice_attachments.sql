-- Notices' files move into attachment (issue 19): owner 'notice', owner_id
-- the notice, part 0. A file keeps its id where no attachment has it yet,
-- the others get ids above every old one (as 0031), so
-- /api/v1/notice-files/{id} finds a link made before the upgrade by its id
-- or by legacy; legacy keeps 'notice_file:<old id>', the name the old
-- audit rows use (entity notice_file; audit rows are never rewritten). The bytes stay where they are (stored_as).
INSERT INTO attachment (id, owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT id, 'notice', notice_id, 0, name, mime, size, sha256, stored_as, uploaded_by, at,
	'notice_file:' || id
FROM notice_file WHERE id NOT IN (SELECT id FROM attachment) ORDER BY id;

INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'notice', notice_id, 0, name, mime, size, sha256, stored_as, uploaded_by, at,
	'notice_file:' || id
FROM notice_file f WHERE NOT EXISTS (SELECT 1 FROM attachment a
	WHERE a.legacy = 'notice_file:' || f.id) ORDER BY id;

DROP TABLE notice_file;
