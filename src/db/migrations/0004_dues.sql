-- 0004: party dues (issue 3, RULES.md DUES-*). Amounts are integer fen;
-- months are integer keys YYYYMM.

-- A member's dues setting from a month on; the latest from_month not after
-- a month applies to it. monthly_fen is computed by the rules when saved
-- (DUES-02/04/05) and kept, with reduced_fen when a reduction or waiver
-- was approved (DUES-06).
CREATE TABLE dues_setting (
	id INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES member(id),
	category TEXT NOT NULL,
	base_fen INTEGER NOT NULL DEFAULT 0,
	from_month INTEGER NOT NULL,
	monthly_fen INTEGER NOT NULL,
	rule TEXT NOT NULL,
	reduced_fen INTEGER,
	approval TEXT NOT NULL DEFAULT '',
	created_by INTEGER,
	created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX dues_setting_member_month ON dues_setting(member_id, from_month);

-- One payment per member and month (a back-payment names the month it
-- pays for; DUES-08 limits how far back). extra_fen is voluntary (DUES-10).
CREATE TABLE dues_payment (
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
	created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX dues_payment_member_month ON dues_payment(member_id, month_key);
CREATE INDEX dues_payment_path_month ON dues_payment(org_path, month_key);
