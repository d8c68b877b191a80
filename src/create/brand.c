/* brand.c: the pure stage machine of brand projects. */
#include "core/common.h"
#include "create/brand.h"

#include "core/dates.h"

const char *const brand_stages[] = { "declared", "cultivating", "midterm", "accepted", "named",
	NULL };
const char *const brand_levels[] = { "district", "municipal_cultivation", "municipal_creation",
	NULL };

int
brand_stage_parse(const char *s)
{
	for (int i = 0; s && brand_stages[i]; i++)
		if (!strcmp(brand_stages[i], s))
			return i;
	return -1;
}

enum err
brand_step(enum brand_stage from, enum brand_stage to)
{
	if ((unsigned)from >= BS_N || (unsigned)to >= BS_N)
		return ERR_CONFLICT;
	return (int)to == (int)from + 1 ? ERR_OK : ERR_CONFLICT;
}

const char *
brand_conflict_message(enum brand_stage from)
{
	static const char *const msgs[BS_N] = {
		[BS_DECLARED] = "项目当前阶段为“申报”，下一阶段只能是“培育”",
		[BS_CULTIVATING] = "项目当前阶段为“培育”，下一阶段只能是“中期评估”",
		[BS_MIDTERM] = "项目当前阶段为“中期评估”，下一阶段只能是“验收”",
		[BS_ACCEPTED] = "项目当前阶段为“验收”，下一阶段只能是“命名”",
		[BS_NAMED] = "项目当前阶段为“命名”，已是最后阶段",
	};

	return (unsigned)from < BS_N ? msgs[from] : "项目当前阶段不允许此操作";
}

int32_t
brand_cycle_due(int32_t cultivating_day, int months)
{
	struct ymd d = date_to_ymd(cultivating_day);
	int i = d.y * 12 + (d.m - 1) + months, y = i / 12, m = i % 12 + 1;
	int last = date_days_in_month(y, m);

	return date_from_ymd(y, m, d.d < last ? d.d : last);
}

int
brand_overdue(enum brand_stage stage, int32_t due, int32_t today)
{
	return due > 0 && stage < BS_ACCEPTED && today > due;
}

int
brand_result_required(enum brand_stage to)
{
	return to == BS_MIDTERM || to == BS_ACCEPTED || to == BS_NAMED;
}
