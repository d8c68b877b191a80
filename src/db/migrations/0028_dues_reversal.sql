-- 0028: a dues payment recorded by mistake is reversed by moving
-- its row here with the reason, in one transaction with its audit row.
-- Moving (rather than flagging) keeps every reader of dues_payment (the
-- ledger, arrears, the alert centre, the assessment, the yearly ledger)
-- counting only payments that stand, with no filter to forget, and frees
-- the member's month for the correct payment. The payment keeps its id;
-- new payments take ids above every id here (dues_store.c), so an id
-- names one payment for good.
CREATE TABLE dues_payment_reversed (
	id INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES member(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	org_path TEXT NOT NULL,
	month_key INTEGER NOT NULL,
	amount_fen INTEGER NOT NULL,
	extra_fen INTEGER NOT NULL DEFAULT 0,
	paid_on TEXT NOT NULL,
	method TEXT NOT NULL,
	recorded_by INTEGER,
	created_at INTEGER NOT NULL,
	reason TEXT NOT NULL,
	reversed_by INTEGER,
	reversed_at INTEGER NOT NULL
);
CREATE INDEX dues_payment_reversed_member ON dues_payment_reversed(member_id, month_key);
