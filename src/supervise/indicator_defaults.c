/* indicator_defaults.c: the shipped indicator systems. Wording is ours,
 * from RULES.md CL-01 (six dimensions, 6/19/58 indicators, bonus and veto
 * items; point values not published, so ours and editable) and the seed's
 * four supervision systems. */
#include "core/common.h"
#include "supervise/indicator_defaults.h"
#include "core/dates.h"
#include "supervise/indicator_store.h"
#include "supervise/indicator_review_sheet.h"
#include "supervise/indicator_visit_sheet.h"
#include "principal/sheet_rows.h"

enum { B = IND_SHEET_BONUS, V = IND_SHEET_VETO };

#define GUIDE "查阅资料并现场核实：全部落实得满分，部分落实酌情扣分，未落实不得分"
/* PRIN-07: a developmental item is scored twice on its points. */
#define GUIDE_DEV "发展性指标：按现状和任期起点以来的进步分别评分（默认现状70%、进步30%）；" GUIDE
/* PRIN-08: the survey item's points times the weighted satisfaction rate. */
#define GUIDE_SURVEY "按满意度问卷结果整体计分：满意率=（非常满意+满意）÷有效问卷；" \
	"本项得分=分值×（教职工40%+家长40%+学生20%）加权满意率，未调查的对象不计、权重按比例折算"
#define GUIDE_SURVEY_PART "问卷测评内容，不单独评分"

