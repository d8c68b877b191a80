-- Findings' evidence files move onto the attachments (issue 19; owner
-- 'finding', src/supervise/finding_files.c). A file keeps its id where no
-- attachment has it yet; the others get ids above every old one, so
-- GET/DELETE /api/v1/finding-files/{id} (attach_legacy_id) finds a link
-- made before the upgrade by its id or by legacy 'finding_file:<old id>',
-- never another file. legacy also names the row the audit rows of entity
-- 'finding_file' speak of (audit rows are never rewritten). part is the
-- evidence row of the submission that took the file, 0 while pending. The
-- bytes stay where they are (stored_as).
INSERT INTO attachment (id, owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT id, 'finding', finding_id, COALESCE(evidence_id, 0), name, mime, size, sha256,
	stored_as, uploaded_by, at, 'finding_file:' || id
FROM finding_file WHERE id NOT IN (SELECT id FROM attachment) ORDER BY id;

INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'finding', finding_id, COALESCE(evidence_id, 0), name, mime, size, sha256, stored_as,
	uploaded_by, at, 'finding_file:' || id
FROM finding_file f WHERE NOT EXISTS (SELECT 1 FROM attachment a
	WHERE a.legacy = 'finding_file:' || f.id) ORDER BY id;

DROP TABLE finding_file;
