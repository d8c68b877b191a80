/* study_api.c: the HTTP handlers of the study library, study plans,
 * members' study records and reading sessions (issue 6). */
#include "core/common.h"
#include "study/study_api.h"

#include "attach/attach.h"
#include "core/config.h"
#include "core/dates.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "http/upload.h"
#include "study/points.h"
#include "study/study.h"

#define PUBLISHERS (ROLE_DISTRICT | ROLE_SECRETARY | ROLE_PRINCIPAL)
#define READERS (ROLES_STAFF | ROLE_MEMBER)

/* --- library --- */

static void
write_item(struct jw *w, const struct study_item *it)
{
	jw_obj(w);
	jw_kint(w, "id", it->id);
	jw_kint(w, "org_id", it->org_id);
	jw_kstr(w, "org_name", it->org_name);
	jw_kstr(w, "kind", it->kind);
	jw_kstr(w, "title", it->title);
	jw_kstr(w, "topic", it->topic);
	jw_kstr(w, "summary", it->summary);
	jw_kstr(w, "url", it->url);
	jw_kid(w, "meeting_file_id", it->meeting_file_id);
	jw_kstr(w, "file_name", it->file_name);
	jw_kstr(w, "file_mime", it->file_mime);
	jw_kint(w, "file_size", it->file_size);
	jw_kbool(w, "has_file", it->file_id || it->meeting_file_id);
	jw_kint(w, "minutes", it->minutes);
	jw_ktime(w, "created_at", it->created_at);
	jw_obj_end(w);
}

static void
emit_item(void *ctx, const struct study_item *it)
{
	write_item(ctx, it);
}

enum err
study_item_reply(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct study_item it;
	struct jw w;
	enum err e;

	if ((e = study_item_get(rq->db, &rq->who, id, &rq->arena, &it)))
		return e;
	reply_json_begin(rp, status, &w);
	write_item(&w, &it);
	return reply_json_end(rp, &w);
}

static enum err
api_library_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "created_at", "i.created_at" } };
	struct study_item_filter f = { 0 };
	const char *q = NULL;
	int64_t total = 0;
	struct listq lq;
	struct jw w;
	enum err e;

	listq_enum(rq, &rp->problem, "kind", study_item_kinds, &f.kind);
	listq_text(rq, &rp->problem, "topic", 40, &f.topic);
	listq_text(rq, &rp->problem, "q", 40, &q);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &lq)))
		return e;
	f.q = q ? listq_like(&rq->arena, q) : NULL;
	f.page = lq.page;
	f.per_page = lq.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = study_item_list(rq->db, &rq->who, &f, emit_item, &w, &total)))
		return e;
	listq_end(&w, &lq, total);
	return reply_json_end(rp, &w);
}

struct item_body {
	struct json_present p;
	int64_t org_id, meeting_file_id, minutes;
	const char *kind, *title, *topic, *summary, *url;
};

