/* meeting_api.c: the HTTP routes of meetings and activities (issue 3):
 * records, attendance, grades, talk pairs, committees, QR sign-in, files,
 * plans and the calendar. */
#include "core/common.h"
#include "party/meeting_api.h"
#include "auth/crypto.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/png.h"
#include "core/xalloc.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "http/upload.h"
#include "party/meeting.h"

#include <jansson.h>
#include <qrencode.h>

#define WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)
#define READERS (ROLES_STAFF | ROLE_MEMBER)

struct meeting_body {
	struct json_present p;
	int64_t org_id;
	const char *kind, *theme, *held_at, *ends_at, *place, *topic;
	int64_t host_id, recorder_id;
	const char *lecturer, *minutes;
};

#define OFF(f) offsetof(struct meeting_body, f)
#define STR(n, max) { #n, JF_STR, 0, 0, max, OFF(n), NULL }

enum { MF_ORG, MF_KIND, MF_THEME, MF_HELD, MF_ENDS, MF_PLACE, MF_TOPIC, MF_HOST, MF_RECORDER,
	MF_LECTURER, MF_MINUTES };

static const struct json_field meeting_fields[] = {
	{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), meeting_kinds },
	{ "theme", JF_ENUM, JF_NULLABLE, 0, 0, OFF(theme), meeting_themes },
	{ "held_at", JF_DATETIME, JF_REQUIRED, 0, 0, OFF(held_at), NULL },
	{ "ends_at", JF_DATETIME, JF_NULLABLE, 0, 0, OFF(ends_at), NULL },
	STR(place, 100),
	STR(topic, 200),
	{ "host_id", JF_ID, JF_NULLABLE, 0, 0, OFF(host_id), NULL },
	{ "recorder_id", JF_ID, JF_NULLABLE, 0, 0, OFF(recorder_id), NULL },
	STR(lecturer, 32),
	{ "minutes", JF_STR, 0, 0, 20000, OFF(minutes), NULL },
};

static int64_t
minutes_of(const char *s)
{
	int64_t t = 0;

	datetime_parse(s, &t);	/* validated by json_in */
	return t;
}

/* Copies each present field of the body over m; null clears. A new
 * held_at without ends_at moves the end along (the default length). */
static void
overlay(void *ctx, struct meeting *m)
{
	const struct meeting_body *b = ctx;
	const char **s[] = { [MF_PLACE] = &m->place, [MF_TOPIC] = &m->topic,
		[MF_LECTURER] = &m->lecturer, [MF_MINUTES] = &m->minutes };

	if (json_in_has(b, MF_ORG))
		m->org_id = b->org_id;
	if (json_in_has(b, MF_KIND))
		m->kind = b->kind;
	if (b->p.set >> MF_THEME & 1)
		m->theme = json_in_null(b, MF_THEME) ? "" : b->theme;
	if (json_in_has(b, MF_HELD)) {
		m->ends_at = m->ends_at ? minutes_of(b->held_at) + (m->ends_at - m->held_at) : 0;
		m->held_at = minutes_of(b->held_at);
	}
	if (b->p.set >> MF_ENDS & 1)
		m->ends_at = json_in_null(b, MF_ENDS) ? 0 : minutes_of(b->ends_at);
	if (b->p.set >> MF_HOST & 1)
		m->host_id = json_in_null(b, MF_HOST) ? 0 : b->host_id;
	if (b->p.set >> MF_RECORDER & 1)
		m->recorder_id = json_in_null(b, MF_RECORDER) ? 0 : b->recorder_id;
	for (int i = MF_PLACE; i <= MF_MINUTES; i++)
		if (s[i] && json_in_has(b, i))
			*s[i] = *(const char *const *)((const char *)b + meeting_fields[i].off);
}

struct emit_ctx {
	struct jw *w;
	struct arena *a;
	int64_t now;
	const char *what;
};

