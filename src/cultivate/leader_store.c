/* leader_store.c: the scoped SQL of the dual-leader register; each write
 * is one transaction with its audit row, and recognising or revoking
 * updates member.dual_leader in the same transaction (CUL-01). */
#include "core/common.h"
#include "cultivate/leader.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "cultivate/cult_store.h"
#include "http/json_out.h"

static const char *const ev_cols[] = { "ev_party", "ev_education", "ev_management",
	"ev_prestige", "ev_ideology" };

static enum err
insert(struct db *db, const struct who *w, const struct leader_in *in, struct problem *pb,
    int64_t *id)
{
	struct cult_member m;
	const char *const *ev = in->evidence;
	int64_t n = 0;
	enum err e;

	if (cult_member_get(db, w, in->member_id, &m))
		return problem_field(pb, "member_id", "党员不存在或不在管理范围内");
	if (!cult_may_write(w, m.org_path))
		return ERR_FORBIDDEN;
	if ((e = db_get_i64(db, &n, "SELECT COUNT(*) FROM leader WHERE member_id = ?",
	    DB_I64(m.id), DB_END)))
		return e;
	if (n)
		return problem_set(pb, ERR_CONFLICT, "duplicate", "该党员已在双带头人登记中");
#define T(s) DB_TEXT((s) ? (s) : "")
	e = db_exec(db, "INSERT INTO leader (member_id, org_id, org_path, position, party_work,"
	    " subject_titles, backbone_level, awards, ev_party, ev_education, ev_management,"
	    " ev_prestige, ev_ideology, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    DB_I64(m.id), DB_I64(m.org_id), DB_TEXT(m.org_path), DB_TEXT(in->position),
	    T(in->party_work), T(in->subject_titles), T(in->backbone_level), T(in->awards), T(ev[0]),
	    T(ev[1]), T(ev[2]), T(ev[3]), T(ev[4]), DB_I64(time(NULL)), DB_I64(time(NULL)), DB_END);
#undef T
	if (!e) {
		*id = db_last_id(db);
		e = cult_audit(db, w, "create", "leader", *id, "position", in->position);
	}
	return e;
}

enum err
leader_create(struct db *db, const struct who *w, const struct leader_in *in, struct problem *pb,
    int64_t *id)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	return db_end(db, insert(db, w, in, pb, id));
}

/* The current record in scope: its criteria evidence, teaching fields and
 * whether it is recognised now. */
struct row {
	char path[256];
	char ev[CULT_CRITERIA][2048];
	char backbone_level[256], subject_titles[512];
	int64_t member_id;
	int current;
};

static enum err
load(struct db *db, const struct who *w, int64_t id, struct row *r)
{
	struct db_rows q;
	enum err e;

	if ((e = cult_row_scoped(db, w, "leader", id, r->path)))
		return e;
	if (!cult_may_write(w, r->path))
		return ERR_FORBIDDEN;
	e = db_query(db, &q, "SELECT ev_party, ev_education, ev_management, ev_prestige,"
	    " ev_ideology, backbone_level, subject_titles, member_id, CASE WHEN recognised_on IS NOT"
	    " NULL AND revoked_on IS NULL THEN 1 ELSE 0 END FROM leader WHERE id = ?", DB_I64(id),
	    DB_END);
	if (e)
		return e;
	if ((e = db_next(&q)) == ERR_OK) {
		for (int i = 0; i < CULT_CRITERIA; i++)
			snprintf(r->ev[i], sizeof(r->ev[i]), "%s", db_text(&q, i));
		snprintf(r->backbone_level, sizeof(r->backbone_level), "%s", db_text(&q, 5));
		snprintf(r->subject_titles, sizeof(r->subject_titles), "%s", db_text(&q, 6));
		r->member_id = db_i64(&q, 7);
		r->current = (int)db_i64(&q, 8);
	}
	db_rows_close(&q);
	return e;
}

/* CUL-02 over the record as it would be: names each missing criterion. */
static void
check_criteria(const struct row *r, struct problem *pb)
{
	const char *ev[CULT_CRITERIA];
	int missing[CULT_CRITERIA];

	for (int i = 0; i < CULT_CRITERIA; i++)
		ev[i] = r->ev[i];
	cult_criteria_missing(ev, missing);
	for (int i = 0; i < CULT_CRITERIA; i++)
		if (missing[i])
			problem_field(pb, cult_criteria_fields[i], "缺少“%s”的证明材料（CUL-02）",
			    cult_criteria_labels[i]);
	if (!*r->backbone_level && !*r->subject_titles)
		problem_field(pb, "backbone_level", "双带头人须是教学带头人：请填写骨干级别或学科带头人称号");
}

static void
overlay(struct row *r, const struct leader_in *in)
{
	for (int i = 0; i < CULT_CRITERIA; i++)
		if (in->evidence[i])
			snprintf(r->ev[i], sizeof(r->ev[i]), "%s", in->evidence[i]);
	if (in->backbone_level)
		snprintf(r->backbone_level, sizeof(r->backbone_level), "%s", in->backbone_level);
	if (in->subject_titles)
		snprintf(r->subject_titles, sizeof(r->subject_titles), "%s", in->subject_titles);
}

