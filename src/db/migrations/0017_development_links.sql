-- 0017: links between the development registers (issue 5 follow-up).
-- A dual-cultivation outcome joined_pipeline names the applicant it
-- created or linked (one source: the register row points at the person);
-- a step decided by a branch assembly (steps 15, 23) may name the meeting
-- record whose attendance checked the quorum.
ALTER TABLE cultivation ADD COLUMN applicant_id INTEGER REFERENCES applicant(id);
CREATE INDEX cultivation_applicant ON cultivation(applicant_id);
ALTER TABLE applicant_step ADD COLUMN meeting_id INTEGER REFERENCES meeting(id);
-- A studio closes (撤销) on a day: its current members leave with it and
-- it takes no more records; it stays listed with its history.
ALTER TABLE studio ADD COLUMN closed_on TEXT;
