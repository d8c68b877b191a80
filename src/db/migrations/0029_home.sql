-- 0029: the home page's members trend (issue 12) from indexes, without
-- reading the member table: members who joined after a day (with their
-- state, path and status) and members whose state changed after a day
-- (state_on: transferred out, stopped, removed, deceased). See
-- src/home/home_store.c. Neither begins with state, so no query of active
-- members (lists, totals, the dues ledger) is drawn to them.
CREATE INDEX member_joined ON member(joined_on, state, org_path, status);
CREATE INDEX member_left ON member(state_on, state, org_path, joined_on);
