/* programme_api.c: /api/v1/programmes: tiers, programmes, sessions,
 * enrolments, attendance, per-person hours per year (CUL-03) and their
 * .xlsx export. */
#include "core/common.h"
#include "cultivate/cult_api.h"

#include <unistd.h>

#include "auth/audit.h"
#include "core/config.h"
#include "core/dates.h"
#include "cultivate/cult.h"
#include "cultivate/programme.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "report/xlsx.h"

#define DISTRICT (ROLE_DISTRICT)
#define WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)

struct tier_body {
	struct json_present p;
	const char *name;
};

static const struct json_field tier_fields[] = {
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 16, offsetof(struct tier_body, name),
	    NULL },
};

struct prog_body {
	struct json_present p;
	int64_t tier_id, year, required_hours;
	const char *name, *description, *starts_on, *ends_on;
};

#define OFF(f) offsetof(struct prog_body, f)
static const struct json_field prog_fields[] = {
	{ "tier_id", JF_ID, JF_REQUIRED, 0, 0, OFF(tier_id), NULL },
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(name), NULL },
	{ "year", JF_INT, JF_REQUIRED, 2000, 2100, OFF(year), NULL },
	{ "description", JF_STR, 0, 0, 2000, OFF(description), NULL },
	{ "required_hours", JF_INT, 0, 0, 1000, OFF(required_hours), NULL },
	{ "starts_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(starts_on), NULL },
	{ "ends_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(ends_on), NULL },
};
#undef OFF

struct session_body {
	struct json_present p;
	const char *title, *form, *module, *held_on, *place;
	int64_t hours;
};

#define OFF(f) offsetof(struct session_body, f)
static const struct json_field session_fields[] = {
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, OFF(title), NULL },
	{ "form", JF_ENUM, JF_REQUIRED, 0, 0, OFF(form), training_forms },
	{ "module", JF_STR, 0, 0, 64, OFF(module), NULL },
	{ "held_on", JF_DATE, JF_REQUIRED, 0, 0, OFF(held_on), NULL },
	{ "hours", JF_INT, JF_REQUIRED, 1, 200, OFF(hours), NULL },
	{ "place", JF_STR, 0, 0, 100, OFF(place), NULL },
};
#undef OFF

struct enrol_body {
	struct json_present p;
	int64_t member_id;
};

static const struct json_field enrol_fields[] = {
	{ "member_id", JF_ID, JF_REQUIRED, 0, 0, offsetof(struct enrol_body, member_id), NULL },
};

struct attend_body {
	struct json_present p;
	struct id_list ids;
};

static const struct json_field attend_fields[] = {
	{ "member_ids", JF_ID_LIST, JF_REQUIRED, 0, 500, offsetof(struct attend_body, ids), NULL },
};

static enum err
reply_one(struct req *rq, struct reply *rp, int status, int64_t id)
{
	return cult_reply(rq, rp, status, id, programme_get_json);
}

static enum err
api_programmes_get(struct req *rq, struct reply *rp)
{
	return reply_one(rq, rp, 200, rq->id);
}

static enum err
api_programmes_list(struct req *rq, struct reply *rp)
{
	int64_t year = 0, tier = 0;
	struct jw w;
	enum err e;

	cult_year_arg(rq, &rp->problem, &year);
	listq_id(rq, &rp->problem, "tier_id", &tier);
	if (rp->problem.nfields)
		return ERR_INVALID;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	if ((e = programme_list_json(rq->db, year, tier, &w)))
		return e;
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_programmes_create(struct req *rq, struct reply *rp)
{
	struct prog_body b = { 0 };
	struct programme_in in;
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, prog_fields, ARRAY_SIZE(prog_fields), JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct programme_in){ b.tier_id, b.year, b.required_hours, b.name, b.description,
		b.starts_on, b.ends_on };
	if ((e = programme_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_one(rq, rp, 201, id);
}

static enum err
api_tiers_list(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	if ((e = programme_tiers_json(rq->db, &w)))
		return e;
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_tiers_create(struct req *rq, struct reply *rp)
{
	struct tier_body b = { 0 };
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, tier_fields, ARRAY_SIZE(tier_fields), JSON_CREATE, &b);
	if (!e)
		e = programme_tier_create(rq->db, &rq->who, b.name, &rp->problem, &id);
	return e ? e : api_tiers_list(rq, rp);
}

static enum err
api_sessions_create(struct req *rq, struct reply *rp)
{
	struct session_body b = { 0 };
	struct session_in in;
	int64_t id = 0;
	enum err e;

	e = json_in_object(rq, &rp->problem, session_fields, ARRAY_SIZE(session_fields),
	    JSON_CREATE, &b);
	if (e)
		return e;
	in = (struct session_in){ b.title, b.form, b.module, b.held_on, b.place, b.hours };
	if ((e = programme_session_add(rq->db, &rq->who, rq->id, &in, &rp->problem, &id)))
		return e;
	return reply_one(rq, rp, 201, rq->id);
}

static enum err
api_enrolments_create(struct req *rq, struct reply *rp)
{
	struct enrol_body b = { 0 };
	enum err e;

	e = json_in_object(rq, &rp->problem, enrol_fields, ARRAY_SIZE(enrol_fields), JSON_CREATE,
	    &b);
	if (!e)
		e = programme_enrol(rq->db, &rq->who, rq->id, b.member_id, &rp->problem);
	return e ? e : reply_one(rq, rp, 201, rq->id);
}

static enum err
api_attendance_create(struct req *rq, struct reply *rp)
{
	struct attend_body b = { 0 };
	struct jw w;
	enum err e;

	e = json_in_object(rq, &rp->problem, attend_fields, ARRAY_SIZE(attend_fields), JSON_CREATE,
	    &b);
	if (!e)
		e = programme_attend(rq->db, &rq->who, rq->id, b.ids.n, b.ids.v, &rp->problem);
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "session_id", rq->id);
	jw_kint(&w, "credited", b.ids.n);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static void
emit_hours(void *ctx, const struct hours_row *h)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "member_id", h->member_id);
	jw_kstr(w, "name", h->name);
	jw_kstr(w, "org_name", h->org_name);
	jw_kint(w, "hours", h->hours);
	jw_kint(w, "short_by", h->short_by);
	jw_kbool(w, "met", h->short_by == 0);
	jw_obj_end(w);
}

