/* indicator_routine_sheet.c: the 责任督学's routine-visit checklist (挂牌督导
 * 日常督导事项). Our own wording after PRIN-10 (the 2013 挂牌督导办法's
 * matters: school management, enrolment and fees, curriculum and workload,
 * teaching and teachers, safety, canteen and hygiene, ethos) and the
 * platform's own: last visit's problems rectified. 8 areas, 18 items. */
#include "core/common.h"
#include "supervise/indicator_routine_sheet.h"

const struct ind_sheet_row indicator_routine_rows[] = {
	{ 1, "校务管理", 0, NULL, 0 },
	{ 2, "学校章程和各项制度健全并执行，党组织领导的校长负责制落实", 0, "章程、会议记录", 0 },
	{ 2, "校务公开，家长委员会正常运行", 0, "公开栏、家委会记录", 0 },
	{ 1, "招生收费", 0, NULL, 0 },
	{ 2, "按规定招生，无择校、违规考试招生", 0, "招生方案、名册", 0 },
	{ 2, "收费项目和标准公示，无违规收费、乱订教辅", 0, "收费公示、票据", 0 },
	{ 1, "课程与课业负担", 0, NULL, 0 },
	{ 2, "开齐开足国家课程，按课表上课", 0, "课表、教学计划", 0 },
	{ 2, "作业总量和时长符合规定，睡眠、体育锻炼时间有保障", 0, "作业公示、作息表", 0 },
	{ 1, "教育教学与教师", 0, NULL, 0 },
	{ 2, "教学常规落实，课堂教学秩序良好", 0, "听课记录、教案", 0 },
	{ 2, "师德师风建设落实，无有偿补课等违规行为", 0, "师德档案、承诺书", 0 },
	{ 1, "校园安全", 0, NULL, 0 },
	{ 2, "门卫、值守和巡查制度落实，应急预案定期演练", 0, "值班记录、演练记录", 0 },
	{ 2, "校舍、设施设备安全，隐患排查整改及时", 0, "排查台账", 0 },
	{ 2, "上下学时段校园周边秩序和交通安全", 0, "护学岗记录", 0 },
	{ 1, "卫生与食堂", 0, NULL, 0 },
	{ 2, "食堂证照齐全，食品采购、留样和陪餐制度落实", 0, "证照、留样记录、陪餐记录", 0 },
	{ 2, "饮用水和环境卫生达标，传染病防控措施落实", 0, "检测报告、晨检记录", 0 },
	{ 1, "德育与校风", 0, NULL, 0 },
	{ 2, "德育和思政课程落实，校风学风良好", 0, "德育计划、活动记录", 0 },
	{ 2, "心理健康教育和学生关爱落实，无欺凌事件漏报", 0, "心理辅导记录", 0 },
	{ 1, "整改落实", 0, NULL, 0 },
	{ 2, "上次督导发现的问题按期整改到位", 0, "整改台账、佐证材料", 0 },
	{ 2, "群众反映的问题及时核查处理", 0, "来信来访记录", 0 },
	{ 2, "其他需要记录的事项", 0, NULL, 0 },
};

_Static_assert(ARRAY_SIZE(indicator_routine_rows) == INDICATOR_ROUTINE_NROWS,
    "routine sheet rows");

void
indicator_routine_code(size_t i, char out[16])
{
	int area = 0, item = 0;

	out[0] = 0;
	for (size_t k = 0; k <= i && k < INDICATOR_ROUTINE_NROWS; k++) {
		if (indicator_routine_rows[k].level == 1) {
			area++;
			item = 0;
		} else
			item++;
	}
	if (i < INDICATOR_ROUTINE_NROWS && indicator_routine_rows[i].level == 2)
		snprintf(out, 16, "%d.%d", area % 100, item % 100);	/* a few dozen rows */
}

int
indicator_routine_find(const char *code)
{
	char c[16];

	for (size_t i = 0; i < INDICATOR_ROUTINE_NROWS; i++) {
		indicator_routine_code(i, c);
		if (c[0] && !strcmp(c, code))
			return (int)i;
	}
	return -1;
}
