/* ethics.c: the record kinds of teacher ethics. */
#include "core/common.h"
#include "create/ethics.h"

const char *const ethics_actions[] = { "soul", "foundation", "clean", "evaluation", "model",
	"care", NULL };
const char *const ethics_case_statuses[] = { "open", "closed", NULL };

static const struct json_field activity_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, REC_OFF(0), NULL },
	{ "action", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(1), ethics_actions },
	{ "held_on", JF_DATE, JF_REQUIRED, 0, 0, REC_OFF(2), NULL },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, REC_OFF(3), NULL },
	{ "participants", JF_INT, 0, 0, 100000, REC_OFF(4), NULL },
	{ "outputs", JF_STR, 0, 0, 2000, REC_OFF(5), NULL },
};
const struct rec_kind ethics_activity_kind = { "ethics_activity", activity_fields, 6, NULL,
	"t.held_on DESC, t.id DESC", "held_on", NULL, NULL, NULL };

static const char *const honor_kinds[] = { "commendation", "typical_case", NULL };
static const char *const honor_levels[] = { "school", "district", "municipal", "national",
	NULL };
static const struct json_field honor_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, REC_OFF(0), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(1), honor_kinds },
	{ "person", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 40, REC_OFF(2), NULL },
	{ "level", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(3), honor_levels },
	{ "held_on", JF_DATE, JF_REQUIRED, 0, 0, REC_OFF(4), NULL },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, REC_OFF(5), NULL },
	{ "detail", JF_STR, 0, 0, 2000, REC_OFF(6), NULL },
};
const struct rec_kind ethics_honor_kind = { "ethics_honor", honor_fields, 7, NULL,
	"t.held_on DESC, t.id DESC", "held_on", NULL, NULL, NULL };