/* 清廉学校建设评价指标 (CL-01): 6 一级, 19 二级, 58 三级, then 加分项 and 一票否决. */
static const struct ind_sheet_row clean[] = {
	{ 1, "强政治引领", 0, NULL, 0 },
	{ 2, "党组织领导作用", 0, NULL, 0 },
	{ 3, "落实党组织领导的校长负责制，议事规则健全", 20, "议事规则、会议记录", 0 },
	{ 3, "清廉学校建设列入党组织年度工作要点", 20, "年度工作要点", 0 },
	{ 3, "党组织定期专题研究清廉学校建设", 10, "专题会议纪要", 0 },
	{ 2, "理论学习", 0, NULL, 0 },
	{ 3, "理论学习中心组学习党风廉政建设内容", 20, "学习计划、记录", 0 },
	{ 3, "教职工政治理论学习常态开展", 20, "学习记录、签到", 0 },
	{ 3, "学习党纪法规和典型案例", 10, "学习资料、记录", 0 },
	{ 2, "意识形态工作", 0, NULL, 0 },
	{ 3, "落实意识形态工作责任制", 20, "责任清单、分析研判记录", 0 },
	{ 3, "课堂、讲座、网络阵地管理规范", 10, "审批登记、管理制度", 0 },
	{ 3, "教材和读物审核把关", 20, "审核记录", 0 },
	{ 2, "廉洁文化建设", 0, NULL, 0 },
	{ 3, "廉洁文化进校园、进课堂", 20, "活动方案、图片", 0 },
	{ 3, "建设廉洁文化阵地", 10, "阵地照片", 0 },
	{ 3, "开展家校共育廉洁教育", 10, "活动记录", 0 },
	{ 3, "师生廉洁教育覆盖全体", 10, "教育记录", 0 },
	{ 1, "强班子建设", 0, NULL, 0 },
	{ 2, "主体责任落实", 0, NULL, 0 },
	{ 3, "制定党风廉政建设主体责任清单", 20, "责任清单", 0 },
	{ 3, "书记履行第一责任人职责", 20, "履责记实", 0 },
	{ 3, "班子成员落实“一岗双责”", 20, "履责记实、谈话记录", 0 },
	{ 2, "民主集中制", 0, NULL, 0 },
	{ 3, "“三重一大”事项集体决策", 20, "决策记录", 0 },
	{ 3, "按规定召开民主生活会", 20, "会议材料、整改清单", 0 },
	{ 3, "班子成员开展谈心谈话", 10, "谈话记录", 0 },
	{ 2, "干部队伍管理", 0, NULL, 0 },
	{ 3, "中层干部选拔任用程序规范", 20, "选任材料", 0 },
	{ 3, "落实个人有关事项报告", 20, "报告材料", 0 },
	{ 3, "干部日常教育管理到位", 10, "教育记录", 0 },
	{ 1, "强综合监督", 0, NULL, 0 },
	{ 2, "监督体系", 0, NULL, 0 },
	{ 3, "建立校内监督工作机制", 20, "制度文件", 0 },
	{ 3, "纪检委员（监督员）履职到位", 20, "履职记录", 0 },
	{ 3, "党务、校务公开及时规范", 20, "公开记录、照片", 0 },
	{ 2, "重点监督", 0, NULL, 0 },
	{ 3, "招生、收费等重点事项受监督", 20, "监督记录", 0 },
	{ 3, "采购、基建项目全程监督", 20, "项目资料", 0 },
	{ 3, "评优评先、职称评审公开公正", 10, "公示材料", 0 },
	{ 2, "监督成果运用", 0, NULL, 0 },
	{ 3, "巡察、审计发现问题按期整改", 20, "整改台账", 0 },
	{ 3, "运用监督执纪“第一种形态”", 10, "谈话提醒记录", 0 },
	{ 3, "信访举报及时处理", 20, "处理台账", 0 },
	{ 1, "强风险防范", 0, NULL, 0 },
	{ 2, "廉政风险排查", 0, NULL, 0 },
	{ 3, "开展岗位廉政风险点排查", 20, "风险点清单", 0 },
	{ 3, "制定防控措施并动态更新", 20, "防控措施", 0 },
	{ 3, "风险提示和预警及时", 10, "提示记录", 0 },
	{ 2, "财务和资产管理", 0, NULL, 0 },
	{ 3, "财务制度健全、审批规范", 20, "财务制度、审批单", 0 },
	{ 3, "国有资产登记和处置规范", 20, "资产台账", 0 },
	{ 3, "食堂、校服等专项管理规范", 20, "管理台账", 0 },
	{ 2, "师德师风风险", 0, NULL, 0 },
	{ 3, "签订师德承诺书", 20, "承诺书", 0 },
	{ 3, "排查有偿补课、收受礼品礼金", 20, "排查记录", 0 },
	{ 3, "师德失范行为及时处理", 10, "处理记录", 0 },
	{ 1, "强自治规范", 0, NULL, 0 },
	{ 2, "依法治校", 0, NULL, 0 },
	{ 3, "学校章程健全并执行", 20, "章程、执行记录", 0 },
	{ 3, "内部管理制度汇编完整", 20, "制度汇编", 0 },
	{ 3, "法律顾问或法治副校长作用发挥", 10, "工作记录", 0 },
	{ 2, "民主管理", 0, NULL, 0 },
	{ 3, "按时召开教职工代表大会", 20, "会议材料", 0 },
	{ 3, "重大事项听取教职工意见", 20, "征求意见记录", 0 },
	{ 3, "家长委员会参与学校管理", 20, "家委会记录", 0 },
	{ 2, "规范办学", 0, NULL, 0 },
	{ 3, "招生、编班行为规范", 20, "招生资料", 0 },
	{ 3, "课程设置和作业管理规范", 20, "课表、作业管理制度", 0 },
	{ 3, "校外培训和合作办学规范", 10, "协议、审批材料", 0 },
	{ 1, "强作风建设", 0, NULL, 0 },
	{ 2, "落实中央八项规定精神", 0, NULL, 0 },
	{ 3, "公务接待、公车使用规范", 20, "接待、用车台账", 0 },
	{ 3, "无违规发放津补贴", 20, "发放记录", 0 },
	{ 3, "节假日廉洁提醒到位", 10, "提醒记录", 0 },
	{ 2, "服务师生", 0, NULL, 0 },
	{ 3, "开展“我为师生办实事”", 20, "项目清单", 0 },
	{ 3, "师生反映问题及时回应", 20, "回应台账", 0 },
	{ 3, "减轻教师非教学负担", 20, "措施文件", 0 },
	{ 2, "作风效能", 0, NULL, 0 },
	{ 3, "整治形式主义、官僚主义", 20, "整治清单", 0 },
	{ 3, "师生满意度测评", 20, "测评结果", 0 },
	{ 3, "工作作风问题及时纠正", 10, "纠正记录", 0 },
	{ 1, "加分项", 50, NULL, B },
	{ 2, "清廉学校建设经验被上级推广或获评试点示范学校", 30, "推广文件、命名文件", B },
	{ 2, "廉洁文化作品获区级以上奖励", 20, "获奖证书", B },
	{ 1, "一票否决", 0, NULL, V },
	{ 2, "班子成员发生严重违纪违法案件", 0, "处分决定", V },
	{ 2, "发生严重师德失范事件造成恶劣影响", 0, "处理通报", V },
};

/* 季度党建督查: organizational life, dues, member development, ideological
 * work and clean-school work, per quarter. */
static const struct ind_sheet_row quarterly[] = {
	{ 1, "组织生活（三会一课）", 0, NULL, 0 },
	{ 2, "按月召开支部党员大会或支委会", 100, "会议记录", 0 },
	{ 2, "按季度讲党课", 80, "党课讲稿、记录", 0 },
	{ 2, "主题党日活动规范开展", 70, "活动记录、照片", 0 },
	{ 1, "党费收缴", 0, NULL, 0 },
	{ 2, "按月足额收缴党费", 100, "党费台账", 0 },
	{ 2, "党费缴纳情况定期公示", 50, "公示记录", 0 },
	{ 1, "发展党员", 0, NULL, 0 },
	{ 2, "发展程序规范、材料齐全", 100, "发展材料", 0 },
	{ 2, "培养联系人履职到位", 50, "培养考察记录", 0 },
	{ 1, "思想政治工作", 0, NULL, 0 },
	{ 2, "教职工政治学习按计划开展", 100, "学习记录", 0 },
	{ 2, "意识形态研判每季度一次", 100, "研判记录", 0 },
	{ 1, "清廉学校建设", 0, NULL, 0 },
	{ 2, "廉洁教育和提醒", 100, "教育记录", 0 },
	{ 2, "上季度发现问题整改到位", 150, "整改台账", 0 },
	{ 1, "一票否决", 0, NULL, V },
	{ 2, "本季度未开展任何组织生活", 0, "会议记录", V },
};

