/* ideology_api.c: the record kinds of the big ideological course. */
#include "core/common.h"
#include "create/ideology_api.h"

#include "create/owner.h"
#include "create/rec_api.h"

static const struct json_field plan_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, REC_OFF(0), NULL },
	{ "year", JF_INT, JF_REQUIRED, 2000, 2100, REC_OFF(1), NULL },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, REC_OFF(2), NULL },
	{ "goals", JF_STR, 0, 0, 2000, REC_OFF(3), NULL },
	{ "content", JF_STR, 0, 0, 5000, REC_OFF(4), NULL },
	{ "partner", JF_STR, 0, 0, 100, REC_OFF(5), NULL },
};
static const struct rec_kind plan_kind = { "ideology_plan", plan_fields, 6, NULL,
	"t.year DESC, t.id", NULL, NULL, NULL, NULL };

static const char *const modes[] = { "full_time", "part_time", NULL };
static const char *const sources[] = { "school", "university", "community", NULL };
static const struct json_field teacher_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, REC_OFF(0), NULL },
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 40, REC_OFF(1), NULL },
	{ "mode", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(2), modes },
	{ "source", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(3), sources },
	{ "unit", JF_STR, 0, 0, 100, REC_OFF(4), NULL },
	{ "subject", JF_STR, 0, 0, 40, REC_OFF(5), NULL },
};
static const struct rec_kind teacher_kind = { "ideology_teacher", teacher_fields, 6, NULL,
	"t.mode, t.name, t.id", NULL, NULL, NULL, NULL };

static const struct json_field lesson_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, REC_OFF(0), NULL },
	{ "held_on", JF_DATE, JF_REQUIRED, 0, 0, REC_OFF(1), NULL },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, REC_OFF(2), NULL },
	{ "place", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, REC_OFF(3), NULL },
	{ "classes", JF_STR, 0, 0, 500, REC_OFF(4), NULL },
	{ "teachers", JF_STR, 0, 0, 500, REC_OFF(5), NULL },
	{ "students", JF_INT, 0, 0, 100000, REC_OFF(6), NULL },
	{ "outputs", JF_STR, 0, 0, 2000, REC_OFF(7), NULL },
};
static const struct rec_kind lesson_kind = { "ideology_lesson", lesson_fields, 8, NULL,
	"t.held_on DESC, t.id DESC", "held_on", NULL, NULL, NULL };

REC_HANDLERS(api_ideology_plans, &plan_kind)
REC_HANDLERS(api_ideology_teachers, &teacher_kind)
REC_HANDLERS(api_ideology_lessons, &lesson_kind)

const struct route ideology_routes[] = {
	REC_ROUTES(api_ideology_plans, "/api/v1/ideology/plans"),
	REC_ROUTES(api_ideology_teachers, "/api/v1/ideology/teachers"),
	REC_ROUTES(api_ideology_lessons, "/api/v1/ideology/lessons"),
	ROUTES_END,
};
