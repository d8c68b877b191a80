/* cultivation_store.c: the scoped SQL of the dual-cultivation registers;
 * each write is one transaction with its audit row. */
#include "core/common.h"
#include "cultivate/cultivation.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/dates.h"
#include "cultivate/cult.h"
#include "cultivate/cult_store.h"
#include "develop/applicant.h"
#include "http/json_out.h"
#include "party/org.h"

static void
check_person(struct db *db, const struct who *w, const struct cultivation_in *in,
    struct cult_member *m, struct problem *pb)
{
	if (!strcmp(in->kind, "backbone_to_member")) {
		if (in->member_id)
			problem_field(pb, "member_id", "教育教学骨干培养为党员的对象不是党员，不应关联党员");
		if (!in->name || !*in->name)
			problem_field(pb, "name", "不能为空");
		return;
	}
	if (!in->member_id) {
		problem_field(pb, "member_id", "党员教师培养为骨干须选择党员");
		return;
	}
	if (cult_member_get(db, w, in->member_id, m))
		problem_field(pb, "member_id", "党员不存在或不在管理范围内");
	else if (m->backbone)
		problem_field(pb, "member_id", "该党员已是教育教学骨干");
}

static enum err
insert(struct db *db, const struct who *w, const struct cultivation_in *in, struct problem *pb,
    int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct cult_member m = { 0 };
	struct org o = { 0 };
	int32_t d, today = date_today();
	enum err e;

	if (org_get(db, w, in->org_id, &a, &o))
		problem_field(pb, "org_id", "组织不存在或不在管理范围内");
	else if (!o.school_id)
		problem_field(pb, "org_id", "请选择学校的党组织");
	else if (!cult_may_write(w, o.path))
		problem_field(pb, "org_id", "无权登记该组织的双培养对象");
	if (in->year < 2000 || in->year > date_year(today) + 1)
		problem_field(pb, "year", "年度应在 2000 至明年之间");
	if (date_parse(in->nominated_on, &d) || d > today)
		problem_field(pb, "nominated_on", "推荐日期不能晚于今天");
	check_person(db, w, in, &m, pb);
	e = pb->nfields ? ERR_INVALID : ERR_OK;
	if (!e)
		e = db_exec(db, "INSERT INTO cultivation (org_id, org_path, school_id, year, kind,"
		    " member_id, name, subject, title, nominated_on, reason, state, created_at,"
		    " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'nominated',?,?)", DB_I64(o.id),
		    DB_TEXT(o.path), DB_I64(o.school_id), DB_I64(in->year), DB_TEXT(in->kind),
		    in->member_id ? DB_I64(in->member_id) : DB_NULL,
		    DB_TEXT(in->member_id ? m.name : in->name), DB_TEXT(in->subject ? in->subject : ""),
		    DB_TEXT(in->title ? in->title : ""), DB_TEXT(in->nominated_on),
		    DB_TEXT(in->reason ? in->reason : ""), DB_I64(time(NULL)), DB_I64(time(NULL)),
		    DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = cult_audit(db, w, "create", "cultivation", *id, "kind", in->kind);
	}
	arena_release(&a);
	return e;
}

enum err
cultivation_create(struct db *db, const struct who *w, const struct cultivation_in *in,
    struct problem *pb, int64_t *id)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	return db_end(db, insert(db, w, in, pb, id));
}

/* The record's kind, state, nomination date and member (in scope). */
struct row {
	char kind[32], state[16], nominated_on[11], path[256], name[256];
	int64_t member_id, org_id;
};

static enum err
load(struct db *db, const struct who *w, int64_t id, struct row *r)
{
	struct db_rows q;
	enum err e;

	if ((e = cult_row_scoped(db, w, "cultivation", id, r->path)))
		return e;
	if (!cult_may_write(w, r->path))
		return ERR_FORBIDDEN;
	e = db_query(db, &q, "SELECT kind, state, nominated_on, COALESCE(member_id, 0), name,"
	    " org_id FROM cultivation WHERE id = ?", DB_I64(id), DB_END);
	if (e)
		return e;
	if ((e = db_next(&q)) == ERR_OK) {
		snprintf(r->kind, sizeof(r->kind), "%s", db_text(&q, 0));
		snprintf(r->state, sizeof(r->state), "%s", db_text(&q, 1));
		snprintf(r->nominated_on, sizeof(r->nominated_on), "%s", db_text(&q, 2));
		r->member_id = db_i64(&q, 3);
		snprintf(r->name, sizeof(r->name), "%s", db_text(&q, 4));
		r->org_id = db_i64(&q, 5);
	}
	db_rows_close(&q);
	return e;
}