static enum err
hours_args(struct req *rq, struct problem *pb, int64_t *year, int *below)
{
	static const char *const yes[] = { "0", "1", NULL };
	const char *b = NULL;

	*year = date_year(date_today());
	cult_year_arg(rq, pb, year);
	listq_enum(rq, pb, "below", yes, &b);
	*below = b && *b == '1';
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
api_hours_list(struct req *rq, struct reply *rp)
{
	int64_t year;
	int below;
	struct jw w;
	enum err e;

	if ((e = hours_args(rq, &rp->problem, &year, &below)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", year);
	jw_kint(&w, "minimum", cfg.training_min_hours);
	jw_key(&w, "items");
	jw_arr(&w);
	if ((e = programme_hours(rq->db, &rq->who, (int)year, below, emit_hours, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

struct sheet {
	struct xlsx *x;
	lxw_worksheet *ws;
	lxw_row_t row;
};

static void
sheet_row(void *ctx, const struct hours_row *h)
{
	struct sheet *s = ctx;

	worksheet_write_number(s->ws, s->row, 0, (double)(s->row - XLSX_FIRST_ROW + 1), s->x->center);
	worksheet_write_string(s->ws, s->row, 1, h->name, s->x->text);
	worksheet_write_string(s->ws, s->row, 2, h->org_name, s->x->text);
	worksheet_write_number(s->ws, s->row, 3, (double)h->hours, s->x->num);
	worksheet_write_number(s->ws, s->row, 4, (double)h->short_by, s->x->num);
	worksheet_write_string(s->ws, s->row, 5, h->short_by ? "未达标" : "达标", s->x->center);
	s->row++;
}

static enum err
write_hours(struct req *rq, int year, int below, const char *path)
{
	static const struct xlsx_col cols[] = { { "序号", 6 }, { "姓名", 12 }, { "所在组织", 36 },
		{ "学时", 10 }, { "差额", 10 }, { "是否达标", 10 } };
	char title[64], sub[96];
	struct xlsx x;
	struct sheet s = { &x, NULL, XLSX_FIRST_ROW };
	enum err e = xlsx_open(&x, path);

	if (e)
		return e;
	snprintf(title, sizeof(title), "%d 年度培训学时统计", year);
	snprintf(sub, sizeof(sub), "年度最低学时：%ld（CUL-03）", cfg.training_min_hours);
	s.ws = xlsx_sheet(&x, "培训学时", title, sub, cols, (int)ARRAY_SIZE(cols));
	e = programme_hours(rq->db, &rq->who, year, below, sheet_row, &s);
	if (xlsx_close(&x) && !e)
		e = ERR_STORE;
	return e;
}

static enum err
api_hours_export(struct req *rq, struct reply *rp)
{
	int64_t year;
	char path[64];
	int below;
	enum err e;

	if ((e = hours_args(rq, &rp->problem, &year, &below)) || (e = xlsx_temp(path)))
		return e;
	if ((e = write_hours(rq, (int)year, below, path)) ||
	    (e = audit_write_alone(rq->db, &rq->who, "export", "training_hours", year, NULL, 1))) {
		unlink(path);
		return e;
	}
	return reply_file(rp, path, XLSX_MIME, arena_printf(&rq->arena,
	    "attachment; filename=\"training-hours-%" PRId64 ".xlsx\"", year));
}

static enum err
api_certificate(struct req *rq, struct reply *rp)
{
	struct certificate c;
	char path[64];
	enum err e;

	if ((e = programme_certificate(rq->db, &rq->who, rq->id, &rq->arena, &c, &rp->problem)))
		return e;
	if ((e = certificate_pdf(&c, path)))
		return e;
	if ((e = audit_write_alone(rq->db, &rq->who, "certificate", "programme_enrolment", rq->id,
	    NULL, 1))) {
		unlink(path);
		return e;
	}
	return reply_file(rp, path, "application/pdf", arena_printf(&rq->arena,
	    "attachment; filename=\"certificate-%" PRId64 ".pdf\"", rq->id));
}

/* Programmes are the district's; secretaries enrol their members and
 * record their attendance (checked against scope in the store). */
const struct route programme_routes[] = {
	{ "GET", "/api/v1/programmes", api_programmes_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/programmes", api_programmes_create, DISTRICT, 0 },
	{ "GET", "/api/v1/programmes/tiers", api_tiers_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/programmes/tiers", api_tiers_create, DISTRICT, 0 },
	{ "GET", "/api/v1/programmes/hours", api_hours_list, ROLES_STAFF, 0 },
	{ "GET", "/api/v1/programmes/hours.xlsx", api_hours_export, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/programmes/enrolments/:id/certificate.pdf", api_certificate, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/programmes/:id", api_programmes_get, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/programmes/:id/sessions", api_sessions_create, DISTRICT, 0 },
	{ "POST", "/api/v1/programmes/:id/enrolments", api_enrolments_create, WRITERS, 0 },
	{ "POST", "/api/v1/programmes/sessions/:id/attendance", api_attendance_create, WRITERS, 0 },
	ROUTES_END,
};
