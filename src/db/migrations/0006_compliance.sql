-- 0006: compliance and alerts (issue 3). Full members per branch for the
-- committee rule (ORG-05) straight from an index; committee meetings that
-- missed their quorum (ORG-11) without reading every meeting.
CREATE INDEX member_full_org ON member(state, status, org_path, org_id);
CREATE INDEX meeting_no_quorum ON meeting(year, org_path) WHERE quorum_ok = 0;