static enum err
step(struct db *db, const struct who *w, int64_t id, enum cult_action a, struct row *r,
    const char **next, struct problem *pb)
{
	enum err e = load(db, w, id, r);

	if (e)
		return e;
	if (cult_step(r->state, a, next))
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    cult_conflict_message(r->state));
	return ERR_OK;
}

static int
date_between(const char *s, const char *from, int32_t *d)
{
	int32_t f = 0;

	if (date_parse(s, d) || *d > date_today())
		return 0;
	return !from || date_parse(from, &f) || *d >= f;
}

enum err
cultivation_select(struct db *db, const struct who *w, int64_t id, int selected, int64_t score,
    const char *date, struct problem *pb)
{
	const char *next = NULL;
	struct row r = { 0 };
	int32_t d;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = step(db, w, id, selected ? CA_SELECT : CA_REJECT, &r, &next, pb);
	if (!e && !date_between(date, r.nominated_on, &d))
		e = problem_field(pb, "date", "遴选日期应在推荐日期之后且不晚于今天");
	if (!e)
		e = db_exec(db, "UPDATE cultivation SET state = ?, score = ?, selected_on = ?,"
		    " updated_at = ? WHERE id = ?", DB_TEXT(next), DB_I64(score), DB_TEXT(date),
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = cult_audit(db, w, "select", "cultivation", id, "state", next);
	return db_end(db, e);
}

static enum err
check_contacts(struct db *db, const struct who *w, int n, const int64_t *ids,
    const struct row *r, struct problem *pb)
{
	struct cult_member m;

	if (!cult_contacts_ok(n))
		return problem_field(pb, "member_ids", "培养联系人应为 1 至 2 名正式党员");
	for (int i = 0; i < n; i++) {
		if (cult_member_get(db, w, ids[i], &m))
			return problem_field(pb, "member_ids", "党员 %" PRId64 " 不存在或不在管理范围内",
			    ids[i]);
		if (strcmp(m.status, "full"))
			return problem_field(pb, "member_ids", "%s 是预备党员，培养联系人须为正式党员",
			    m.name);
		if (ids[i] == r->member_id)
			return problem_field(pb, "member_ids", "培养联系人不能是培养对象本人");
		for (int k = 0; k < i; k++)
			if (ids[k] == ids[i])
				return problem_field(pb, "member_ids", "培养联系人重复");
	}
	return ERR_OK;
}

enum err
cultivation_contacts(struct db *db, const struct who *w, int64_t id, int n,
    const int64_t *member_ids, struct problem *pb)
{
	struct row r = { 0 };
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load(db, w, id, &r);
	if (!e && !strcmp(r.state, "not_selected"))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", cult_conflict_message(r.state));
	if (!e)
		e = check_contacts(db, w, n, member_ids, &r, pb);
	if (!e)
		e = db_exec(db, "DELETE FROM cultivation_contact WHERE cultivation_id = ?", DB_I64(id),
		    DB_END);
	for (int i = 0; !e && i < n; i++)
		e = db_exec(db, "INSERT INTO cultivation_contact (cultivation_id, member_id)"
		    " VALUES (?,?)", DB_I64(id), DB_I64(member_ids[i]), DB_END);
	if (!e)
		e = cult_audit(db, w, "contacts", "cultivation", id, "state", r.state);
	return db_end(db, e);
}

/* CUL-04: the applicant of the same ID number in scope, or a new one at
 * step 1 in the branch given (or the register's own branch). */
static enum err
pipeline_link(struct db *db, const struct who *w, const struct row *r,
    const struct cultivation_outcome_in *in, struct problem *pb, int64_t *applicant_id)
{
	struct applicant_in ai = { .org_id = in->org_id, .name = r->name, .id_card = in->id_card,
		.ethnicity = in->ethnicity, .education = in->education, .post = in->post,
		.applied_on = in->date, .note = "双培养对象列入发展党员流程" };
	int64_t branch;
	enum err e;

	if (!in->id_card || !*in->id_card)
		return problem_field(pb, "id_card", "列入发展党员流程须填写身份证号");
	e = applicant_find_card(db, w, in->id_card, applicant_id);
	if (e != ERR_NOT_FOUND)
		return e;
	if (!ai.org_id && db_get_i64(db, &branch, "SELECT id FROM org WHERE id = ?"
	    " AND kind = 'branch'", DB_I64(r->org_id), DB_END) == ERR_OK)
		ai.org_id = branch;
	if (!ai.org_id)
		return problem_field(pb, "org_id", "请选择申请人所在的党支部");
	return applicant_create_tx(db, w, &ai, pb, applicant_id);
}

static enum err
apply_outcome(struct db *db, const struct who *w, int64_t id, const struct row *r,
    const struct cultivation_outcome_in *in, int64_t applicant_id)
{
	const char *outcome = in->outcome;
	enum err e;

	e = db_exec(db, "UPDATE cultivation SET state = 'developed', outcome = ?, outcome_on = ?,"
	    " outcome_title = ?, applicant_id = ?, updated_at = ? WHERE id = ?", DB_TEXT(outcome),
	    DB_TEXT(in->date), DB_TEXT(in->title ? in->title : ""),
	    applicant_id ? DB_I64(applicant_id) : DB_NULL, DB_I64(time(NULL)), DB_I64(id), DB_END);
	/* CUL-01: the register keeps member.backbone, in this transaction. */
	if (!e && !strcmp(outcome, "became_backbone"))
		e = db_exec(db, "UPDATE member SET backbone = 1, updated_at = ? WHERE id = ?",
		    DB_I64(time(NULL)), DB_I64(r->member_id), DB_END);
	if (!e)
		e = cult_audit(db, w, "outcome", "cultivation", id, "outcome", outcome);
	if (!e && !strcmp(outcome, "became_backbone"))
		e = cult_audit(db, w, "backbone", "member", r->member_id, "source", "cultivation");
	return e;
}

enum err
cultivation_outcome(struct db *db, const struct who *w, int64_t id,
    const struct cultivation_outcome_in *in, struct problem *pb)
{
	const char *next = NULL, *outcome = in->outcome;
	struct row r = { 0 };
	int64_t applicant_id = 0;
	int32_t d;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = step(db, w, id, CA_OUTCOME, &r, &next, pb);
	if (!e && !cult_outcome_fits(r.kind, outcome))
		problem_field(pb, "outcome", !strcmp(r.kind, "backbone_to_member") ?
		    "骨干培养为党员的结果应为“列入发展党员流程”" : "党员培养为骨干的结果应为“成为教育教学骨干”");
	if (!e && !date_between(in->date, r.nominated_on, &d))
		problem_field(pb, "date", "结果日期应在推荐日期之后且不晚于今天");
	if (!e && !strcmp(outcome, "became_backbone") && (!in->title || !*in->title))
		problem_field(pb, "title", "请填写骨干称号（如区级骨干教师）");
	if (!e && pb->nfields)
		e = ERR_INVALID;
	if (!e && !strcmp(outcome, "joined_pipeline"))
		e = pipeline_link(db, w, &r, in, pb, &applicant_id);
	if (!e)
		e = apply_outcome(db, w, id, &r, in, applicant_id);
	return db_end(db, e);
}

#define CULT_COLS "c.id, c.org_id, o.name, c.school_id, s.name, s.ownership, c.year, c.kind," \
	" c.member_id, c.name, c.subject, c.title, c.nominated_on, c.reason, c.state, c.score," \
	" c.selected_on, c.outcome, c.outcome_on, c.outcome_title, c.applicant_id, ap.step," \
	" ap.status, ap.next_step, ap.admitted_on"
#define CULT_FROM " FROM cultivation c JOIN org o ON o.id = c.org_id" \
	" JOIN school s ON s.id = c.school_id LEFT JOIN applicant ap ON ap.id = c.applicant_id"
static const char *const cult_keys[] = { "id", "org_id", "org_name", "school_id", "school_name",
	"ownership", "year", "kind", "member_id", "name", "subject", "title", "nominated_on",
	"reason", "state", "score", "selected_on", "outcome", "outcome_on", "outcome_title",
	"applicant_id", "applicant_step", "applicant_status", "applicant_next_step",
	"admitted_on" };
static const char cult_fmt[] = "iisissisnssssssnssssnnsns";

static enum err
contacts_json(struct db *db, int64_t id, struct jw *j)
{
	static const char *const keys[] = { "member_id", "name", "status" };

	return cult_children_json(db, id, "contacts", "SELECT m.id, m.name, m.status FROM"
	    " cultivation_contact cc JOIN member m ON m.id = cc.member_id WHERE"
	    " cc.cultivation_id = ? ORDER BY m.id", keys, "iss", j);
}

enum err
cultivation_get_json(struct db *db, const struct who *w, int64_t id, struct jw *j)
{
	enum err e = cult_get_object(db, w, "SELECT " CULT_COLS CULT_FROM " WHERE c.id = ?",
	    "c.org_path", id, cult_keys, cult_fmt, j);

	if (!e)
		e = contacts_json(db, id, j);
	if (!e)
		jw_obj_end(j);
	return e;
}

static void
list_where(const struct who *w, const struct cultivation_filter *f, struct buf *sql,
    struct db_args *a, char (*up)[256])
{
	buf_adds(sql, CULT_FROM " WHERE 1=1");
	if (f->school_id) {
		buf_adds(sql, " AND c.school_id = ?");
		db_args_add(a, DB_I64(f->school_id));
	}
	if (f->year) {
		buf_adds(sql, " AND c.year = ?");
		db_args_add(a, DB_I64(f->year));
	}
	if (f->kind) {
		buf_adds(sql, " AND c.kind = ?");
		db_args_add(a, DB_TEXT(f->kind));
	}
	if (f->state) {
		buf_adds(sql, " AND c.state = ?");
		db_args_add(a, DB_TEXT(f->state));
	}
	cult_scope(sql, a, w, "c.org_path", up);
}

enum err
cultivation_list_json(struct db *db, const struct who *w, const struct cultivation_filter *f,
    struct jw *j, int64_t *total)
{
	struct buf where = BUF_INIT(8192), sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	list_where(w, f, &where, &args, up);
	buf_addf(&sql, "SELECT COUNT(*)%s", buf_str(&where));
	e = db_get_i64v(db, total, buf_str(&sql), &args);
	buf_reset(&sql);
	if (e)
		goto out;
	/* sort_col comes from the API's fixed table, never from the client. */
	buf_addf(&sql, "SELECT " CULT_COLS "%s ORDER BY %s %s, c.id LIMIT ? OFFSET ?",
	    buf_str(&where), f->sort_col, f->desc ? "DESC" : "ASC");
	db_args_add(&args, DB_I64(f->per_page));
	db_args_add(&args, DB_I64((f->page - 1) * f->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &args)))
		goto out;
	e = cult_rows_json(&r, j, cult_keys, cult_fmt);
	db_rows_close(&r);
out:
	buf_release(&where);
	buf_release(&sql);
	return e;
}

