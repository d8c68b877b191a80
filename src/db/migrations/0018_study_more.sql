-- 0018: year-end gaps of exchange and study, dual creation (issue 6).
-- A clean-school self-check may be saved as a draft (seen only by its
-- school's side) and submitted; existing checks were submitted.
ALTER TABLE clean_check ADD COLUMN state TEXT NOT NULL DEFAULT 'submitted';
ALTER TABLE clean_check ADD COLUMN submitted_at INTEGER;
