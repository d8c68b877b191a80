/* goal_store.c: term goals (draft → submitted → approved / returned) and
 * the yearly self-reports with the office's grade (principal.h). */
#include "core/common.h"
#include "principal/principal.h"

#include <time.h>

#include "auth/audit.h"
#include "core/config.h"
#include "core/dates.h"
#include "desk/notify.h"
#include "principal/tenure.h"

#define GOALS_MAX 64

/* Who hears of a step (desk/notify.h): the office's accounts, or the
 * principal account of a tenure's person. */
#define OFFICE_SQL "SELECT id FROM app_user WHERE role = 'supervision_office' AND ? > 0"
#define PRINCIPAL_OF_TENURE_SQL "SELECT p.user_id FROM tenure t JOIN principal p" \
	" ON p.id = t.principal_id WHERE t.id = ? AND p.user_id IS NOT NULL"
#define PRINCIPAL_OF_REPORT_SQL "SELECT p.user_id FROM tenure_report r JOIN tenure t" \
	" ON t.id = r.tenure_id JOIN principal p ON p.id = t.principal_id WHERE r.id = ?" \
	" AND p.user_id IS NOT NULL"

/* The notification of a goal step, in the step's transaction. */
static enum err
goal_notify(struct db *db, int64_t tenure_id, int action)
{
	char link[64];

	snprintf(link, sizeof(link), "/principal-tenure?id=%" PRId64, tenure_id);
	if (action == GA_SUBMIT)
		return notify_select(db, "prin_goals", OFFICE_SQL, 1, "校长提交了任期目标，待审核", link);
	if (action == GA_APPROVE)
		return notify_select(db, "prin_goals", PRINCIPAL_OF_TENURE_SQL, tenure_id,
		    "您的任期目标已审核通过", link);
	if (action == GA_RETURN)
		return notify_select(db, "prin_goals", PRINCIPAL_OF_TENURE_SQL, tenure_id,
		    "您的任期目标被退回，请修改后重新提交", link);
	return ERR_OK;
}

/* The plan's state ("draft" when none is stored yet) into state (16). */
static enum err
plan_state(struct db *db, int64_t tenure_id, char state[16])
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT state FROM tenure_goal_plan WHERE tenure_id = ?",
	    DB_I64(tenure_id), DB_END);

	if (e)
		return e;
	snprintf(state, 16, "draft");
	if (!(e = db_next(&r)))
		snprintf(state, 16, "%s", db_text(&r, 0));
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
plan_set(struct db *db, int64_t tenure_id, const char *state)
{
	int64_t now = time(NULL);
	enum err e = db_exec(db, "UPDATE tenure_goal_plan SET state = ?, updated_at = ?"
	    " WHERE tenure_id = ?", DB_TEXT(state), DB_I64(now), DB_I64(tenure_id), DB_END);

	if (!e && !db_changes(db))
		e = db_exec(db, "INSERT INTO tenure_goal_plan (tenure_id, state, updated_at)"
		    " VALUES (?,?,?)", DB_I64(tenure_id),
		    DB_TEXT(state), DB_I64(now), DB_END);
	return e;
}

static int
area_valid(const char *s)
{
	for (int i = 0; s && tenure_areas[i]; i++)
		if (!strcmp(tenure_areas[i], s))
			return 1;
	return 0;
}

enum err
goal_put(struct db *db, const struct who *w, int64_t tenure_id, const struct goal_in *v, int n,
    struct problem *pb)
{
	struct tenure_ref t;
	char state[16], field[48], after[96];
	enum err e;

