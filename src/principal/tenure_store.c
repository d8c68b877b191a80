/* tenure_store.c: tenures, the baseline taken at appointment and the
 * district list with its flags (principal.h). */
#include "core/common.h"
#include "principal/principal.h"

#include <time.h>

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/config.h"
#include "core/dates.h"
#include "party/compliance.h"
#include "principal/tenure.h"

enum err
tenure_ref_get(struct db *db, const struct who *w, int64_t id, struct tenure_ref *t)
{
	struct buf sql = BUF_INIT(1024);
	struct db_args a = { 0 };
	char today[11];
	struct db_rows r;
	enum err e;

	date_format(date_today(), today);
	buf_adds(&sql, "SELECT t.id, t.principal_id, t.school_id, t.appointed_on, t.term_end_on,"
	    " t.term_years, t.ended_on IS NULL FROM tenure t WHERE t.id = ?");
	db_args_add(&a, DB_I64(id));
	prin_scope_tenure(&sql, &a, w, "t", today);
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		memset(t, 0, sizeof(*t));
		t->id = db_i64(&r, 0);
		t->principal_id = db_i64(&r, 1);
		t->school_id = db_i64(&r, 2);
		date_parse(db_text(&r, 3), &t->appointed);
		date_parse(db_text(&r, 4), &t->term_end);
		t->term_years = (int)db_i64(&r, 5);
		t->open = (int)db_i64(&r, 6);
	}
	db_rows_close(&r);
	return e;
}

enum err
tenure_mine(struct db *db, const struct who *w, int64_t *principal_id, int64_t *id)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT p.id, COALESCE(t.id, 0) FROM principal p"
	    " LEFT JOIN tenure t ON t.principal_id = p.id AND t.ended_on IS NULL"
	    " WHERE p.user_id = ?", DB_I64(w->user_id), DB_END);

	*principal_id = *id = 0;
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		*principal_id = db_i64(&r, 0);
		*id = db_i64(&r, 1);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* --- the baseline (issue 13 item 2, PRIN-07) --- */

/* The school's top party organization: its id, name and path. */
static enum err
school_top_org(struct db *db, int64_t school_id, int64_t *org_id, char *name, size_t namelen,
    char path[256])
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT o.id, o.name, o.path FROM org o"
	    " LEFT JOIN org par ON par.id = o.parent_id WHERE o.school_id = ?"
	    " AND (par.id IS NULL OR par.school_id IS NULL OR par.school_id <> o.school_id)"
	    " ORDER BY o.depth, o.id LIMIT 1", DB_I64(school_id), DB_END);

	*org_id = 0;
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		*org_id = db_i64(&r, 0);
		snprintf(name, namelen, "%s", db_text(&r, 1));
		snprintf(path, 256, "%s", db_text(&r, 2));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* Takes the figures Hongyan holds for the school as of today (the day the
 * tenure is recorded, normally its appointment), inside the caller's
 * transaction: active members of its organizations, the last whole
 * year's compliance rate (ORG-10…17 engine), the latest annual
 * assessment's grade, and its findings still open. */
