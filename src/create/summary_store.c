/* summary_store.c: the year-end ledger in one statement: each school's top
 * organization gives its scope, correlated counts give its year. */
#include "core/common.h"
#include "create/summary.h"

#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "create/brand.h"

/* The school's subtree: x.org_path under its top organization o. */
#define IN_SCHOOL(col) " AND " col " >= o.path AND " col " < substr(o.path, 1, length(o.path) - 1)" \
	" || '0'"
/* STUDY-08: active members who studied and their counted minutes (as the
 * organization leaderboard counts them), reading sessions, excellent cases. */
#define STUDY_COLS ", (SELECT COUNT(DISTINCT x.member_id) FROM study_record x JOIN member m ON" \
	" m.id = x.member_id WHERE m.state = 'active' AND x.status = 'counted' AND x.year = ?" \
	IN_SCHOOL("m.org_path") ")," \
	" (SELECT COALESCE(SUM(x.minutes), 0) FROM study_record x JOIN member m ON m.id =" \
	" x.member_id WHERE m.state = 'active' AND x.status = 'counted' AND x.year = ?" \
	IN_SCHOOL("m.org_path") ")," \
	" (SELECT COUNT(*) FROM study_reading x WHERE x.held_on >= ? AND x.held_on < ?" \
	IN_SCHOOL("x.org_path") ")," \
	" (SELECT COUNT(*) FROM exchange_post x WHERE x.state = 'published' AND x.excellent = 1" \
	" AND x.published_at >= ? AND x.published_at < ?" IN_SCHOOL("x.org_path") ")"

/* Counts of table t of the school within the year on column col. */
#define YEAR_COUNT(t, col) " (SELECT COUNT(*) FROM " t " x WHERE x.school_id = s.id AND x." col \
	" >= ? AND x." col " < ?),"

/* The parameters of STUDY_COLS; published_at is seconds, so the year's
 * bounds are its China-time midnights. */
static void
study_args(struct db_args *args, int year, const char *from, const char *to)
{
	db_args_add(args, DB_I64(year));
	db_args_add(args, DB_I64(year));
	db_args_add(args, DB_TEXT(from));
	db_args_add(args, DB_TEXT(to));
	db_args_add(args, DB_I64((int64_t)date_from_ymd(year, 1, 1) * 86400 - 8 * 3600));
	db_args_add(args, DB_I64((int64_t)date_from_ymd(year + 1, 1, 1) * 86400 - 8 * 3600));
}

enum err
summary_rows(struct db *db, const struct who *w, int year,
    void (*fn)(void *ctx, const struct summary_row *r), void *ctx)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], from[11], to[11], today[11];
	struct db_rows r;
	enum err e;

	date_format(date_from_ymd(year, 1, 1), from);
	date_format(date_from_ymd(year + 1, 1, 1), to);
	date_format(date_today(), today);
	buf_adds(&sql, "SELECT s.id, s.name,"
	    " (SELECT COUNT(*) FROM alliance_activity x WHERE x.host_school_id = s.id"
	    " AND x.held_on >= ? AND x.held_on < ?),"
	    " (SELECT COUNT(*) FROM brand_project x WHERE x.school_id = s.id),"
	    " (SELECT MAX(CASE x.stage WHEN 'declared' THEN 1 WHEN 'cultivating' THEN 2"
	    " WHEN 'midterm' THEN 3 WHEN 'accepted' THEN 4 WHEN 'named' THEN 5 END)"
	    " FROM brand_project x WHERE x.school_id = s.id),"
	    " (SELECT COUNT(*) FROM brand_topic x WHERE x.school_id = s.id),"
	    " (SELECT COUNT(*) FROM member m WHERE m.state = 'active' AND m.org_path >= o.path"
	    " AND m.org_path < substr(o.path, 1, length(o.path) - 1) || '0'),"
	    " (SELECT COUNT(DISTINCT x.member_id) FROM member_post x JOIN member m ON m.id ="
	    " x.member_id WHERE x.school_id = s.id AND m.state = 'active' AND x.since <= ?"
	    " AND (x.until IS NULL OR x.until >= ?)),"
	    YEAR_COUNT("ideology_lesson", "held_on")
	    " (SELECT COUNT(*) FROM ideology_teacher x WHERE x.school_id = s.id),"
	    " (SELECT COUNT(*) FROM ideology_plan x WHERE x.school_id = s.id AND x.year = ?),"
	    " COALESCE((SELECT c.status FROM clean_school c WHERE c.school_id = s.id), 'none'),"
	    " (SELECT k.total FROM clean_check k WHERE k.id = (SELECT MAX(k2.id) FROM clean_check k2"
	    " WHERE k2.school_id = s.id AND k2.year = ? AND k2.state = 'submitted')),"
	    YEAR_COUNT("clean_activity", "held_on")
	    YEAR_COUNT("ethics_activity", "held_on")
	    " (SELECT COUNT(*) FROM ethics_honor x WHERE x.school_id = s.id AND x.held_on >= ?"
	    " AND x.held_on < ?)" STUDY_COLS
	    " FROM school s JOIN org o ON o.school_id = s.id LEFT JOIN org par ON par.id ="
	    " o.parent_id WHERE (par.id IS NULL OR par.school_id IS NULL OR par.school_id <> s.id)");
	db_args_add(&args, DB_TEXT(from));
	db_args_add(&args, DB_TEXT(to));
	db_args_add(&args, DB_TEXT(today));
	db_args_add(&args, DB_TEXT(today));
	db_args_add(&args, DB_TEXT(from));
	db_args_add(&args, DB_TEXT(to));
	db_args_add(&args, DB_I64(year));
	db_args_add(&args, DB_I64(year));
	for (int i = 0; i < 3; i++) {
		db_args_add(&args, DB_TEXT(from));
		db_args_add(&args, DB_TEXT(to));
	}
	study_args(&args, year, from, to);
	scope_sql(&sql, &args, w, "o.path", up);
	buf_adds(&sql, " ORDER BY s.name");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		int64_t st = db_is_null(&r, 4) ? 0 : db_i64(&r, 4);
		struct summary_row row = {
			db_i64(&r, 0), db_text(&r, 1), db_i64(&r, 2), db_i64(&r, 3),
			st > 0 && st <= BS_N ? brand_stages[st - 1] : NULL, db_i64(&r, 5),
			db_i64(&r, 6), db_i64(&r, 7), db_i64(&r, 8), db_i64(&r, 9), db_i64(&r, 10) > 0,
			db_text(&r, 11), db_is_null(&r, 12) ? -1 : db_i64(&r, 12), db_i64(&r, 13),
			db_i64(&r, 14), db_i64(&r, 15), db_i64(&r, 16), db_i64(&r, 17),
			db_i64(&r, 18), db_i64(&r, 19),
		};

		fn(ctx, &row);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