static enum err
api_library_create(struct req *rq, struct reply *rp)
{
#define OFF(f) offsetof(struct item_body, f)
	static const struct json_field fields[] = {
		{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
		{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), study_item_kinds },
		{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(title), NULL },
		{ "topic", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 40, OFF(topic), NULL },
		{ "summary", JF_STR, 0, 0, 1000, OFF(summary), NULL },
		{ "url", JF_STR, JF_NULLABLE, 0, 500, OFF(url), NULL },
		{ "meeting_file_id", JF_ID, JF_NULLABLE, 0, 0, OFF(meeting_file_id), NULL },
		{ "minutes", JF_INT, 0, 0, 1440, OFF(minutes), NULL },
	};
#undef OFF
	struct item_body b = { 0 };
	struct study_item_in in;
	int64_t id = 0;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b)))
		return e;
	in = (struct study_item_in){ b.org_id, b.meeting_file_id, b.minutes, b.kind, b.title,
		b.topic, b.summary, b.url && *b.url ? b.url : NULL };
	if ((e = study_item_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return study_item_reply(rq, rp, 201, id);
}

static enum err
api_library_get(struct req *rq, struct reply *rp)
{
	return study_item_reply(rq, rp, 200, rq->id);
}

static enum err
api_library_delete(struct req *rq, struct reply *rp)
{
	enum err e = study_item_delete(rq->db, &rq->who, rq->id, &rp->problem);
	struct jw w;

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kbool(&w, "ok", 1);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* The older routes of an item's file (issue 19): thin routes onto its
 * attachment (library_files; POST/GET /api/v1/study/library/{id}/files
 * are the generic ones). The upload answers the item, as before. */
static enum err
api_library_upload(struct req *rq, struct reply *rp)
{
	struct attachment f;
	enum err e = attach_add(rq->db, &rq->who, &library_files, rq->id, 0, upload_name(rq),
	    rq->body.p, rq->body.len, &rp->problem, &rq->arena, &f);

	return e ? e : study_item_reply(rq, rp, 200, rq->id);
}

static enum err
api_library_file(struct req *rq, struct reply *rp)
{
	const char *name = NULL, *mime = NULL;
	enum err e;
	int fd;

	if ((e = study_item_file(rq->db, &rq->who, rq->id, &rq->arena, &name, &mime, &fd)))
		return e;
	return upload_reply(rp, fd, mime, upload_disposition(&rq->arena, name ? name : "file"));
}

static void
emit_topic(void *ctx, const char *topic, int64_t n)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kstr(w, "topic", topic);
	jw_kint(w, "count", n);
	jw_obj_end(w);
}

static enum err
api_library_topics(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = study_topics(rq->db, &rq->who, emit_topic, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

/* --- plans --- */

struct plan_ctx {
	struct jw *w;
	int open;
};

static void
emit_plan(void *ctx, const struct study_plan *p)
{
	struct plan_ctx *c = ctx;

	if (c->open) {
		jw_arr_end(c->w);
		jw_obj_end(c->w);
	}
	c->open = 1;
	jw_obj(c->w);
	jw_kint(c->w, "id", p->id);
	jw_kint(c->w, "org_id", p->org_id);
	jw_kstr(c->w, "org_name", p->org_name);
	jw_kint(c->w, "year", p->year);
	jw_kstr(c->w, "title", p->title);
	jw_key(c->w, "entries");
	jw_arr(c->w);
}

static void
emit_entry(void *ctx, const struct study_plan_item *it)
{
	struct plan_ctx *c = ctx;

	jw_obj(c->w);
	jw_kint(c->w, "id", it->id);
	jw_kstr(c->w, "topic", it->topic);
	jw_kstr(c->w, "title", it->title);
	jw_kstr(c->w, "planned_on", it->planned_on);
	jw_kid(c->w, "item_id", it->item_id);
	jw_kstr(c->w, "item_title", it->item_title);
	jw_obj_end(c->w);
}

static enum err
year_arg(struct req *rq, struct problem *pb, int64_t *year)
{
	const char *ys = req_arg(rq, "year");

	if (!ys)
		return ERR_OK;
	if (strlen(ys) != 4 || strspn(ys, "0123456789") != 4 || ys[0] < '1' || ys[0] > '2')
		return problem_field(pb, "year", "应为四位年份");
	*year = strtol(ys, NULL, 10);
	return ERR_OK;
}

static enum err
api_plans_list(struct req *rq, struct reply *rp)
{
	struct jw w;
	struct plan_ctx c = { &w, 0 };
	int64_t year = 0;
	enum err e;

	if ((e = year_arg(rq, &rp->problem, &year)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = study_plan_list(rq->db, &rq->who, year, &rq->arena, emit_plan, emit_entry, &c)))
		return e;
	if (c.open) {
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

struct plan_body {
	struct json_present p;
	int64_t org_id, year;
	const char *title;
};

static enum err
api_plans_create(struct req *rq, struct reply *rp)
{
	static const struct json_field fields[] = {
		{ "org_id", JF_ID, JF_REQUIRED, 0, 0, offsetof(struct plan_body, org_id), NULL },
		{ "year", JF_INT, JF_REQUIRED, 2000, 2100, offsetof(struct plan_body, year), NULL },
		{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, offsetof(struct plan_body, title),
			NULL },
	};
	struct plan_body b = { 0 };
	int64_t id = 0;
	struct jw w;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b)))
		return e;
	if ((e = study_plan_create(rq->db, &rq->who, b.org_id, b.year, b.title, &rp->problem, &id)))
		return e;
	reply_json_begin(rp, 201, &w);
	jw_obj(&w);
	jw_kint(&w, "id", id);
	jw_kint(&w, "org_id", b.org_id);
	jw_kint(&w, "year", b.year);
	jw_kstr(&w, "title", b.title);
	jw_key(&w, "entries");
	jw_arr(&w);
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

struct entry_body {
	struct json_present p;
	int64_t item_id;
	const char *topic, *title, *planned_on;
};

static enum err
api_plans_add(struct req *rq, struct reply *rp)
{
#define OFF(f) offsetof(struct entry_body, f)
	static const struct json_field fields[] = {
		{ "topic", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 40, OFF(topic), NULL },
		{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(title), NULL },
		{ "planned_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(planned_on), NULL },
		{ "item_id", JF_ID, JF_NULLABLE, 0, 0, OFF(item_id), NULL },
	};
#undef OFF
	struct entry_body b = { 0 };
	struct study_plan_item in;
	int64_t id = 0;
	struct jw w;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b)))
		return e;
	in = (struct study_plan_item){ 0, rq->id, b.item_id, b.topic, b.title, b.planned_on, NULL };
	if ((e = study_plan_add(rq->db, &rq->who, rq->id, &in, &rp->problem, &id)))
		return e;
	reply_json_begin(rp, 201, &w);
	in.id = id;
	emit_entry(&(struct plan_ctx){ &w, 0 }, &in);
	return reply_json_end(rp, &w);
}

/* --- records --- */

static void
write_record(struct jw *w, const struct study_record *r)
{
	jw_obj(w);
	jw_kint(w, "id", r->id);
	jw_kint(w, "member_id", r->member_id);
	jw_kstr(w, "member_name", r->member_name);
	jw_kid(w, "item_id", r->item_id);
	jw_kid(w, "reading_id", r->reading_id);
	jw_kstr(w, "title", r->title);
	jw_kstr(w, "kind", r->kind);
	jw_kstr(w, "started_at", r->started_at);
	jw_kint(w, "minutes", r->minutes);
	jw_kstr(w, "day", r->day);
	jw_kstr(w, "note", r->note);
	jw_kint(w, "points", r->points);
	jw_kstr(w, "status", r->status);
	jw_kstr(w, "flag", r->flag);
	jw_ktime(w, "created_at", r->created_at);
	jw_obj_end(w);
}

static void
emit_record(void *ctx, const struct study_record *r)
{
	write_record(ctx, r);
}

static enum err
api_records_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "started_at", "r.started_min" } };
	static const char *const statuses[] = { "counted", "flagged", NULL };
	struct study_record_filter f = { 0 };
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "member_id", &f.member_id);
	listq_id(rq, &rp->problem, "org_id", &f.org_id);
	listq_date(rq, &rp->problem, "from", &f.from);
	listq_date(rq, &rp->problem, "to", &f.to);
	listq_enum(rq, &rp->problem, "kind", points_kinds, &f.kind);
	listq_enum(rq, &rp->problem, "status", statuses, &f.status);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	f.page = q.page;
	f.per_page = q.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = study_record_list(rq->db, &rq->who, &f, emit_record, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

struct record_body {
	struct json_present p;
	int64_t item_id, minutes;
	const char *title, *kind, *started_at, *note;
};

static enum err
api_records_create(struct req *rq, struct reply *rp)
{
#define OFF(f) offsetof(struct record_body, f)
	static const struct json_field fields[] = {
		{ "item_id", JF_ID, JF_NULLABLE, 0, 0, OFF(item_id), NULL },
		{ "title", JF_STR, JF_NULLABLE | JF_NONEMPTY, 0, 100, OFF(title), NULL },
		{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, OFF(kind), points_kinds },
		{ "started_at", JF_DATETIME, JF_REQUIRED, 0, 0, OFF(started_at), NULL },
		{ "minutes", JF_INT, JF_REQUIRED, 1, 1440, OFF(minutes), NULL },
		{ "note", JF_STR, 0, 0, 500, OFF(note), NULL },
	};
#undef OFF
	struct record_body b = { 0 };
	struct study_record_in in;
	struct study_result res = { 0 };
	int64_t id = 0;
	struct jw w;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b)))
		return e;
	in = (struct study_record_in){ b.item_id, b.minutes, b.title, b.kind, b.started_at, b.note };
	if ((e = study_record_add(rq->db, &rq->who, &in, &rp->problem, &id, &res)))
		return e;
	reply_json_begin(rp, 201, &w);
	jw_obj(&w);
	jw_kint(&w, "id", id);
	jw_kint(&w, "points", res.points);
	jw_kstr(&w, "status", res.status);
	jw_kstr(&w, "flag", res.flag);
	jw_kstr(&w, "message", res.flag ? points_reason_message(PR_BURST) : NULL);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* --- reading sessions --- */

