-- Issue 16: a move made by a roster import says so in the member's
-- history ("调入 … （导入 roster.xlsx）"); NULL for moves made by hand.
ALTER TABLE member_org_history ADD COLUMN note TEXT;