static void
emit_item(void *ctx, const struct meeting_item *it)
{
	struct emit_ctx *c = ctx;
	struct jw *w = c->w;

	jw_obj(w);
	if (!strcmp(c->what, "pairs")) {
		jw_kint(w, "a_member_id", it->member_id);
		jw_kint(w, "b_member_id", it->b_member_id);
		jw_kstr(w, "pair_kind", it->pair_kind);
	} else if (!strcmp(c->what, "grades")) {
		jw_kint(w, "member_id", it->member_id);
		jw_kstr(w, "member_name", it->member_name);
		jw_kstr(w, "grade", it->grade);
	} else if (!strcmp(c->what, "committee")) {
		jw_kint(w, "member_id", it->member_id);
		jw_kstr(w, "member_name", it->member_name);
		jw_kstr(w, "post", it->post);
		jw_kstr(w, "from_on", it->from_on);
		jw_kstr(w, "to_on", it->to_on);
	} else {
		jw_kint(w, "member_id", it->member_id);
		jw_kstr(w, "member_name", it->member_name);
		jw_kstr(w, "status", it->status);
		jw_kstr(w, "reason", it->reason);
		jw_kstr(w, "via", it->via);
		if (it->signed_at)
			jw_ktime(w, "signed_at", it->signed_at);
		else
			jw_kstr(w, "signed_at", NULL);
	}
	jw_obj_end(w);
}

static void
write_datetime(struct jw *w, const char *key, int64_t minutes)
{
	char t[17];

	datetime_format(minutes, t);
	jw_kstr(w, key, t);
}

/* The caller's own attendance in the meeting (a member's list), or null. */
static void
write_my_status(struct jw *w, const struct meeting *m)
{
	jw_kstr(w, "my_status", m->my_status && *m->my_status ? m->my_status : NULL);
}

static enum err
write_items(struct req *rq, struct jw *w, int64_t id, const char *what)
{
	struct emit_ctx c = { w, &rq->arena, 0, what };
	enum err e;

	jw_key(w, what);
	jw_arr(w);
	e = meeting_items(rq->db, id, what, &rq->arena, emit_item, &c);
	jw_arr_end(w);
	return e;
}

static enum err
reply_meeting(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct meeting m;
	struct jw w;
	enum err e = meeting_get(rq->db, &rq->who, id, &rq->arena, &m);

	if (e)
		return e;
	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	meeting_write_fields(&w, &m, datetime_now(), &rq->arena);
	write_my_status(&w, &m);
	/* When the QR sign-in opens (it closes at ends_at). */
	write_datetime(&w, "checkin_from", m.held_at - cfg.checkin_early_min);
	e = write_items(rq, &w, id, "attendance");
	if (!e && !strcmp(m.kind, "appraisal"))
		e = write_items(rq, &w, id, "grades");
	if (!e && !strcmp(m.kind, "talk"))
		e = write_items(rq, &w, id, "pairs");
	jw_obj_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

static enum err
api_meetings_create(struct req *rq, struct reply *rp)
{
	struct meeting_body b = { 0 };
	struct meeting m = { .theme = "", .place = "", .topic = "", .lecturer = "", .minutes = "" };
	int64_t id;
	enum err e;

	e = json_in_object(rq, &rp->problem, meeting_fields, ARRAY_SIZE(meeting_fields),
	    JSON_CREATE, &b);
	if (e)
		return e;
	overlay(&b, &m);
	e = meeting_create(rq->db, &rq->who, &m, &rp->problem, &id);
	return e ? e : reply_meeting(rq, rp, 201, id);
}

static enum err
api_meetings_update(struct req *rq, struct reply *rp)
{
	struct meeting_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, meeting_fields, ARRAY_SIZE(meeting_fields),
	    JSON_PATCH, &b);
	if (e)
		return e;
	e = meeting_update(rq->db, &rq->who, rq->id, overlay, &b, &rp->problem);
	return e ? e : reply_meeting(rq, rp, 200, rq->id);
}

static enum err
api_meetings_get(struct req *rq, struct reply *rp)
{
	return reply_meeting(rq, rp, 200, rq->id);
}

static void
emit_meeting(void *ctx, const struct meeting *m)
{
	struct emit_ctx *c = ctx;

	jw_obj(c->w);
	meeting_write_fields(c->w, m, c->now, c->a);
	write_my_status(c->w, m);
	jw_obj_end(c->w);
}

