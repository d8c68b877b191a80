/* clean.c: the pure rules of clean-school status, and the five-clean
 * activity record. */
#include "core/common.h"
#include "create/clean.h"

#include "core/dates.h"

const char *const clean_statuses[] = { "none", "pilot", "demonstration", "named", NULL };
/* CL-02: 清正党风、清静校风、清纯教风、清新学风、清明家风 */
const char *const clean_five[] = { "party_style", "school_style", "teaching_style",
	"study_style", "family_style", NULL };

enum err
clean_status_check(const struct clean_status_in *in, int32_t today, struct problem *pb)
{
	const char *days[3] = { in->pilot_on, in->demonstration_on, in->named_on };
	static const char *const names[3] = { "pilot_on", "demonstration_on", "named_on" };
	int level = 0;
	int32_t prev = INT32_MIN, d;

	for (int i = 0; clean_statuses[i]; i++)
		if (!strcmp(clean_statuses[i], in->status))
			level = i;
	for (int i = 0; i < 3; i++) {
		if (!days[i]) {
			if (i < level)
				problem_field(pb, names[i], "该状态须填写日期");
			continue;
		}
		if (i >= level) {
			problem_field(pb, names[i], "状态尚未到达该阶段");
			continue;
		}
		if (date_parse(days[i], &d))
			problem_field(pb, names[i], "应为日期 YYYY-MM-DD");
		else if (d > today)
			problem_field(pb, names[i], "日期不能晚于今天");
		else if (d < prev)
			problem_field(pb, names[i], "日期不能早于上一阶段");
		else
			prev = d;
	}
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static const struct json_field activity_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, REC_OFF(0), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(1), clean_five },
	{ "held_on", JF_DATE, JF_REQUIRED, 0, 0, REC_OFF(2), NULL },
	{ "title", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 100, REC_OFF(3), NULL },
	{ "participants", JF_INT, 0, 0, 100000, REC_OFF(4), NULL },
	{ "outputs", JF_STR, 0, 0, 2000, REC_OFF(5), NULL },
};

const struct rec_kind clean_activity_kind = { "clean_activity", activity_fields, 6, NULL,
	"t.held_on DESC, t.id DESC", "held_on", NULL, NULL, NULL };
