/* principal_store.c: the scope of the principal-tenure platform, principals
 * (persons) and tenures with their baseline (principal.h). */
#include "core/common.h"
#include "principal/principal.h"

#include <sodium.h>
#include <time.h>

#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "core/xalloc.h"
#include "party/compliance.h"
#include "principal/tenure.h"

void
prin_scope_school(struct buf *sql, struct db_args *a, const struct who *w, const char *col,
    const char *today)
{
	if (w->all || w->role == ROLE_SUPERVISION_OFFICE)
		return;
	if (w->role != ROLE_SUPERVISOR) {
		buf_adds(sql, " AND 1=0");
		return;
	}
	/* PRIN-10: the schools the office assigned this 督学, as of today. */
	buf_addf(sql, " AND %s IN (SELECT sa.school_id FROM supervisor_assignment sa"
	    " WHERE sa.user_id = ? AND sa.from_on <= ? AND (sa.to_on IS NULL OR sa.to_on >= ?))",
	    col);
	db_args_add(a, DB_I64(w->user_id));
	db_args_add(a, DB_TEXT(today));
	db_args_add(a, DB_TEXT(today));
}

void
prin_scope_tenure(struct buf *sql, struct db_args *a, const struct who *w, const char *t,
    const char *today)
{
	char col[64];

	if (w->role == ROLE_PRINCIPAL) {
		buf_addf(sql, " AND %s.principal_id IN (SELECT pp.id FROM principal pp"
		    " WHERE pp.user_id = ?)", t);
		db_args_add(a, DB_I64(w->user_id));
		return;
	}
	snprintf(col, sizeof(col), "%s.school_id", t);
	prin_scope_school(sql, a, w, col, today);
}

void
prin_supervision_planned_sql(struct buf *sql, const char *t)
{
	(void)t;	/* no supervision table yet (issue 13 item 5) */
	buf_adds(sql, "0");
}

/* --- persons --- */

/* Checks the links of in (member, principal account) against the
 * database; self is the person being changed (0 on create). */
static void
person_check_refs(struct db *db, const struct prin_person_in *in, int64_t self,
    struct problem *pb)
{
	int64_t v;

	if (in->set_member && in->member_id &&
	    db_get_i64(db, &v, "SELECT id FROM member WHERE id = ?", DB_I64(in->member_id), DB_END))
		problem_field(pb, "member_id", "党员不存在");
	if (!in->set_user || !in->user_id)
		return;
	if (db_get_i64(db, &v, "SELECT id FROM app_user WHERE id = ? AND role = 'principal'",
	    DB_I64(in->user_id), DB_END))
		problem_field(pb, "user_id", "应为角色为“校长”的账号");
	else if (!db_get_i64(db, &v, "SELECT id FROM principal WHERE user_id = ? AND id <> ?",
	    DB_I64(in->user_id), DB_I64(self), DB_END))
		problem_field(pb, "user_id", "该账号已关联另一位校长");
}

static void
person_check(struct prin_person_in *in, int create, struct arena *a, struct problem *pb)
{
	struct id_card ic;
	enum id_card_status st;

	if ((create || in->name) && (!in->name || !*in->name))
		problem_field(pb, "name", "必填");
	if ((create || in->gender) && !in->gender)
		problem_field(pb, "gender", "必填");
	if (!in->id_card || !*in->id_card) {
		in->id_card = NULL;
		return;
	}
	st = id_card_parse(in->id_card, date_today(), &ic);
	if (st)
		problem_field(pb, "id_card", "%s", id_card_message(st));
	else
		in->id_card = arena_strdup(a, ic.number);	/* normalised (x -> X) */
}

/* The sealed number, its blind index and mask of in->id_card (or NULLs). */
struct sealed {
	unsigned char *enc;
	size_t n;
	unsigned char idx[32];
	char mask[19];
};

static void
seal(const char *id_card, struct sealed *s)
{
	memset(s, 0, sizeof(*s));
	if (!id_card)
		return;
	crypto_seal(id_card, &s->enc, &s->n);
	crypto_blind_index(id_card, s->idx);
	id_card_mask(id_card, s->mask);
}

/* A principal who is a member (the same ID number, by its blind index) is
 * linked to the member record unless the office named one (issue 13). */
static enum err
member_by_id_card(struct db *db, const struct sealed *s, struct prin_person_in *in)
{
	int64_t id;
	enum err e;

	if (!s->enc)
		return ERR_OK;
	e = db_get_i64(db, &id, "SELECT id FROM member WHERE id_card_idx = ?", DB_BLOB(s->idx, 32),
	    DB_END);
	if (e == ERR_NOT_FOUND)
		return ERR_OK;
	if (!e) {
		in->set_member = 1;
		in->member_id = id;
	}
	return e;
}

