/* dues_store.c: the scoped SQL of dues settings, payments and the monthly
 * ledger; each write is one transaction with its audit row. */
#include "core/common.h"
#include "party/dues.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "http/json_out.h"
#include "party/member.h"
#include "party/org.h"

struct who_member {
	int64_t org_id;
	const char *name, *category, *org_path, *state;
};

/* A member in w's scope (a member user: only themselves). */
static enum err
load_member(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct who_member *m)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT m.org_id, m.name, m.category, m.org_path, m.state FROM member m"
	    " WHERE m.id = ?");
	db_args_add(&args, DB_I64(id));
	if (w->role == ROLE_MEMBER) {
		buf_adds(&sql, " AND m.id = ?");
		db_args_add(&args, DB_I64(w->member_id));
	} else {
		scope_sql(&sql, &args, w, "m.org_path", up);
	}
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		m->org_id = db_i64(&r, 0);
		m->name = arena_strdup(a, db_text(&r, 1));
		m->category = arena_strdup(a, db_text(&r, 2));
		m->org_path = arena_strdup(a, db_text(&r, 3));
		m->state = arena_strdup(a, db_text(&r, 4));
	}
	db_rows_close(&r);
	return e;
}

#define SETTING_COLS "category, base_fen, monthly_fen, COALESCE(reduced_fen, -1), from_month," \
	" rule, approval, created_at"

static void
setting_from_row(struct db_rows *r, struct arena *a, struct dues_setting *s)
{
	s->category = arena_strdup(a, db_text(r, 0));
	s->base_fen = db_i64(r, 1);
	s->monthly_fen = db_i64(r, 2);
	s->reduced_fen = db_i64(r, 3);
	s->from_month = (int32_t)db_i64(r, 4);
	s->rule = arena_strdup(a, db_text(r, 5));
	s->approval = arena_strdup(a, db_text(r, 6));
	s->created_at = db_i64(r, 7);
}

/* Every setting of a member, newest first, into an arena array. */
static enum err
load_settings(struct db *db, int64_t id, struct arena *a, struct dues_setting **out, int *n)
{
	struct dues_setting *v = NULL;
	int cap = 0;
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT " SETTING_COLS " FROM dues_setting WHERE member_id = ?"
	    " ORDER BY from_month DESC", DB_I64(id), DB_END);

	if (e)
		return e;
	*n = 0;
	while ((e = db_next(&r)) == ERR_OK) {
		if (*n == cap) {
			struct dues_setting *nv;

			cap = cap ? cap * 2 : 8;
			nv = arena_alloc(a, (size_t)cap * sizeof(*nv));
			if (*n)
				memcpy(nv, v, (size_t)*n * sizeof(*nv));
			v = nv;
		}
		setting_from_row(&r, a, &v[(*n)++]);
	}
	db_rows_close(&r);
	*out = v;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The setting that applies to month in a newest-first list, or NULL. */
static const struct dues_setting *
setting_for(const struct dues_setting *v, int n, int32_t month)
{
	for (int i = 0; i < n; i++)
		if (v[i].from_month <= month)
			return &v[i];
	return NULL;
}

static int64_t
owed(const struct dues_setting *s)
{
	return s->reduced_fen >= 0 ? s->reduced_fen : s->monthly_fen;
}

