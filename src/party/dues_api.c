/* dues_api.c: the HTTP handlers of party dues (issue 3, RULES.md DUES-*). */
#include "core/common.h"
#include "party/dues_api.h"
#include "core/config.h"
#include "core/dates.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "party/dues.h"

#include <jansson.h>

#define DUES_WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)
#define DUES_ITEMS_MAX 500

/* A query argument as an integer in fen (signs allowed, so a negative base
 * gets its own message from the rules). */
static void
fen_arg(struct req *rq, struct problem *pb, const char *name, int64_t *out)
{
	const char *s = req_arg(rq, name);
	long v;

	*out = 0;
	if (s && config_parse_long(s, -LONG_MAX, LONG_MAX, &v))
		problem_field(pb, name, "应为以分为单位的整数");
	else if (s)
		*out = v;
}

static enum err
api_dues_quote(struct req *rq, struct reply *rp)
{
	struct problem *pb = &rp->problem;
	const char *category = NULL, *rule;
	int64_t base, fen, rate;
	struct jw w;

	listq_enum(rq, pb, "category", dues_categories, &category);
	if (!category && !problem_has(pb, "category"))
		problem_field(pb, "category", "必填");
	fen_arg(rq, pb, "base_fen", &base);
	if (pb->nfields)
		return ERR_INVALID;
	if (dues_monthly(&cfg.dues, category, base, &fen, &rule, &rate, pb))
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kstr(&w, "category", category);
	jw_kint(&w, "base_fen", base);
	jw_kint(&w, "monthly_fen", fen);
	jw_kint(&w, "rate_bp", rate);
	jw_kstr(&w, "rule", rule);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static void
write_setting(struct jw *w, const struct dues_setting *s)
{
	char from[8];

	dues_month_format(s->from_month, from);
	jw_obj(w);
	jw_kstr(w, "category", s->category);
	jw_kint(w, "base_fen", s->base_fen);
	jw_kstr(w, "from", from);
	jw_kint(w, "monthly_fen", s->monthly_fen);
	jw_key(w, "reduced_fen");
	if (s->reduced_fen >= 0)
		jw_int(w, s->reduced_fen);
	else
		jw_null(w);
	jw_kint(w, "due_fen", s->reduced_fen >= 0 ? s->reduced_fen : s->monthly_fen);
	jw_kstr(w, "rule", s->rule);
	jw_kstr(w, "approval", s->approval);
	jw_ktime(w, "created_at", s->created_at);
	jw_obj_end(w);
}

static void
write_month(struct jw *w, const struct dues_month *m)
{
	char key[8];

	dues_month_format(m->month, key);
	jw_obj(w);
	jw_kstr(w, "month", key);
	jw_kint(w, "due_fen", m->due_fen);
	jw_kint(w, "paid_fen", m->amount_fen);
	jw_kint(w, "extra_fen", m->extra_fen);
	jw_kstr(w, "paid_on", m->paid_on);
	jw_kstr(w, "method", m->method);
	jw_kstr(w, "status", m->paid ? "paid" : !m->has_setting ? "none" :
	    m->due_fen ? "unpaid" : "waived");
	jw_obj_end(w);
}

static void
write_arrears(struct jw *w, int64_t months)
{
	int level = dues_arrears_level(&cfg.dues, months);
	char msg[160];

	jw_kint(w, "arrears_months", months);
	jw_kstr(w, "arrears_level", level == 2 ? "flag" : level ? "warning" : "none");
	if (level == 2)
		snprintf(msg, sizeof(msg), "连续%ld个月未交纳党费（已连续 %" PRId64 " 个月），"
		    "请支部按规定处理（DUES-09）", cfg.dues.flag_months, months);
	else
		snprintf(msg, sizeof(msg), "已连续 %" PRId64 " 个月未交纳党费，请提醒（DUES-09）",
		    months);
	if (level)
		jw_kstr(w, "arrears_message", msg);
}

static enum err
api_member_dues_get(struct req *rq, struct reply *rp)
{
	int32_t now = date_month_key(date_today());
	struct dues_member d;
	struct jw w;
	int cur = -1;
	enum err e = dues_member_get(rq->db, &rq->who, rq->id, &rq->arena, &d);

	if (e)
		return e;
	for (int i = d.nhist - 1; i >= 0; i--)
		if (d.hist[i].from_month <= now)
			cur = i;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "member_id", d.member_id);
	jw_kstr(&w, "name", d.name);
	jw_kstr(&w, "default_category", dues_category_for_member(d.member_category));
	jw_kbool(&w, "may_edit", d.may_edit);
	jw_key(&w, "current");
	if (cur >= 0)
		write_setting(&w, &d.hist[cur]);
	else
		jw_null(&w);
	jw_key(&w, "history");
	jw_arr(&w);
	for (int i = 0; i < d.nhist; i++)
		write_setting(&w, &d.hist[i]);
	jw_arr_end(&w);
	jw_key(&w, "months");
	jw_arr(&w);
	for (int i = 0; i < DUES_STATUS_MONTHS; i++)
		write_month(&w, &d.months[i]);
	jw_arr_end(&w);
	write_arrears(&w, d.arrears_months);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

struct setting_body {
	struct json_present p;
	const char *category, *from, *approval;
	int64_t base_fen, reduced_fen;
};

#define OFF(f) offsetof(struct setting_body, f)

static const struct json_field setting_fields[] = {
	{ "category", JF_ENUM, JF_REQUIRED, 0, 0, OFF(category), dues_categories },
	{ "base_fen", JF_INT, 0, INT64_MIN + 1, INT64_MAX, OFF(base_fen), NULL },
	{ "from", JF_STR, 0, 0, 7, OFF(from), NULL },
	{ "reduced_fen", JF_INT, JF_NULLABLE, 0, INT64_MAX, OFF(reduced_fen), NULL },
	{ "approval", JF_STR, 0, 0, 200, OFF(approval), NULL },
};

static enum err
api_member_dues_put(struct req *rq, struct reply *rp)
{
	struct setting_body b = { 0 };
	struct dues_setting_in in = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, setting_fields, ARRAY_SIZE(setting_fields),
	    JSON_CREATE, &b);
	if (e == ERR_BAD_JSON)
		return e;
	if (b.from && dues_month_parse(b.from, &in.from_month))
		problem_field(&rp->problem, "from", "应为月份，格式 YYYY-MM");
	if (rp->problem.nfields)
		return ERR_INVALID;
	in.has_from = b.from != NULL;
	in.category = b.category;
	in.base_fen = b.base_fen;
	in.reduced_fen = json_in_has(&b, 3) ? b.reduced_fen : -1;
	in.approval = b.approval;
	e = dues_setting_put(rq->db, &rq->who, rq->id, &in, &rp->problem);
	return e ? e : api_member_dues_get(rq, rp);
}