static enum err
baseline_take(struct db *db, int64_t tenure_id, int64_t school_id)
{
	struct who sys = WHO_SYSTEM;
	char name[256] = "", path[256] = "", up[256], today[11];
	int64_t org_id, members = 0, open = 0, ayear = 0;
	struct compliance_tally tally = { 0 };
	const char *grade = NULL;
	int year = date_year(date_today()) - 1;
	struct period p;
	struct db_rows r;
	enum err e = school_top_org(db, school_id, &org_id, name, sizeof(name), path);

	date_format(date_today(), today);
	if (e)
		return e;
	if (org_id) {
		scope_path_upper(path, up);
		e = db_get_i64(db, &members, "SELECT COUNT(*) FROM member WHERE state = 'active'"
		    " AND org_path >= ? AND org_path < ?", DB_TEXT(path), DB_TEXT(up), DB_END);
		if (!e)
			e = db_get_i64(db, &open, "SELECT COUNT(*) FROM finding WHERE org_path >= ?"
			    " AND org_path < ? AND state <> 'verified'", DB_TEXT(path), DB_TEXT(up),
			    DB_END);
		period_make(CU_YEAR, year, 0, &p);
		if (!e)
			e = compliance_tallies(db, &sys, org_id, &p, 1, date_today(), &tally);
	}
	if (e)
		return e;
	e = org_id ? db_query(db, &r, "SELECT year, grade FROM assessment WHERE org_id = ?"
	    " AND grade IS NOT NULL ORDER BY year DESC LIMIT 1", DB_I64(org_id), DB_END) : ERR_OK;
	if (e)
		return e;
	if (org_id && !db_next(&r)) {
		ayear = db_i64(&r, 0);
		grade = db_text(&r, 1);
	}
	e = db_exec(db, "INSERT INTO tenure_baseline (tenure_id, taken_on, org_id, org_name,"
	    " members, compliance_year, compliance_permille, assessment_year, assessment_grade,"
	    " open_findings) VALUES (?,?,?,?,?,?,?,?,?,?)", DB_I64(tenure_id), DB_TEXT(today),
	    org_id ? DB_I64(org_id) : DB_NULL, DB_TEXT(name), DB_I64(members),
	    org_id ? DB_I64(year) : DB_NULL,
	    org_id && tally.done + tally.overdue ? DB_I64(compliance_tally_permille(&tally)) :
	    DB_NULL, ayear ? DB_I64(ayear) : DB_NULL, grade ? DB_TEXT(grade) : DB_NULL,
	    DB_I64(open), DB_END);
	if (org_id)
		db_rows_close(&r);
	return e;
}

/* --- create and end --- */

static void
tenure_check(const struct tenure_in *in, struct problem *pb, int32_t *appointed)
{
	int ok = 0;

	for (int i = 0; in->post && tenure_posts[i]; i++)
		ok |= !strcmp(tenure_posts[i], in->post);
	if (!ok)
		problem_field(pb, "post", "应为校长、园长、书记兼校长或执行校长");
	if (!in->appointed_on || date_parse(in->appointed_on, appointed))
		problem_field(pb, "appointed_on", "应为日期 YYYY-MM-DD");
	else if (*appointed > date_add_months(date_today(), 12))
		problem_field(pb, "appointed_on", "任职日期不能晚于一年以后");
	if (in->term_years && (in->term_years < 1 || in->term_years > 10))
		problem_field(pb, "term_years", "任期年限应为 1-10 年");
	if (in->term_no && (in->term_no < 1 || in->term_no > 20))
		problem_field(pb, "term_no", "任期届次应为 1-20");
}

static enum err
tenure_check_refs(struct db *db, const struct tenure_in *in, struct problem *pb)
{
	int64_t v;

	if (db_get_i64(db, &v, "SELECT id FROM principal WHERE id = ?", DB_I64(in->principal_id),
	    DB_END))
		problem_field(pb, "principal_id", "校长不存在");
	else if (!db_get_i64(db, &v, "SELECT id FROM tenure WHERE principal_id = ?"
	    " AND ended_on IS NULL", DB_I64(in->principal_id), DB_END))
		problem_field(pb, "principal_id", "该校长仍在其他任期内，请先结束原任期");
	if (db_get_i64(db, &v, "SELECT id FROM school WHERE id = ?", DB_I64(in->school_id), DB_END))
		problem_field(pb, "school_id", "学校不存在");
	else if (!db_get_i64(db, &v, "SELECT id FROM tenure WHERE school_id = ? AND ended_on IS NULL",
	    DB_I64(in->school_id), DB_END))
		problem_field(pb, "school_id", "该校已有在任校长，请先结束其任期");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

enum err
tenure_create(struct db *db, const struct who *w, const struct tenure_in *in,
    struct problem *pb, int64_t *id)
{
	int64_t now = time(NULL), years = in->term_years ? in->term_years : cfg.prin_term_years;
	int64_t term_no = in->term_no;
	int32_t appointed = 0;
	char end[11], after[256];
	enum err e;

	tenure_check(in, pb, &appointed);
	if (pb->nfields)
		return ERR_INVALID;
	date_format(tenure_term_end(appointed, (int)years), end);
	if ((e = db_begin(db)))
		return e;
	e = tenure_check_refs(db, in, pb);
	/* PRIN-09: the term's number at this school, counting this person's
	 * earlier tenures here, unless the office says otherwise. */
	if (!e && !term_no)
		e = db_get_i64(db, &term_no, "SELECT COUNT(*) + 1 FROM tenure"
		    " WHERE principal_id = ? AND school_id = ?", DB_I64(in->principal_id),
		    DB_I64(in->school_id), DB_END);
	if (!e)
		e = db_exec(db, "INSERT INTO tenure (principal_id, school_id, post, appointed_on,"
		    " term_years, term_no, term_end_on, created_by, created_at, updated_at)"
		    " VALUES (?,?,?,?,?,?,?,?,?,?)", DB_I64(in->principal_id), DB_I64(in->school_id),
		    DB_TEXT(in->post), DB_TEXT(in->appointed_on), DB_I64(years), DB_I64(term_no),
		    DB_TEXT(end), w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now), DB_I64(now),
		    DB_END);
	if (e == ERR_CONFLICT)	/* a parallel tenure got there first */
		e = problem_field(pb, "school_id", "该校已有在任校长，请先结束其任期");
	if (!e) {
		*id = db_last_id(db);
		e = baseline_take(db, *id, in->school_id);
	}
	snprintf(after, sizeof(after), "{\"principal_id\":%" PRId64 ",\"school_id\":%" PRId64
	    ",\"post\":\"%s\",\"appointed_on\":\"%s\",\"term_years\":%" PRId64 ",\"term_no\":%"
	    PRId64 "}", in->principal_id, in->school_id, in->post, in->appointed_on, years,
	    term_no);
	if (!e)
		e = audit_write(db, w, "create", "tenure", *id, NULL, after, 1);
	return db_end(db, e);
}