static enum err
load_months(struct db *db, int64_t id, int32_t now, struct arena *a, struct dues_member *out)
{
	struct dues_month *mo = out->months;
	int32_t first = dues_month_add(now, -(DUES_STATUS_MONTHS - 1));
	struct db_rows r;
	enum err e;

	for (int i = 0; i < DUES_STATUS_MONTHS; i++) {
		const struct dues_setting *s;

		mo[i].month = dues_month_add(first, i);
		s = setting_for(out->hist, out->nhist, mo[i].month);
		mo[i].has_setting = s != NULL;
		mo[i].due_fen = s ? owed(s) : 0;
	}
	e = db_query(db, &r, "SELECT month_key, amount_fen, extra_fen, paid_on, method FROM"
	    " dues_payment WHERE member_id = ? AND month_key >= ? AND month_key <= ?", DB_I64(id),
	    DB_I64(first), DB_I64(now), DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct dues_month *m = &mo[dues_month_diff(first, (int32_t)db_i64(&r, 0))];

		m->paid = 1;
		m->amount_fen = db_i64(&r, 1);
		m->extra_fen = db_i64(&r, 2);
		m->paid_on = arena_strdup(a, db_text(&r, 3));
		m->method = arena_strdup(a, db_text(&r, 4));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
dues_member_get(struct db *db, const struct who *w, int64_t member_id, struct arena *a,
    struct dues_member *out)
{
	int32_t now = date_month_key(date_today());
	const struct dues_setting *cur;
	struct who_member m;
	int64_t last = 0;
	enum err e;

	memset(out, 0, sizeof(*out));
	if ((e = load_member(db, w, member_id, a, &m)))
		return e;
	out->member_id = member_id;
	out->name = m.name;
	out->member_category = m.category;
	out->org_path = m.org_path;
	out->may_edit = member_may_edit(w, m.org_path);
	if ((e = load_settings(db, member_id, a, &out->hist, &out->nhist)))
		return e;
	if ((e = load_months(db, member_id, now, a, out)))
		return e;
	e = db_get_i64(db, &last, "SELECT COALESCE(MAX(month_key), 0) FROM dues_payment"
	    " WHERE member_id = ? AND month_key <= ?", DB_I64(member_id), DB_I64(now), DB_END);
	if (e)
		return e;
	cur = setting_for(out->hist, out->nhist, now);
	out->arrears_months = dues_arrears(now, cur != NULL, out->nhist ?
	    out->hist[out->nhist - 1].from_month : 0, (int32_t)last, cur ? owed(cur) : 0);
	return ERR_OK;
}

static char *
setting_json(const struct dues_setting *s, struct arena *a)
{
	struct buf b = BUF_INIT(4096);
	struct jw w;
	char from[8];
	char *t;

	jw_init(&w, &b);
	jw_obj(&w);
	dues_month_format(s->from_month, from);
	jw_kstr(&w, "category", s->category);
	jw_kint(&w, "base_fen", s->base_fen);
	jw_kstr(&w, "from", from);
	jw_kint(&w, "monthly_fen", s->monthly_fen);
	if (s->reduced_fen >= 0)
		jw_kint(&w, "reduced_fen", s->reduced_fen);
	jw_kstr(&w, "rule", s->rule);
	jw_kstr(&w, "approval", s->approval);
	jw_obj_end(&w);
	t = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return t;
}

/* The pure checks of a new setting: amount, reduction, month. */
static enum err
compute_setting(const struct dues_setting_in *in, int32_t now, struct dues_setting *s,
    struct problem *pb)
{
	int64_t rate;

	memset(s, 0, sizeof(*s));
	s->category = in->category;
	s->base_fen = in->base_fen;
	s->reduced_fen = in->reduced_fen;
	s->approval = in->approval ? in->approval : "";
	if (!dues_monthly(&cfg.dues, in->category, in->base_fen, &s->monthly_fen, &s->rule, &rate,
	    pb))
		dues_check_reduction(in->reduced_fen, s->monthly_fen, s->approval, pb);
	s->from_month = dues_effective_from(&cfg.dues, now, in->has_from, in->from_month);
	if (s->from_month > dues_month_add(now, 12))
		problem_field(pb, "from", "起始月份不能晚于一年以后");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
save_setting(struct db *db, const struct who *w, int64_t member_id,
    const struct dues_setting *s)
{
	enum err e = db_exec(db, "DELETE FROM dues_setting WHERE member_id = ? AND from_month = ?",
	    DB_I64(member_id), DB_I64(s->from_month), DB_END);

	if (e)
		return e;
	return db_exec(db, "INSERT INTO dues_setting (member_id, category, base_fen, from_month,"
	    " monthly_fen, rule, reduced_fen, approval, created_by, created_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?)", DB_I64(member_id), DB_TEXT(s->category),
	    DB_I64(s->base_fen), DB_I64(s->from_month), DB_I64(s->monthly_fen), DB_TEXT(s->rule),
	    s->reduced_fen >= 0 ? DB_I64(s->reduced_fen) : DB_NULL, DB_TEXT(s->approval),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
}

/* The setting saved from the same month, as JSON for the audit row, or NULL. */
static enum err
old_setting(struct db *db, int64_t member_id, int32_t from, struct arena *a, char **json)
{
	struct dues_setting s;
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT " SETTING_COLS " FROM dues_setting"
	    " WHERE member_id = ? AND from_month = ?", DB_I64(member_id), DB_I64(from), DB_END);

	if (e)
		return e;
	*json = NULL;
	if (!(e = db_next(&r))) {
		setting_from_row(&r, a, &s);
		*json = setting_json(&s, a);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
dues_setting_put(struct db *db, const struct who *w, int64_t member_id,
    const struct dues_setting_in *in, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct dues_setting s;
	struct who_member m;
	char *before = NULL;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load_member(db, w, member_id, &a, &m);
	if (!e && !member_may_edit(w, m.org_path))
		e = ERR_FORBIDDEN;
	if (!e)
		e = compute_setting(in, date_month_key(date_today()), &s, pb);
	if (!e)
		e = old_setting(db, member_id, s.from_month, &a, &before);
	if (!e)
		e = save_setting(db, w, member_id, &s);
	if (!e)
		e = audit_write(db, w, "dues_setting", "member", member_id, before,
		    setting_json(&s, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

/* Field name of item i for problems. */
static const char *
item_field(char out[48], int i, const char *name)
{
	snprintf(out, 48, "items[%d].%s", i, name);
	return out;
}

/* The checks that need no database: DUES-08 window, dates, amounts. */
static void
check_item(const struct dues_payment_in *it, int i, int32_t today, struct problem *pb)
{
	char f[48];
	int32_t day;

	dues_check_month(&cfg.dues, it->month, date_month_key(today), item_field(f, i, "month"),
	    pb);
	if (date_parse(it->paid_on, &day) || day > today)
		problem_field(pb, item_field(f, i, "paid_on"), "缴费日期不能晚于今天");
	if (it->amount_fen < 0)
		problem_field(pb, item_field(f, i, "amount_fen"), "金额不能为负数");
	if (it->extra_fen < 0)
		problem_field(pb, item_field(f, i, "extra_fen"), "金额不能为负数");
}

/* What member_id owes for month; *has 0 when no setting applies. */
static enum err
owed_for(struct db *db, int64_t member_id, int32_t month, int *has, int64_t *fen)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT COALESCE(reduced_fen, monthly_fen) FROM dues_setting"
	    " WHERE member_id = ? AND from_month <= ? ORDER BY from_month DESC LIMIT 1",
	    DB_I64(member_id), DB_I64(month), DB_END);

	if (e)
		return e;
	e = db_next(&r);
	*has = e == ERR_OK;
	*fen = *has ? db_i64(&r, 0) : 0;
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* Whether item i may be recorded: a member w may edit, active, with a
 * setting for the month and exactly its amount, the month not yet paid.
 * Problems go to pb (*dup counts months already paid); *ok says whether
 * the item passed. Returns only store failures. */
static enum err
check_payable(struct db *db, const struct who *w, const struct dues_payment_in *it, int i,
    struct who_member *m, struct arena *a, int *dup, int *ok, struct problem *pb)
{
	int64_t due, n = 0;
	int has;
	char f[48];
	enum err e = load_member(db, w, it->member_id, a, m);

	*ok = 0;
	if (e == ERR_NOT_FOUND || (!e && !member_may_edit(w, m->org_path))) {
		problem_field(pb, item_field(f, i, "member_id"), "党员不存在");
		return ERR_OK;
	}
	if (e)
		return e;
	if (strcmp(m->state, "active")) {
		problem_field(pb, item_field(f, i, "member_id"), "该党员不在正常状态，不能收缴党费");
		return ERR_OK;
	}
	if ((e = owed_for(db, it->member_id, it->month, &has, &due)))
		return e;
	if (!has) {
		problem_field(pb, item_field(f, i, "month"), "该党员该月尚未设置党费标准");
		return ERR_OK;
	}
	if (it->amount_fen != due) {
		problem_field(pb, item_field(f, i, "amount_fen"), "应交 %" PRId64 ".%02" PRId64
		    " 元；自愿多交部分请填写 extra_fen", due / 100, due % 100);
		return ERR_OK;
	}
	e = db_get_i64(db, &n, "SELECT COUNT(*) FROM dues_payment WHERE member_id = ? AND"
	    " month_key = ?", DB_I64(it->member_id), DB_I64(it->month), DB_END);
	if (!e && n) {
		(*dup)++;
		problem_field(pb, item_field(f, i, "month"), "该党员该月党费已登记");
	}
	*ok = !e && !n;
	return e;
}

/* A new payment's id: above every id in use or reversed, so a reversed
 * payment's id (its row moved out, migration 0028) is never given again
 * (SQLite would otherwise reuse the largest rowid once its row is gone). */
#define NEXT_PAYMENT_ID "(SELECT MAX(n) + 1 FROM (SELECT COALESCE(MAX(id), 0) AS n" \
	" FROM dues_payment UNION ALL SELECT COALESCE(MAX(id), 0) FROM dues_payment_reversed) ids)"

/* Checks item i and inserts it while no item has failed (a later item is
 * still checked, so one answer names every bad item). */
static enum err
pay_one(struct db *db, const struct who *w, struct dues_payment_in *it, int i, int *dup,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct who_member m;
	char f[48];
	int ok;
	enum err e = check_payable(db, w, it, i, &m, &a, dup, &ok, pb);

	if (!e && ok && !pb->nfields)
		e = db_exec(db, "INSERT INTO dues_payment (id, member_id, org_id, org_path,"
		    " month_key, amount_fen, extra_fen, paid_on, method, recorded_by, created_at)"
		    " VALUES (" NEXT_PAYMENT_ID ",?,?,?,?,?,?,?,?,?,?)", DB_I64(it->member_id),
		    DB_I64(m.org_id),
		    DB_TEXT(m.org_path), DB_I64(it->month), DB_I64(it->amount_fen),
		    DB_I64(it->extra_fen), DB_TEXT(it->paid_on), DB_TEXT(it->method),
		    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	if (!e && ok && !pb->nfields)
		it->id = db_last_id(db);
	if (e == ERR_CONFLICT) {	/* the unique index, should the check miss */
		e = ERR_OK;
		(*dup)++;
		problem_field(pb, item_field(f, i, "month"), "该党员该月党费已登记");
	}
	arena_release(&a);
	return e;
}

static char *
payments_json(const struct dues_payment_in *items, int n)
{
	struct buf b = BUF_INIT(1 << 22);
	struct jw w;
	char month[8];

	jw_init(&w, &b);
	jw_arr(&w);
	for (int i = 0; i < n; i++) {
		dues_month_format(items[i].month, month);
		jw_obj(&w);
		jw_kint(&w, "id", items[i].id);
		jw_kint(&w, "member_id", items[i].member_id);
		jw_kstr(&w, "month", month);
		jw_kint(&w, "amount_fen", items[i].amount_fen);
		jw_kint(&w, "extra_fen", items[i].extra_fen);
		jw_kstr(&w, "paid_on", items[i].paid_on);
		jw_kstr(&w, "method", items[i].method);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	return buf_detach(&b, NULL);
}

enum err
dues_pay(struct db *db, const struct who *w, struct dues_payment_in *items, int n,
    struct problem *pb)
{
	int32_t today = date_today();
	int dup = 0;
	char *after;
	enum err e;

	for (int i = 0; i < n; i++)
		check_item(&items[i], i, today, pb);
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = db_begin(db)))
		return e;
	for (int i = 0; i < n && !e; i++) {
		e = pay_one(db, w, &items[i], i, &dup, pb);
		items[i].central = items[i].extra_fen >= cfg.dues.central_fen;	/* DUES-10 */
	}
	if (!e && pb->nfields)
		e = dup && pb->nfields == dup ? ERR_CONFLICT : ERR_INVALID;
	if (!e) {
		after = payments_json(items, n);
		e = audit_write(db, w, "dues_pay", "dues_payment", items[0].id, NULL, after, 1);
		free(after);
	}
	return db_end(db, e);
}

/* The payment id as the caller may reverse it: in w's scope by the
 * payment's own path, and a member w may edit (as dues_pay). table is
 * dues_payment or dues_payment_reversed. */
static enum err
payment_in_scope(struct db *db, const struct who *w, const char *table, int64_t id,
    struct arena *a, struct dues_reversal *out)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_addf(&sql, "SELECT p.id, p.member_id, p.month_key, p.amount_fen, p.extra_fen,"
	    " p.paid_on, p.method, p.org_path FROM %s p WHERE p.id = ?", table);
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "p.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		*out = (struct dues_reversal){ db_i64(&r, 0), db_i64(&r, 1), (int32_t)db_i64(&r, 2),
			db_i64(&r, 3), db_i64(&r, 4), arena_strdup(a, db_text(&r, 5)),
			arena_strdup(a, db_text(&r, 6)) };
		if (!member_may_edit(w, db_text(&r, 7)))
			e = ERR_NOT_FOUND;
	}
	db_rows_close(&r);
	return e;
}

static char *
reversal_json(const struct dues_reversal *p, const char *reason)
{
	struct buf b = BUF_INIT(4096);
	struct jw w;
	char month[8];

	dues_month_format(p->month, month);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", p->id);
	jw_kint(&w, "member_id", p->member_id);
	jw_kstr(&w, "month", month);
	jw_kint(&w, "amount_fen", p->amount_fen);
	jw_kint(&w, "extra_fen", p->extra_fen);
	jw_kstr(&w, "paid_on", p->paid_on);
	jw_kstr(&w, "method", p->method);
	if (reason)
		jw_kstr(&w, "reason", reason);
	jw_obj_end(&w);
	return buf_detach(&b, NULL);
}

enum err
dues_reverse(struct db *db, const struct who *w, int64_t id, const char *reason,
    struct arena *a, struct dues_reversal *out, struct problem *pb)
{
	char *before = NULL, *after = NULL;
	enum err e;

	if (!reason || !*reason)
		return problem_field(pb, "reason", "请填写撤销原因");
	if ((e = db_begin(db)))
		return e;
	e = payment_in_scope(db, w, "dues_payment", id, a, out);
	if (e == ERR_NOT_FOUND && payment_in_scope(db, w, "dues_payment_reversed", id, a,
	    out) == ERR_OK)
		e = problem_set(pb, ERR_CONFLICT, "already_reversed", "该缴费记录已撤销");
	if (!e)
		e = db_exec(db, "INSERT INTO dues_payment_reversed (id, member_id, org_id, org_path,"
		    " month_key, amount_fen, extra_fen, paid_on, method, recorded_by, created_at,"
		    " reason, reversed_by, reversed_at) SELECT id, member_id, org_id, org_path,"
		    " month_key, amount_fen, extra_fen, paid_on, method, recorded_by, created_at,"
		    " ?, ?, ? FROM dues_payment WHERE id = ?", DB_TEXT(reason),
		    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_I64(id),
		    DB_END);
	if (!e)
		e = db_exec(db, "DELETE FROM dues_payment WHERE id = ?", DB_I64(id), DB_END);
	if (!e) {
		before = reversal_json(out, NULL);
		after = reversal_json(out, reason);
		e = audit_write(db, w, "dues_reverse", "dues_payment", id, before, after, 1);
	}
	free(before);
	free(after);
	return db_end(db, e);
}

/* One line per active member under root for month T: the applying setting
 * (latest from_month <= T), the first setting, the last paid month <= T
 * (each an indexed lookup), then that month's payment. Paged when page > 0.
 * Columns: id, org_id, name, has_setting, due, paid, extra, paid_on,
 * method, arrears (DUES-09, the definition in dues.h), recorded_by,
 * org_path, payment_id (0: unpaid). */
static void
line_sql(struct buf *sql, struct db_args *a, const char *root, char up[256], int32_t month,
    int64_t page, int64_t per_page)
{
	int64_t tidx = month / 100 * 12 + month % 100;

	buf_adds(sql, "SELECT l.id, l.org_id, l.name, CASE WHEN s.id IS NULL THEN 0 ELSE 1 END"
	    " AS has_setting, COALESCE(s.reduced_fen, s.monthly_fen, 0) AS due,"
	    " COALESCE(p.amount_fen, 0) AS paid, COALESCE(p.extra_fen, 0) AS extra,"
	    " p.paid_on AS paid_on, p.method AS method,"
	    " CASE WHEN s.id IS NULL OR COALESCE(s.reduced_fen, s.monthly_fen) = 0 THEN 0"
	    " ELSE ? - CASE WHEN l.lp IS NULL OR l.lp < l.ff THEN l.ff / 100 * 12 + l.ff % 100 - 1"
	    " ELSE l.lp / 100 * 12 + l.lp % 100 END END AS arrears, u.username AS recorded_by,"
	    " l.org_path AS org_path, COALESCE(p.id, 0) AS payment_id"
	    " FROM (SELECT m.id, m.org_id, m.name, m.org_path,"
	    " (SELECT MAX(s1.from_month) FROM dues_setting s1 WHERE s1.member_id = m.id"
	    " AND s1.from_month <= ?) AS lf,"
	    " (SELECT MIN(s2.from_month) FROM dues_setting s2 WHERE s2.member_id = m.id) AS ff,"
	    " (SELECT MAX(q.month_key) FROM dues_payment q WHERE q.member_id = m.id"
	    " AND q.month_key <= ?) AS lp"
	    " FROM member m WHERE m.state = 'active'");
	db_args_add(a, DB_I64(tidx));
	db_args_add(a, DB_I64(month));
	db_args_add(a, DB_I64(month));
	/* A page in name order reads the prefix index (member_l1_name); the
	 * totals (page 0, no order) read the path range, which SQLite answers
	 * from the subtree alone rather than every active member. */
	if (page > 0) {
		scope_member_subtree_sql(sql, a, "m.org_path", root, up);
	} else {
		scope_path_upper(root, up);
		buf_adds(sql, " AND m.org_path >= ? AND m.org_path < ?");
		db_args_add(a, DB_TEXT(root));
		db_args_add(a, DB_TEXT(up));
	}
	if (page > 0) {
		buf_adds(sql, " ORDER BY m.name, m.id LIMIT ? OFFSET ?");
		db_args_add(a, DB_I64(per_page));
		db_args_add(a, DB_I64((page - 1) * per_page));
	}
	buf_adds(sql, ") l LEFT JOIN dues_setting s ON s.member_id = l.id AND s.from_month = l.lf"
	    " LEFT JOIN dues_payment p ON p.member_id = l.id AND p.month_key = ?"
	    " LEFT JOIN app_user u ON u.id = p.recorded_by");
	db_args_add(a, DB_I64(month));
	if (page > 0)
		buf_adds(sql, " ORDER BY l.name, l.id");
}

/* The eight aggregates of struct dues_totals over the lines x, in its
 * order (DUES-09 thresholds from the configuration). */
static void
totals_cols(struct buf *sql, struct db_args *a)
{
	buf_adds(sql, "COUNT(*), COALESCE(SUM(x.due), 0), COALESCE(SUM(x.paid), 0),"
	    " COALESCE(SUM(x.extra), 0),"
	    " COALESCE(SUM(CASE WHEN x.paid_on IS NULL THEN x.due ELSE 0 END), 0),"
	    " COALESCE(SUM(CASE WHEN x.arrears > 0 THEN 1 ELSE 0 END), 0),"
	    " COALESCE(SUM(CASE WHEN x.arrears >= ? AND x.arrears < ? THEN 1 ELSE 0 END), 0),"
	    " COALESCE(SUM(CASE WHEN x.arrears >= ? THEN 1 ELSE 0 END), 0)");
	db_args_add(a, DB_I64(cfg.dues.warn_months));
	db_args_add(a, DB_I64(cfg.dues.flag_months));
	db_args_add(a, DB_I64(cfg.dues.flag_months));
}

static void
totals_of(struct db_rows *r, int at, struct dues_totals *t)
{
	int64_t *v[] = { &t->members, &t->due_fen, &t->paid_fen, &t->extra_fen, &t->unpaid_fen,
		&t->arrears_members, &t->warnings, &t->flags };

	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		*v[i] = db_i64(r, at + (int)i);
}

/* Totals over the whole subtree: one aggregate over the same lines. */
static enum err
ledger_totals(struct db *db, const char *root, int32_t month, struct dues_totals *t)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT ");
	totals_cols(&sql, &a);
	buf_adds(&sql, " FROM (");
	line_sql(&sql, &a, root, up, month, 0, 0);
	buf_adds(&sql, ") x");
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	if (!(e = db_next(&r)))
		totals_of(&r, 0, t);
	db_rows_close(&r);
	return e;
}

enum err
dues_totals_get(struct db *db, const struct who *w, int64_t org_id, int32_t month,
    struct dues_totals *t)
{
	struct arena ar = ARENA_INIT;
	struct org o;
	enum err e;

	memset(t, 0, sizeof(*t));
	if (!org_id && !w->all)
		return ERR_NOT_FOUND;
	e = org_id ? org_get(db, w, org_id, &ar, &o) : ERR_OK;
	if (!e)
		e = ledger_totals(db, org_id ? o.path : "/", month, t);
	arena_release(&ar);
	return e;
}

enum err
dues_ledger(struct db *db, const struct who *w, int64_t org_id, int32_t month, int64_t page,
    int64_t per_page, void (*fn)(void *ctx, const struct dues_line *l), void *ctx,
    struct dues_totals *t)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	struct arena ar = ARENA_INIT;
	char up[256];
	struct db_rows r;
	struct org o;
	enum err e;

	if ((e = org_get(db, w, org_id, &ar, &o)) || (e = ledger_totals(db, o.path, month, t)))
		goto out;
	line_sql(&sql, &a, o.path, up, month, page, per_page);
	if ((e = db_queryv(db, &r, buf_str(&sql), &a)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct dues_line l = { db_i64(&r, 0), db_i64(&r, 1), db_text(&r, 2),
			(int)db_i64(&r, 3), db_i64(&r, 4), db_i64(&r, 5), db_i64(&r, 6),
			db_i64(&r, 9), db_text(&r, 7), db_text(&r, 8), db_text(&r, 10),
			db_i64(&r, 12) };

		fn(ctx, &l);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&ar);
	buf_release(&sql);
	return e;
}

static void
add_totals(struct dues_totals *sum, const struct dues_totals *t)
{
	sum->members += t->members;
	sum->due_fen += t->due_fen;
	sum->paid_fen += t->paid_fen;
	sum->extra_fen += t->extra_fen;
	sum->unpaid_fen += t->unpaid_fen;
	sum->arrears_members += t->arrears_members;
	sum->warnings += t->warnings;
	sum->flags += t->flags;
}

/* The children of o in path order (arena copies); *n of them. o->id 0
 * stands for the whole city: its children are the top organizations. */
static enum err
children(struct db *db, const struct org *o, struct arena *a, struct dues_part **v, int *n)
{
	struct db_rows r;
	int cap = 0;
	enum err e = o->id ? db_query(db, &r, "SELECT id, name, kind, path FROM org WHERE"
	    " parent_id = ? ORDER BY path", DB_I64(o->id), DB_END) : db_query(db, &r,
	    "SELECT id, name, kind, path FROM org WHERE parent_id IS NULL ORDER BY path", DB_END);

	*n = 0;
	*v = NULL;
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		if (*n == cap) {
			struct dues_part *p = arena_alloc(a, sizeof(*p) * (size_t)(cap = cap ? 2 * cap : 64));

			if (*n)
				memcpy(p, *v, sizeof(*p) * (size_t)*n);
			*v = p;
		}
		(*v)[(*n)++] = (struct dues_part){ .org_id = db_i64(&r, 0),
			.org_name = arena_strdup(a, db_text(&r, 1)), .kind = arena_strdup(a, db_text(&r, 2)),
			.path = arena_strdup(a, db_text(&r, 3)) };
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* One aggregate over the subtree's lines grouped by the child they lie
 * under: a child's path is its parent's plus one 11-character segment
 * (org.c), so the group key is that prefix of the member's org_path;
 * members of o itself group under o's own path. */
static enum err
group_by_child(struct db *db, const struct org *o, int32_t month, struct dues_part *v, int n,
    struct dues_totals *own)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[256];
	struct db_rows r;
	enum err e;

	/* CAST: PostgreSQL's substr() takes an integer, and ? binds a bigint. */
	buf_adds(&sql, "SELECT substr(x.org_path, 1, CAST(? AS INTEGER)) AS under, ");
	db_args_add(&a, DB_I64((int64_t)strlen(o->path) + 11));
	totals_cols(&sql, &a);
	buf_adds(&sql, " FROM (");
	line_sql(&sql, &a, o->path, up, month, 0, 0);
	buf_adds(&sql, ") x GROUP BY substr(x.org_path, 1, CAST(? AS INTEGER))");
	db_args_add(&a, DB_I64((int64_t)strlen(o->path) + 11));
	e = db_queryv(db, &r, buf_str(&sql), &a);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		const char *under = db_text(&r, 0);

		if (!strcmp(under, o->path))
			totals_of(&r, 1, own);
		for (int i = 0; i < n; i++)
			if (!strcmp(under, v[i].path))
				totals_of(&r, 1, &v[i].t);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* No org_id given: the caller's first organization; for district-wide
 * roles the top organization, or 0 (the whole city) when there are several. */
static enum err
default_org(struct db *db, const struct who *w, int64_t *org_id)
{
	int64_t roots = 0;
	enum err e;

	if (*org_id)
		return ERR_OK;
	if (!w->all) {
		*org_id = w->nscope ? w->scope_ids[0] : 0;
		return *org_id ? ERR_OK : ERR_NOT_FOUND;
	}
	if ((e = db_get_i64(db, &roots, "SELECT COUNT(*) FROM org WHERE parent_id IS NULL",
	    DB_END)))
		return e;
	if (roots == 1)
		e = db_get_i64(db, org_id, "SELECT id FROM org WHERE parent_id IS NULL", DB_END);
	return e;
}

enum err
dues_summary(struct db *db, const struct who *w, int64_t org_id, int32_t month, struct arena *a,
    struct dues_summary *out)
{
	struct org o;
	enum err e;

	memset(out, 0, sizeof(*out));
	if ((e = default_org(db, w, &org_id)))
		return e;
	if (org_id && (e = org_get(db, w, org_id, a, &o)))
		return e;
	if (!org_id)
		o = (struct org){ .name = "全市", .kind = "all", .path = "/" };
	out->org_id = o.id;
	out->org_name = o.name;
	out->org_kind = o.kind;
	out->parent_id = o.parent_id;
	if ((e = children(db, &o, a, &out->parts, &out->nparts)) ||
	    (e = group_by_child(db, &o, month, out->parts, out->nparts, &out->own)))
		return e;
	/* Every line lies under o itself or under exactly one child. */
	add_totals(&out->all, &out->own);
	for (int i = 0; i < out->nparts; i++)
		add_totals(&out->all, &out->parts[i].t);
	return ERR_OK;
}