static enum err
set_text(struct db *db, int64_t id, const char *col, const char *v)
{
	char sql[128];

	if (!v)
		return ERR_OK;
	/* col is one of this file's fixed column names. */
	snprintf(sql, sizeof(sql), "UPDATE leader SET %s = ?, updated_at = ? WHERE id = ?", col);
	return db_exec(db, sql, DB_TEXT(v), DB_I64(time(NULL)), DB_I64(id), DB_END);
}

enum err
leader_update(struct db *db, const struct who *w, int64_t id, const struct leader_in *in,
    struct problem *pb)
{
	struct row *r = calloc(1, sizeof(*r));
	enum err e = db_begin(db);

	if (!r)
		abort();
	if (!e)
		e = load(db, w, id, r);
	if (!e && r->current) {
		overlay(r, in);
		check_criteria(r, pb);
		e = pb->nfields ? ERR_INVALID : ERR_OK;
	}
	if (!e)
		e = set_text(db, id, "position", in->position);
	if (!e)
		e = set_text(db, id, "party_work", in->party_work);
	if (!e)
		e = set_text(db, id, "subject_titles", in->subject_titles);
	if (!e)
		e = set_text(db, id, "backbone_level", in->backbone_level);
	if (!e)
		e = set_text(db, id, "awards", in->awards);
	for (int i = 0; !e && i < CULT_CRITERIA; i++)
		e = set_text(db, id, ev_cols[i], in->evidence[i]);
	if (!e)
		e = cult_audit(db, w, "update", "leader", id, "position", in->position);
	free(r);
	return db_end(db, e);
}

static enum err
set_flag(struct db *db, const struct who *w, int64_t member_id, int on)
{
	enum err e;

	/* CUL-01: the register keeps member.dual_leader, in this transaction. */
	e = db_exec(db, "UPDATE member SET dual_leader = ?, updated_at = ? WHERE id = ?", DB_I64(on),
	    DB_I64(time(NULL)), DB_I64(member_id), DB_END);
	return e ? e : cult_audit(db, w, on ? "dual_leader_on" : "dual_leader_off", "member",
	    member_id, "source", "leader");
}

static int
date_ok(const char *s)
{
	int32_t d;

	return !date_parse(s, &d) && d <= date_today();
}

/* Opens the transaction of a recognise (current 0) or revoke (current
 * 1) and loads the leader: ERR_CONFLICT (invalid_transition) naming the
 * state unless its recognition is as wanted. The caller ends it. */
static enum err
step_begin(struct db *db, const struct who *w, int64_t id, int current, struct row *r,
    struct problem *pb)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	if ((e = load(db, w, id, r)))
		return e;
	if (r->current == current)
		return ERR_OK;
	return problem_set(pb, ERR_CONFLICT, "invalid_transition", current ?
	    "当前状态为“未认定”：无可撤销的认定" : "当前状态为“已认定”：不能重复认定");
}