static enum err
person_audit(struct db *db, const struct who *w, const char *action, int64_t id)
{
	struct buf after = BUF_INIT(4096);
	struct db_rows r;
	struct jw jw;
	enum err e = db_query(db, &r, "SELECT name, gender, id_card_mask,"
	    " COALESCE(member_id, 0), COALESCE(user_id, 0) FROM principal WHERE id = ?",
	    DB_I64(id), DB_END);

	if (e)
		return e;
	if ((e = db_next(&r))) {
		db_rows_close(&r);
		return e;
	}
	/* PI-06: the number masked in the audit. */
	jw_init(&jw, &after);
	jw_obj(&jw);
	jw_kstr(&jw, "name", db_text(&r, 0));
	jw_kstr(&jw, "gender", db_text(&r, 1));
	jw_kstr(&jw, "id_card", db_text(&r, 2));
	jw_kid(&jw, "member_id", db_i64(&r, 3));
	jw_kid(&jw, "user_id", db_i64(&r, 4));
	jw_obj_end(&jw);
	db_rows_close(&r);
	e = jw_error(&jw);
	if (!e)
		e = audit_write(db, w, action, "principal", id, NULL, buf_str(&after), 1);
	buf_release(&after);
	return e;
}

static struct db_param
id_or_null(int64_t v)
{
	return v ? DB_I64(v) : DB_NULL;
}

enum err
prin_person_create(struct db *db, const struct who *w, const struct prin_person_in *in0,
    struct problem *pb, int64_t *id)
{
	struct prin_person_in in = *in0;
	struct arena a = ARENA_INIT;
	int64_t now = time(NULL);
	struct sealed s;
	enum err e;

	person_check(&in, 1, &a, pb);
	if (pb->nfields) {
		arena_release(&a);
		return ERR_INVALID;
	}
	seal(in.id_card, &s);
	if ((e = db_begin(db)))
		goto out;
	person_check_refs(db, &in, 0, pb);
	e = pb->nfields ? ERR_INVALID : ERR_OK;
	if (!e && !in.set_member)
		e = member_by_id_card(db, &s, &in);
	if (!e)
		e = db_exec(db, "INSERT INTO principal (name, gender, id_card_enc, id_card_idx,"
		    " id_card_mask, member_id, user_id, created_at, updated_at)"
		    " VALUES (?,?,?,?,?,?,?,?,?)", DB_TEXT(in.name), DB_TEXT(in.gender),
		    s.enc ? DB_BLOB(s.enc, s.n) : DB_NULL, s.enc ? DB_BLOB(s.idx, 32) : DB_NULL,
		    s.enc ? DB_TEXT(s.mask) : DB_NULL, id_or_null(in.set_member ? in.member_id : 0),
		    id_or_null(in.set_user ? in.user_id : 0), DB_I64(now), DB_I64(now), DB_END);
	if (e == ERR_CONFLICT)
		e = problem_field(pb, "id_card", "该身份证号已登记为另一位校长");
	if (!e) {
		*id = db_last_id(db);
		e = person_audit(db, w, "create", *id);
	}
	e = db_end(db, e);
out:
	free(s.enc);
	arena_release(&a);
	return e;
}