enum err
tenure_end(struct db *db, const struct who *w, int64_t id, const char *ended_on,
    const char *reason, struct problem *pb)
{
	struct tenure_ref t;
	char after[160];
	int32_t ended = 0;
	int ok = 0;
	enum err e;

	for (int i = 0; reason && tenure_end_reasons[i]; i++)
		ok |= !strcmp(tenure_end_reasons[i], reason);
	if (!ok)
		problem_field(pb, "end_reason", "应为届满、调任、离任、退休或免职");
	if (!ended_on || date_parse(ended_on, &ended))
		problem_field(pb, "ended_on", "应为日期 YYYY-MM-DD");
	else if (ended > date_today())
		problem_field(pb, "ended_on", "离任日期不能晚于今天");
	if ((e = db_begin(db)))
		return e;
	e = tenure_ref_get(db, w, id, &t);
	if (!e && !t.open)
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", "该任期已结束，不能再次结束");
	if (!e && !problem_has(pb, "ended_on") && ended < t.appointed)
		problem_field(pb, "ended_on", "离任日期不能早于任职日期");
	if (!e && pb->nfields)
		e = ERR_INVALID;
	if (!e)
		e = db_exec(db, "UPDATE tenure SET ended_on = ?, end_reason = ?, updated_at = ?"
		    " WHERE id = ? AND ended_on IS NULL", DB_TEXT(ended_on), DB_TEXT(reason),
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	snprintf(after, sizeof(after), "{\"ended_on\":\"%s\",\"end_reason\":\"%s\"}",
	    ended_on ? ended_on : "", reason ? reason : "");
	if (!e)
		e = audit_write(db, w, "end", "tenure", id, NULL, after, 1);
	return db_end(db, e);
}

enum err
tenure_set_figures(struct db *db, const struct who *w, int64_t id, int n,
    const char *const *keys, const int64_t *values, struct problem *pb)
{
	struct tenure_figure fig[TENURE_FIGURES_MAX];
	int nfig = tenure_figures_parse(cfg.prin_figures, fig, TENURE_FIGURES_MAX);
	struct buf after = BUF_INIT(4096);
	struct tenure_ref t;
	enum err e;

	for (int i = 0; i < n; i++) {
		int known = 0;
		char field[64];

		for (int j = 0; j < nfig; j++)
			known |= !strcmp(fig[j].key, keys[i]);
		snprintf(field, sizeof(field), "figures.%s", keys[i]);
		if (!known)
			problem_field(pb, field, "未配置的基础数据项");
		else if (values[i] < 0 || values[i] > 10000000)
			problem_field(pb, field, "应为 0-10000000 的整数");
	}
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = db_begin(db)))
		return e;
	e = tenure_ref_get(db, w, id, &t);
	buf_adds(&after, "{");
	for (int i = 0; !e && i < n; i++) {
		const char *label = keys[i];

		for (int j = 0; j < nfig; j++)
			if (!strcmp(fig[j].key, keys[i]))
				label = fig[j].label;
		e = db_exec(db, "DELETE FROM tenure_figure WHERE tenure_id = ? AND key = ?",
		    DB_I64(id), DB_TEXT(keys[i]), DB_END);
		if (!e)
			e = db_exec(db, "INSERT INTO tenure_figure (tenure_id, key, label, value)"
			    " VALUES (?,?,?,?)", DB_I64(id), DB_TEXT(keys[i]), DB_TEXT(label),
			    DB_I64(values[i]), DB_END);
		buf_addf(&after, "%s\"%s\":%" PRId64, i ? "," : "", keys[i], values[i]);
	}
	buf_adds(&after, "}");
	if (!e)
		e = audit_write(db, w, "set_figures", "tenure", id, NULL, buf_str(&after), 1);
	buf_release(&after);
	return db_end(db, e);
}

