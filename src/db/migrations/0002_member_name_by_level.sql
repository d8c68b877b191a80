-- 0002: a district's or a school's members in name order straight from an
-- index (issue 2 benchmark). org_path is "/" + 11 characters per level, so
-- its first 12 characters name the district committee (depth 0) and its
-- first 23 the party committee (depth 1). Listing a subtree rooted at those
-- depths filters on equality with the prefix (auth/scope.c) and reads the
-- page in order instead of sorting the whole subtree.
CREATE INDEX member_l0_name ON member(state, substr(org_path, 1, 12), name, id);
CREATE INDEX member_l1_name ON member(state, substr(org_path, 1, 23), name, id);
