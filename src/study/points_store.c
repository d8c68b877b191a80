/* points_store.c: the points rules table (district staff edit it), the
 * leaderboards and a member's own points and ranks, all in SQL. */
#include "core/common.h"
#include "study/study.h"

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "party/org.h"
#include "study/points.h"

enum err
study_rules_list(struct db *db, void (*fn)(void *ctx, const struct points_rule *r,
    int64_t updated_at), void *ctx)
{
	struct db_rows r;
	enum err e;

	/* Rules are the same for every organization: any user may read them. */
	e = db_query(db, &r, "SELECT kind, per_record, block_minutes, per_block, daily_cap, enabled,"
	    " updated_at FROM study_point_rule ORDER BY kind", DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct points_rule x = { db_text(&r, 0), db_i64(&r, 1), db_i64(&r, 2), db_i64(&r, 3),
			db_i64(&r, 4), (int)db_i64(&r, 5) };

		fn(ctx, &x, db_i64(&r, 6));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static void
rule_json(char *out, size_t n, const struct points_rule *r)
{
	snprintf(out, n, "{\"kind\":\"%s\",\"per_record\":%" PRId64 ",\"block_minutes\":%" PRId64
	    ",\"per_block\":%" PRId64 ",\"daily_cap\":%" PRId64 ",\"enabled\":%s}", r->kind,
	    r->per_record, r->block_minutes, r->per_block, r->daily_cap,
	    r->enabled ? "true" : "false");
}

static enum err
rule_before(struct db *db, const char *kind, char *out, size_t n)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT per_record, block_minutes, per_block, daily_cap, enabled"
	    " FROM study_point_rule WHERE kind = ?", DB_TEXT(kind), DB_END);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		struct points_rule x = { kind, db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2),
			db_i64(&r, 3), (int)db_i64(&r, 4) };

		rule_json(out, n, &x);
	}
	db_rows_close(&r);
	return e;
}

enum err
study_rule_set(struct db *db, const struct who *w, const struct points_rule *r,
    struct problem *pb)
{
	char before[256] = "", after[256];
	enum err e;

	if ((e = points_rule_check(r, pb)))
		return e;
	if ((e = db_begin(db)))
		return e;
	e = rule_before(db, r->kind, before, sizeof(before));
	if (e == ERR_NOT_FOUND)
		e = problem_field(pb, "kind", "没有这种学习方式的积分规则");
	if (!e)
		e = db_exec(db, "UPDATE study_point_rule SET per_record = ?, block_minutes = ?,"
		    " per_block = ?, daily_cap = ?, enabled = ?, updated_by = ?, updated_at = ?"
		    " WHERE kind = ?", DB_I64(r->per_record), DB_I64(r->block_minutes),
		    DB_I64(r->per_block), DB_I64(r->daily_cap), DB_I64(r->enabled),
		    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_TEXT(r->kind),
		    DB_END);
	rule_json(after, sizeof(after), r);
	if (!e)
		e = audit_write(db, w, "update", "study_point_rule", 0, before, after, 1);
	return db_end(db, e);
}

/* Each active member of the subtree [path, up) with their counted points,
 * records and minutes in year. */
#define TOTALS_SQL "SELECT m.id AS member_id, m.name AS name, o.name AS org_name," \
	" COALESCE(SUM(r.points), 0) AS points, COUNT(r.id) AS records," \
	" COALESCE(SUM(r.minutes), 0) AS minutes FROM member m JOIN org o ON o.id = m.org_id" \
	" LEFT JOIN study_record r ON r.member_id = m.id AND r.status = 'counted'" \
	" AND r.year = ? WHERE m.state = 'active' AND m.org_path >= ? AND m.org_path < ?" \
	" GROUP BY m.id, m.name, o.name"

/* Points only, grouped by member alone: with the names and the org join
 * of TOTALS_SQL the planner walks every active member by name
 * (member_state_name) instead of the subtree's path range. Same binds. */
#define POINTS_SQL "SELECT m.id AS member_id, COALESCE(SUM(r.points), 0) AS points" \
	" FROM member m LEFT JOIN study_record r ON r.member_id = m.id AND r.status = 'counted'" \
	" AND r.year = ? WHERE m.state = 'active' AND m.org_path >= ? AND m.org_path < ?" \
	" GROUP BY m.id"

/* The organization a board covers: org_id, else the caller's first scope
 * root, else the top; ERR_NOT_FOUND when out of scope. */
static enum err
board_anchor(struct db *db, const struct who *w, int64_t org_id, struct arena *a, struct org *o)
{
	enum err e;

	if (!org_id && w->nscope)
		org_id = w->scope_ids[0];
	if (!org_id && (e = db_get_i64(db, &org_id, "SELECT MIN(id) FROM org WHERE parent_id"
	    " IS NULL", DB_END)))
		return e;
	return org_get(db, w, org_id, a, o);
}

