-- Applicants' step documents move into attachment (issue 19): owner
-- 'applicant', owner_id the applicant, part the step (1..25). A file keeps
-- its id where no attachment has it yet, the others get ids above every
-- old one (as 0031), so GET /api/v1/applicant-files/{id} finds a link made
-- before the upgrade by its id or by legacy; legacy keeps
-- 'applicant_file:<old id>', the name the old audit rows use (entity
-- applicant_file; audit rows are never rewritten). The bytes stay where
-- they are (stored_as).
INSERT INTO attachment (id, owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT id, 'applicant', applicant_id, step, name, mime, size, sha256, stored_as, uploaded_by, at,
	'applicant_file:' || id
FROM applicant_file WHERE id NOT IN (SELECT id FROM attachment) ORDER BY id;

INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'applicant', applicant_id, step, name, mime, size, sha256, stored_as, uploaded_by, at,
	'applicant_file:' || id
FROM applicant_file f WHERE NOT EXISTS (SELECT 1 FROM attachment a
	WHERE a.legacy = 'applicant_file:' || f.id) ORDER BY id;

DROP TABLE applicant_file;