/* --- one tenure --- */

static enum err
write_baseline(struct db *db, int64_t id, struct jw *jw)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT taken_on, org_id, org_name, members, compliance_year,"
	    " compliance_permille, assessment_year, assessment_grade, open_findings"
	    " FROM tenure_baseline WHERE tenure_id = ?", DB_I64(id), DB_END);

	if (e)
		return e;
	jw_key(jw, "baseline");
	jw_obj(jw);
	if (!(e = db_next(&r))) {
		jw_kstr(jw, "taken_on", db_text(&r, 0));
		jw_kid(jw, "org_id", db_i64(&r, 1));
		jw_kstr(jw, "org_name", db_text(&r, 2));
		jw_kint(jw, "members", db_i64(&r, 3));
		jw_key(jw, "compliance_year");
		db_is_null(&r, 4) ? jw_null(jw) : jw_int(jw, db_i64(&r, 4));
		jw_key(jw, "compliance_permille");
		db_is_null(&r, 5) ? jw_null(jw) : jw_int(jw, db_i64(&r, 5));
		jw_key(jw, "assessment_year");
		db_is_null(&r, 6) ? jw_null(jw) : jw_int(jw, db_i64(&r, 6));
		jw_kstr(jw, "assessment_grade", db_text(&r, 7));
		jw_kint(jw, "open_findings", db_i64(&r, 8));
	}
	db_rows_close(&r);
	if (e != ERR_OK && e != ERR_NOT_FOUND)
		return e;
	/* The configured figures first (null until entered), then any entered
	 * under an earlier configuration. */
	{
		struct tenure_figure fig[TENURE_FIGURES_MAX];
		int nfig = tenure_figures_parse(cfg.prin_figures, fig, TENURE_FIGURES_MAX);
		int64_t v;

		jw_key(jw, "figures");
		jw_arr(jw);
		for (int i = 0; i < nfig; i++) {
			e = db_get_i64(db, &v, "SELECT value FROM tenure_figure WHERE tenure_id = ?"
			    " AND key = ?", DB_I64(id), DB_TEXT(fig[i].key), DB_END);
			if (e && e != ERR_NOT_FOUND)
				return e;
			jw_obj(jw);
			jw_kstr(jw, "key", fig[i].key);
			jw_kstr(jw, "label", fig[i].label);
			jw_key(jw, "value");
			e ? jw_null(jw) : jw_int(jw, v);
			jw_obj_end(jw);
		}
		jw_arr_end(jw);
	}
	jw_obj_end(jw);	/* baseline */
	return ERR_OK;
}