static const char *const item_keys[] = { "member_id", "month", "amount_fen", "extra_fen",
	"paid_on", "method", NULL };

static const char *
fname(char out[48], int i, const char *key)
{
	snprintf(out, 48, "items[%d].%s", i, key);
	return out;
}

/* An integer >= lo of item i; absent: def, or a problem when def < 0. */
static void
item_int(json_t *o, int i, const char *key, int64_t lo, int64_t def, int64_t *out,
    struct problem *pb)
{
	json_t *v = json_object_get(o, key);
	char f[48];

	*out = def;
	if (!v && def < 0)
		problem_field(pb, fname(f, i, key), "必填");
	else if (v && !json_is_integer(v))
		problem_field(pb, fname(f, i, key), "应为整数");
	else if (v && json_integer_value(v) < lo)
		problem_field(pb, fname(f, i, key), lo ? "应为有效编号" : "金额不能为负数");
	else if (v)
		*out = json_integer_value(v);
}

static const char *
item_str(struct req *rq, json_t *o, int i, const char *key, struct problem *pb)
{
	json_t *v = json_object_get(o, key);
	char f[48];

	if (!v)
		problem_field(pb, fname(f, i, key), "必填");
	else if (!json_is_string(v) || json_string_length(v) > 16)
		problem_field(pb, fname(f, i, key), "应为不超过 16 个字符的字符串");
	else
		return arena_strdup(&rq->arena, json_string_value(v));
	return NULL;
}

static void
decode_item(struct req *rq, json_t *o, int i, struct dues_payment_in *it, struct problem *pb)
{
	const char *key, *s;
	int32_t day;
	json_t *v;
	char f[48];
	int k;

	if (!json_is_object(o)) {
		problem_field(pb, fname(f, i, "member_id"), "每一项应为对象");
		return;
	}
	json_object_foreach(o, key, v) {
		for (k = 0; item_keys[k] && strcmp(item_keys[k], key); k++)
			;
		if (!item_keys[k])
			problem_field(pb, fname(f, i, strlen(key) < 24 ? key : "?"), "未知字段");
	}
	item_int(o, i, "member_id", 1, -1, &it->member_id, pb);
	item_int(o, i, "amount_fen", 0, -1, &it->amount_fen, pb);
	item_int(o, i, "extra_fen", 0, 0, &it->extra_fen, pb);
	if ((s = item_str(rq, o, i, "month", pb)) && dues_month_parse(s, &it->month))
		problem_field(pb, fname(f, i, "month"), "应为月份，格式 YYYY-MM");
	if ((it->paid_on = item_str(rq, o, i, "paid_on", pb)) && date_parse(it->paid_on, &day))
		problem_field(pb, fname(f, i, "paid_on"), "应为有效日期，格式 YYYY-MM-DD");
	if ((it->method = item_str(rq, o, i, "method", pb))) {
		for (k = 0; dues_methods[k] && strcmp(dues_methods[k], it->method); k++)
			;
		if (!dues_methods[k])
			problem_field(pb, fname(f, i, "method"), "取值无效");
	}
}