	if (n > GOALS_MAX)
		return problem_field(pb, "goals", "最多 %d 条目标", GOALS_MAX);
	for (int i = 0; i < n; i++) {
		snprintf(field, sizeof(field), "goals[%d].area", i);
		if (!area_valid(v[i].area))
			problem_field(pb, field, "应为七个评价领域之一");
		snprintf(field, sizeof(field), "goals[%d].goal", i);
		if (!v[i].goal || !*v[i].goal)
			problem_field(pb, field, "必填");
		snprintf(field, sizeof(field), "goals[%d].target", i);
		if (!v[i].target || !*v[i].target)
			problem_field(pb, field, "须写明可衡量的目标值");
	}
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = db_begin(db)))
		return e;
	e = tenure_ref_get(db, w, tenure_id, &t);
	if (!e && !t.open)
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", "该任期已结束，不能修改任期目标");
	if (!e)
		e = plan_state(db, tenure_id, state);
	if (!e && !goal_next(state, GA_EDIT))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", goal_conflict_message(state));
	if (!e)
		e = plan_set(db, tenure_id, state);
	if (!e)
		e = db_exec(db, "DELETE FROM tenure_goal WHERE tenure_id = ?", DB_I64(tenure_id),
		    DB_END);
	for (int i = 0; !e && i < n; i++)
		e = db_exec(db, "INSERT INTO tenure_goal (tenure_id, area, goal, target, pos)"
		    " VALUES (?,?,?,?,?)", DB_I64(tenure_id), DB_TEXT(v[i].area), DB_TEXT(v[i].goal),
		    DB_TEXT(v[i].target), DB_I64(i), DB_END);
	snprintf(after, sizeof(after), "{\"goals\":%d,\"state\":\"%s\"}", n, state);
	if (!e)
		e = audit_write(db, w, "set_goals", "tenure", tenure_id, NULL, after, 1);
	return db_end(db, e);
}

enum err
goal_step(struct db *db, const struct who *w, int64_t tenure_id, int action, const char *reason,
    struct problem *pb)
{
	static const char *const verbs[] = { "edit_goals", "submit_goals", "approve_goals",
		"return_goals" };
	struct tenure_ref t;
	const char *next = NULL;
	char state[16], after[160];
	int64_t ngoals = 0, now = time(NULL);
	enum err e;

	if (action == GA_RETURN && (!reason || !*reason))
		return problem_field(pb, "reason", "退回须写明理由");
	if ((e = db_begin(db)))
		return e;
	e = tenure_ref_get(db, w, tenure_id, &t);
	if (!e)
		e = plan_state(db, tenure_id, state);
	if (!e && !(next = goal_next(state, (enum goal_action)action)))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", goal_conflict_message(state));
	if (!e && action == GA_SUBMIT && !(e = db_get_i64(db, &ngoals, "SELECT COUNT(*) FROM"
	    " tenure_goal WHERE tenure_id = ?", DB_I64(tenure_id), DB_END)) && !ngoals)
		e = problem_field(pb, "goals", "请先填写任期目标再提交");
	if (!e)
		e = plan_set(db, tenure_id, next);
	if (!e && action == GA_SUBMIT)
		e = db_exec(db, "UPDATE tenure_goal_plan SET submitted_at = ? WHERE tenure_id = ?",
		    DB_I64(now), DB_I64(tenure_id), DB_END);
	if (!e && action != GA_SUBMIT)
		e = db_exec(db, "UPDATE tenure_goal_plan SET decided_at = ?, decided_by = ?,"
		    " return_reason = ? WHERE tenure_id = ?", DB_I64(now),
		    w->user_id ? DB_I64(w->user_id) : DB_NULL,
		    DB_TEXT(action == GA_RETURN ? reason : ""), DB_I64(tenure_id), DB_END);
	snprintf(after, sizeof(after), "{\"from\":\"%s\",\"to\":\"%s\"}", state, next ? next : "");
	if (!e)
		e = audit_write(db, w, verbs[action], "tenure", tenure_id, NULL, after, 1);
	if (!e)
		e = goal_notify(db, tenure_id, action);
	return db_end(db, e);
}

/* --- yearly reports --- */

