-- 0024: two-factor login (SEC-04). A user's TOTP secret is sealed with the
-- key file like ID numbers (base32 text in a secretbox); totp_last_step is
-- the last time step a code was accepted for, so no code works twice
-- (RFC 6238 §5.2). Recovery codes are kept only as keyed hashes, each used
-- once. A pending login is the step between a right password and its code:
-- a keyed hash of a short-lived token, never a session; purpose 'enrol'
-- marks a logged-in user's enrolment by choice, which opens no session.
ALTER TABLE app_user ADD COLUMN totp_secret BLOB;
ALTER TABLE app_user ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

CREATE TABLE mfa_recovery (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	code_hash TEXT NOT NULL,
	used_at INTEGER
);
CREATE INDEX mfa_recovery_user ON mfa_recovery(user_id, code_hash);

CREATE TABLE mfa_pending (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	secret BLOB,
	purpose TEXT NOT NULL DEFAULT 'login',
	created_at INTEGER NOT NULL,
	address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mfa_pending_user ON mfa_pending(user_id);
