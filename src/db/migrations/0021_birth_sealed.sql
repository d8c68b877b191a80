-- 0021 (issue 10 hole 1; PI-06, SEC-09): a masked ID number hides exactly
-- its eight birth-date digits, so the birth date is sealed like the number
-- (XSalsa20-Poly1305 under the key file, no blind index: nothing looks a
-- person up by birth date). The keyed part of this migration runs in C in
-- the same transaction (party/birth.c, birth_upgrade): it seals every
-- plaintext birth_date into birth_enc, drops the plaintext columns, removes
-- birth dates from the audit rows' before/after JSON and re-chains the
-- audit from the first row it rewrote.
ALTER TABLE member ADD COLUMN birth_enc BLOB;
ALTER TABLE applicant ADD COLUMN birth_enc BLOB;
