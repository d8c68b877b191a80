-- Notices' files move into attachment (issue 19): owner 'notice', owner_id
-- the notice, part 0. New ids; legacy keeps 'notice_file:<old id>', the
-- name the old audit rows use (entity notice_file; audit rows are never
-- rewritten). The bytes stay where they are (stored_as).
INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'notice', notice_id, 0, name, mime, size, sha256, stored_as, uploaded_by, at,
	'notice_file:' || id
FROM notice_file ORDER BY id;

DROP TABLE notice_file;