enum err
prin_person_update(struct db *db, const struct who *w, int64_t id,
    const struct prin_person_in *in0, struct problem *pb)
{
	struct prin_person_in in = *in0;
	struct arena a = ARENA_INIT;
	int64_t now = time(NULL), v;
	struct sealed s;
	enum err e;

	person_check(&in, 0, &a, pb);
	if (pb->nfields) {
		arena_release(&a);
		return ERR_INVALID;
	}
	seal(in.id_card, &s);
	if ((e = db_begin(db)))
		goto out;
	e = db_get_i64(db, &v, "SELECT id FROM principal WHERE id = ?", DB_I64(id), DB_END);
	if (!e)
		person_check_refs(db, &in, id, pb);
	if (!e && pb->nfields)
		e = ERR_INVALID;
	if (!e && in.name)
		e = db_exec(db, "UPDATE principal SET name = ? WHERE id = ?", DB_TEXT(in.name),
		    DB_I64(id), DB_END);
	if (!e && in.gender)
		e = db_exec(db, "UPDATE principal SET gender = ? WHERE id = ?", DB_TEXT(in.gender),
		    DB_I64(id), DB_END);
	if (!e && in.set_id_card)
		e = db_exec(db, "UPDATE principal SET id_card_enc = ?, id_card_idx = ?,"
		    " id_card_mask = ? WHERE id = ?", s.enc ? DB_BLOB(s.enc, s.n) : DB_NULL,
		    s.enc ? DB_BLOB(s.idx, 32) : DB_NULL, s.enc ? DB_TEXT(s.mask) : DB_NULL,
		    DB_I64(id), DB_END);
	if (e == ERR_CONFLICT)
		e = problem_field(pb, "id_card", "该身份证号已登记为另一位校长");
	if (!e && in.set_id_card && !in.set_member)
		e = member_by_id_card(db, &s, &in);
	if (!e && in.set_member)
		e = db_exec(db, "UPDATE principal SET member_id = ? WHERE id = ?",
		    id_or_null(in.member_id), DB_I64(id), DB_END);
	if (!e && in.set_user)
		e = db_exec(db, "UPDATE principal SET user_id = ? WHERE id = ?",
		    id_or_null(in.user_id), DB_I64(id), DB_END);
	if (!e)
		e = db_exec(db, "UPDATE principal SET updated_at = ? WHERE id = ?", DB_I64(now),
		    DB_I64(id), DB_END);
	if (!e)
		e = person_audit(db, w, "update", id);
	e = db_end(db, e);
out:
	free(s.enc);
	arena_release(&a);
	return e;
}

/* " AND the person aliased p is one w sees": the office every person, a
 * principal themself, a 督学 those with a tenure at an assigned school. */
static void
scope_person(struct buf *sql, struct db_args *a, const struct who *w, const char *today)
{
	if (w->all || w->role == ROLE_SUPERVISION_OFFICE)
		return;
	if (w->role == ROLE_PRINCIPAL) {
		buf_adds(sql, " AND p.user_id = ?");
		db_args_add(a, DB_I64(w->user_id));
		return;
	}
	buf_adds(sql, " AND EXISTS (SELECT 1 FROM tenure st WHERE st.principal_id = p.id");
	prin_scope_school(sql, a, w, "st.school_id", today);
	buf_adds(sql, ")");
}

void
prin_write_term(struct jw *jw, const char *appointed_s, int years, const char *end_s,
    const char *ended_s, int32_t today)
{
	int32_t appointed = 0, end = 0;

	date_parse(appointed_s, &appointed);
	date_parse(end_s, &end);
	jw_kstr(jw, "appointed_on", appointed_s);
	jw_kint(jw, "term_years", years);
	jw_kstr(jw, "term_end_on", end_s);
	jw_kstr(jw, "ended_on", ended_s);
	/* The term year of an open tenure (PRIN-03: 每年度一考核). */
	if (!ended_s)
		jw_kint(jw, "term_year", tenure_term_year(appointed, today));
}

