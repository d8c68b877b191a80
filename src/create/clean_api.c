/* clean_api.c: clean-school status, self-checks and five-clean activities. */
#include "core/common.h"
#include "create/clean_api.h"

#include <jansson.h>
#include <math.h>

#include "core/dates.h"
#include "create/clean.h"
#include "create/owner.h"
#include "create/rec_api.h"
#include "http/listq.h"
#include "http/reply.h"

REC_HANDLERS(api_clean_activities, &clean_activity_kind)

struct status_body {
	struct json_present p;
	const char *status, *pilot_on, *demonstration_on, *named_on, *note;
};

#define OFF(f) offsetof(struct status_body, f)
static const struct json_field status_fields[] = {
	{ "status", JF_ENUM, JF_REQUIRED, 0, 0, OFF(status), clean_statuses },
	{ "pilot_on", JF_DATE, JF_NULLABLE, 0, 0, OFF(pilot_on), NULL },
	{ "demonstration_on", JF_DATE, JF_NULLABLE, 0, 0, OFF(demonstration_on), NULL },
	{ "named_on", JF_DATE, JF_NULLABLE, 0, 0, OFF(named_on), NULL },
	{ "note", JF_STR, 0, 0, 500, OFF(note), NULL },
};
#undef OFF

static enum err
api_clean_list(struct req *rq, struct reply *rp)
{
	const char *ys = req_arg(rq, "year");
	int year = date_year(date_today());
	struct jw w;
	enum err e;

	if (ys && (strlen(ys) != 4 || strspn(ys, "0123456789") != 4))
		return problem_field(&rp->problem, "year", "应为四位年份");
	if (ys)
		year = (int)strtol(ys, NULL, 10);
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", year);
	jw_key(&w, "items");
	jw_arr(&w);
	if ((e = clean_write_list(rq->db, &rq->who, year, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_clean_set(struct req *rq, struct reply *rp)
{
	struct status_body b = { 0 };
	struct clean_status_in in;
	struct jw w;
	enum err e;

	e = json_in_object(rq, &rp->problem, status_fields, ARRAY_SIZE(status_fields),
	    JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct clean_status_in){ b.status, b.pilot_on, b.demonstration_on, b.named_on,
		b.note };
	if ((e = clean_set_status(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "school_id", rq->id);
	jw_kstr(&w, "status", b.status);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* Points as a number with at most one decimal, in tenths. */
static int
tenths(json_t *v, int64_t *out)
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
parse_score(struct req *rq, struct problem *pb, json_t *o, int i, struct ind_score *s)
{
	json_t *code = json_object_get(o, "code"), *v;
	char f[48];

	snprintf(f, sizeof(f), "scores[%d].code", i);
	if (!json_is_object(o) || !json_is_string(code) || !*json_string_value(code)
	    || strlen(json_string_value(code)) > 32) {
		problem_field(pb, f, "必填，应为指标编号");
		return;
	}
	s->code = arena_strdup(&rq->arena, json_string_value(code));
	v = json_object_get(o, "points");
	snprintf(f, sizeof(f), "scores[%d].points", i);
	if (v && !json_is_null(v) && tenths(v, &s->points))
		problem_field(pb, f, "得分应为不小于0、最多一位小数的数");
	v = json_object_get(o, "failed_veto");
	snprintf(f, sizeof(f), "scores[%d].failed_veto", i);
	if (v && !json_is_boolean(v))
		problem_field(pb, f, "应为 true 或 false");
	s->failed_veto = json_is_true(v);
}

static int64_t
id_of(json_t *root, const char *k, struct problem *pb, int required)
{
	json_t *v = json_object_get(root, k);

	if (!v || json_is_null(v)) {
		if (required)
			problem_field(pb, k, "不能为空");
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		problem_field(pb, k, "应为正整数");
		return 0;
	}
	return json_integer_value(v);
}

static const char *
str_of(struct req *rq, json_t *root, const char *k, size_t max, struct problem *pb)
{
	json_t *v = json_object_get(root, k);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v) || json_string_length(v) > max) {
		problem_field(pb, k, "应为不超过%zu字节的文本", max);
		return NULL;
	}
	return arena_strdup(&rq->arena, json_string_value(v));
}

static enum err
decode_check(struct req *rq, struct problem *pb, json_t *root, struct clean_check_in *in)
{
	static const char *const known[] = { "school_id", "system_id", "checked_on", "note",
		"scores", "draft", NULL };
	json_t *arr, *v;
	const char *k;

	json_object_foreach(root, k, v) {
		int ok = 0;

		for (int i = 0; known[i]; i++)
			ok |= !strcmp(known[i], k);
		if (!ok)
			problem_field(pb, k, "不支持的字段");
	}
	in->school_id = id_of(root, "school_id", pb, 0);
	if (!in->school_id && !problem_has(pb, "school_id"))
		in->school_id = owner_default_school(rq->db, &rq->who);
	in->system_id = id_of(root, "system_id", pb, 1);
	in->checked_on = str_of(rq, root, "checked_on", 10, pb);
	if (!in->checked_on && !problem_has(pb, "checked_on"))
		problem_field(pb, "checked_on", "不能为空");
	in->note = str_of(rq, root, "note", 2000, pb);
	v = json_object_get(root, "draft");
	if (v && !json_is_boolean(v))
		problem_field(pb, "draft", "应为 true 或 false");
	in->draft = json_is_true(v);
	arr = json_object_get(root, "scores");
	if (!json_is_array(arr) || json_array_size(arr) > IND_MAX)
		return problem_field(pb, "scores", "应为评分数组 [{code, points}]");
	in->nscores = (int)json_array_size(arr);
	in->scores = arena_alloc(&rq->arena, sizeof(struct ind_score) * (size_t)(in->nscores + 1));
	for (int i = 0; i < in->nscores; i++)
		parse_score(rq, pb, json_array_get(arr, (size_t)i), i,
		    (struct ind_score *)&in->scores[i]);
	/* Field problems so far are reported with the sheet's own (unknown
	 * codes, ranges) by clean_check_create. */
	return ERR_OK;
}

static enum err
reply_check(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	if ((e = clean_check_write(rq->db, &rq->who, id, &w)))
		return e;
	return reply_json_end(rp, &w);
}

/* Decodes the body of a self-check; ERR_BAD_JSON or field problems. */
static enum err
decode_body(struct req *rq, struct problem *pb, struct clean_check_in *in)
{
	json_t *root = json_loadb(buf_str(&rq->body), rq->body.len, 0, NULL);
	enum err e;

	if (!json_is_object(root)) {
		json_decref(root);
		return ERR_BAD_JSON;
	}
	e = decode_check(rq, pb, root, in);
	json_decref(root);
	return e;
}

static enum err
api_clean_check_create(struct req *rq, struct reply *rp)
{
	struct clean_check_in in = { 0 };
	struct ind_rules rules;
	int64_t id = 0;
	enum err e;

	indicator_rules_default(&rules);
	if ((e = decode_body(rq, &rp->problem, &in)))
		return e;
	e = clean_check_create(rq->db, &rq->who, &in, &rules, &rp->problem, &id);
	return e ? e : reply_check(rq, rp, 201, id);
}

static enum err
api_clean_check_update(struct req *rq, struct reply *rp)
{
	struct clean_check_in in = { 0 };
	struct ind_rules rules;
	enum err e;

	indicator_rules_default(&rules);
	if ((e = decode_body(rq, &rp->problem, &in)))
		return e;
	e = clean_check_update(rq->db, &rq->who, rq->id, &in, &rules, &rp->problem);
	return e ? e : reply_check(rq, rp, 200, rq->id);
}

static enum err
api_clean_check_submit(struct req *rq, struct reply *rp)
{
	enum err e = clean_check_submit(rq->db, &rq->who, rq->id, &rp->problem);

	return e ? e : reply_check(rq, rp, 200, rq->id);
}

static enum err
api_clean_check_delete(struct req *rq, struct reply *rp)
{
	return rec_api_deleted(rq, rp, clean_check_delete(rq->db, &rq->who, rq->id, &rp->problem));
}

static enum err
api_clean_check_get(struct req *rq, struct reply *rp)
{
	return reply_check(rq, rp, 200, rq->id);
}

static enum err
api_clean_check_list(struct req *rq, struct reply *rp)
{
	int64_t school_id = 0;
	struct jw w;
	enum err e;

	if ((e = listq_id(rq, &rp->problem, "school_id", &school_id)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = clean_check_list(rq->db, &rq->who, school_id, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

/* The district sets a school's status; a school checks itself. */
const struct route clean_routes[] = {
	{ "GET", "/api/v1/clean-schools", api_clean_list, ROLES_STAFF, 0 },
	{ "PUT", "/api/v1/clean-schools/:id", api_clean_set, OWNER_SUPERVISORS, 0 },
	{ "GET", "/api/v1/clean-schools/checks", api_clean_check_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/clean-schools/checks", api_clean_check_create, OWNER_WRITERS, 0 },
	{ "GET", "/api/v1/clean-schools/checks/:id", api_clean_check_get, ROLES_STAFF, 0 },
	{ "PUT", "/api/v1/clean-schools/checks/:id", api_clean_check_update, OWNER_WRITERS, 0 },
	{ "POST", "/api/v1/clean-schools/checks/:id/submit", api_clean_check_submit, OWNER_WRITERS, 0 },
	{ "DELETE", "/api/v1/clean-schools/checks/:id", api_clean_check_delete, OWNER_WRITERS, 0 },
	REC_ROUTES(api_clean_activities, "/api/v1/clean-schools/activities"),
	ROUTES_END,
};