/* {"items":[...]} into an arena array of 1..DUES_ITEMS_MAX items. */
static enum err
decode_payments(struct req *rq, struct problem *pb, struct dues_payment_in **items, int *n)
{
	json_error_t jerr;
	json_t *root, *arr;
	size_t len;

	root = json_loadb(buf_str(&rq->body), rq->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return ERR_BAD_JSON;
	arr = json_object_get(root, "items");
	if (!json_is_object(root) || json_object_size(root) != 1 || !json_is_array(arr) ||
	    !(len = json_array_size(arr)) || len > DUES_ITEMS_MAX) {
		json_decref(root);
		return problem_field(pb, "items", "应为 1 到 %d 项缴费记录的数组", DUES_ITEMS_MAX);
	}
	*n = (int)len;
	*items = arena_alloc(&rq->arena, len * sizeof(**items));
	for (size_t i = 0; i < len; i++)
		decode_item(rq, json_array_get(arr, i), (int)i, &(*items)[i], pb);
	json_decref(root);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
api_dues_pay(struct req *rq, struct reply *rp)
{
	struct dues_payment_in *items = NULL;
	int64_t total = 0, extra = 0;
	char month[8];
	struct jw w;
	int n = 0;
	enum err e;

	if ((e = decode_payments(rq, &rp->problem, &items, &n)))
		return e;
	if ((e = dues_pay(rq->db, &rq->who, items, n, &rp->problem)))
		return e;
	reply_json_begin(rp, 201, &w);
	listq_begin(&w);
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
		jw_kbool(&w, "central", items[i].central);
		if (items[i].central)	/* DUES-10 */
			jw_kstr(&w, "notice", "一次性自愿多交党费1000元以上，全部上缴中央（DUES-10）");
		jw_obj_end(&w);
		total += items[i].amount_fen;
		extra += items[i].extra_fen;
	}
	jw_arr_end(&w);
	jw_kint(&w, "count", n);
	jw_kint(&w, "amount_fen", total);
	jw_kint(&w, "extra_fen", extra);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

struct reverse_body {
	struct json_present p;
	const char *reason;
};

static const struct json_field reverse_fields[] = {
	{ "reason", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 200,
		offsetof(struct reverse_body, reason), NULL },
};

/* Reverses a payment recorded by mistake (migration 0028): 200 with the
 * payment as it was and the reason. */
static enum err
api_dues_reverse(struct req *rq, struct reply *rp)
{
	struct reverse_body b = { 0 };
	struct dues_reversal r;
	char month[8];
	struct jw w;
	enum err e;

	e = json_in_object(rq, &rp->problem, reverse_fields, ARRAY_SIZE(reverse_fields),
	    JSON_CREATE, &b);
	if (e)
		return e;
	if ((e = dues_reverse(rq->db, &rq->who, rq->id, b.reason, &rq->arena, &r, &rp->problem)))
		return e;
	dues_month_format(r.month, month);
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", r.id);
	jw_kint(&w, "member_id", r.member_id);
	jw_kstr(&w, "month", month);
	jw_kint(&w, "amount_fen", r.amount_fen);
	jw_kint(&w, "extra_fen", r.extra_fen);
	jw_kstr(&w, "paid_on", r.paid_on);
	jw_kstr(&w, "method", r.method);
	jw_kbool(&w, "reversed", 1);
	jw_kstr(&w, "reason", b.reason);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static void
emit_line(void *ctx, const struct dues_line *l)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "member_id", l->member_id);
	jw_kint(w, "org_id", l->org_id);
	jw_kstr(w, "name", l->name);
	jw_kbool(w, "has_setting", l->has_setting);
	jw_kint(w, "due_fen", l->due_fen);
	jw_kint(w, "paid_fen", l->paid_fen);
	jw_kint(w, "extra_fen", l->extra_fen);
	jw_kbool(w, "paid", l->paid_on != NULL);
	jw_kstr(w, "paid_on", l->paid_on);
	jw_kstr(w, "method", l->method);
	jw_kstr(w, "recorded_by", l->recorded_by);
	jw_kid(w, "payment_id", l->payment_id);
	write_arrears(w, l->arrears_months);
	jw_obj_end(w);
}

static void
write_totals(struct jw *w, const struct dues_totals *t)
{
	jw_key(w, "totals");
	jw_obj(w);
	jw_kint(w, "members", t->members);
	jw_kint(w, "due_fen", t->due_fen);
	jw_kint(w, "paid_fen", t->paid_fen);
	jw_kint(w, "extra_fen", t->extra_fen);
	jw_kint(w, "unpaid_fen", t->unpaid_fen);
	jw_kint(w, "arrears_members", t->arrears_members);
	jw_kint(w, "warnings", t->warnings);
	jw_kint(w, "flags", t->flags);
	jw_obj_end(w);
}

static enum err
api_dues_ledger(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "name", "name" } };
	struct problem *pb = &rp->problem;
	const char *ms = req_arg(rq, "month");
	struct dues_totals t = { 0 };
	int64_t org_id;
	int32_t month = 0;
	struct listq lq;
	char key[8];
	struct jw w;
	enum err e;

	listq_id(rq, pb, "org_id", &org_id);
	if (!org_id && !problem_has(pb, "org_id"))
		problem_field(pb, "org_id", "必填");
	if (!ms || dues_month_parse(ms, &month))
		problem_field(pb, "month", "应为月份，格式 YYYY-MM");
	if ((e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &lq)))
		return e;
	if (pb->nfields)
		return ERR_INVALID;
	dues_month_format(month, key);
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "org_id", org_id);
	jw_kstr(&w, "month", key);
	jw_key(&w, "items");
	jw_arr(&w);
	e = dues_ledger(rq->db, &rq->who, org_id, month, lq.page, lq.per_page, emit_line, &w, &t);
	if (e)
		return e;
	jw_arr_end(&w);
	jw_kint(&w, "total", t.members);
	jw_kint(&w, "page", lq.page);
	jw_kint(&w, "per_page", lq.per_page);
	write_totals(&w, &t);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static void
