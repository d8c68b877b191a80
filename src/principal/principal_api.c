/* principal_api.c: the routes of the principal-tenure platform (issue 13
 * items 1-3; docs/api.md "Principal tenures"). Route role sets: the office
 * (督导室) writes the registers and decides; a 督学 reads the schools
 * assigned to them; a principal reads their own tenure and writes its
 * goals and self-reports. No party-building role is in any set. */
#include "core/common.h"
#include "principal/principal_api.h"

#include <jansson.h>

#include "core/config.h"
#include "core/dates.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "party/school.h"
#include "principal/principal.h"
#include "principal/tenure.h"

#define OFFICE ROLE_SUPERVISION_OFFICE
#define READERS (ROLE_SUPERVISION_OFFICE | ROLE_SUPERVISOR)
#define ALL_PRIN (ROLE_SUPERVISION_OFFICE | ROLE_SUPERVISOR | ROLE_PRINCIPAL)

static void
write_names(struct jw *w, const char *key, const char *const *names, const char *const *labels)
{
	jw_key(w, key);
	jw_arr(w);
	for (int i = 0; names[i]; i++) {
		jw_obj(w);
		jw_kstr(w, "value", names[i]);
		jw_kstr(w, "label", labels[i]);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* The platform's vocabulary and settings, for the console's forms. */
static enum err
api_prin_settings(struct req *rq, struct reply *rp)
{
	struct tenure_figure fig[TENURE_FIGURES_MAX];
	int nfig = tenure_figures_parse(cfg.prin_figures, fig, TENURE_FIGURES_MAX);
	const char *g = cfg.prin_grades;
	struct jw w;

	(void)rq;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	write_names(&w, "posts", tenure_posts, tenure_post_labels);
	write_names(&w, "end_reasons", tenure_end_reasons, tenure_end_labels);
	write_names(&w, "areas", tenure_areas, tenure_area_labels);
	jw_key(&w, "grades");
	jw_arr(&w);
	while (*g) {
		size_t n = strcspn(g, ",");

		jw_strn(&w, g, n);
		g += n + (g[n] == ',');
	}
	jw_arr_end(&w);
	jw_key(&w, "figures");
	jw_arr(&w);
	for (int i = 0; i < nfig; i++) {
		jw_obj(&w);
		jw_kstr(&w, "key", fig[i].key);
		jw_kstr(&w, "label", fig[i].label);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_kint(&w, "term_years", cfg.prin_term_years);
	jw_kint(&w, "rotation_terms", cfg.prin_rotation_terms);
	jw_kint(&w, "warn_months", cfg.prin_warn_months);
	jw_kint(&w, "report_due_days", cfg.prin_report_due_days);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* --- the district list --- */

static enum err
api_prin_schools(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "school", "s.name" },
		{ "term_end", "t.term_end_on IS NULL, t.term_end_on" },
		{ "appointed", "t.appointed_on" }, { "principal", "p.name" } };
	struct prin_list_filter f = { 0 };
	const char *text = NULL;
	struct problem *pb = &rp->problem;
	struct listq q;
	int64_t total;
	struct jw w;
	enum err e;

	listq_text(rq, pb, "q", 50, &text);
	listq_enum(rq, pb, "stage", school_stages, &f.stage);
	listq_enum(rq, pb, "flag", tenure_flag_names, &f.flag);
	listq_id(rq, pb, "org_id", &f.org_id);
	e = listq_parse(rq, pb, sorts, ARRAY_SIZE(sorts), &q);
	if (e || pb->nfields)
		return ERR_INVALID;
	f.like = text ? listq_like(&rq->arena, text) : NULL;
	f.sort = q.sort_col;
	f.desc = q.desc;
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = prin_school_list(rq->db, &rq->who, &f, date_today(), &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

/* --- persons --- */

struct person_body {
	struct json_present p;
	const char *name, *gender, *id_card;
	int64_t member_id, user_id;
};

enum { PF_NAME, PF_GENDER, PF_ID_CARD, PF_MEMBER, PF_USER };

#define POFF(f) offsetof(struct person_body, f)
static const struct json_field person_fields[] = {
	[PF_NAME] = { "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 50, POFF(name), NULL },
	[PF_GENDER] = { "gender", JF_ENUM, JF_REQUIRED, 0, 0, POFF(gender), tenure_genders },
	[PF_ID_CARD] = { "id_card", JF_STR, JF_NULLABLE, 0, 18, POFF(id_card), NULL },
	[PF_MEMBER] = { "member_id", JF_ID, JF_NULLABLE, 0, 0, POFF(member_id), NULL },
	[PF_USER] = { "user_id", JF_ID, JF_NULLABLE, 0, 0, POFF(user_id), NULL },
};
#undef POFF

static void
person_in(const struct person_body *b, struct prin_person_in *in)
{
	memset(in, 0, sizeof(*in));
	in->name = json_in_has(b, PF_NAME) ? b->name : NULL;
	in->gender = json_in_has(b, PF_GENDER) ? b->gender : NULL;
	in->set_id_card = (b->p.set >> PF_ID_CARD) & 1;
	in->id_card = json_in_has(b, PF_ID_CARD) ? b->id_card : NULL;
	in->set_member = (b->p.set >> PF_MEMBER) & 1;
	in->member_id = json_in_has(b, PF_MEMBER) ? b->member_id : 0;
	in->set_user = (b->p.set >> PF_USER) & 1;
	in->user_id = json_in_has(b, PF_USER) ? b->user_id : 0;
}

static enum err
reply_person(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	if ((e = prin_person_write(rq->db, &rq->who, id, &w)))
		return e;
	return reply_json_end(rp, &w);
}

static enum err
api_principals_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "name", "p.name" } };
	const char *text = NULL;
	struct listq q;
	int64_t total;
	struct jw w;
	enum err e;

	listq_text(rq, &rp->problem, "q", 50, &text);
	e = listq_parse(rq, &rp->problem, sorts, ARRAY_SIZE(sorts), &q);
	if (e || rp->problem.nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = prin_person_list(rq->db, &rq->who, text ? listq_like(&rq->arena, text) : NULL,
	    q.page, q.per_page, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
api_principals_create(struct req *rq, struct reply *rp)
{
	struct person_body b = { 0 };
	struct prin_person_in in;
	int64_t id;
	enum err e;

	e = json_in_object(rq, &rp->problem, person_fields, ARRAY_SIZE(person_fields), JSON_CREATE,
	    &b);
	if (e)
		return e;
	person_in(&b, &in);
	if ((e = prin_person_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_person(rq, rp, 201, id);
}

static enum err
api_principals_get(struct req *rq, struct reply *rp)
{
	return reply_person(rq, rp, 200, rq->id);
}

static enum err
api_principals_update(struct req *rq, struct reply *rp)
{
	struct person_body b = { 0 };
	struct prin_person_in in;
	enum err e;

	e = json_in_object(rq, &rp->problem, person_fields, ARRAY_SIZE(person_fields), JSON_PATCH,
	    &b);
	if (e)
		return e;
	person_in(&b, &in);
	if ((e = prin_person_update(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_person(rq, rp, 200, rq->id);
}

/* --- tenures --- */

static enum err
reply_tenure(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	if ((e = tenure_write(rq->db, &rq->who, id, &w)))
		return e;
	return reply_json_end(rp, &w);
}

struct tenure_body {
	struct json_present p;
	int64_t principal_id, school_id;
	const char *post, *appointed_on;
	int64_t term_years, term_no;
};

#define TOFF(f) offsetof(struct tenure_body, f)
static const struct json_field tenure_fields[] = {
	{ "principal_id", JF_ID, JF_REQUIRED, 0, 0, TOFF(principal_id), NULL },
	{ "school_id", JF_ID, JF_REQUIRED, 0, 0, TOFF(school_id), NULL },
	{ "post", JF_ENUM, JF_REQUIRED, 0, 0, TOFF(post), tenure_posts },
	{ "appointed_on", JF_DATE, JF_REQUIRED, 0, 0, TOFF(appointed_on), NULL },
	{ "term_years", JF_INT, 0, 1, 10, TOFF(term_years), NULL },
	{ "term_no", JF_INT, 0, 1, 20, TOFF(term_no), NULL },
};
#undef TOFF

static enum err
api_tenures_create(struct req *rq, struct reply *rp)
{
	struct tenure_body b = { 0 };
	struct tenure_in in;
	int64_t id;
	enum err e;

	e = json_in_object(rq, &rp->problem, tenure_fields, ARRAY_SIZE(tenure_fields), JSON_CREATE,
	    &b);
	if (e)
		return e;
	in = (struct tenure_in){ b.principal_id, b.school_id, b.post, b.appointed_on, b.term_years,
		b.term_no };
	if ((e = tenure_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_tenure(rq, rp, 201, id);
}

static enum err
api_tenures_get(struct req *rq, struct reply *rp)
{
	return reply_tenure(rq, rp, 200, rq->id);
}

struct end_body {
	struct json_present p;
	const char *ended_on, *end_reason;
};

static const struct json_field end_fields[] = {
	{ "ended_on", JF_DATE, JF_REQUIRED, 0, 0, offsetof(struct end_body, ended_on), NULL },
	{ "end_reason", JF_ENUM, JF_REQUIRED, 0, 0, offsetof(struct end_body, end_reason),
	    tenure_end_reasons },
};

static enum err
api_tenures_end(struct req *rq, struct reply *rp)
{
	struct end_body b = { 0 };
	enum err e = json_in_object(rq, &rp->problem, end_fields, ARRAY_SIZE(end_fields),
	    JSON_CREATE, &b);

	if (e)
		return e;
	if ((e = tenure_end(rq->db, &rq->who, rq->id, b.ended_on, b.end_reason, &rp->problem)))
		return e;
	return reply_tenure(rq, rp, 200, rq->id);
}

/* PUT {"figures":{"key":n,…}}: the office-entered baseline figures. */
static enum err
api_tenures_figures(struct req *rq, struct reply *rp)
{
	struct problem *pb = &rp->problem;
	const char *keys[TENURE_FIGURES_MAX], *k;
	int64_t values[TENURE_FIGURES_MAX];
	json_t *root, *figs, *v;
	int n = 0;
	enum err e;

	root = json_loadb(buf_str(&rq->body), rq->body.len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(root)) {
		json_decref(root);
		return problem_set(pb, ERR_BAD_JSON, NULL, "请求体应为 JSON 对象");
	}
	json_object_foreach(root, k, v)
		if (strcmp(k, "figures"))
			problem_field(pb, k, "未知字段");
	figs = json_object_get(root, "figures");
	if (!json_is_object(figs))
		problem_field(pb, "figures", "应为 {\"数据项\": 整数, …}");
	else if (json_object_size(figs) > TENURE_FIGURES_MAX)
		problem_field(pb, "figures", "最多 %d 项", TENURE_FIGURES_MAX);
	else
		json_object_foreach(figs, k, v) {
			char field[64];

			snprintf(field, sizeof(field), "figures.%s", k);
			if (strlen(k) > 48)
				problem_field(pb, "figures", "数据项名称过长");
			else if (!json_is_integer(v))
				problem_field(pb, field, "应为整数");
			else {
				keys[n] = arena_strdup(&rq->arena, k);
				values[n++] = json_integer_value(v);
			}
		}
	json_decref(root);
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = tenure_set_figures(rq->db, &rq->who, rq->id, n, keys, values, pb)))
		return e;
	return reply_tenure(rq, rp, 200, rq->id);
}

/* --- goals --- */

struct goal_body {
	struct json_present p;
	const char *area, *goal, *target;
};

static const struct json_field goal_fields[] = {
	{ "area", JF_ENUM, JF_REQUIRED, 0, 0, offsetof(struct goal_body, area), tenure_areas },
	{ "goal", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 500, offsetof(struct goal_body, goal),
	    NULL },
	{ "target", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 200, offsetof(struct goal_body, target),
	    NULL },
};

#define GOALS_MAX 64

/* PUT {"goals":[{area, goal, target}, …]}: the whole set, replaced. */
static enum err
api_tenures_goals(struct req *rq, struct reply *rp)
{
	struct problem *pb = &rp->problem;
	struct goal_in v[GOALS_MAX];
	json_t *root, *arr, *el;
	size_t i;
	int n = 0;
	enum err e = json_in_array_body(rq, pb, "goals", GOALS_MAX, &root, &arr);

	if (e) {
		json_decref(root);
		return e;
	}
	json_array_foreach(arr, i, el) {
		struct goal_body b = { 0 };
		struct problem sub = { 0 };
		char prefix[32], *text = json_dumps(el, JSON_COMPACT);

		snprintf(prefix, sizeof(prefix), "goals[%zu]", i);
		if (!json_is_object(el) || !text) {
			problem_field(pb, prefix, "应为对象 {area, goal, target}");
		} else if (json_in_text(rq, &sub, text, strlen(text), goal_fields,
		    ARRAY_SIZE(goal_fields), JSON_CREATE, &b)) {
			problem_nest(pb, &sub, prefix);
		} else {
			v[n++] = (struct goal_in){ b.area, b.goal, b.target };
		}
		free(text);
	}
	json_decref(root);
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = goal_put(rq->db, &rq->who, rq->id, v, n, pb)))
		return e;
	return reply_tenure(rq, rp, 200, rq->id);
}

/* Submit and approve take no body, or an empty object: any key is named
 * (422), so nothing sent along looks accepted. */
static enum err
no_body(struct req *rq, struct problem *pb)
{
	json_t *root, *v;
	const char *k;

	if (!rq->body.len)
		return ERR_OK;
	root = json_loadb(buf_str(&rq->body), rq->body.len, 0, NULL);
	if (!json_is_object(root)) {
		json_decref(root);
		return problem_set(pb, ERR_BAD_JSON, NULL, "请求体应为 JSON 对象");
	}
	json_object_foreach(root, k, v)
		problem_field(pb, k, "未知字段");
	json_decref(root);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
goal_action(struct req *rq, struct reply *rp, int action)
{
	enum err e = no_body(rq, &rp->problem);

	if (e)
		return e;
	if ((e = goal_step(rq->db, &rq->who, rq->id, action, NULL, &rp->problem)))
		return e;
	return reply_tenure(rq, rp, 200, rq->id);
}

static enum err
api_goals_submit(struct req *rq, struct reply *rp)
{
	return goal_action(rq, rp, GA_SUBMIT);
}

static enum err
api_goals_approve(struct req *rq, struct reply *rp)
{
	return goal_action(rq, rp, GA_APPROVE);
}

struct reason_body {
	struct json_present p;
	const char *reason;
};

static const struct json_field reason_fields[] = {
	{ "reason", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 500, offsetof(struct reason_body, reason),
	    NULL },
};

static enum err
api_goals_return(struct req *rq, struct reply *rp)
{
	struct reason_body b = { 0 };
	enum err e = json_in_object(rq, &rp->problem, reason_fields, ARRAY_SIZE(reason_fields),
	    JSON_CREATE, &b);

	if (e)
		return e;
	if ((e = goal_step(rq->db, &rq->who, rq->id, GA_RETURN, b.reason, &rp->problem)))
		return e;
	return reply_tenure(rq, rp, 200, rq->id);
}

/* --- yearly reports --- */

struct report_body {
	struct json_present p;
	int64_t year_no;
	const char *report;
};

static const struct json_field report_fields[] = {
	{ "year_no", JF_INT, JF_REQUIRED, 1, 10, offsetof(struct report_body, year_no), NULL },
	{ "report", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 20000,
	    offsetof(struct report_body, report), NULL },
};

static enum err
api_tenures_report(struct req *rq, struct reply *rp)
{
	struct report_body b = { 0 };
	int64_t id;
	enum err e = json_in_object(rq, &rp->problem, report_fields, ARRAY_SIZE(report_fields),
	    JSON_CREATE, &b);

	if (e)
		return e;
	if ((e = report_put(rq->db, &rq->who, rq->id, b.year_no, b.report, &rp->problem, &id)))
		return e;
	return reply_tenure(rq, rp, 200, rq->id);
}

static enum err
reply_report_tenure(struct req *rq, struct reply *rp)
{
	int64_t tid;
	enum err e = db_get_i64(rq->db, &tid, "SELECT tenure_id FROM tenure_report WHERE id = ?",
	    DB_I64(rq->id), DB_END);

	return e ? e : reply_tenure(rq, rp, 200, tid);
}

static enum err
api_reports_submit(struct req *rq, struct reply *rp)
{
	enum err e = no_body(rq, &rp->problem);

	if (!e)
		e = report_submit(rq->db, &rq->who, rq->id, &rp->problem);
	return e ? e : reply_report_tenure(rq, rp);
}

struct grade_body {
	struct json_present p;
	const char *grade, *note;
};

static const struct json_field grade_fields[] = {
	{ "grade", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 16, offsetof(struct grade_body, grade),
	    NULL },
	{ "note", JF_STR, 0, 0, 1000, offsetof(struct grade_body, note), NULL },
};

static enum err
api_reports_grade(struct req *rq, struct reply *rp)
{
	struct grade_body b = { 0 };
	enum err e = json_in_object(rq, &rp->problem, grade_fields, ARRAY_SIZE(grade_fields),
	    JSON_CREATE, &b);

	if (e)
		return e;
	if ((e = report_grade(rq->db, &rq->who, rq->id, b.grade, b.note, &rp->problem)))
		return e;
	return reply_report_tenure(rq, rp);
}

/* The caller's own person and open tenure (a principal's console). */
static enum err
api_prin_me(struct req *rq, struct reply *rp)
{
	int64_t pid, tid;
	struct jw w;
	enum err e = tenure_mine(rq->db, &rq->who, &pid, &tid);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kid(&w, "principal_id", pid);
	jw_kid(&w, "tenure_id", tid);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* --- 督学 assignments --- */

struct assign_body {
	struct json_present p;
	int64_t user_id, school_id;
	const char *from_on, *to_on;
};

#define AOFF(f) offsetof(struct assign_body, f)
static const struct json_field assign_fields[] = {
	{ "user_id", JF_ID, JF_REQUIRED, 0, 0, AOFF(user_id), NULL },
	{ "school_id", JF_ID, JF_REQUIRED, 0, 0, AOFF(school_id), NULL },
	{ "from_on", JF_DATE, JF_REQUIRED, 0, 0, AOFF(from_on), NULL },
	{ "to_on", JF_DATE, JF_NULLABLE, 0, 0, AOFF(to_on), NULL },
};
#undef AOFF

static enum err
api_assign_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "default", "sa.id" } };
	int64_t user_id = 0, school_id = 0, total;
	const char *cur = req_arg(rq, "current");
	char today[11];
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "user_id", &user_id);
	listq_id(rq, &rp->problem, "school_id", &school_id);
	if (cur && strcmp(cur, "0") && strcmp(cur, "1"))
		problem_field(&rp->problem, "current", "应为 0 或 1");
	e = listq_parse(rq, &rp->problem, sorts, ARRAY_SIZE(sorts), &q);
	if (e || rp->problem.nfields)
		return ERR_INVALID;
	date_format(date_today(), today);
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = assign_list(rq->db, &rq->who, user_id, school_id, cur && !strcmp(cur, "1"), today,
	    q.page, q.per_page, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
api_assign_create(struct req *rq, struct reply *rp)
{
	struct assign_body b = { 0 };
	int64_t id;
	struct jw w;
	enum err e = json_in_object(rq, &rp->problem, assign_fields, ARRAY_SIZE(assign_fields),
	    JSON_CREATE, &b);

	if (e)
		return e;
	if ((e = assign_create(rq->db, &rq->who, b.user_id, b.school_id, b.from_on,
	    json_in_has(&b, 3) ? b.to_on : NULL, &rp->problem, &id)))
		return e;
	reply_json_begin(rp, 201, &w);
	jw_obj(&w);
	jw_kint(&w, "id", id);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

struct assign_end_body {
	struct json_present p;
	const char *to_on;
};

static const struct json_field assign_end_fields[] = {
	{ "to_on", JF_DATE, JF_REQUIRED, 0, 0, offsetof(struct assign_end_body, to_on), NULL },
};

static enum err
api_assign_end(struct req *rq, struct reply *rp)
{
	struct assign_end_body b = { 0 };
	struct jw w;
	enum err e = json_in_object(rq, &rp->problem, assign_end_fields,
	    ARRAY_SIZE(assign_end_fields), JSON_CREATE, &b);

	if (e)
		return e;
	if ((e = assign_end(rq->db, &rq->who, rq->id, b.to_on, &rp->problem)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", rq->id);
	jw_kstr(&w, "to_on", b.to_on);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_prin_supervisors(struct req *rq, struct reply *rp)
{
	char today[11];
	struct jw w;
	enum err e;

	date_format(date_today(), today);
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_key(&w, "items");
	jw_arr(&w);
	if ((e = assign_supervisors(rq->db, today, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

const struct route principal_routes[] = {
	{ "GET", "/api/v1/principal/settings", api_prin_settings, ALL_PRIN, 0 },
	{ "GET", "/api/v1/principal/schools", api_prin_schools, READERS, 0 },
	{ "GET", "/api/v1/principal/me", api_prin_me, ROLE_PRINCIPAL, 0 },
	{ "GET", "/api/v1/principal/supervisors", api_prin_supervisors, OFFICE, 0 },
	{ "GET", "/api/v1/principals", api_principals_list, READERS, 0 },
	{ "POST", "/api/v1/principals", api_principals_create, OFFICE, 0 },
	{ "GET", "/api/v1/principals/:id", api_principals_get, ALL_PRIN, 0 },
	{ "PATCH", "/api/v1/principals/:id", api_principals_update, OFFICE, 0 },
	{ "POST", "/api/v1/tenures", api_tenures_create, OFFICE, 0 },
	{ "GET", "/api/v1/tenures/:id", api_tenures_get, ALL_PRIN, 0 },
	{ "POST", "/api/v1/tenures/:id/end", api_tenures_end, OFFICE, 0 },
	{ "PUT", "/api/v1/tenures/:id/figures", api_tenures_figures, OFFICE, 0 },
	{ "PUT", "/api/v1/tenures/:id/goals", api_tenures_goals, ROLE_PRINCIPAL, 0 },
	{ "POST", "/api/v1/tenures/:id/goals/submit", api_goals_submit, ROLE_PRINCIPAL, 0 },
	{ "POST", "/api/v1/tenures/:id/goals/approve", api_goals_approve, OFFICE, 0 },
	{ "POST", "/api/v1/tenures/:id/goals/return", api_goals_return, OFFICE, 0 },
	{ "PUT", "/api/v1/tenures/:id/report", api_tenures_report, ROLE_PRINCIPAL, 0 },
	{ "POST", "/api/v1/tenure-reports/:id/submit", api_reports_submit, ROLE_PRINCIPAL, 0 },
	{ "POST", "/api/v1/tenure-reports/:id/grade", api_reports_grade, OFFICE, 0 },
	{ "GET", "/api/v1/supervisor-assignments", api_assign_list, READERS, 0 },
	{ "POST", "/api/v1/supervisor-assignments", api_assign_create, OFFICE, 0 },
	{ "POST", "/api/v1/supervisor-assignments/:id/end", api_assign_end, OFFICE, 0 },
	ROUTES_END,
};