static const struct {
	struct ind_default d;
	const struct ind_sheet_row *rows;
	int n;
} sheets[] = {
	{ { "clean-school", "清廉学校建设评价指标", "clean_school", NULL }, clean, ARRAY_SIZE(clean) },
	{ { "quarterly-inspection", "季度党建督查评分细则", "quarterly_inspection", NULL }, quarterly,
	    ARRAY_SIZE(quarterly) },
	{ { "instructor-visit", "党建指导员督查评分细则", "instructor_visit", NULL },
	    indicator_visit_rows, INDICATOR_VISIT_NROWS },
	{ { "secretary-review", "书记抓基层党建述职评议指标", "secretary_review", NULL },
	    indicator_review_rows, INDICATOR_REVIEW_ROWS },
	{ { "principal-kindergarten", "幼儿园园长任期结束综合督导评估指标", "principal_tenure",
	    "kindergarten" }, sheet_kindergarten_rows, SHEET_KINDERGARTEN_ROWS },
	{ { "principal-compulsory", "义务教育学校校长任期结束综合督导评估指标",
	    "principal_tenure", "compulsory" }, sheet_compulsory_rows, SHEET_COMPULSORY_ROWS },
	{ { "principal-senior", "普通高中校长任期结束综合督导评估指标", "principal_tenure",
	    "senior" }, sheet_senior_rows, SHEET_SENIOR_ROWS },
};

int
indicator_defaults_count(void)
{
	return ARRAY_SIZE(sheets);
}

const struct ind_default *
indicator_defaults_get(int i)
{
	return &sheets[i].d;
}

/* A parent's max: its children's sum, or its own for a bonus parent. */
static void
sum_up(struct indicator *v, int n, const struct ind_sheet_row *rows)
{
	for (int i = n - 1; i >= 0; i--) {
		int64_t sum = 0;
		int any = 0;

		for (int j = i + 1; j < n && v[j].level > v[i].level; j++)
			if (v[j].level == v[i].level + 1) {
				sum += v[j].max_points;
				any = 1;
			}
		if (any && !(rows[i].flags & B))
			v[i].max_points = sum;
	}
}

/* The guidance of row i: veto, survey, under a survey item, developmental,
 * or the plain rule (rows with evidence). Survey items are level 1. */
static void
guide(struct indicator *v, int i, int flags)
{
	int in_survey = 0;

	for (int j = i - 1; j >= 0 && v[i].level > 1; j--)
		if (v[j].level == 1) {
			in_survey = v[j].survey;
			break;
		}
	if (flags & V)
		v[i].guidance = "出现该情形的，总分记为0分（一票否决）";
	else if (flags & IND_SHEET_SURVEY)
		v[i].guidance = GUIDE_SURVEY;
	else if (in_survey)
		v[i].guidance = GUIDE_SURVEY_PART;
	else if (flags & IND_SHEET_DEV)
		v[i].guidance = GUIDE_DEV;
}

int
indicator_defaults_tree(int k, struct arena *a, struct indicator **out)
{
	const struct ind_sheet_row *rows = sheets[k].rows;
	int n = sheets[k].n, seq[IND_LEVEL_MAX + 1] = { 0 };
	const char *codes[IND_LEVEL_MAX + 1] = { NULL };
	struct indicator *v = arena_alloc(a, sizeof(*v) * (size_t)n);

	for (int i = 0; i < n; i++) {
		int l = rows[i].level;

		seq[l]++;
		for (int d = l + 1; d <= IND_LEVEL_MAX; d++)
			seq[d] = 0;
		codes[l] = l == 1 ? arena_printf(a, "%d", seq[1])
				  : arena_printf(a, "%s.%d", codes[l - 1], seq[l]);
		v[i] = (struct indicator){ .level = l, .seq = seq[l], .code = codes[l],
			.parent_code = l > 1 ? codes[l - 1] : NULL, .name = rows[i].name,
			.guidance = rows[i].evidence ? GUIDE : NULL, .evidence = rows[i].evidence,
			.max_points = rows[i].points, .weight = 1000, .bonus = !!(rows[i].flags & B),
			.veto = !!(rows[i].flags & V),
			.developmental = !!(rows[i].flags & IND_SHEET_DEV),
			.survey = !!(rows[i].flags & IND_SHEET_SURVEY) };
		guide(v, i, rows[i].flags);
	}
	sum_up(v, n, rows);
	*out = v;
	return n;
}

enum err
indicator_install_defaults(struct db *db)
{
	enum err e = ERR_OK;

	for (int k = 0; !e && k < indicator_defaults_count(); k++) {
		struct arena a = ARENA_INIT;
		struct indicator *v;
		int n = indicator_defaults_tree(k, &a, &v);

		e = store_indicator_install(db, &sheets[k].d, date_year(date_today()), v, n);
		arena_release(&a);
	}
	return e;
}