write_part(struct jw *w, int64_t id, const char *name, const char *kind,
    const struct dues_totals *t)
{
	jw_obj(w);
	jw_kint(w, "org_id", id);
	jw_kstr(w, "org_name", name);
	jw_kstr(w, "kind", kind);
	jw_kint(w, "members", t->members);
	jw_kint(w, "due_fen", t->due_fen);
	jw_kint(w, "paid_fen", t->paid_fen);
	jw_kint(w, "unpaid_fen", t->unpaid_fen);
	jw_kint(w, "arrears_members", t->arrears_members);
	jw_kint(w, "warnings", t->warnings);
	jw_kint(w, "flags", t->flags);
	jw_obj_end(w);
}

/* The month's dues under an organization by child (a district's or a
 * school's overview); the organization's own members as a first item. */
static enum err
api_dues_summary(struct req *rq, struct reply *rp)
{
	struct problem *pb = &rp->problem;
	const char *ms = req_arg(rq, "month");
	struct dues_summary s;
	int64_t org_id = 0;
	int32_t month = 0;
	char key[8];
	struct jw w;
	enum err e;

	listq_id(rq, pb, "org_id", &org_id);
	if (!ms || dues_month_parse(ms, &month))
		problem_field(pb, "month", "应为月份，格式 YYYY-MM");
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = dues_summary(rq->db, &rq->who, org_id, month, &rq->arena, &s)))
		return e;
	dues_month_format(month, key);
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "org_id", s.org_id);
	jw_kstr(&w, "org_name", s.org_name);
	jw_kstr(&w, "kind", s.org_kind);
	jw_kid(&w, "parent_id", s.parent_id);
	jw_kstr(&w, "month", key);
	jw_key(&w, "items");
	jw_arr(&w);
	if (s.own.members)
		write_part(&w, s.org_id, s.org_name, "self", &s.own);
	for (int i = 0; i < s.nparts; i++)
		write_part(&w, s.parts[i].org_id, s.parts[i].org_name, s.parts[i].kind, &s.parts[i].t);
	jw_arr_end(&w);
	write_totals(&w, &s.all);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

const struct route dues_routes[] = {
	{ "GET", "/api/v1/dues/quote", api_dues_quote, ROLES_BUSINESS, 0 },
	{ "POST", "/api/v1/dues/payments", api_dues_pay, DUES_WRITERS, 0 },
	{ "POST", "/api/v1/dues/payments/:id/reverse", api_dues_reverse, DUES_WRITERS, 0 },
	{ "GET", "/api/v1/dues/ledger", api_dues_ledger, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/dues/summary", api_dues_summary, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/members/:id/dues", api_member_dues_get, ROLES_STAFF | ROLE_MEMBER, 0 },
	{ "PUT", "/api/v1/members/:id/dues", api_member_dues_put, DUES_WRITERS, 0 },
	ROUTES_END,
};