static void
write_reading(struct jw *w, const struct study_reading *r)
{
	jw_kint(w, "id", r->id);
	jw_kint(w, "org_id", r->org_id);
	jw_kstr(w, "org_name", r->org_name);
	jw_kstr(w, "book", r->book);
	jw_kstr(w, "host", r->host);
	jw_kstr(w, "held_at", r->held_at);
	jw_kint(w, "minutes", r->minutes);
	jw_kstr(w, "summary", r->summary);
	jw_kint(w, "present", r->present);
}

static void
emit_reading(void *ctx, const struct study_reading *r)
{
	jw_obj(ctx);
	write_reading(ctx, r);
	jw_obj_end(ctx);
}

static void
emit_attendee(void *ctx, const struct study_attendee *at)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "member_id", at->member_id);
	jw_kstr(w, "name", at->name);
	jw_kbool(w, "present", at->present);
	jw_kstr(w, "reflection", at->reflection);
	jw_kid(w, "record_id", at->record_id);
	jw_kint(w, "points", at->points);
	jw_kstr(w, "status", at->status);
	jw_kstr(w, "flag", at->flag);
	jw_obj_end(w);
}

static enum err
reading_reply(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct study_reading r;
	struct jw w;
	enum err e;

	if ((e = study_reading_get(rq->db, &rq->who, id, &rq->arena, &r)))
		return e;
	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	write_reading(&w, &r);
	jw_key(&w, "attendance");
	jw_arr(&w);
	if ((e = study_reading_attendees(rq->db, id, &rq->arena, emit_attendee, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_readings_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "held_at", "s.held_min" } };
	int64_t org_id = 0, total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_id(rq, &rp->problem, "org_id", &org_id);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = study_reading_list(rq->db, &rq->who, org_id, q.page, q.per_page, emit_reading, &w,
	    &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

struct reading_body {
	struct json_present p;
	int64_t org_id, minutes;
	const char *book, *host, *held_at, *summary;
};

static enum err
api_readings_create(struct req *rq, struct reply *rp)
{
#define OFF(f) offsetof(struct reading_body, f)
	static const struct json_field fields[] = {
		{ "org_id", JF_ID, JF_REQUIRED, 0, 0, OFF(org_id), NULL },
		{ "book", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(book), NULL },
		{ "host", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 40, OFF(host), NULL },
		{ "held_at", JF_DATETIME, JF_REQUIRED, 0, 0, OFF(held_at), NULL },
		{ "minutes", JF_INT, JF_REQUIRED, 10, 600, OFF(minutes), NULL },
		{ "summary", JF_STR, 0, 0, 2000, OFF(summary), NULL },
	};
#undef OFF
	struct reading_body b = { 0 };
	struct study_reading_in in;
	int64_t id = 0;
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b)))
		return e;
	in = (struct study_reading_in){ b.org_id, b.minutes, b.book, b.host, b.held_at, b.summary };
	if ((e = study_reading_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reading_reply(rq, rp, 201, id);
}

static enum err
api_readings_get(struct req *rq, struct reply *rp)
{
	return reading_reply(rq, rp, 200, rq->id);
}

struct attend_body {
	struct json_present p;
	struct id_list ids;
};

static enum err
api_readings_attend(struct req *rq, struct reply *rp)
{
	static const struct json_field fields[] = {
		{ "member_ids", JF_ID_LIST, JF_REQUIRED, 0, 200, offsetof(struct attend_body, ids),
			NULL },
	};
	struct attend_body b = { 0 };
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b)))
		return e;
	if (!b.ids.n)
		return problem_field(&rp->problem, "member_ids", "请至少选择一名出席党员");
	if ((e = study_reading_attend(rq->db, &rq->who, rq->id, b.ids.v, b.ids.n, &rp->problem)))
		return e;
	return reading_reply(rq, rp, 200, rq->id);
}

