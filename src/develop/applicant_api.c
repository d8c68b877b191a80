/* applicant_api.c: the HTTP handlers of the development pipeline: people,
 * the 25 steps with due days and status, recording a step, documents per
 * step, and the roster as .xlsx. */
#include "core/common.h"
#include "develop/applicant_api.h"
#include "attach/attach_api.h"
#include "core/config.h"
#include "core/dates.h"
#include "develop/applicant.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "party/member.h"
#include "report/xlsx.h"

#include <unistd.h>

#define WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)

struct create_body {
	struct json_present p;
	int64_t org_id;
	const char *name, *id_card, *ethnicity, *education, *post, *category, *applied_on, *note;
};

#define OFF(f) offsetof(struct create_body, f)
static const struct json_field create_fields[] = {
	{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 40, OFF(name), NULL },
	{ "id_card", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 18, OFF(id_card), NULL },
	{ "ethnicity", JF_STR, 0, 0, 20, OFF(ethnicity), NULL },
	{ "education", JF_STR, 0, 0, 20, OFF(education), NULL },
	{ "post", JF_STR, 0, 0, 40, OFF(post), NULL },
	{ "category", JF_ENUM, 0, 0, 0, OFF(category), member_categories },
	{ "applied_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(applied_on), NULL },
	{ "note", JF_STR, 0, 0, 500, OFF(note), NULL },
};
#undef OFF

static const char *const outcomes[] = { "passed", "failed", "convert", "extend", "disqualify",
	NULL };

struct step_body {
	struct json_present p;
	int64_t step;
	const char *date, *note, *outcome, *notice_from, *notice_to;
	struct id_list talkers, contacts, sponsors;
	int64_t days, hours, expected, present, yes_votes, written, extend_months, dues_base_fen;
	int leaving;
	int64_t meeting_id;
};

/* Indexes of the optional numbers below (for json_in_has). */
enum { SB_DAYS = 10, SB_HOURS, SB_EXPECTED, SB_PRESENT, SB_YES, SB_WRITTEN, SB_EXTEND, SB_DUES };

#define OFF(f) offsetof(struct step_body, f)
static const struct json_field step_fields[] = {
	{ "step", JF_INT, JF_REQUIRED, 1, PIPE_STEPS, OFF(step), NULL },
	{ "date", JF_DATE, JF_REQUIRED, 0, 0, OFF(date), NULL },
	{ "note", JF_STR, 0, 0, 1000, OFF(note), NULL },
	{ "outcome", JF_ENUM, 0, 0, 0, OFF(outcome), outcomes },
	{ "notice_from", JF_DATE, 0, 0, 0, OFF(notice_from), NULL },
	{ "notice_to", JF_DATE, 0, 0, 0, OFF(notice_to), NULL },
	{ "talkers", JF_ID_LIST, 0, 0, 3, OFF(talkers), NULL },
	{ "contacts", JF_ID_LIST, 0, 0, 3, OFF(contacts), NULL },
	{ "sponsors", JF_ID_LIST, 0, 0, 3, OFF(sponsors), NULL },
	{ "leaving", JF_BOOL, 0, 0, 0, OFF(leaving), NULL },
	{ "days", JF_INT, 0, 0, 365, OFF(days), NULL },
	{ "hours", JF_INT, 0, 0, 10000, OFF(hours), NULL },
	{ "expected", JF_INT, 0, 0, 100000, OFF(expected), NULL },
	{ "present", JF_INT, 0, 0, 100000, OFF(present), NULL },
	{ "yes_votes", JF_INT, 0, 0, 100000, OFF(yes_votes), NULL },
	{ "written", JF_INT, 0, 0, 100000, OFF(written), NULL },
	{ "extend_months", JF_INT, 0, 1, 24, OFF(extend_months), NULL },
	{ "dues_base_fen", JF_INT, 0, 0, 10000000000LL, OFF(dues_base_fen), NULL },
	{ "meeting_id", JF_ID, 0, 0, 0, OFF(meeting_id), NULL },
};
#undef OFF

/* ---- one person ---- */

static const char *
fmt_day(struct arena *a, int32_t d)
{
	char s[11];

	if (!d)
		return NULL;
	date_format(d, s);
	return arena_strdup(a, s);
}

static void
write_step_def(struct jw *w, const struct applicant *ap, const struct pipe_step_def *d,
    struct arena *a)
{
	int32_t earliest, due, today = date_today();
	const char *rule;

	pipe_due(&ap->st, d->no, &earliest, &due, &rule);
	jw_obj(w);
	jw_kint(w, "no", d->no);
	jw_kint(w, "stage", d->stage);
	jw_kstr(w, "stage_name", pipe_stage_name(d->stage));
	jw_kstr(w, "name", d->name);
	jw_kstr(w, "decides", d->decides);
	jw_kstr(w, "needs", d->needs);
	jw_kstr(w, "rule", d->rule);
	jw_kstr(w, "limit", d->limit);
	jw_kstr(w, "status", pipe_step_status(&ap->st, d->no, today));
	jw_kstr(w, "done_on", d->no <= ap->st.step ? fmt_day(a, ap->st.on[d->no]) : NULL);
	jw_kstr(w, "earliest", fmt_day(a, earliest));
	jw_kstr(w, "due", fmt_day(a, due));
	jw_kstr(w, "due_rule", rule);
	jw_kbool(w, "talker", !!(d->flags & PF_TALKER));
	jw_kbool(w, "contacts", !!(d->flags & PF_CONTACTS));
	jw_kbool(w, "sponsors", !!(d->flags & PF_SPONSORS));
	jw_kbool(w, "vote", !!(d->flags & PF_VOTE));
	jw_kbool(w, "training", !!(d->flags & PF_TRAINING));
	jw_kbool(w, "notice", !!(d->flags & PF_NOTICE));
	jw_kbool(w, "outcome", !!(d->flags & PF_OUTCOME));
	jw_obj_end(w);
}

static void
kopt(struct jw *w, const char *k, int64_t v)
{
	if (v >= 0)
		jw_kint(w, k, v);
	else
		jw_kstr(w, k, NULL);
}

static void
emit_history(void *ctx, const struct applicant_step *s)
{
	struct jw *w = ctx;
	const struct pipe_step_def *d = pipe_step(s->step);

	jw_obj(w);
	jw_kint(w, "id", s->id);
	jw_kint(w, "step", s->step);
	jw_kstr(w, "name", d ? d->name : NULL);
	jw_kstr(w, "done_on", s->done_on);
	jw_kstr(w, "note", s->note);
	jw_kstr(w, "outcome", *s->outcome ? s->outcome : NULL);
	jw_kstr(w, "rule", *s->rule ? s->rule : NULL);
	jw_kstr(w, "warning", *s->warning ? s->warning : NULL);
	kopt(w, "days", s->days);
	kopt(w, "hours", s->hours);
	kopt(w, "expected", s->expected);
	kopt(w, "present", s->present);
	kopt(w, "yes_votes", s->yes_votes);
	kopt(w, "written", s->written);
	kopt(w, "extend_months", s->extend_months);
	jw_kid(w, "meeting_id", s->meeting_id);
	jw_kstr(w, "notice_from", s->notice_from);
	jw_kstr(w, "notice_to", s->notice_to);
	jw_kid(w, "actor_id", s->actor_id);
	jw_ktime(w, "at", s->at);
	jw_obj_end(w);
}

static void
emit_person(void *ctx, const struct applicant_person *p)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "step_id", p->step_id);
	jw_kint(w, "member_id", p->member_id);
	jw_kstr(w, "role", p->role);
	jw_kstr(w, "name", p->name);
	jw_obj_end(w);
}