/* month=YYYY-MM as a month key; 0 when absent. */
static enum err
query_month(struct req *rq, struct problem *pb, const char *name, int32_t *key)
{
	const char *s = req_arg(rq, name);
	char d[11];
	int32_t day;

	*key = 0;
	if (!s)
		return ERR_OK;
	if (strlen(s) != 7 || snprintf(d, sizeof(d), "%s-01", s) != 10 || date_parse(d, &day))
		return problem_field(pb, name, "应为月份，格式 YYYY-MM");
	*key = date_month_key(day);
	return ERR_OK;
}

static enum err
query_year(struct req *rq, struct problem *pb, int32_t *year)
{
	const char *s = req_arg(rq, "year");
	long v;

	*year = 0;
	if (!s)
		return ERR_OK;
	if (config_parse_long(s, 1900, 2199, &v))
		return problem_field(pb, "year", "应为年份，如 2026");
	*year = (int32_t)v;
	return ERR_OK;
}

static int32_t
day_of(const char *s)
{
	int32_t d = 0;

	if (s)
		date_parse(s, &d);
	return d;
}

static enum err
api_meetings_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "held_at", "m.held_at" }, { "id", "m.id" } };
	struct meeting_filter f = { 0 };
	struct problem *pb = &rp->problem;
	struct emit_ctx c = { NULL, &rq->arena, datetime_now(), NULL };
	const char *from, *to;
	struct listq lq;
	int64_t total;
	struct jw w;
	enum err e;

	listq_id(rq, pb, "org_id", &f.org_id);
	listq_enum(rq, pb, "kind", meeting_kinds, &f.kind);
	listq_date(rq, pb, "from", &from);
	listq_date(rq, pb, "to", &to);
	query_year(rq, pb, &f.year);
	query_month(rq, pb, "month", &f.month_key);
	if ((e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &lq)))
		return e;
	f.from = day_of(from);
	f.to = day_of(to);
	f.sort_col = lq.sort_col;
	f.desc = req_arg(rq, "sort") ? lq.desc : 1;	/* newest first by default */
	f.page = lq.page;
	f.per_page = lq.per_page;
	reply_json_begin(rp, 200, &w);
	c.w = &w;
	listq_begin(&w);
	if ((e = meeting_list(rq->db, &rq->who, &f, emit_meeting, &c, &total)))
		return e;
	listq_end(&w, &lq, total);
	return reply_json_end(rp, &w);
}

/* --- list bodies: {"items":[{...}, ...]} --- */

enum it_type { IT_ID, IT_ENUM, IT_STR, IT_DATE };

struct item_spec {
	const char *name;
	enum it_type type;
	int required;
	const char *const *enums;
	size_t off;
	int max;
};

#define IOFF(f) offsetof(struct meeting_item, f)
#define ITEMS_MAX 1000

static enum err
item_value(struct req *rq, struct problem *pb, const struct item_spec *s, json_t *v, int i,
    struct meeting_item *it)
{
	char f[64];
	int32_t day;

	snprintf(f, sizeof(f), "items[%d].%s", i, s->name);
	if (s->type == IT_ID) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return problem_field(pb, f, "应为正整数编号");
		*(int64_t *)((char *)it + s->off) = json_integer_value(v);
		return ERR_OK;
	}
	if (!json_is_string(v))
		return problem_field(pb, f, "应为字符串");
	if (s->type == IT_ENUM) {
		int ok = 0;

		for (int k = 0; s->enums[k]; k++)
			ok |= !strcmp(s->enums[k], json_string_value(v));
		if (!ok)
			return problem_field(pb, f, "取值无效");
	}
	if (s->type == IT_DATE && date_parse(json_string_value(v), &day))
		return problem_field(pb, f, "应为有效日期，格式 YYYY-MM-DD");
	if (s->type == IT_STR && utf8_len(json_string_value(v)) > (size_t)s->max)
		return problem_field(pb, f, "不能超过%d个字符", s->max);
	*(const char **)((char *)it + s->off) = arena_strdup(&rq->arena, json_string_value(v));
	return ERR_OK;
}

