/* holiday_api.c: the working-day calendar per year: read by every staff
 * role and the system administrator, replaced by the system administrator
 * and district staff. PUT takes
 * {"days":[{"date","kind","name"}]}: the year's whole list. */
#include "core/common.h"
#include "develop/holiday_api.h"
#include "core/dates.h"
#include "develop/holiday.h"
#include "http/json_in.h"
#include "http/reply.h"
#include "core/xalloc.h"

#include <jansson.h>

static enum err
check_year(struct req *rq, struct problem *pb)
{
	if (rq->id < 1900 || rq->id > 2199)
		return problem_field(pb, "year", "年份应在1900至2199之间");
	return ERR_OK;
}

static enum err
reply_year(struct req *rq, struct reply *rp, int year)
{
	struct holiday_cal *cal = xcalloc(1, sizeof(*cal));
	char day[11];
	int edited;
	struct jw w;
	enum err e = holiday_load(rq->db, year, cal, &rq->arena, &edited);

	if (!e) {
		reply_json_begin(rp, 200, &w);
		jw_obj(&w);
		jw_kint(&w, "year", year);
		jw_kstr(&w, "source", edited ? "edited" : "file");
		jw_key(&w, "days");
		jw_arr(&w);
		for (int i = 0; i < cal->n; i++) {
			date_format(cal->v[i].day, day);
			jw_obj(&w);
			jw_kstr(&w, "date", day);
			jw_kstr(&w, "kind", cal->v[i].work ? "work" : "off");
			jw_kstr(&w, "name", cal->v[i].name);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_kint(&w, "workdays", holiday_workdays(cal, date_from_ymd(year, 1, 1),
		    date_from_ymd(year, 12, 31)));
		jw_obj_end(&w);
		e = reply_json_end(rp, &w);
	}
	free(cal);
	return e;
}

static enum err
api_holidays_get(struct req *rq, struct reply *rp)
{
	enum err e = check_year(rq, &rp->problem);

	return e ? e : reply_year(rq, rp, (int)rq->id);
}

/* One {"date","kind","name"} of days[i]; names each bad key. */
static void
parse_day(struct req *rq, json_t *o, int i, int year, struct holiday_cal *cal,
    struct problem *pb)
{
	json_t *date = json_object_get(o, "date"), *kind = json_object_get(o, "kind");
	json_t *name = json_object_get(o, "name");
	char f[48];
	int32_t day;

	snprintf(f, sizeof(f), "days[%d]", i);
	if (!json_is_object(o) || json_object_size(o) > 3 || (json_object_size(o) == 3 && !name)) {
		problem_field(pb, f, "应为 {\"date\",\"kind\",\"name\"}");
		return;
	}
	snprintf(f, sizeof(f), "days[%d].date", i);
	if (!json_is_string(date) || date_parse(json_string_value(date), &day)) {
		problem_field(pb, f, "应为有效日期，格式 YYYY-MM-DD");
		return;
	}
	snprintf(f, sizeof(f), "days[%d].kind", i);
	if (!json_is_string(kind) || (strcmp(json_string_value(kind), "off") &&
	    strcmp(json_string_value(kind), "work"))) {
		problem_field(pb, f, "应为 off（放假）或 work（调休上班）");
		return;
	}
	snprintf(f, sizeof(f), "days[%d].name", i);
	if (name && (!json_is_string(name) || utf8_len(json_string_value(name)) > HOLIDAY_NAME_MAX)) {
		problem_field(pb, f, "应为不超过%d个字符的名称", HOLIDAY_NAME_MAX);
		return;
	}
	snprintf(f, sizeof(f), "days[%d].date", i);
	holiday_add(cal, year, day, !strcmp(json_string_value(kind), "work"),
	    arena_strdup(&rq->arena, name ? json_string_value(name) : ""), f, pb);
}

static enum err
parse_days(struct req *rq, int year, struct holiday_cal *cal, struct problem *pb)
{
	json_error_t jerr;
	json_t *root = json_loadb(buf_str(&rq->body), rq->body.len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *days = json_object_get(root, "days");
	enum err e = ERR_OK;

	if (!json_is_object(root)) {
		json_decref(root);
		return ERR_BAD_JSON;
	}
	if (!json_is_array(days) || json_object_size(root) != 1)
		e = problem_field(pb, "days", "请求体应为 {\"days\":[...]}");
	else if (json_array_size(days) > HOLIDAY_MAX)
		e = problem_field(pb, "days", "一年最多%d天", HOLIDAY_MAX);
	for (size_t i = 0; !e && i < json_array_size(days); i++)
		parse_day(rq, json_array_get(days, i), (int)i, year, cal, pb);
	json_decref(root);
	holiday_sort(cal);
	return e ? e : pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
api_holidays_put(struct req *rq, struct reply *rp)
{
	struct holiday_cal *cal = xcalloc(1, sizeof(*cal));
	enum err e = check_year(rq, &rp->problem);

	if (!e)
		e = parse_days(rq, (int)rq->id, cal, &rp->problem);
	if (!e)
		e = holiday_save(rq->db, &rq->who, (int)rq->id, cal, &rp->problem);
	free(cal);
	return e ? e : reply_year(rq, rp, (int)rq->id);
}

const struct route holiday_routes[] = {
	/* The calendar is system configuration (the State Council's published
	 * holidays, no business data): the system administrator keeps it, as
	 * district staff may (SEC-05). */
	{ "GET", "/api/v1/holidays/:id", api_holidays_get, ROLES_STAFF | ROLE_ADMIN, 0 },
	{ "PUT", "/api/v1/holidays/:id", api_holidays_put, ROLE_ADMIN | ROLE_DISTRICT, 0 },
	ROUTES_END,
};