enum err
points_leaderboard(struct db *db, const struct who *w, int64_t org_id, int64_t year,
    int64_t page, int64_t per_page, void (*fn)(void *ctx, const struct points_row *r),
    void *ctx, int64_t *total)
{
	struct arena a = ARENA_INIT;
	struct db_rows r;
	char up[256];
	struct org o;
	enum err e;

	if ((e = board_anchor(db, w, org_id, &a, &o)))
		goto out;
	scope_path_upper(o.path, up);
	e = db_get_i64(db, total, "SELECT COUNT(*) FROM member WHERE state = 'active' AND"
	    " org_path >= ? AND org_path < ?", DB_TEXT(o.path), DB_TEXT(up), DB_END);
	if (e)
		goto out;
	/* Competition ranking: ties share a rank and the next rank skips (1,1,3). */
	e = db_query(db, &r, "SELECT RANK() OVER (ORDER BY t.points DESC), t.member_id, t.points,"
	    " t.records, t.minutes, t.name, t.org_name FROM (" TOTALS_SQL ") t"
	    " ORDER BY t.points DESC, t.name, t.member_id LIMIT ? OFFSET ?", DB_I64(year),
	    DB_TEXT(o.path), DB_TEXT(up), DB_I64(per_page), DB_I64((page - 1) * per_page), DB_END);
	if (e)
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct points_row x = { db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2), db_i64(&r, 3),
			db_i64(&r, 4), db_text(&r, 5), db_text(&r, 6) };

		fn(ctx, &x);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&a);
	return e;
}

/* The member's rank among the active members of the subtree at path:
 * 1 + how many have more points; *size gets how many there are. */
static enum err
rank_in(struct db *db, const char *path, int64_t year, int64_t mine, int64_t *rank,
    int64_t *size)
{
	char up[256];
	enum err e;

	scope_path_upper(path, up);
	e = db_get_i64(db, rank, "SELECT 1 + COUNT(*) FROM (" POINTS_SQL ") t WHERE t.points > ?",
	    DB_I64(year), DB_TEXT(path), DB_TEXT(up), DB_I64(mine), DB_END);
	if (!e)
		e = db_get_i64(db, size, "SELECT COUNT(*) FROM member WHERE state = 'active' AND"
		    " org_path >= ? AND org_path < ?", DB_TEXT(path), DB_TEXT(up), DB_END);
	return e;
}

/* The school's organization: the ancestor at depth 1 (the school's party
 * organization under the district), or the branch itself when shallower. */
static void
school_path(const char *path, char *out, size_t n)
{
	int slashes = 0;
	size_t i;

	for (i = 0; path[i]; i++)
		if (path[i] == '/' && ++slashes == 3)
			break;
	snprintf(out, n, "%.*s", (int)(path[i] ? i + 1 : i), path);
}

static enum err
org_of_path(struct db *db, const char *path, struct arena *a, int64_t *id, const char **name)
{
	struct db_rows r;
	enum err e;

	if ((e = db_query(db, &r, "SELECT id, name FROM org WHERE path = ?", DB_TEXT(path), DB_END)))
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		*id = db_i64(&r, 0);
		*name = arena_strdup(a, db_text(&r, 1));
	}
	db_rows_close(&r);
	return e;
}

static enum err
my_totals(struct db *db, int64_t member_id, int64_t year, struct arena *a, struct points_me *me,
    const char **path)
{
	struct db_rows r;
	enum err e;

	e = db_query(db, &r, "SELECT m.name, m.org_path, COALESCE(SUM(CASE WHEN r.status ="
	    " 'counted' THEN r.points END), 0), COUNT(r.id), COALESCE(SUM(r.minutes), 0),"
	    " COALESCE(SUM(CASE WHEN r.status = 'flagged' THEN 1 END), 0) FROM member m LEFT JOIN"
	    " study_record r ON r.member_id = m.id AND r.year = ? WHERE m.id = ?"
	    " GROUP BY m.name, m.org_path", DB_I64(year), DB_I64(member_id), DB_END);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		me->name = arena_strdup(a, db_text(&r, 0));
		*path = arena_strdup(a, db_text(&r, 1));
		me->points = db_i64(&r, 2);
		me->records = db_i64(&r, 3);
		me->minutes = db_i64(&r, 4);
		me->flagged = db_i64(&r, 5);
	}
	db_rows_close(&r);
	return e;
}

enum err
points_me(struct db *db, const struct who *w, int64_t year, struct arena *a,
    struct points_me *me)
{
	const char *path = NULL;
	char school[256];
	enum err e;