static void
parse_item(struct req *rq, struct problem *pb, const struct item_spec *specs, int nspec,
    json_t *o, int i, struct meeting_item *it)
{
	const char *k;
	json_t *v;
	char f[64];

	if (!json_is_object(o)) {
		snprintf(f, sizeof(f), "items[%d]", i);
		problem_field(pb, f, "应为对象");
		return;
	}
	json_object_foreach(o, k, v) {
		int known = 0;

		for (int s = 0; s < nspec; s++)
			known |= !strcmp(specs[s].name, k);
		snprintf(f, sizeof(f), "items[%d].%s", i, k);
		if (!known)
			problem_field(pb, f, "不支持该字段");
	}
	for (int s = 0; s < nspec; s++) {
		v = json_object_get(o, specs[s].name);
		snprintf(f, sizeof(f), "items[%d].%s", i, specs[s].name);
		if ((!v || json_is_null(v)) && specs[s].required)
			problem_field(pb, f, "必填");
		else if (v && !json_is_null(v))
			item_value(rq, pb, &specs[s], v, i, it);
	}
}

/* Decodes {"items":[...]} into an arena array, naming every bad item field. */
static enum err
parse_items(struct req *rq, struct problem *pb, const struct item_spec *specs, int nspec,
    struct meeting_item **out, int *n)
{
	json_error_t jerr;
	json_t *root = json_loadb(buf_str(&rq->body), rq->body.len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *items = json_object_get(root, "items");
	enum err e = ERR_OK;

	if (!json_is_object(root)) {
		json_decref(root);
		return ERR_BAD_JSON;
	}
	if (!json_is_array(items) || json_object_size(root) != 1)
		e = problem_field(pb, "items", "请求体应为 {\"items\":[...]}");
	else if (json_array_size(items) > ITEMS_MAX)
		e = problem_field(pb, "items", "一次最多%d项", ITEMS_MAX);
	if (!e) {
		*n = (int)json_array_size(items);
		*out = arena_alloc(&rq->arena, sizeof(**out) * (size_t)(*n ? *n : 1));
		for (int i = 0; i < *n; i++)
			parse_item(rq, pb, specs, nspec, json_array_get(items, (size_t)i), i, &(*out)[i]);
		e = pb->nfields ? ERR_INVALID : ERR_OK;
	}
	json_decref(root);
	return e;
}

static enum err
api_meetings_attendance(struct req *rq, struct reply *rp)
{
	static const struct item_spec specs[] = {
		{ "member_id", IT_ID, 1, NULL, IOFF(member_id), 0 },
		{ "status", IT_ENUM, 1, meeting_att_statuses, IOFF(status), 0 },
		{ "reason", IT_STR, 0, NULL, IOFF(reason), 200 },
	};
	struct meeting_item *it;
	int n;
	enum err e = parse_items(rq, &rp->problem, specs, ARRAY_SIZE(specs), &it, &n);

	if (!e)
		e = meeting_set_attendance(rq->db, &rq->who, rq->id, it, n, &rp->problem);
	return e ? e : reply_meeting(rq, rp, 200, rq->id);
}

static enum err
api_meetings_grades(struct req *rq, struct reply *rp)
{
	static const struct item_spec specs[] = {
		{ "member_id", IT_ID, 1, NULL, IOFF(member_id), 0 },
		{ "grade", IT_ENUM, 1, meeting_grades, IOFF(grade), 0 },
	};
	struct meeting_item *it;
	int n;
	enum err e = parse_items(rq, &rp->problem, specs, ARRAY_SIZE(specs), &it, &n);

	if (!e)
		e = meeting_set_grades(rq->db, &rq->who, rq->id, it, n, &rp->problem);
	return e ? e : reply_meeting(rq, rp, 200, rq->id);
}

static enum err
api_meetings_pairs(struct req *rq, struct reply *rp)
{
	static const struct item_spec specs[] = {
		{ "a_member_id", IT_ID, 1, NULL, IOFF(member_id), 0 },
		{ "b_member_id", IT_ID, 1, NULL, IOFF(b_member_id), 0 },
		{ "pair_kind", IT_ENUM, 1, meeting_pair_kinds, IOFF(pair_kind), 0 },
	};
	struct meeting_item *it;
	int n;
	enum err e = parse_items(rq, &rp->problem, specs, ARRAY_SIZE(specs), &it, &n);

	if (!e)
		e = meeting_set_pairs(rq->db, &rq->who, rq->id, it, n, &rp->problem);
	return e ? e : reply_meeting(rq, rp, 200, rq->id);
}

static enum err
reply_committee(struct req *rq, struct reply *rp)
{
	struct jw w;
	struct emit_ctx c = { &w, &rq->arena, 0, "committee" };
	int64_t current = 0, full = 0;
	char advice[256];
	enum err e;

	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "org_id", rq->id);
	jw_key(&w, "items");
	jw_arr(&w);
	e = meeting_committee_get(rq->db, &rq->who, rq->id, &rq->arena, emit_item, &c);
	jw_arr_end(&w);
	if (!e)
		e = meeting_committee_counts(rq->db, rq->id, &current, &full);
	if (e)
		return e;
	meeting_committee_advice(current, full, cfg.committee_min_full, advice, sizeof(advice));
	jw_kint(&w, "current", current);
	jw_kint(&w, "full_members", full);
	jw_kstr(&w, "advice", *advice ? advice : NULL);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_committee_put(struct req *rq, struct reply *rp)
{
	static const struct item_spec specs[] = {
		{ "member_id", IT_ID, 1, NULL, IOFF(member_id), 0 },
		{ "post", IT_ENUM, 1, meeting_posts, IOFF(post), 0 },
		{ "from_on", IT_DATE, 1, NULL, IOFF(from_on), 0 },
		{ "to_on", IT_DATE, 0, NULL, IOFF(to_on), 0 },
	};
	struct meeting_item *it;
	int n;
	enum err e = parse_items(rq, &rp->problem, specs, ARRAY_SIZE(specs), &it, &n);

	if (!e)
		e = meeting_committee_set(rq->db, &rq->who, rq->id, it, n, &rp->problem);
	return e ? e : reply_committee(rq, rp);
}

/* --- QR sign-in --- */

#define QR_QUIET 4	/* modules of white border */
#define QR_SCALE 8	/* pixels per module in PNG */

static void
qr_svg(const QRcode *qr, struct buf *b)
{
	int n = qr->width + 2 * QR_QUIET;

	buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
	    " height=\"%d\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\""
	    " fill=\"#fff\"/>", n, n, n * QR_SCALE, n * QR_SCALE, n, n);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"1\" height=\"1\"/>",
				    x + QR_QUIET, y + QR_QUIET);
	buf_adds(b, "</svg>\n");
}