/* The tenures of person id that w sees, newest first. */
static enum err
write_history(struct db *db, const struct who *w, int64_t id, struct jw *jw)
{
	struct buf sql = BUF_INIT(2048);
	struct db_args a = { 0 };
	char today[11];
	struct db_rows r;
	enum err e;

	date_format(date_today(), today);
	buf_adds(&sql, "SELECT t.id, t.school_id, s.name, t.post, t.appointed_on, t.term_years,"
	    " t.term_no, t.term_end_on, t.ended_on, t.end_reason, gp.state,"
	    " (SELECT COUNT(*) FROM tenure_report rr WHERE rr.tenure_id = t.id AND rr.state = 'graded')"
	    " FROM tenure t JOIN school s ON s.id = t.school_id"
	    " LEFT JOIN tenure_goal_plan gp ON gp.tenure_id = t.id WHERE t.principal_id = ?");
	db_args_add(&a, DB_I64(id));
	prin_scope_tenure(&sql, &a, w, "t", today);
	buf_adds(&sql, " ORDER BY t.appointed_on DESC, t.id DESC");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	jw_key(jw, "tenures");
	jw_arr(jw);
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kint(jw, "id", db_i64(&r, 0));
		jw_kint(jw, "school_id", db_i64(&r, 1));
		jw_kstr(jw, "school_name", db_text(&r, 2));
		jw_kstr(jw, "post", db_text(&r, 3));
		jw_kstr(jw, "post_label", tenure_label(tenure_posts, tenure_post_labels,
		    db_text(&r, 3)));
		jw_kint(jw, "term_no", db_i64(&r, 6));
		prin_write_term(jw, db_text(&r, 4), (int)db_i64(&r, 5), db_text(&r, 7), db_text(&r, 8),
		    date_today());
		jw_kstr(jw, "end_reason", db_text(&r, 9));
		jw_kstr(jw, "end_reason_label", db_text(&r, 9) ? tenure_label(tenure_end_reasons,
		    tenure_end_labels, db_text(&r, 9)) : NULL);
		jw_kstr(jw, "goals_state", db_text(&r, 10));
		jw_kint(jw, "years_graded", db_i64(&r, 11));
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	jw_arr_end(jw);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
prin_person_write(struct db *db, const struct who *w, int64_t id, struct jw *jw)
{
	struct buf sql = BUF_INIT(1024);
	struct db_args a = { 0 };
	char today[11];
	struct db_rows r;
	char *plain = NULL;
	int whole;
	enum err e;

	date_format(date_today(), today);
	buf_adds(&sql, "SELECT p.id, p.name, p.gender, p.id_card_mask, p.id_card_enc,"
	    " COALESCE(p.member_id, 0), COALESCE(p.user_id, 0), u.username"
	    " FROM principal p LEFT JOIN app_user u ON u.id = p.user_id WHERE p.id = ?");
	db_args_add(&a, DB_I64(id));
	scope_person(&sql, &a, w, today);
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r))) {
		db_rows_close(&r);
		return e;
	}
	/* PI-06: whole for the office and the person themself, else masked. */
	whole = w->role == ROLE_SUPERVISION_OFFICE || w->role == ROLE_PRINCIPAL || w->all;
	if (whole && !db_is_null(&r, 4)) {
		size_t n;
		const void *b = db_blob(&r, 4, &n);

		plain = crypto_open(b, n);
	}
	jw_obj(jw);
	jw_kint(jw, "id", db_i64(&r, 0));
	jw_kstr(jw, "name", db_text(&r, 1));
	jw_kstr(jw, "gender", db_text(&r, 2));
	jw_kstr(jw, "id_card", plain ? plain : db_text(&r, 3));
	jw_kstr(jw, "id_card_mask", db_text(&r, 3));
	jw_kid(jw, "member_id", db_i64(&r, 5));
	jw_kid(jw, "user_id", db_i64(&r, 6));
	jw_kstr(jw, "username", db_text(&r, 7));
	db_rows_close(&r);
	if (plain) {
		sodium_memzero(plain, strlen(plain));
		free(plain);
	}
	e = write_history(db, w, id, jw);
	jw_obj_end(jw);
	return e;
}

enum err
prin_person_list(struct db *db, const struct who *w, const char *like, int64_t page,
    int64_t per_page, struct jw *jw, int64_t *total)
{
	struct buf where = BUF_INIT(1024), sql = BUF_INIT(2048);
	struct db_args a = { 0 };
	char today[11];
	struct db_rows r;
	enum err e;

	date_format(date_today(), today);
	buf_adds(&where, " FROM principal p LEFT JOIN tenure t ON t.principal_id = p.id"
	    " AND t.ended_on IS NULL LEFT JOIN school s ON s.id = t.school_id WHERE 1=1");
	if (like) {
		buf_adds(&where, " AND p.name LIKE ? ESCAPE '!'");
		db_args_add(&a, DB_TEXT(like));
	}
	scope_person(&where, &a, w, today);
	buf_addf(&sql, "SELECT COUNT(*)%s", buf_str(&where));
	e = db_get_i64v(db, total, buf_str(&sql), &a);
	buf_reset(&sql);
	buf_addf(&sql, "SELECT p.id, p.name, p.gender, p.id_card_mask, t.id, s.id, s.name, t.post,"
	    " t.appointed_on, t.term_end_on%s ORDER BY p.name, p.id LIMIT ? OFFSET ?",
	    buf_str(&where));
	db_args_add(&a, DB_I64(per_page));
	db_args_add(&a, DB_I64((page - 1) * per_page));
	if (!e)
		e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	buf_release(&where);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		jw_obj(jw);
		jw_kint(jw, "id", db_i64(&r, 0));
		jw_kstr(jw, "name", db_text(&r, 1));
		jw_kstr(jw, "gender", db_text(&r, 2));
		jw_kstr(jw, "id_card_mask", db_text(&r, 3));
		jw_kid(jw, "tenure_id", db_i64(&r, 4));
		jw_kid(jw, "school_id", db_i64(&r, 5));
		jw_kstr(jw, "school_name", db_text(&r, 6));
		jw_kstr(jw, "post", db_text(&r, 7));
		jw_kstr(jw, "appointed_on", db_text(&r, 8));
		jw_kstr(jw, "term_end_on", db_text(&r, 9));
		jw_obj_end(jw);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
