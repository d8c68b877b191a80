-- 0019: an incoming transfer may bring the member's record with its letter
-- (create on arrival, XFER-01): the member is stored as 'incoming' in the
-- receiving branch and becomes active only on receipt. new_member marks the
-- transfers whose member record was created that way.
ALTER TABLE transfer ADD COLUMN new_member INTEGER NOT NULL DEFAULT 0;