/* The counts of one year grouped by ownership or by school: nominated and
 * selected by register year, outcomes by the year of their date, and
 * admitted (CUL-04): people from the register whom step 17 admitted, by
 * the year of their admission (the assembly date, their joined_on). */
static enum err
stats_query(struct db *db, const struct who *w, int year, int by_school, struct jw *j)
{
	static const char *const okeys[] = { "ownership", "nominated", "selected",
		"joined_pipeline", "became_backbone", "admitted" };
	static const char *const skeys[] = { "school_id", "school_name", "ownership", "nominated",
		"selected", "joined_pipeline", "became_backbone", "admitted" };
	struct buf sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], from[11], to[11];
	struct db_rows r;
	enum err e;

	cult_year_range(year, from, to);
	buf_addf(&sql, "SELECT %s,"
	    " SUM(CASE WHEN c.year = ? THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN c.year = ? AND c.state IN ('selected', 'developed') THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN c.outcome = 'joined_pipeline' AND c.outcome_on >= ? AND c.outcome_on < ?"
	    " THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN c.outcome = 'became_backbone' AND c.outcome_on >= ? AND c.outcome_on < ?"
	    " THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN ap.admitted_on >= ? AND ap.admitted_on < ? THEN 1 ELSE 0 END)"
	    CULT_FROM " WHERE (c.year = ? OR (c.outcome_on >= ? AND c.outcome_on < ?)"
	    " OR (ap.admitted_on >= ? AND ap.admitted_on < ?))",
	    by_school ? "s.id, s.name, s.ownership" : "s.ownership");
	db_args_add(&args, DB_I64(year));
	db_args_add(&args, DB_I64(year));
	for (int i = 0; i < 3; i++) {
		db_args_add(&args, DB_TEXT(from));
		db_args_add(&args, DB_TEXT(to));
	}
	db_args_add(&args, DB_I64(year));
	for (int i = 0; i < 2; i++) {
		db_args_add(&args, DB_TEXT(from));
		db_args_add(&args, DB_TEXT(to));
	}
	cult_scope(&sql, &args, w, "c.org_path", up);
	buf_adds(&sql, by_school ? " GROUP BY s.id, s.name, s.ownership ORDER BY s.name" :
	    " GROUP BY s.ownership ORDER BY s.ownership DESC");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	jw_key(j, by_school ? "schools" : "by_ownership");
	jw_arr(j);
	e = cult_rows_json(&r, j, by_school ? skeys : okeys, by_school ? "issiiiii" : "siiiii");
	jw_arr_end(j);
	db_rows_close(&r);
	return e;
}

enum err
cultivation_stats_json(struct db *db, const struct who *w, int year, struct jw *j)
{
	enum err e = stats_query(db, w, year, 0, j);

	return e ? e : stats_query(db, w, year, 1, j);
}
