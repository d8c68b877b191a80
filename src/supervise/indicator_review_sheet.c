/* indicator_review_sheet.c: the secretary report-and-review sheet
 * (EVAL-02/04): six dimensions a higher 党委 looks at when a secretary
 * reports on their party-building work, 100 points. Wording and points
 * are ours (no national formula, EVAL-04); districts copy and edit it. */
#include "core/common.h"

/* The same tag and members as indicator_defaults.c's struct row, so the
 * two are one type across the translation units (C17 6.2.7). */
struct row {
	int level;
	const char *name;
	int points;		/* tenths; leaves only */
	const char *evidence;
	int flags;
};

#include "supervise/indicator_review_sheet.h"

const struct row indicator_review_rows[INDICATOR_REVIEW_ROWS] = {
	{ 1, "抓党建工作职责落实", 0, NULL, 0 },
	{ 2, "履行第一责任人职责，定期研究部署党建工作", 80, "党组织会议记录、工作计划", 0 },
	{ 2, "落实党组织领导的校长负责制，议事决策规范", 70, "议事规则、决策记录", 0 },
	{ 2, "党建与教育教学工作同谋划、同部署、同落实", 50, "年度工作要点、总结", 0 },
	{ 2, "上年度述职评议指出问题整改到位", 50, "整改台账", 0 },
	{ 1, "组织生活", 0, NULL, 0 },
	{ 2, "“三会一课”制度落实到位", 80, "会议记录、党课讲稿", 0 },
	{ 2, "主题党日、组织生活会和民主评议党员规范开展", 70, "活动记录、评议材料", 0 },
	{ 2, "书记带头讲党课、参加双重组织生活", 50, "党课记录、参会记录", 0 },
	{ 1, "队伍建设", 0, NULL, 0 },
	{ 2, "支部班子健全，支部书记选优配强", 50, "换届材料、培训记录", 0 },
	{ 2, "发展党员程序规范，党员教育管理到位", 50, "发展材料、学习记录", 0 },
	{ 2, "教师思想政治和师德师风建设扎实", 50, "学习记录、师德档案", 0 },
	{ 1, "意识形态", 0, NULL, 0 },
	{ 2, "落实意识形态工作责任制，定期分析研判", 80, "责任清单、研判记录", 0 },
	{ 2, "课堂、讲座、网络等阵地管理规范", 70, "审批登记、管理制度", 0 },
	{ 1, "党风廉政", 0, NULL, 0 },
	{ 2, "落实全面从严治党主体责任和“一岗双责”", 80, "责任清单、谈话记录", 0 },
	{ 2, "推进清廉学校建设，开展廉洁教育", 70, "活动方案、教育记录", 0 },
	{ 1, "特色亮点", 0, NULL, 0 },
	{ 2, "打造党建品牌，工作有创新举措", 50, "品牌材料、经验做法", 0 },
	{ 2, "党建引领学校发展成效明显，获得上级肯定", 50, "表彰文件、推广材料", 0 },
};