/* History and people come from one walk: steps, then the people. */
struct walk {
	struct jw *w;
	int in_people;
};

static void
walk_step(void *ctx, const struct applicant_step *s)
{
	emit_history(((struct walk *)ctx)->w, s);
}

static void
walk_person(void *ctx, const struct applicant_person *p)
{
	struct walk *k = ctx;

	if (!k->in_people) {
		jw_arr_end(k->w);
		jw_key(k->w, "people");
		jw_arr(k->w);
		k->in_people = 1;
	}
	emit_person(k->w, p);
}

static enum err
reply_applicant(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct applicant ap;
	struct walk k;
	struct jw w;
	enum err e = applicant_get(rq->db, &rq->who, id, &rq->arena, &ap);

	if (e)
		return e;
	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	applicant_write_fields(&w, &ap);
	jw_kbool(&w, "may_edit", rq->who.role != ROLE_INSPECTOR && rq->who.role != ROLE_PRINCIPAL);
	jw_key(&w, "steps");
	jw_arr(&w);
	for (int i = 0; i < PIPE_STEPS; i++)
		write_step_def(&w, &ap, &pipe_steps[i], &rq->arena);
	jw_arr_end(&w);
	jw_key(&w, "history");
	jw_arr(&w);
	k = (struct walk){ &w, 0 };
	if ((e = applicant_steps(rq->db, id, &rq->arena, walk_step, walk_person, &k)))
		return e;
	jw_arr_end(&w);
	if (!k.in_people) {
		jw_key(&w, "people");
		jw_arr(&w);
		jw_arr_end(&w);
	}
	if ((e = attach_json_files(&w, rq->db, &applicant_files, id, &rq->arena)))
		return e;
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_applicants_get(struct req *rq, struct reply *rp)
{
	return reply_applicant(rq, rp, 200, rq->id);
}

static enum err
api_applicants_create(struct req *rq, struct reply *rp)
{
	struct create_body b = { 0 };
	struct applicant_in in;
	int64_t id;
	enum err e = json_in_object(rq, &rp->problem, create_fields, ARRAY_SIZE(create_fields),
	    JSON_CREATE, &b);

	if (e)
		return e;
	in = (struct applicant_in){ .org_id = b.org_id, .name = b.name, .id_card = b.id_card,
		.ethnicity = b.ethnicity, .education = b.education, .post = b.post,
		.category = b.category, .applied_on = b.applied_on, .note = b.note };
	if ((e = applicant_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_applicant(rq, rp, 201, id);
}

static int64_t
opt(const struct step_body *b, int i, int64_t v)
{
	return json_in_has(b, i) ? v : -1;
}

static enum err
api_applicants_step(struct req *rq, struct reply *rp)
{
	struct step_body b = { 0 };
	struct applicant_step_in in;
	enum err e = json_in_object(rq, &rp->problem, step_fields, ARRAY_SIZE(step_fields),
	    JSON_CREATE, &b);

	if (e)
		return e;
	in = (struct applicant_step_in){ .step = (int)b.step, .date = b.date, .note = b.note,
		.outcome = b.outcome, .notice_from = b.notice_from, .notice_to = b.notice_to,
		.talkers = b.talkers.v, .ntalkers = b.talkers.n, .contacts = b.contacts.v,
		.ncontacts = b.contacts.n, .sponsors = b.sponsors.v, .nsponsors = b.sponsors.n,
		.days = opt(&b, SB_DAYS, b.days), .hours = opt(&b, SB_HOURS, b.hours),
		.expected = opt(&b, SB_EXPECTED, b.expected),
		.present = opt(&b, SB_PRESENT, b.present), .yes_votes = opt(&b, SB_YES, b.yes_votes),
		.written = opt(&b, SB_WRITTEN, b.written),
		.extend_months = opt(&b, SB_EXTEND, b.extend_months),
		.dues_base_fen = opt(&b, SB_DUES, b.dues_base_fen), .leaving = b.leaving,
		.meeting_id = b.meeting_id };
	if ((e = applicant_record(rq->db, &rq->who, rq->id, &in, &rp->problem)))
		return e;
	return reply_applicant(rq, rp, 200, rq->id);
}

/* ---- lists ---- */

static void
emit(void *ctx, const struct applicant *ap)
{
	struct jw *w = ctx;

	jw_obj(w);
	applicant_write_fields(w, ap);
	jw_obj_end(w);
}

static enum err
api_applicants_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "next_due", "a.next_due" } };
	static const char *const flags[] = { "1", NULL };
	struct applicant_filter f = { 0 };
	struct problem *pb = &rp->problem;
	const char *overdue = NULL, *q = NULL;
	struct listq lq;
	int64_t total;
	struct jw w;
	enum err e;

	listq_id(rq, pb, "org_id", &f.org_id);
	listq_enum(rq, pb, "status", pipe_statuses, &f.status);
	listq_enum(rq, pb, "overdue", flags, &overdue);
	listq_text(rq, pb, "q", 40, &q);
	if ((e = listq_parse(rq, pb, sorts, 1, &lq)))
		return e;
	f.overdue = overdue != NULL;
	f.q = q ? listq_like(&rq->arena, q) : NULL;
	f.page = lq.page;
	f.per_page = lq.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = applicant_list(rq->db, &rq->who, &f, emit, &w, &total)))
		return e;
	listq_end(&w, &lq, total);
	return reply_json_end(rp, &w);
}

