-- 0005: formal transfers of membership records (issue 3, RULES.md XFER-01,
-- 03, 04): draft -> approved -> in_transit -> received | returned -> done.
CREATE TABLE transfer (
	id INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES member(id),
	direction TEXT NOT NULL,
	from_org_id INTEGER REFERENCES org(id),
	from_org_path TEXT,
	to_org_id INTEGER REFERENCES org(id),
	to_org_path TEXT,
	outside_org TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	letter_no TEXT NOT NULL DEFAULT '',
	valid_until TEXT,
	dues_paid_to INTEGER,
	sent_on TEXT,
	received_on TEXT,
	receipt_due TEXT,
	returned_reason TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX transfer_member ON transfer(member_id);
CREATE INDEX transfer_from ON transfer(from_org_path, state);
CREATE INDEX transfer_to ON transfer(to_org_path, state);

CREATE TABLE transfer_event (
	id INTEGER PRIMARY KEY,
	transfer_id INTEGER NOT NULL REFERENCES transfer(id),
	state TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	actor_id INTEGER,
	at INTEGER NOT NULL
);
CREATE INDEX transfer_event_transfer ON transfer_event(transfer_id);
