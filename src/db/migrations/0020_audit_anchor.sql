-- 0020: the audit chain's second canonical text and its re-chain records (issue 10, hole 6).
-- Rows written before this keep chain 1 (fields joined by '|'); rows from now on are chain 2
-- (every field length-prefixed, so no field's content can shift another's).
ALTER TABLE audit ADD COLUMN chain INTEGER NOT NULL DEFAULT 1;
-- An upgrade that rewrites audit rows (personal data taken out) recomputes their macs from
-- from_id to to_id with the key and records it here; mac covers the record and the new mac of
-- row to_id, so a record cannot be made or moved without the key.
CREATE TABLE audit_rechain (
	id INTEGER PRIMARY KEY,
	from_id INTEGER NOT NULL,
	to_id INTEGER NOT NULL,
	at INTEGER NOT NULL,
	reason TEXT NOT NULL,
	mac TEXT NOT NULL
);