static enum err
qr_png(const QRcode *qr, struct buf *b)
{
	uint32_t n = (uint32_t)(qr->width + 2 * QR_QUIET) * QR_SCALE;
	uint8_t *pix = xmalloc((size_t)n * n);
	enum err e;

	memset(pix, 255, (size_t)n * n);
	for (uint32_t y = 0; y < n; y++) {
		for (uint32_t x = 0; x < n; x++) {
			int mx = (int)(x / QR_SCALE) - QR_QUIET, my = (int)(y / QR_SCALE) - QR_QUIET;

			if (mx >= 0 && my >= 0 && mx < qr->width && my < qr->width &&
			    (qr->data[my * qr->width + mx] & 1))
				pix[(size_t)y * n + x] = 0;
		}
	}
	e = png_gray(pix, n, n, b);
	free(pix);
	return e;
}

/* The origin the QR link starts with: HONGYAN_PUBLIC_URL when set, else the
 * console's own origin=, else none (a relative link). */
static enum err
qr_origin(struct req *rq, struct problem *pb, const char **origin)
{
	const char *s = req_arg(rq, "origin");

	*origin = "";
	if (*cfg.public_url) {
		*origin = cfg.public_url;
		return ERR_OK;
	}
	if (!s)
		return ERR_OK;
	if (!config_origin_ok(s))
		return problem_field(pb, "origin", "应为网址来源，如 https://dj.example.cn（不含路径）");
	*origin = s;
	return ERR_OK;
}

