/* summary_api.c: the year-end ledger of dual creation and dual
 * strengthening as JSON and as an audited .xlsx download. */
#include "core/common.h"
#include "create/summary_api.h"

#include <unistd.h>

#include "auth/audit.h"
#include "core/dates.h"
#include "create/summary.h"
#include "http/reply.h"
#include "report/xlsx.h"

/* ?year=YYYY (1900..2199), default this year. */
static enum err
year_arg(struct req *rq, struct problem *pb, int *year)
{
	const char *s = req_arg(rq, "year");

	*year = date_year(date_today());
	if (!s)
		return ERR_OK;
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4)
		return problem_field(pb, "year", "应为四位年份");
	*year = (int)strtol(s, NULL, 10);
	if (*year < 1900 || *year > 2199)
		return problem_field(pb, "year", "应在1900至2199年之间");
	return ERR_OK;
}

/* "study_hours": minutes as hours with one decimal, half up. */
static void
hours(struct jw *w, int64_t minutes)
{
	int64_t t = (minutes + 3) / 6;
	char s[48];

	snprintf(s, sizeof(s), "%lld.%lld", (long long)(t / 10), (long long)(t % 10));
	jw_key(w, "study_hours");
	jw_raw(w, s);
}

static void
emit(void *ctx, const struct summary_row *r)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "school_id", r->school_id);
	jw_kstr(w, "school_name", r->school_name);
	jw_kint(w, "hosted", r->hosted);
	jw_kint(w, "brands", r->brands);
	jw_kstr(w, "brand_stage", r->brand_stage);
	jw_kint(w, "topics", r->topics);
	jw_kint(w, "members", r->members);
	jw_kint(w, "with_post", r->with_post);
	jw_kbool(w, "has_plan", r->has_plan);
	jw_kint(w, "teachers", r->teachers);
	jw_kint(w, "lessons", r->lessons);
	jw_kstr(w, "clean_status", r->clean_status);
	jw_key(w, "clean_total");
	if (r->clean_total < 0) {
		jw_null(w);
	} else {
		char s[48];

		snprintf(s, sizeof(s), "%lld.%lld", (long long)(r->clean_total / 10),
		    (long long)(r->clean_total % 10));
		jw_raw(w, s);
	}
	jw_kint(w, "clean_activities", r->clean_acts);
	jw_kint(w, "ethics_activities", r->ethics_acts);
	jw_kint(w, "honors", r->honors);
	jw_kint(w, "studied", r->studied);
	jw_kint(w, "study_minutes", r->study_minutes);
	hours(w, r->study_minutes);
	jw_kint(w, "readings", r->readings);
	jw_kint(w, "excellent_cases", r->excellent);
	jw_obj_end(w);
}

static enum err
api_summary(struct req *rq, struct reply *rp)
{
	struct jw w;
	int year;
	enum err e;

	if ((e = year_arg(rq, &rp->problem, &year)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "year", year);
	jw_key(&w, "items");
	jw_arr(&w);
	if ((e = summary_rows(rq->db, &rq->who, year, emit, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_summary_xlsx(struct req *rq, struct reply *rp)
{
	char path[64], after[32];
	int year;
	enum err e;

	if ((e = year_arg(rq, &rp->problem, &year)))
		return e;
	if ((e = xlsx_temp(path)))
		return e;
	if ((e = summary_xlsx(rq->db, &rq->who, year, path))) {
		unlink(path);
		return e;
	}
	snprintf(after, sizeof(after), "{\"year\":%d}", year);
	if ((e = audit_write_alone(rq->db, &rq->who, "export", "creation_summary", 0, after, 1))) {
		unlink(path);
		return e;
	}
	return reply_file(rp, path, XLSX_MIME, arena_printf(&rq->arena,
	    "attachment; filename=\"creation-%d.xlsx\"", year));
}

const struct route summary_routes[] = {
	{ "GET", "/api/v1/creation/summary", api_summary, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/creation/summary.xlsx", api_summary_xlsx, ROLES_STAFF, F_HEAVY },
	ROUTES_END,
};