struct reflect_body {
	struct json_present p;
	const char *text;
};

static enum err
api_readings_reflect(struct req *rq, struct reply *rp)
{
	static const struct json_field fields[] = {
		{ "reflection", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 2000,
			offsetof(struct reflect_body, text), NULL },
	};
	struct reflect_body b = { 0 };
	enum err e;

	if ((e = json_in_object(rq, &rp->problem, fields, ARRAY_SIZE(fields), JSON_CREATE, &b)))
		return e;
	if ((e = study_reading_reflect(rq->db, &rq->who, rq->id, b.text, &rp->problem)))
		return e;
	return reading_reply(rq, rp, 200, rq->id);
}

const struct route study_routes[] = {
	{ "GET", "/api/v1/study/library", api_library_list, READERS, 0 },
	{ "POST", "/api/v1/study/library", api_library_create, PUBLISHERS, 0 },
	{ "GET", "/api/v1/study/library/topics", api_library_topics, READERS, 0 },
	{ "GET", "/api/v1/study/library/:id", api_library_get, READERS, 0 },
	{ "DELETE", "/api/v1/study/library/:id", api_library_delete, PUBLISHERS, 0 },
	{ "POST", "/api/v1/study/library/:id/file", api_library_upload, PUBLISHERS, F_UPLOAD },
	{ "GET", "/api/v1/study/library/:id/file", api_library_file, READERS, 0 },
	{ "GET", "/api/v1/study/plans", api_plans_list, READERS, 0 },
	{ "POST", "/api/v1/study/plans", api_plans_create, PUBLISHERS, 0 },
	{ "POST", "/api/v1/study/plans/:id/entries", api_plans_add, PUBLISHERS, 0 },
	{ "GET", "/api/v1/study/records", api_records_list, READERS, 0 },
	{ "POST", "/api/v1/study/records", api_records_create, ROLE_MEMBER, 0 },
	{ "GET", "/api/v1/study/readings", api_readings_list, READERS, 0 },
	{ "POST", "/api/v1/study/readings", api_readings_create, PUBLISHERS, 0 },
	{ "GET", "/api/v1/study/readings/:id", api_readings_get, READERS, 0 },
	{ "PUT", "/api/v1/study/readings/:id/attendance", api_readings_attend, PUBLISHERS, 0 },
	{ "POST", "/api/v1/study/readings/:id/reflection", api_readings_reflect, ROLE_MEMBER, 0 },
	ROUTES_END,
};