enum err
leader_recognise(struct db *db, const struct who *w, int64_t id, const char *level,
    const char *date, struct problem *pb)
{
	struct row *r = xcalloc(1, sizeof(*r));
	enum err e = step_begin(db, w, id, 0, r, pb);

	if (!e) {
		check_criteria(r, pb);
		if (!date_ok(date))
			problem_field(pb, "date", "认定日期不能晚于今天");
		e = pb->nfields ? ERR_INVALID : ERR_OK;
	}
	if (!e)
		e = db_exec(db, "UPDATE leader SET level = ?, recognised_on = ?, revoked_on = NULL,"
		    " revoke_reason = '', updated_at = ? WHERE id = ?", DB_TEXT(level), DB_TEXT(date),
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = cult_audit(db, w, "recognise", "leader", id, "level", level);
	if (!e)
		e = set_flag(db, w, r->member_id, 1);
	free(r);
	return db_end(db, e);
}

enum err
leader_revoke(struct db *db, const struct who *w, int64_t id, const char *date,
    const char *reason, struct problem *pb)
{
	struct row *r = xcalloc(1, sizeof(*r));
	enum err e = step_begin(db, w, id, 1, r, pb);

	if (!e && !date_ok(date))
		e = problem_field(pb, "date", "撤销日期不能晚于今天");
	if (!e)
		e = db_exec(db, "UPDATE leader SET revoked_on = ?, revoke_reason = ?, updated_at = ?"
		    " WHERE id = ?", DB_TEXT(date), DB_TEXT(reason), DB_I64(time(NULL)), DB_I64(id),
		    DB_END);
	if (!e)
		e = cult_audit(db, w, "revoke", "leader", id, "reason", reason);
	if (!e)
		e = set_flag(db, w, r->member_id, 0);
	free(r);
	return db_end(db, e);
}

#define LEADER_COLS "l.id, l.member_id, m.name, l.org_id, o.name, o.school_id, s.name," \
	" l.position, l.party_work, l.subject_titles, l.backbone_level, l.awards, l.ev_party," \
	" l.ev_education, l.ev_management, l.ev_prestige, l.ev_ideology, l.level," \
	" l.recognised_on, l.revoked_on, l.revoke_reason," \
	" CASE WHEN l.recognised_on IS NOT NULL AND l.revoked_on IS NULL THEN 1 ELSE 0 END," \
	" (CASE WHEN TRIM(l.ev_party) <> '' THEN 1 ELSE 0 END" \
	" + CASE WHEN TRIM(l.ev_education) <> '' THEN 1 ELSE 0 END" \
	" + CASE WHEN TRIM(l.ev_management) <> '' THEN 1 ELSE 0 END" \
	" + CASE WHEN TRIM(l.ev_prestige) <> '' THEN 1 ELSE 0 END" \
	" + CASE WHEN TRIM(l.ev_ideology) <> '' THEN 1 ELSE 0 END), m.dual_leader"
#define LEADER_FROM " FROM leader l JOIN member m ON m.id = l.member_id" \
	" JOIN org o ON o.id = l.org_id LEFT JOIN school s ON s.id = o.school_id"
static const char *const leader_keys[] = { "id", "member_id", "name", "org_id", "org_name",
	"school_id", "school_name", "position", "party_work", "subject_titles", "backbone_level",
	"awards", "evidence_party", "evidence_education", "evidence_management",
	"evidence_prestige", "evidence_ideology", "level", "recognised_on", "revoked_on",
	"revoke_reason", "dual_leader", "criteria_met", "member_flag" };
static const char leader_fmt[] = "iisisnsssssssssssssssbib";

enum err
leader_get_json(struct db *db, const struct who *w, int64_t id, struct jw *j)
{
	enum err e = cult_get_object(db, w, "SELECT " LEADER_COLS LEADER_FROM " WHERE l.id = ?",
	    "l.org_path", id, leader_keys, leader_fmt, j);

	if (!e)
		jw_obj_end(j);
	return e;
}

enum err
leader_list_json(struct db *db, const struct who *w, const struct leader_filter *f, struct jw *j,
    int64_t *total)
{
	struct buf where = BUF_INIT(8192), sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&where, LEADER_FROM " WHERE 1=1");
	if (f->school_id) {
		buf_adds(&where, " AND o.school_id = ?");
		db_args_add(&args, DB_I64(f->school_id));
	}
	if (f->level) {
		buf_adds(&where, " AND l.level = ? AND l.revoked_on IS NULL");
		db_args_add(&args, DB_TEXT(f->level));
	}
	if (f->recognised)
		buf_adds(&where, " AND l.recognised_on IS NOT NULL AND l.revoked_on IS NULL");
	cult_scope(&where, &args, w, "l.org_path", up);
	buf_addf(&sql, "SELECT COUNT(*)%s", buf_str(&where));
	e = db_get_i64v(db, total, buf_str(&sql), &args);
	buf_reset(&sql);
	if (e)
		goto out;
	buf_addf(&sql, "SELECT " LEADER_COLS "%s ORDER BY s.name, l.position DESC, m.name, l.id"
	    " LIMIT ? OFFSET ?", buf_str(&where));
	db_args_add(&args, DB_I64(f->per_page));
	db_args_add(&args, DB_I64((f->page - 1) * f->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &args)))
		goto out;
	e = cult_rows_json(&r, j, leader_keys, leader_fmt);
	db_rows_close(&r);
out:
	buf_release(&where);
	buf_release(&sql);
	return e;
}

enum err
leader_schools_json(struct db *db, const struct who *w, struct jw *j)
{
	static const char *const keys[] = { "school_id", "school_name", "ownership", "secretaries",
		"secretary_dual_leaders", "deputies", "deputy_dual_leaders", "municipal" };
	struct buf sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

#define CUR "l.recognised_on IS NOT NULL AND l.revoked_on IS NULL"
	buf_adds(&sql, "SELECT s.id, s.name, s.ownership,"
	    " SUM(CASE WHEN l.position = 'secretary' THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN l.position = 'secretary' AND " CUR " THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN l.position = 'deputy' THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN l.position = 'deputy' AND " CUR " THEN 1 ELSE 0 END),"
	    " SUM(CASE WHEN l.level = 'municipal' AND " CUR " THEN 1 ELSE 0 END)"
	    " FROM school s JOIN org o ON o.school_id = s.id"
	    " LEFT JOIN leader l ON l.org_id = o.id WHERE 1=1");
#undef CUR
	cult_scope(&sql, &args, w, "o.path", up);
	buf_adds(&sql, " GROUP BY s.id, s.name, s.ownership ORDER BY s.name");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	jw_key(j, "items");
	jw_arr(j);
	e = cult_rows_json(&r, j, keys, "issiiiii");
	jw_arr_end(j);
	db_rows_close(&r);
	return e;
}