	if (!w->member_id)
		return ERR_NOT_FOUND;
	me->member_id = w->member_id;
	if ((e = my_totals(db, w->member_id, year, a, me, &path)))
		return e;
	school_path(path, school, sizeof(school));
	if ((e = org_of_path(db, path, a, &me->branch_id, &me->branch_name)) ||
	    (e = org_of_path(db, school, a, &me->school_id, &me->school_name)))
		return e;
	if ((e = rank_in(db, path, year, me->points, &me->branch_rank, &me->branch_size)))
		return e;
	return rank_in(db, school, year, me->points, &me->school_rank, &me->school_size);
}

/* STUDY-07: organizations ranked against each other. u: the organizations
 * of the level inside [path, up) with their own subtree's upper bound;
 * mt: each active member's counted points and minutes in year; per member
 * in tenths, half up, computed with integers so both backends agree. */
#define ORG_UNITS_SQL(cond) "SELECT o.id, o.name, o.path," \
	" SUBSTR(o.path, 1, LENGTH(o.path) - 1) || '0' AS up FROM org o WHERE " cond \
	" AND o.path >= ? AND o.path < ?"
#define ORG_TOTALS_SQL(cond) "SELECT u.id, u.name, COUNT(mt.member_id) AS members," \
	" COALESCE(SUM(CASE WHEN mt.records > 0 THEN 1 ELSE 0 END), 0) AS studied," \
	" COALESCE(SUM(mt.points), 0) AS points, COALESCE(SUM(mt.minutes), 0) AS minutes" \
	" FROM (" ORG_UNITS_SQL(cond) ") u LEFT JOIN (SELECT m.id AS member_id, m.org_path," \
	" COALESCE(SUM(r.points), 0) AS points, COUNT(r.id) AS records," \
	" COALESCE(SUM(r.minutes), 0) AS minutes FROM member m LEFT JOIN study_record r" \
	" ON r.member_id = m.id AND r.status = 'counted' AND r.year = ?" \
	" WHERE m.state = 'active' AND m.org_path >= ? AND m.org_path < ?" \
	" GROUP BY m.id, m.org_path) mt ON mt.org_path >= u.path AND mt.org_path < u.up" \
	" GROUP BY u.id, u.name"
#define ORG_BOARD_SQL(cond) "SELECT t.id, t.name, t.members, t.studied, t.points, t.minutes," \
	" t.per_member, RANK() OVER (ORDER BY t.per_member DESC)," \
	" RANK() OVER (ORDER BY t.points DESC) FROM (SELECT x.*, CASE WHEN x.members > 0" \
	" THEN (x.points * 10 + x.members / 2) / x.members ELSE 0 END AS per_member" \
	" FROM (" ORG_TOTALS_SQL(cond) ") x) t"

static enum err
org_board_query(struct db *db, struct db_rows *r, enum points_level level, const char *path,
    const char *up, int64_t year, int by_total)
{
#define ARGS DB_TEXT(path), DB_TEXT(up), DB_I64(year), DB_TEXT(path), DB_TEXT(up), DB_END
	if (level == POINTS_LEVEL_SCHOOL && by_total)
		return db_query(db, r, ORG_BOARD_SQL("o.depth = 1") " ORDER BY t.points DESC,"
		    " t.name, t.id", ARGS);
	if (level == POINTS_LEVEL_SCHOOL)
		return db_query(db, r, ORG_BOARD_SQL("o.depth = 1") " ORDER BY t.per_member DESC,"
		    " t.name, t.id", ARGS);
	if (by_total)
		return db_query(db, r, ORG_BOARD_SQL("o.kind = 'branch'") " ORDER BY t.points DESC,"
		    " t.name, t.id", ARGS);
	return db_query(db, r, ORG_BOARD_SQL("o.kind = 'branch'") " ORDER BY t.per_member DESC,"
	    " t.name, t.id", ARGS);
#undef ARGS
}

enum err
points_org_board(struct db *db, const struct who *w, enum points_level level, int64_t org_id,
    int64_t year, int by_total, void (*fn)(void *ctx, const struct points_org_row *r), void *ctx)
{
	struct arena a = ARENA_INIT;
	struct db_rows r;
	char up[256];
	struct org o;
	enum err e;

	if ((e = board_anchor(db, w, org_id, &a, &o)))
		goto out;
	scope_path_upper(o.path, up);
	if ((e = org_board_query(db, &r, level, o.path, up, year, by_total)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct points_org_row x = { db_i64(&r, 7), db_i64(&r, 8), db_i64(&r, 0),
			db_i64(&r, 2), db_i64(&r, 3), db_i64(&r, 4), db_i64(&r, 5), db_i64(&r, 6),
			db_text(&r, 1) };

		fn(ctx, &x);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&a);
	return e;
}
