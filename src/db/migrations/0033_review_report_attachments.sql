-- The reports' files (述职报告, EVAL-02) move onto the attachments (issue
-- 19; owner 'review_report', src/supervise/review_files.c): the owner is
-- the review_subject row, the file its one attachment. The old columns
-- kept neither size nor checksum: size -1 marks them unknown here and the
-- migration's C step (migrate.c: attach_fill_unknown) reads each file to
-- fill both. legacy 'review_round:<round id>' names the round whose audit
-- rows (action 'report_file') speak of the file (audit rows are never
-- rewritten); the uploader was the secretary.
INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'review_report', id, 0, COALESCE(report_name, 'report'),
	COALESCE(report_type, 'application/octet-stream'), -1, '', report_file, secretary_id,
	COALESCE(report_at, 0), 'review_round:' || round_id
FROM review_subject WHERE report_file IS NOT NULL ORDER BY id;

ALTER TABLE review_subject DROP COLUMN report_file;
ALTER TABLE review_subject DROP COLUMN report_type;
ALTER TABLE review_subject DROP COLUMN report_name;