enum err
report_put(struct db *db, const struct who *w, int64_t tenure_id, int64_t year_no,
    const char *text, struct problem *pb, int64_t *id)
{
	struct tenure_ref t;
	struct db_rows r;
	char after[96];
	const char *state = NULL;
	char st[16] = "";
	int64_t now = time(NULL);
	enum err e;

	if (!text || !*text)
		problem_field(pb, "report", "必填");
	if ((e = db_begin(db)))
		return e;
	e = tenure_ref_get(db, w, tenure_id, &t);
	/* A year begun (PRIN-03: 每年度一考核) and within the term. */
	if (!e && (year_no < 1 || year_no > t.term_years ||
	    (year_no > 1 && tenure_year_end(t.appointed, (int)year_no - 1) >= date_today())))
		problem_field(pb, "year_no", "应为已开始的任期年度（1-%d）", t.term_years);
	if (!e && pb->nfields)
		e = ERR_INVALID;
	if (!e && !(e = db_query(db, &r, "SELECT id, state FROM tenure_report WHERE tenure_id = ?"
	    " AND year_no = ?", DB_I64(tenure_id), DB_I64(year_no), DB_END))) {
		if (!db_next(&r)) {
			*id = db_i64(&r, 0);
			snprintf(st, sizeof(st), "%s", db_text(&r, 1));
			state = st;
		}
		db_rows_close(&r);
	}
	if (!e && !report_next(state, RA_EDIT))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", report_conflict_message(state));
	if (!e && state)
		e = db_exec(db, "UPDATE tenure_report SET report = ?, updated_at = ? WHERE id = ?",
		    DB_TEXT(text), DB_I64(now), DB_I64(*id), DB_END);
	if (!e && !state) {
		e = db_exec(db, "INSERT INTO tenure_report (tenure_id, year_no, report, state,"
		    " updated_at) VALUES (?,?,?,'draft',?)", DB_I64(tenure_id), DB_I64(year_no),
		    DB_TEXT(text), DB_I64(now), DB_END);
		*id = db_last_id(db);
	}
	snprintf(after, sizeof(after), "{\"tenure_id\":%" PRId64 ",\"year_no\":%" PRId64 "}",
	    tenure_id, year_no);
	if (!e)
		e = audit_write(db, w, state ? "update" : "create", "tenure_report", *id, NULL, after,
		    1);
	return db_end(db, e);
}

enum err
report_state(struct db *db, const struct who *w, int64_t id, char st[16])
{
	struct tenure_ref t;
	int64_t tenure_id;
	struct db_rows r;
	enum err e = db_get_i64(db, &tenure_id, "SELECT tenure_id FROM tenure_report WHERE id = ?",
	    DB_I64(id), DB_END);

	if (!e)
		e = tenure_ref_get(db, w, tenure_id, &t);
	if (!e && !(e = db_query(db, &r, "SELECT state FROM tenure_report WHERE id = ?",
	    DB_I64(id), DB_END))) {
		if (!(e = db_next(&r)))
			snprintf(st, 16, "%s", db_text(&r, 0));
		db_rows_close(&r);
	}
	return e;
}

enum err
report_submit(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	char st[16];
	enum err e = db_begin(db);

	if (e)
		return e;
	e = report_state(db, w, id, st);
	if (!e && !report_next(st, RA_SUBMIT))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", report_conflict_message(st));
	if (!e)
		e = db_exec(db, "UPDATE tenure_report SET state = 'submitted', submitted_at = ?,"
		    " updated_at = ? WHERE id = ?", DB_I64(time(NULL)), DB_I64(time(NULL)),
		    DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "submit", "tenure_report", id, NULL,
		    "{\"state\":\"submitted\"}", 1);
	if (!e)
		e = notify_select(db, "prin_report", OFFICE_SQL, 1, "校长提交了年度述职报告，待评定等次",
		    "/todo?kind=prin_report_grade");
	return db_end(db, e);
}