static enum err
api_meetings_qr(struct req *rq, struct reply *rp)
{
	static const char *const formats[] = { "svg", "png", "json", NULL };
	char tok[MEETING_TOKEN_MAX], url[CONFIG_ORIGIN_MAX + MEETING_TOKEN_MAX + 16];
	const char *fmt = "svg", *origin;
	QRcode *qr;
	struct jw w;
	enum err e;

	listq_enum(rq, &rp->problem, "format", formats, &fmt);
	qr_origin(rq, &rp->problem, &origin);
	if (rp->problem.nfields)
		return ERR_INVALID;
	fmt = fmt ? fmt : "svg";
	if ((e = meeting_token(rq->db, &rq->who, rq->id, tok)))
		return e;
	snprintf(url, sizeof(url), "%s/checkin?t=%s", origin, tok);
	if (!strcmp(fmt, "json")) {
		reply_json_begin(rp, 200, &w);
		jw_obj(&w);
		jw_kstr(&w, "url", url);
		jw_kstr(&w, "token", tok);
		jw_obj_end(&w);
		return reply_json_end(rp, &w);
	}
	if (!(qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1)))
		return ERR_STORE;
	rp->status = 200;
	buf_reset(&rp->body);
	if (!strcmp(fmt, "png")) {
		rp->content_type = "image/png";
		e = qr_png(qr, &rp->body);
	} else {
		rp->content_type = "image/svg+xml";
		qr_svg(qr, &rp->body);
	}
	QRcode_free(qr);
	return e;
}

struct checkin_body {
	struct json_present p;
	const char *token;
};

static enum err
api_checkin(struct req *rq, struct reply *rp)
{
	static const struct json_field fields[] = {
		{ "token", JF_TEXT, JF_REQUIRED, 0, 100, offsetof(struct checkin_body, token), NULL },
	};
	struct checkin_body b = { 0 };
	struct meeting m;
	int64_t id;
	struct jw w;
	enum err e = json_in_object(rq, &rp->problem, fields, 1, JSON_CREATE, &b);

	if (!e)
		e = meeting_checkin(rq->db, &rq->who, b.token, &rp->problem, &id);
	if (!e)	/* unscoped: the sign-in proved the member belongs to the meeting's
		 * subtree, which may lie above their branch (a party committee's) */
		e = meeting_get(rq->db, NULL, id, &rq->arena, &m);
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "meeting_id", id);
	jw_kint(&w, "member_id", rq->who.member_id);
	jw_kstr(&w, "status", "present");
	jw_kstr(&w, "message", "签到成功");
	jw_key(&w, "meeting");	/* what the phone shows: which meeting was signed */
	jw_obj(&w);
	jw_kint(&w, "id", m.id);
	jw_kstr(&w, "org_name", m.org_name);
	jw_kstr(&w, "kind", m.kind);
	jw_kstr(&w, "theme", *m.theme ? m.theme : NULL);
	jw_kstr(&w, "topic", m.topic);
	jw_kstr(&w, "place", m.place);
	write_datetime(&w, "held_at", m.held_at);
	jw_obj_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* --- plans and the calendar --- */

struct plan_body {
	struct json_present p;
	int64_t org_id;
	const char *kind, *theme, *planned_on, *topic;
};

static enum err
api_plans_create(struct req *rq, struct reply *rp)
{
	static const struct json_field fields[] = {
		{ "org_id", JF_ID, JF_REQUIRED, 0, 0, offsetof(struct plan_body, org_id), NULL },
		{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, offsetof(struct plan_body, kind), meeting_kinds },
		{ "theme", JF_ENUM, JF_NULLABLE, 0, 0, offsetof(struct plan_body, theme),
			meeting_themes },
		{ "planned_on", JF_DATE, JF_REQUIRED, 0, 0, offsetof(struct plan_body, planned_on),
			NULL },
		{ "topic", JF_STR, 0, 0, 200, offsetof(struct plan_body, topic), NULL },
	};
	struct plan_body b = { 0 };
	struct meeting_plan p = { 0 };
	struct jw w;
	int64_t id;
	enum err e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b);

	if (e)
		return e;
	p.org_id = b.org_id;
	p.kind = b.kind;
	p.theme = b.theme;
	p.planned_on = b.planned_on;
	p.topic = b.topic;
	if ((e = meeting_plan_create(rq->db, &rq->who, &p, &rp->problem, &id)))
		return e;
	reply_json_begin(rp, 201, &w);
	jw_obj(&w);
	jw_kint(&w, "id", id);
	jw_kint(&w, "org_id", p.org_id);
	jw_kstr(&w, "kind", p.kind);
	jw_kstr(&w, "theme", p.theme);
	jw_kstr(&w, "planned_on", p.planned_on);
	jw_kstr(&w, "topic", p.topic ? p.topic : "");
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static void
emit_plan(void *ctx, const struct meeting_plan *p)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "id", p->id);
	jw_kint(w, "org_id", p->org_id);
	jw_kstr(w, "org_name", p->org_name);
	jw_kstr(w, "kind", p->kind);
	jw_kstr(w, "theme", *p->theme ? p->theme : NULL);
	jw_kstr(w, "planned_on", p->planned_on);
	jw_kstr(w, "topic", p->topic);
	jw_obj_end(w);
}

