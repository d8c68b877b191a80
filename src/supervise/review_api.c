/* review_api.c: the HTTP handlers of report-and-review rounds (EVAL-01…04):
 * rounds and their participants, reports, ballots, closing, publication,
 * results and talks. Points are JSON numbers with one decimal (tenths
 * inside). */
#include "core/common.h"
#include "supervise/review_api.h"

#include <jansson.h>
#include <math.h>

#include "attach/attach_api.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "http/upload.h"
#include "supervise/indicator.h"
#include "supervise/indicator_store.h"
#include "supervise/review.h"

#define MANAGERS (ROLE_DISTRICT)

/* Tenths as a JSON number: 725 → 72.5. */
static void
jw_kpoints(struct jw *w, const char *k, int64_t t)
{
	char s[32];

	snprintf(s, sizeof(s), "%" PRId64 ".%" PRId64, t / 10, t % 10);
	jw_key(w, k);
	jw_raw(w, s);
}

static void
jw_kpoints_opt(struct jw *w, const char *k, int64_t t)
{
	if (t < 0) {
		jw_key(w, k);
		jw_null(w);
	} else
		jw_kpoints(w, k, t);
}

/* --- rounds --- */

struct round_body {
	struct json_present p;
	int64_t year, system_id;
	const char *name;
	int64_t wd, ws, wm, bg, bf, ba, poor;
};

#define OFF(f) offsetof(struct round_body, f)
static const struct json_field round_fields[] = {
	{ "year", JF_INT, JF_REQUIRED, 2000, 2100, OFF(year), NULL },
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(name), NULL },
	{ "system_id", JF_ID, 0, 0, 0, OFF(system_id), NULL },
	{ "weight_district", JF_INT, 0, 0, 1000, OFF(wd), NULL },
	{ "weight_secretary", JF_INT, 0, 0, 1000, OFF(ws), NULL },
	{ "weight_member", JF_INT, 0, 0, 1000, OFF(wm), NULL },
	{ "band_good", JF_INT, 0, 0, 1000, OFF(bg), NULL },
	{ "band_fair", JF_INT, 0, 0, 1000, OFF(bf), NULL },
	{ "band_average", JF_INT, 0, 0, 1000, OFF(ba), NULL },
	{ "poor_share", JF_INT, 0, 0, 1001, OFF(poor), NULL },
};
#undef OFF

/* The given rules over base (bands are whole points in JSON). */
static void
rules_of(const struct round_body *b, struct review_rules *r)
{
	const int64_t *v[] = { &b->wd, &b->ws, &b->wm, &b->bg, &b->bf, &b->ba, &b->poor };

	for (int i = 0; i < 7; i++) {
		if (!json_in_has(b, 3 + i))
			continue;
		if (i < 3)
			r->weight[i] = *v[i];
		else if (i < 6)
			r->band_min[i - 3] = *v[i] * 10;
		else
			r->poor_share = *v[i];
	}
}

static void
write_round(struct jw *w, const struct review_round *r)
{
	jw_kint(w, "id", r->id);
	jw_kint(w, "year", r->year);
	jw_kstr(w, "name", r->name);
	jw_kint(w, "system_id", r->system_id);
	jw_kstr(w, "system_name", r->system_name);
	jw_kstr(w, "state", review_states[r->state]);
	jw_kint(w, "weight_district", r->rules.weight[RG_DISTRICT]);
	jw_kint(w, "weight_secretary", r->rules.weight[RG_SECRETARY]);
	jw_kint(w, "weight_member", r->rules.weight[RG_MEMBER]);
	jw_kpoints(w, "band_good", r->rules.band_min[0]);
	jw_kpoints(w, "band_fair", r->rules.band_min[1]);
	jw_kpoints(w, "band_average", r->rules.band_min[2]);
	jw_kint(w, "poor_share", r->rules.poor_share);
	jw_kint(w, "secretaries", r->secretaries);
	jw_kint(w, "evaluators", r->evaluators);
	if (r->manager)
		jw_kint(w, "ballots", r->ballots);
	jw_key(w, "me");
	jw_obj(w);
	jw_kbool(w, "manager", r->manager);
	jw_kstr(w, "group", r->group >= 0 ? review_groups[r->group] : NULL);
	jw_kbool(w, "under_review", r->subject);
	jw_obj_end(w);
	jw_ktime(w, "created_at", r->created_at);
	jw_ktime(w, "updated_at", r->updated_at);
	if (r->closed_at)
		jw_ktime(w, "closed_at", r->closed_at);
	if (r->published_at)
		jw_ktime(w, "published_at", r->published_at);
}