enum err
tenure_write(struct db *db, const struct who *w, int64_t id, struct jw *jw)
{
	struct buf sql = BUF_INIT(2048);
	struct db_args a = { 0 };
	struct tenure_facts f = { 0 };
	char today[11];
	struct db_rows r;
	unsigned flags;
	enum err e;

	date_format(date_today(), today);
	buf_adds(&sql, "SELECT t.id, t.principal_id, p.name, t.school_id, s.name, s.stage, t.post,"
	    " t.appointed_on, t.term_years, t.term_no, t.term_end_on, t.ended_on, t.end_reason, ");
	prin_supervision_planned_sql(&sql, "t");
	buf_adds(&sql, " FROM tenure t JOIN principal p ON p.id = t.principal_id"
	    " JOIN school s ON s.id = t.school_id WHERE t.id = ?");
	db_args_add(&a, DB_I64(id));
	prin_scope_tenure(&sql, &a, w, "t", today);
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r))) {
		db_rows_close(&r);
		return e;
	}
	jw_obj(jw);
	jw_kint(jw, "id", db_i64(&r, 0));
	jw_kint(jw, "principal_id", db_i64(&r, 1));
	jw_kstr(jw, "principal_name", db_text(&r, 2));
	jw_kint(jw, "school_id", db_i64(&r, 3));
	jw_kstr(jw, "school_name", db_text(&r, 4));
	jw_kstr(jw, "stage", db_text(&r, 5));
	jw_kstr(jw, "post", db_text(&r, 6));
	jw_kstr(jw, "post_label", tenure_label(tenure_posts, tenure_post_labels, db_text(&r, 6)));
	jw_kint(jw, "term_no", db_i64(&r, 9));
	prin_write_term(jw, db_text(&r, 7), (int)db_i64(&r, 8), db_text(&r, 10), db_text(&r, 11),
	    date_today());
	jw_kstr(jw, "end_reason", db_text(&r, 12));
	f.has_tenure = db_is_null(&r, 11);
	date_parse(db_text(&r, 10), &f.term_end);
	f.term_no = (int)db_i64(&r, 9);
	f.planned = (int)db_i64(&r, 13);
	if (!f.has_tenure) {
		int32_t ended = 0;

		date_parse(db_text(&r, 11), &ended);
		f.left_mid_term = tenure_left_early(db_text(&r, 12), ended, f.term_end, f.planned);
	}
	flags = tenure_flags(&f, date_today(), (int)cfg.prin_warn_months,
	    (int)cfg.prin_rotation_terms) & ~(unsigned)TF_NO_PRINCIPAL;
	db_rows_close(&r);
	jw_key(jw, "flags");
	jw_arr(jw);
	for (int i = 0; tenure_flag_names[i]; i++)
		if (flags & (1u << i))
			jw_str(jw, tenure_flag_names[i]);
	jw_arr_end(jw);
	if (!(e = write_baseline(db, id, jw)))
		e = goal_write_tenure(db, id, jw);
	jw_obj_end(jw);
	return e;
}

/* --- the district list --- */

/* FROM … WHERE … of the list: each school, its open tenure t with person
 * p, and lm the latest tenure that ended early here with no supervision
 * planned (PRIN-05), with its person lp. */
static void
list_from(struct buf *sql, struct db_args *a, const struct who *w,
    const struct prin_list_filter *f, const char *today, const char *cutoff)
{
	buf_adds(sql, " FROM school s LEFT JOIN tenure t ON t.school_id = s.id"
	    " AND t.ended_on IS NULL LEFT JOIN principal p ON p.id = t.principal_id"
	    " LEFT JOIN tenure lm ON lm.id = (SELECT MAX(x.id) FROM tenure x WHERE"
	    " x.school_id = s.id AND x.ended_on IS NOT NULL AND x.end_reason <> 'expired'"
	    " AND x.ended_on < x.term_end_on AND NOT (");
	prin_supervision_planned_sql(sql, "x");
	buf_adds(sql, ")) LEFT JOIN principal lp ON lp.id = lm.principal_id WHERE 1=1");
	prin_scope_school(sql, a, w, "s.id", today);
	if (f->like) {
		buf_adds(sql, " AND s.name LIKE ? ESCAPE '!'");
		db_args_add(a, DB_TEXT(f->like));
	}
	if (f->stage) {
		buf_adds(sql, " AND s.stage = ?");
		db_args_add(a, DB_TEXT(f->stage));
	}
	if (f->org_id) {	/* once, by the organizations' path index */
		buf_adds(sql, " AND s.id IN (SELECT o.school_id FROM org o, org d WHERE d.id = ?"
		    " AND o.path >= d.path AND o.path < substr(d.path, 1, length(d.path) - 1) || '0'"
		    " AND o.school_id IS NOT NULL)");
		db_args_add(a, DB_I64(f->org_id));
	}
	if (!f->flag)
		return;
	/* The same rules as tenure_flags(), in SQL, so the filter pages. */
	if (!strcmp(f->flag, "no_principal")) {
		buf_adds(sql, " AND t.id IS NULL");
	} else if (!strcmp(f->flag, "term_ending")) {
		buf_adds(sql, " AND t.id IS NOT NULL AND t.term_end_on <= ? AND NOT (");
		db_args_add(a, DB_TEXT(cutoff));
		prin_supervision_planned_sql(sql, "t");
		buf_adds(sql, ")");
	} else if (!strcmp(f->flag, "left_mid_term")) {
		buf_adds(sql, " AND lm.id IS NOT NULL");
	} else if (!strcmp(f->flag, "rotation")) {
		buf_adds(sql, " AND t.term_no > ?");
		db_args_add(a, DB_I64(cfg.prin_rotation_terms));
	}
}

