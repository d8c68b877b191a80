-- The study library's files (issue 19).
--
-- An item's own file moves into attachment: owner 'library', owner_id the
-- item, part 0 (one file: an upload replaces it). New ids; legacy keeps
-- 'study_item:<id>', the entity of the old 'upload' audit rows (never
-- rewritten), whose latest gives the uploader and the time (else the
-- item's author and its last change). The bytes stay where they are.
INSERT INTO attachment (owner_kind, owner_id, part, name, mime, size, sha256, stored_as,
	uploaded_by, at, legacy)
SELECT 'library', i.id, 0, COALESCE(i.file_name, 'file'),
	COALESCE(i.file_mime, 'application/octet-stream'), COALESCE(i.file_size, 0),
	COALESCE(i.file_sha256, ''), i.stored_as,
	COALESCE((SELECT a.actor_id FROM audit a WHERE a.entity = 'study_item'
		AND a.entity_id = i.id AND a.action = 'upload' ORDER BY a.id DESC LIMIT 1),
		i.created_by),
	COALESCE((SELECT a.at FROM audit a WHERE a.entity = 'study_item'
		AND a.entity_id = i.id AND a.action = 'upload' ORDER BY a.id DESC LIMIT 1),
		i.updated_at),
	'study_item:' || i.id
FROM study_item i WHERE i.stored_as IS NOT NULL ORDER BY i.id;

-- An item may instead name a meeting's file. Meetings' files kept their
-- ids in 0030, so the reference moves as it is, now to the attachment
-- (and, when that file is deleted, the item simply has none).
ALTER TABLE study_item ADD COLUMN meeting_attachment_id INTEGER
	REFERENCES attachment(id) ON DELETE SET NULL;
UPDATE study_item SET meeting_attachment_id = meeting_file_id
WHERE meeting_file_id IN (SELECT id FROM attachment WHERE owner_kind = 'meeting');

-- study_item.meeting_file_id is dead from here on, always NULL, and so is
-- the table it names: SQLite cannot drop a column used in a foreign key
-- (REFERENCES meeting_file), and while that clause stands every INSERT or
-- UPDATE of study_item needs the table meeting_file to exist (even for a
-- NULL), so meeting_file stays, emptied (0030 copied its rows with their
-- ids). Rebuilding study_item to lose both is not possible inside this
-- migration's transaction: foreign keys are on, and study_plan_item and
-- study_record reference study_item. Nothing reads or writes either.
UPDATE study_item SET meeting_file_id = NULL WHERE meeting_file_id IS NOT NULL;
DELETE FROM meeting_file;

-- The item's old file columns (plain columns: SQLite drops them).
ALTER TABLE study_item DROP COLUMN file_name;
ALTER TABLE study_item DROP COLUMN file_mime;
ALTER TABLE study_item DROP COLUMN file_size;
ALTER TABLE study_item DROP COLUMN file_sha256;
ALTER TABLE study_item DROP COLUMN stored_as;