static void
emit_round(void *ctx, const struct review_round *r)
{
	jw_obj(ctx);
	write_round(ctx, r);
	jw_obj_end(ctx);
}

static void
emit_subject(void *ctx, const struct review_subject *s)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "secretary_id", s->secretary_id);
	jw_kstr(w, "secretary", s->secretary);
	jw_kint(w, "org_id", s->org_id);
	jw_kstr(w, "org_name", s->org_name);
	jw_kstr(w, "report", s->report);
	if (s->report_at)
		jw_ktime(w, "report_at", s->report_at);
	jw_kid(w, "my_ballot_id", s->my_ballot);
	jw_kstr(w, "file_name", s->file_name);
	/* The report's file as an attachment (GET /api/v1/review-reports/
	 * {subject_id}/files, GET /api/v1/files/{file_id}). */
	jw_kint(w, "subject_id", s->id);
	jw_kid(w, "file_id", s->file_id);
	jw_obj_end(w);
}

static void
emit_evaluator(void *ctx, const struct review_evaluator *ev)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "user_id", ev->user_id);
	jw_kstr(w, "username", ev->username);
	jw_kstr(w, "role", ev->role);
	jw_kstr(w, "group", review_groups[ev->group]);
	jw_kint(w, "ballots", ev->ballots);
	jw_obj_end(w);
}