enum err
report_grade(struct db *db, const struct who *w, int64_t id, const char *grade,
    const char *note, struct problem *pb)
{
	char st[16], after[200];
	enum err e;

	if (!grade || !tenure_grade_valid(cfg.prin_grades, grade))
		return problem_field(pb, "grade", "应为以下等次之一：%s", cfg.prin_grades);
	if ((e = db_begin(db)))
		return e;
	e = report_state(db, w, id, st);
	if (!e && !report_next(st, RA_GRADE))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", report_conflict_message(st));
	if (!e)
		e = db_exec(db, "UPDATE tenure_report SET state = 'graded', grade = ?, grade_note = ?,"
		    " graded_by = ?, graded_at = ?, updated_at = ? WHERE id = ?", DB_TEXT(grade),
		    DB_TEXT(note ? note : ""), w->user_id ? DB_I64(w->user_id) : DB_NULL,
		    DB_I64(time(NULL)), DB_I64(time(NULL)), DB_I64(id), DB_END);
	snprintf(after, sizeof(after), "{\"grade\":\"%s\"}", grade);
	if (!e)
		e = audit_write(db, w, "grade", "tenure_report", id, NULL, after, 1);
	if (!e)
		e = notify_select(db, "prin_report", PRINCIPAL_OF_REPORT_SQL, id,
		    "您的年度述职已评定考核等次", "/principal-tenure");
	return db_end(db, e);
}

/* --- writing --- */

static enum err
write_goals(struct db *db, int64_t id, struct jw *jw)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT state, return_reason, submitted_at, decided_at"
	    " FROM tenure_goal_plan WHERE tenure_id = ?", DB_I64(id), DB_END);

	if (e)
		return e;
	jw_key(jw, "goal_plan");
	jw_obj(jw);
	if (!(e = db_next(&r))) {
		jw_kstr(jw, "state", db_text(&r, 0));
		jw_kstr(jw, "return_reason", db_text(&r, 1));
		if (!db_is_null(&r, 2))
			jw_ktime(jw, "submitted_at", db_i64(&r, 2));
		if (!db_is_null(&r, 3))
			jw_ktime(jw, "decided_at", db_i64(&r, 3));
	} else {
		jw_kstr(jw, "state", "draft");
		jw_kstr(jw, "return_reason", "");
	}
	jw_obj_end(jw);
	db_rows_close(&r);
	if (e != ERR_OK && e != ERR_NOT_FOUND)
		return e;
	if ((e = db_query(db, &r, "SELECT id, area, goal, target FROM tenure_goal"
	    " WHERE tenure_id = ? ORDER BY pos", DB_I64(id), DB_END)))
		return e;
	jw_key(jw, "goals");
	jw_arr(jw);
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kint(jw, "id", db_i64(&r, 0));
		jw_kstr(jw, "area", db_text(&r, 1));
		jw_kstr(jw, "area_label", tenure_label(tenure_areas, tenure_area_labels,
		    db_text(&r, 1)));
		jw_kstr(jw, "goal", db_text(&r, 2));
		jw_kstr(jw, "target", db_text(&r, 3));
		jw_obj_end(jw);
	}
	jw_arr_end(jw);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
goal_write_tenure(struct db *db, int64_t id, struct jw *jw)
{
	struct db_rows r;
	enum err e = write_goals(db, id, jw);

	if (e || (e = db_query(db, &r, "SELECT id, year_no, report, state, submitted_at, grade,"
	    " grade_note, graded_at FROM tenure_report WHERE tenure_id = ? ORDER BY year_no",
	    DB_I64(id), DB_END)))
		return e;
	jw_key(jw, "reports");
	jw_arr(jw);
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kint(jw, "id", db_i64(&r, 0));
		jw_kint(jw, "year_no", db_i64(&r, 1));
		jw_kstr(jw, "report", db_text(&r, 2));
		jw_kstr(jw, "state", db_text(&r, 3));
		if (!db_is_null(&r, 4))
			jw_ktime(jw, "submitted_at", db_i64(&r, 4));
		jw_kstr(jw, "grade", db_text(&r, 5));
		jw_kstr(jw, "grade_note", db_text(&r, 6));
		if (!db_is_null(&r, 7))
			jw_ktime(jw, "graded_at", db_i64(&r, 7));
		jw_obj_end(jw);
	}
	jw_arr_end(jw);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
