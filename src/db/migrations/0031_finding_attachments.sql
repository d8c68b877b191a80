-- Findings' evidence files move onto the attachments (issue 19; owner
-- 'finding', src/supervise/finding_files.c). New ids (meetings' files kept
-- theirs); legacy 'finding_file:<old id>' names the row the audit rows of
-- entity 'finding_file' speak of (audit rows are never rewritten). part is
-- the evidence row of the submission that took the file, 0 while pending.
-- The bytes stay where they are (stored_as).
INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'finding', finding_id, COALESCE(evidence_id, 0), name, mime, size, sha256, stored_as,
	uploaded_by, at, 'finding_file:' || id
FROM finding_file ORDER BY id;

DROP TABLE finding_file;