/* The sheet evaluators score on: the round's indicator tree. */
static enum err
write_sheet(struct req *rq, struct jw *w, int64_t system_id)
{
	struct indicator *v;
	int n = 0;
	enum err e = store_ind_tree(rq->db, system_id, &rq->arena, &v, &n);

	if (e)
		return e;
	jw_key(w, "sheet");
	jw_arr(w);
	for (int i = 0; i < n; i++) {
		int leaf = 1;

		for (int j = i + 1; j < n && leaf; j++)
			leaf = !(v[j].parent_code && !strcmp(v[j].parent_code, v[i].code));
		jw_obj(w);
		jw_kstr(w, "code", v[i].code);
		jw_kstr(w, "parent", v[i].parent_code);
		jw_kint(w, "level", v[i].level);
		jw_kstr(w, "name", v[i].name);
		jw_kpoints(w, "max_points", v[i].max_points);
		jw_kstr(w, "guidance", v[i].guidance);
		jw_kbool(w, "bonus", v[i].bonus);
		jw_kbool(w, "veto", v[i].veto);
		jw_kbool(w, "leaf", leaf);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	return ERR_OK;
}

static enum err
reply_round(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct review_round r;
	struct jw w;
	enum err e;

	if ((e = review_get(rq->db, &rq->who, id, &rq->arena, &r)))
		return e;
	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	write_round(&w, &r);
	jw_key(&w, "secretaries_under_review");
	jw_arr(&w);
	e = review_subjects(rq->db, &rq->who, &r, &rq->arena, emit_subject, &w);
	jw_arr_end(&w);
	jw_key(&w, "evaluator_list");
	jw_arr(&w);
	if (!e)
		e = review_evaluators(rq->db, &r, &rq->arena, emit_evaluator, &w);
	jw_arr_end(&w);
	if (!e)
		e = write_sheet(rq, &w, r.system_id);
	jw_obj_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

static enum err
api_reviews_list(struct req *rq, struct reply *rp)
{
	const char *ys = req_arg(rq, "year");
	int64_t year = 0;
	struct jw w;
	enum err e;

	if (ys && (strlen(ys) != 4 || strspn(ys, "0123456789") != 4))
		return problem_field(&rp->problem, "year", "应为四位年份");
	if (ys)
		year = strtol(ys, NULL, 10);
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = review_list(rq->db, &rq->who, year, emit_round, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_reviews_get(struct req *rq, struct reply *rp)
{
	return reply_round(rq, rp, 200, rq->id);
}

static enum err
api_reviews_create(struct req *rq, struct reply *rp)
{
	struct round_body b = { 0 };
	struct review_in in = { 0 };
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, round_fields, ARRAY_SIZE(round_fields), JSON_CREATE,
	    &b);
	if (e)
		return e;
	in.year = b.year;
	in.system_id = b.system_id;
	in.name = b.name;
	review_rules_default(&in.rules);
	rules_of(&b, &in.rules);
	if ((e = review_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_round(rq, rp, 201, id);
}

static enum err
api_reviews_update(struct req *rq, struct reply *rp)
{
	struct round_body b = { 0 };
	struct review_in in = { 0 };
	struct review_round r;
	enum err e;

	if ((e = review_get(rq->db, &rq->who, rq->id, &rq->arena, &r)))
		return e;
	e = json_in_object(rq, &rp->problem, round_fields, ARRAY_SIZE(round_fields), JSON_PATCH,
	    &b);
	if (e)
		return e;
	if (json_in_has(&b, 0) || json_in_has(&b, 2))
		return problem_field(&rp->problem, json_in_has(&b, 0) ? "year" : "system_id",
		    "创建后不能修改");
	in.name = b.name;
	in.rules = r.rules;
	rules_of(&b, &in.rules);
	if ((e = review_update(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_round(rq, rp, 200, rq->id);
}

/* --- participants and reports --- */

struct ids_body {
	struct json_present p;
	struct id_list ids;
	const char *group;
};

static const struct json_field ids_fields[] = {
	{ "user_ids", JF_ID_LIST, JF_REQUIRED, 1, 500, offsetof(struct ids_body, ids), NULL },
};
static const struct json_field eval_fields[] = {
	{ "user_ids", JF_ID_LIST, JF_REQUIRED, 1, 500, offsetof(struct ids_body, ids), NULL },
	{ "group", JF_ENUM, JF_REQUIRED, 0, 0, offsetof(struct ids_body, group), review_groups },
};

/* A round the caller manages: 404 when it does not exist. */
static enum err
visible(struct req *rq)
{
	struct review_round r;

	return review_get(rq->db, &rq->who, rq->id, &rq->arena, &r);
}

static enum err
api_reviews_add_secretaries(struct req *rq, struct reply *rp)
{
	struct ids_body b = { 0 };
	enum err e;

	if ((e = visible(rq)))
		return e;
	e = json_in_object(rq, &rp->problem, ids_fields, ARRAY_SIZE(ids_fields), JSON_CREATE, &b);
	if (!e)
		e = review_add_subjects(rq->db, &rq->who, rq->id, b.ids.n, b.ids.v, &rp->problem);
	return e ? e : reply_round(rq, rp, 200, rq->id);
}

static enum err
api_reviews_add_evaluators(struct req *rq, struct reply *rp)
{
	struct ids_body b = { 0 };
	enum err e;

	if ((e = visible(rq)))
		return e;
	e = json_in_object(rq, &rp->problem, eval_fields, ARRAY_SIZE(eval_fields), JSON_CREATE, &b);
	if (!e)
		e = review_add_evaluators(rq->db, &rq->who, rq->id,
		    (enum review_group)review_parse(review_groups, b.group), b.ids.n, b.ids.v,
		    &rp->problem);
	return e ? e : reply_round(rq, rp, 200, rq->id);
}

static enum err
remove_one(struct req *rq, struct reply *rp, int evaluator)
{
	int64_t uid = 0;
	enum err e;

	if ((e = visible(rq)))
		return e;
	listq_id(rq, &rp->problem, "user_id", &uid);
	if (!rp->problem.nfields && !uid)
		problem_field(&rp->problem, "user_id", "必填");
	if (rp->problem.nfields)
		return ERR_INVALID;
	if ((e = review_remove(rq->db, &rq->who, rq->id, evaluator, uid, &rp->problem)))
		return e;
	return reply_round(rq, rp, 200, rq->id);
}

static enum err
api_reviews_remove_secretary(struct req *rq, struct reply *rp)
{
	return remove_one(rq, rp, 0);
}

static enum err
api_reviews_remove_evaluator(struct req *rq, struct reply *rp)
{
	return remove_one(rq, rp, 1);
}

struct report_body {
	struct json_present p;
	const char *report;
};

static enum err
api_reviews_report(struct req *rq, struct reply *rp)
{
	static const struct json_field f[] = {
		{ "report", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 20000,
		    offsetof(struct report_body, report), NULL },
	};
	struct report_body b = { 0 };
	enum err e;

	if ((e = visible(rq)))
		return e;
	e = json_in_object(rq, &rp->problem, f, ARRAY_SIZE(f), JSON_CREATE, &b);
	if (!e)
		e = review_report(rq->db, &rq->who, rq->id, b.report, &rp->problem);
	return e ? e : reply_round(rq, rp, 200, rq->id);
}

/* The report's file: thin routes onto the attachments (review_files.c,
 * owner review_report = the subject row), kept from before issue 19. */

/* The body is the file; ?name= its name (the type comes from its bytes);
 * it replaces the caller's earlier file. 200 the round. */
static enum err
api_reviews_report_file_put(struct req *rq, struct reply *rp)
{
	struct attachment file;
	int64_t subject = 0;
	enum err e;

	if ((e = visible(rq)))
		return e;
	if ((e = review_subject_id(rq->db, rq->id, rq->who.user_id, &subject)) == ERR_NOT_FOUND)
		return problem_set(&rp->problem, ERR_FORBIDDEN, "not_under_review",
		    "只有本轮被评议的书记可以提交述职报告");
	if (!e)
		e = attach_add(rq->db, &rq->who, &review_reports, subject, 0, upload_name(rq),
		    rq->body.p, rq->body.len, &rp->problem, &rq->arena, &file);
	return e ? e : reply_round(rq, rp, 200, rq->id);
}

static void
take_id(void *ctx, const struct attachment *f)
{
	*(int64_t *)ctx = f->id;
}

/* ?secretary_id= (default: the caller's own report): the bytes as
 * GET /api/v1/files/{id} sends them. */
static enum err
api_reviews_report_file_get(struct req *rq, struct reply *rp)
{
	int64_t sec = 0, subject = 0, file = 0;
	enum err e;

	if ((e = listq_id(rq, &rp->problem, "secretary_id", &sec)) ||
	    (e = review_subject_id(rq->db, rq->id, sec ? sec : rq->who.user_id, &subject)) ||
	    (e = attach_list(rq->db, &rq->who, &review_reports, subject, &rq->arena, take_id,
	    &file)))
		return e;
	if (!file)
		return ERR_NOT_FOUND;
	rq->id = file;	/* the route's id was the round's; the file's from here */
	return attach_reply_bytes(rq, rp, &review_reports);
}

/* --- ballots --- */

static void
emit_ballot(void *ctx, const struct review_ballot *b)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "id", b->id);
	jw_kint(w, "round_id", b->round_id);
	jw_kint(w, "secretary_id", b->secretary_id);
	jw_kstr(w, "secretary", b->secretary);
	jw_kstr(w, "group", b->group);
	jw_kpoints(w, "total", b->total);
	jw_kstr(w, "grade", b->grade);
	jw_kstr(w, "note", b->note);
	jw_key(w, "scores");
	jw_arr(w);
	for (int i = 0; i < b->nscores; i++) {
		jw_obj(w);
		jw_kstr(w, "code", b->scores[i].code);
		jw_kpoints(w, "points", b->scores[i].points);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_ktime(w, "created_at", b->created_at);
	jw_ktime(w, "updated_at", b->updated_at);
	jw_obj_end(w);
}

static enum err
api_reviews_ballots(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e;

	if ((e = visible(rq)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = review_ballots(rq->db, &rq->who, rq->id, 0, &rq->arena, emit_ballot, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
reply_ballot(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct buf tmp = BUF_INIT(1 << 20);
	struct jw w;
	enum err e;

	/* Written aside first: an unknown id (or another's ballot) is a 404,
	 * found only after the query. */
	jw_init(&w, &tmp);
	e = review_ballots(rq->db, &rq->who, 0, id, &rq->arena, emit_ballot, &w);
	if (!e) {
		struct jw out;

		reply_json_begin(rp, status, &out);
		jw_raw(&out, buf_str(&tmp));
		e = reply_json_end(rp, &out);
	}
	buf_release(&tmp);
	return e;
}

static enum err
api_reviews_ballot_get(struct req *rq, struct reply *rp)
{
	return reply_ballot(rq, rp, 200, rq->id);
}

/* A number with at most one decimal, 0..1000, to tenths. */
static int
points_of(json_t *v, int64_t *out)
{
	double d, diff;
	int64_t t;

	if (!json_is_number(v))
		return -1;
	d = json_number_value(v) * 10;
	if (!isfinite(d) || d < -0.5 || d > IND_POINTS_MAX + 0.5)
		return -1;
	t = (int64_t)(d + 0.5);
	diff = d - (double)t;
	if (diff > 1e-6 || diff < -1e-6)
		return -1;
	*out = t;
	return 0;
}

static void
parse_score(struct req *rq, struct problem *pb, json_t *o, int i, struct review_score *s)
{
	json_t *c = json_object_get(o, "code"), *p = json_object_get(o, "points");
	const char *k;
	json_t *v;
	char f[48];

	snprintf(f, sizeof(f), "scores[%d]", i);
	if (!json_is_object(o)) {
		problem_field(pb, f, "应为 {code, points}");
		return;
	}
	json_object_foreach(o, k, v)
		if (strcmp(k, "code") && strcmp(k, "points")) {
			snprintf(f, sizeof(f), "scores[%d].%s", i, k);
			problem_field(pb, f, "不支持该字段");
		}
	snprintf(f, sizeof(f), "scores[%d].code", i);
	if (!json_is_string(c) || !*json_string_value(c) || json_string_length(c) > 32)
		problem_field(pb, f, "必填，应为指标编号");
	else
		s->code = arena_strdup(&rq->arena, json_string_value(c));
	snprintf(f, sizeof(f), "scores[%d].points", i);
	if (points_of(p, &s->points))
		problem_field(pb, f, "得分必填，应为不小于0、最多一位小数的数");
}

static const char *
body_str(struct req *rq, json_t *root, const char *k, size_t max, int required,
    struct problem *pb)
{
	json_t *v = json_object_get(root, k);

	if (!v || json_is_null(v)) {
		if (required)
			problem_field(pb, k, "必填");
		return NULL;
	}
	if (!json_is_string(v) || utf8_len(json_string_value(v)) > max) {
		problem_field(pb, k, "应为不超过%zu个字符的文本", max);
		return NULL;
	}
	return arena_strdup(&rq->arena, json_string_value(v));
}

static enum err
decode_ballot(struct req *rq, struct problem *pb, struct review_ballot_in *in)
{
	json_t *root = json_loadb(buf_str(&rq->body), rq->body.len, JSON_REJECT_DUPLICATES, NULL);
	json_t *arr, *sid;
	struct review_score *s;
	const char *k;
	json_t *v;

	if (!json_is_object(root)) {
		json_decref(root);
		return ERR_BAD_JSON;
	}
	json_object_foreach(root, k, v)
		if (strcmp(k, "secretary_id") && strcmp(k, "grade") && strcmp(k, "note")
		    && strcmp(k, "scores"))
			problem_field(pb, k, "不支持的字段");
	sid = json_object_get(root, "secretary_id");
	if (!json_is_integer(sid) || json_integer_value(sid) <= 0)
		problem_field(pb, "secretary_id", "必填，应为被评议书记的用户编号");
	else
		in->secretary_id = json_integer_value(sid);
	in->grade = body_str(rq, root, "grade", 8, 1, pb);
	if (in->grade && review_parse(review_grades, in->grade) < 0)
		problem_field(pb, "grade", "应为 好、较好、一般 或 差");
	in->note = body_str(rq, root, "note", 1000, 0, pb);
	arr = json_object_get(root, "scores");
	if (!json_is_array(arr) || json_array_size(arr) > IND_MAX)
		problem_field(pb, "scores", "必填，应为 [{code, points}] 数组");
	else {
		in->nscores = (int)json_array_size(arr);
		s = arena_alloc(&rq->arena, sizeof(*s) * (size_t)(in->nscores + 1));
		for (int i = 0; i < in->nscores; i++)
			parse_score(rq, pb, json_array_get(arr, (size_t)i), i, &s[i]);
		in->scores = s;
	}
	json_decref(root);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
api_reviews_ballot_put(struct req *rq, struct reply *rp)
{
	struct review_ballot_in in = { 0 };
	int64_t bid = 0;
	int replaced = 0;
	enum err e;

	if ((e = visible(rq)))
		return e;
	if ((e = decode_ballot(rq, &rp->problem, &in)))
		return e;
	e = review_ballot_put(rq->db, &rq->who, rq->id, &in, &rp->problem, &bid, &replaced);
	return e ? e : reply_ballot(rq, rp, replaced ? 200 : 201, bid);
}

/* --- closing, publication, results, talks --- */

static enum err
api_reviews_close(struct req *rq, struct reply *rp)
{
	enum err e;

	if ((e = visible(rq)) || (e = review_close(rq->db, &rq->who, rq->id, &rp->problem)))
		return e;
	return reply_round(rq, rp, 200, rq->id);
}

static enum err
api_reviews_publish(struct req *rq, struct reply *rp)
{
	enum err e;

	if ((e = visible(rq)) || (e = review_publish(rq->db, &rq->who, rq->id, &rp->problem)))
		return e;
	return reply_round(rq, rp, 200, rq->id);
}

static void
emit_result(void *ctx, const struct review_result *x)
{
	static const char *const vk[] = { "good", "fair", "average", "poor" };
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "id", x->id);
	jw_kint(w, "secretary_id", x->secretary_id);
	jw_kstr(w, "secretary", x->secretary);
	jw_kint(w, "org_id", x->org_id);
	jw_kstr(w, "org_name", x->org_name);
	jw_kpoints(w, "score", x->score);
	jw_kstr(w, "grade", x->grade);
	jw_kint(w, "rank", x->rank);
	jw_kint(w, "ballots", x->ballots);
	jw_key(w, "votes");
	jw_obj(w);
	for (int k = 0; k < RGR_N; k++)
		jw_kint(w, vk[k], x->votes[k]);
	jw_obj_end(w);
	jw_kint(w, "poor_share", x->poor_share);
	jw_kpoints_opt(w, "avg_district", x->avg[RG_DISTRICT]);
	jw_kpoints_opt(w, "avg_secretary", x->avg[RG_SECRETARY]);
	jw_kpoints_opt(w, "avg_member", x->avg[RG_MEMBER]);
	jw_kid(w, "talk_id", x->talk_id);
	jw_kstr(w, "talk_due", x->talk_id ? x->talk_due : NULL);
	if (x->talk_id)
		jw_kbool(w, "talk_done", x->talk_done);
	jw_kid(w, "finding_id", x->finding_id);
	jw_obj_end(w);
}

static enum err
api_reviews_results(struct req *rq, struct reply *rp)
{
	struct review_round r;
	struct jw w;
	enum err e;

	if ((e = review_get(rq->db, &rq->who, rq->id, &rq->arena, &r)))
		return e;
	if (!r.manager && (!r.subject || r.state != RS_PUBLISHED))
		return ERR_NOT_FOUND;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "round_id", r.id);
	jw_kstr(&w, "state", review_states[r.state]);
	jw_key(&w, "items");
	jw_arr(&w);
	if ((e = review_results(rq->db, &rq->who, &r, &rq->arena, emit_result, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static void
emit_talk(void *ctx, const struct review_talk *t)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "id", t->id);
	jw_kint(w, "round_id", t->round_id);
	jw_kstr(w, "round_name", t->round_name);
	jw_kint(w, "secretary_id", t->secretary_id);
	jw_kstr(w, "secretary", t->secretary);
	jw_kint(w, "org_id", t->org_id);
	jw_kstr(w, "org_name", t->org_name);
	jw_kstr(w, "grade", t->grade);
	jw_kstr(w, "due", t->due);
	jw_kstr(w, "note", t->note);
	jw_kbool(w, "done", t->done);
	jw_kstr(w, "done_on", t->done_on);
	jw_kid(w, "finding_id", t->finding_id);
	jw_obj_end(w);
}

static enum err
api_reviews_talks(struct req *rq, struct reply *rp)
{
	int64_t round_id = 0;
	struct jw w;
	enum err e;

	if ((e = listq_id(rq, &rp->problem, "round_id", &round_id)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = review_talks(rq->db, &rq->who, round_id, &rq->arena, emit_talk, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_reviews_talk_done(struct req *rq, struct reply *rp)
{
	static const struct json_field f[] = {
		{ "note", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 1000,
		    offsetof(struct report_body, report), NULL },
	};
	struct report_body b = { 0 };
	struct jw w;
	enum err e;

	e = json_in_object(rq, &rp->problem, f, ARRAY_SIZE(f), JSON_CREATE, &b);
	if (!e)
		e = review_talk_done(rq->db, &rq->who, rq->id, b.report, &rp->problem);
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", rq->id);
	jw_kbool(&w, "done", 1);
	jw_kstr(&w, "note", b.report);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static void
emit_candidate(void *ctx, const struct review_candidate *c)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "id", c->id);
	jw_kstr(w, "username", c->username);
	jw_kstr(w, "role", c->role);
	jw_kstr(w, "org_name", c->org_name);
	jw_obj_end(w);
}

static enum err
api_reviews_candidates(struct req *rq, struct reply *rp)
{
	/* No administrator takes part (SEC-05). */
	static const char *const roles[] = { "secretary", "district", "member", "principal", NULL };
	const char *role = NULL;
	struct jw w;
	enum err e;

	if ((e = listq_enum(rq, &rp->problem, "role", roles, &role)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = review_candidates(rq->db, role, &rq->arena, emit_candidate, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

/* Managers run rounds; anyone taking part reads the round, their own
 * ballots and (once published, a secretary) their own result: the store
 * answers 404 for a round the caller takes no part in. */
const struct route review_routes[] = {
	{ "GET", "/api/v1/reviews", api_reviews_list, ROLES_BUSINESS, 0 },
	{ "POST", "/api/v1/reviews", api_reviews_create, MANAGERS, 0 },
	{ "GET", "/api/v1/reviews/candidates", api_reviews_candidates, MANAGERS, 0 },
	{ "GET", "/api/v1/reviews/talks", api_reviews_talks, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/reviews/talks/:id/done", api_reviews_talk_done, MANAGERS, 0 },
	{ "GET", "/api/v1/reviews/ballots/:id", api_reviews_ballot_get, ROLES_BUSINESS, 0 },
	{ "GET", "/api/v1/reviews/:id", api_reviews_get, ROLES_BUSINESS, 0 },
	{ "PATCH", "/api/v1/reviews/:id", api_reviews_update, MANAGERS, 0 },
	{ "POST", "/api/v1/reviews/:id/secretaries", api_reviews_add_secretaries, MANAGERS, 0 },
	{ "DELETE", "/api/v1/reviews/:id/secretaries", api_reviews_remove_secretary, MANAGERS, 0 },
	{ "POST", "/api/v1/reviews/:id/evaluators", api_reviews_add_evaluators, MANAGERS, 0 },
	{ "DELETE", "/api/v1/reviews/:id/evaluators", api_reviews_remove_evaluator, MANAGERS, 0 },
	{ "POST", "/api/v1/reviews/:id/report", api_reviews_report, ROLE_SECRETARY, 0 },
	{ "POST", "/api/v1/reviews/:id/report/file", api_reviews_report_file_put, ROLE_SECRETARY,
	    F_UPLOAD },
	{ "GET", "/api/v1/reviews/:id/report/file", api_reviews_report_file_get, ROLES_BUSINESS, 0 },
	{ "GET", "/api/v1/reviews/:id/ballots", api_reviews_ballots, ROLES_BUSINESS, 0 },
	{ "POST", "/api/v1/reviews/:id/ballots", api_reviews_ballot_put, ROLES_BUSINESS, 0 },
	{ "POST", "/api/v1/reviews/:id/close", api_reviews_close, MANAGERS, 0 },
	{ "POST", "/api/v1/reviews/:id/publish", api_reviews_publish, MANAGERS, 0 },
	{ "GET", "/api/v1/reviews/:id/results", api_reviews_results, ROLES_BUSINESS, 0 },
	ROUTES_END,
};