static void
write_list_row(struct db_rows *r, int32_t today, struct jw *jw)
{
	struct tenure_facts f = { 0 };
	unsigned flags;

	f.has_tenure = !db_is_null(r, 3);
	date_parse(db_text(r, 9), &f.term_end);
	f.term_no = (int)db_i64(r, 8);
	f.planned = (int)db_i64(r, 10);
	f.left_mid_term = !db_is_null(r, 11);
	flags = tenure_flags(&f, today, (int)cfg.prin_warn_months, (int)cfg.prin_rotation_terms);
	jw_obj(jw);
	jw_kint(jw, "school_id", db_i64(r, 0));
	jw_kstr(jw, "school_name", db_text(r, 1));
	jw_kstr(jw, "stage", db_text(r, 2));
	jw_kid(jw, "tenure_id", db_i64(r, 3));
	jw_kid(jw, "principal_id", db_i64(r, 4));
	jw_kstr(jw, "principal_name", db_text(r, 5));
	jw_kstr(jw, "post", db_text(r, 6));
	jw_kstr(jw, "post_label", db_text(r, 6) ? tenure_label(tenure_posts, tenure_post_labels,
	    db_text(r, 6)) : NULL);
	jw_kstr(jw, "appointed_on", db_text(r, 7));
	if (f.has_tenure) {
		int32_t appointed = 0;

		date_parse(db_text(r, 7), &appointed);
		jw_kint(jw, "term_no", f.term_no);
		jw_kint(jw, "term_year", tenure_term_year(appointed, today));
	}
	jw_kstr(jw, "term_end_on", db_text(r, 9));
	jw_key(jw, "left");
	if (db_is_null(r, 11)) {
		jw_null(jw);
	} else {
		jw_obj(jw);
		jw_kint(jw, "tenure_id", db_i64(r, 11));
		jw_kstr(jw, "principal_name", db_text(r, 12));
		jw_kstr(jw, "ended_on", db_text(r, 13));
		jw_kstr(jw, "end_reason", db_text(r, 14));
		jw_obj_end(jw);
	}
	jw_key(jw, "flags");
	jw_arr(jw);
	for (int i = 0; tenure_flag_names[i]; i++)
		if (flags & (1u << i))
			jw_str(jw, tenure_flag_names[i]);
	jw_arr_end(jw);
	jw_obj_end(jw);
}

enum err
prin_school_list(struct db *db, const struct who *w, const struct prin_list_filter *f,
    int32_t today, struct jw *jw, int64_t *total)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char today_s[11], cutoff[11];
	struct db_rows r;
	enum err e;

	date_format(today, today_s);
	date_format(tenure_warn_cutoff(today, (int)cfg.prin_warn_months), cutoff);
	buf_adds(&sql, "SELECT COUNT(*)");
	list_from(&sql, &a, w, f, today_s, cutoff);
	if ((e = db_get_i64v(db, total, buf_str(&sql), &a))) {
		buf_release(&sql);
		return e;
	}
	buf_reset(&sql);
	a.n = 0;
	buf_adds(&sql, "SELECT s.id, s.name, s.stage, t.id, p.id, p.name, t.post, t.appointed_on,"
	    " t.term_no, t.term_end_on, ");
	prin_supervision_planned_sql(&sql, "t");
	buf_adds(&sql, ", lm.id, lp.name, lm.ended_on, lm.end_reason");
	list_from(&sql, &a, w, f, today_s, cutoff);
	buf_addf(&sql, " ORDER BY %s %s, s.name, s.id LIMIT ? OFFSET ?", f->sort,
	    f->desc ? "DESC" : "ASC");
	db_args_add(&a, DB_I64(f->per_page));
	db_args_add(&a, DB_I64((f->page - 1) * f->per_page));
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		write_list_row(&r, today, jw);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