static enum err
api_plans_list(struct req *rq, struct reply *rp)
{
	struct problem *pb = &rp->problem;
	int64_t org_id;
	int32_t year, month;
	struct jw w;
	enum err e;

	listq_id(rq, pb, "org_id", &org_id);
	query_year(rq, pb, &year);
	query_month(rq, pb, "month", &month);
	if (pb->nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	e = meeting_plan_list(rq->db, &rq->who, org_id, year, month, &rq->arena, emit_plan, &w);
	listq_items_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

struct cal_ctx {
	struct jw *w;
	int32_t day;	/* the open day object, 0: none */
};

static void
emit_day(void *ctx, const struct meeting_day *d)
{
	struct cal_ctx *c = ctx;
	char s[11];

	if (c->day != d->day) {
		if (c->day) {
			jw_arr_end(c->w);
			jw_obj_end(c->w);
		}
		date_format(d->day, s);
		jw_obj(c->w);
		jw_kstr(c->w, "date", s);
		jw_key(c->w, "entries");
		jw_arr(c->w);
		c->day = d->day;
	}
	jw_obj(c->w);
	jw_kstr(c->w, "what", d->what);
	jw_kstr(c->w, "kind", d->kind);
	jw_kstr(c->w, "topic", d->topic);
	jw_kint(c->w, strcmp(d->what, "held") && strcmp(d->what, "scheduled") ? "plan_id" :
	    "meeting_id", d->id);
	jw_obj_end(c->w);
}

static enum err
api_meetings_calendar(struct req *rq, struct reply *rp)
{
	struct problem *pb = &rp->problem;
	struct jw w;
	struct cal_ctx c = { &w, 0 };
	int64_t org_id;
	int32_t month;
	enum err e;

	listq_id(rq, pb, "org_id", &org_id);
	query_month(rq, pb, "month", &month);
	if (!pb->nfields && !month)
		problem_field(pb, "month", "必填，格式 YYYY-MM");
	if (pb->nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kstr(&w, "month", req_arg(rq, "month"));
	jw_key(&w, "days");
	jw_arr(&w);
	e = meeting_calendar(rq->db, &rq->who, org_id, month, &rq->arena, emit_day, &c);
	if (c.day) {
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

const struct route meeting_routes[] = {
	{ "GET", "/api/v1/meetings", api_meetings_list, READERS, 0 },
	{ "POST", "/api/v1/meetings", api_meetings_create, WRITERS, 0 },
	{ "GET", "/api/v1/meetings/calendar", api_meetings_calendar, READERS, 0 },
	{ "GET", "/api/v1/meetings/:id", api_meetings_get, READERS, 0 },
	{ "PATCH", "/api/v1/meetings/:id", api_meetings_update, WRITERS, 0 },
	{ "PUT", "/api/v1/meetings/:id/attendance", api_meetings_attendance, WRITERS, 0 },
	{ "PUT", "/api/v1/meetings/:id/grades", api_meetings_grades, WRITERS, 0 },
	{ "PUT", "/api/v1/meetings/:id/pairs", api_meetings_pairs, WRITERS, 0 },
	{ "GET", "/api/v1/meetings/:id/qr", api_meetings_qr, WRITERS, 0 },
	{ "POST", "/api/v1/checkin", api_checkin, ROLE_MEMBER, 0 },
	{ "GET", "/api/v1/meeting-plans", api_plans_list, READERS, 0 },
	{ "POST", "/api/v1/meeting-plans", api_plans_create, WRITERS, 0 },
	{ "GET", "/api/v1/orgs/:id/committee", reply_committee, READERS, 0 },
	{ "PUT", "/api/v1/orgs/:id/committee", api_committee_put, WRITERS, 0 },
	ROUTES_END,
};
