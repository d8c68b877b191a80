-- 0029: the home page's members trend (issue 12) from indexes, without
-- reading the member table: members who joined after a day (their join
-- month, state, path, status) and members who left after a day (transferred
-- out, stopped, removed, deceased: the day is state_on). See
-- src/home/home_store.c.
CREATE INDEX member_joined ON member(joined_on, state, org_path, status);
CREATE INDEX member_left ON member(state, state_on, org_path, joined_on);
