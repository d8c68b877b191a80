-- Applicants' step documents move into attachment (issue 19): owner
-- 'applicant', owner_id the applicant, part the step (1..25). The rows get
-- new ids (attachment ids are shared by every owner); legacy keeps
-- 'applicant_file:<old id>', the name the old audit rows use (entity
-- applicant_file; audit rows are never rewritten). The bytes stay where
-- they are (stored_as).
INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'applicant', applicant_id, step, name, mime, size, sha256, stored_as, uploaded_by, at,
	'applicant_file:' || id
FROM applicant_file ORDER BY id;

DROP TABLE applicant_file;