static enum err
api_applicants_export(struct req *rq, struct reply *rp)
{
	char path[64];
	int64_t org_id = 0;
	enum err e;

	if ((e = listq_id(rq, &rp->problem, "org_id", &org_id)))
		return e;
	if ((e = xlsx_temp(path)))
		return e;
	if ((e = applicant_export(rq->db, &rq->who, org_id, path))) {
		unlink(path);
		return e;
	}
	return reply_file(rp, path, XLSX_MIME,
	    "attachment; filename=\"applicants.xlsx\"; filename*=UTF-8''"
	    "%E5%8F%91%E5%B1%95%E5%85%9A%E5%91%98%E5%8F%B0%E8%B4%A6.xlsx");
}

/* The step table, for forms. */
static enum err
api_pipeline_steps(struct req *rq, struct reply *rp)
{
	struct applicant ap = { 0 };
	struct jw w;

	ap.st.status = "pipeline";
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	for (int i = 0; i < PIPE_STEPS; i++)
		write_step_def(&w, &ap, &pipe_steps[i], &rq->arena);
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

/* ---- documents ---- */

/* The older download route (issue 19): only an applicant's document. The
 * upload is the attachments' POST /api/v1/applicants/{id}/files. */
static enum err
api_applicant_files_get(struct req *rq, struct reply *rp)
{
	return attach_reply_bytes(rq, rp, &applicant_files);
}

const struct route applicant_routes[] = {
	{ "GET", "/api/v1/applicants", api_applicants_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/applicants", api_applicants_create, WRITERS, 0 },
	{ "GET", "/api/v1/applicants.xlsx", api_applicants_export, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/applicants/:id", api_applicants_get, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/applicants/:id/steps", api_applicants_step, WRITERS, 0 },
	{ "GET", "/api/v1/applicant-files/:id", api_applicant_files_get, ROLES_STAFF, 0 },
	{ "GET", "/api/v1/pipeline-steps", api_pipeline_steps, ROLES_STAFF, 0 },
	ROUTES_END,
};
