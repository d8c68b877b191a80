/* pipeline.c: the pure rules of membership development (RULES.md
 * section 2). Each check names its rule; thresholds are cfg.dev. */
#include "core/common.h"
#include "develop/pipeline.h"
#include "core/config.h"
#include "core/dates.h"
#include "develop/holiday.h"

const char *const pipe_statuses[] = { "pipeline", "probationary", "full", "disqualified", "ended",
	NULL };
const char *const pipe_step_statuses[] = { "done", "due", "overdue", "not_yet", NULL };

/* RULES.md section 2, one row per step. */
const struct pipe_step_def pipe_steps[PIPE_STEPS] = {
	{ 1, 1, "递交入党申请书", "本人", "入党申请书", "DEV-01", "年满18周岁（以身份证号计）", 0 },
	{ 2, 1, "党组织派人谈话", "书记、副书记或组织委员", "谈话人、谈话记录", "DEV-02",
	    "收到入党申请书后1个月内", PF_TALKER },
	{ 3, 2, "推荐和确定入党积极分子", "支部委员会", "党员推荐或群团组织推优材料、支委会记录",
	    "DEV-03", "一般在递交申请3个月后（地方规定）", 0 },
	{ 4, 2, "上级党委备案", "上级党委", "备案材料", "DEV-04", "", 0 },
	{ 5, 2, "指定培养联系人", "支部委员会", "1至2名正式党员", "DEV-05", "", PF_CONTACTS },
	{ 6, 2, "培养教育考察", "支部", "思想汇报（每季度）、考察记录（每半年）", "DEV-06",
	    "每半年考察一次", 0 },
	{ 7, 3, "确定发展对象", "支部委员会", "党小组、培养联系人、党员和群众意见", "DEV-07",
	    "培养教育考察1年以上", 0 },
	{ 8, 3, "报上级党委备案", "上级党委", "备案材料", "DEV-08", "", 0 },
	{ 9, 3, "确定入党介绍人", "支部", "2名正式党员", "DEV-09", "", PF_SPONSORS },
	{ 10, 3, "进行政治审查", "支部", "政审材料、结论", "DEV-10", "政审不合格不能发展",
	    PF_OUTCOME },
	{ 11, 3, "开展集中培训", "上级党委", "培训证明", "DEV-11", "不少于3天或24学时",
	    PF_TRAINING },
	{ 12, 4, "支部委员会审查", "支部委员会", "审查意见", "DEV-12", "", 0 },
	{ 13, 4, "上级党委预审", "上级党委", "预审意见、公示材料", "DEV-13",
	    "公示不少于5个工作日（地方规定）", PF_NOTICE },
	{ 14, 4, "填写入党志愿书", "本人（介绍人指导）", "入党志愿书", "DEV-14", "", 0 },
	{ 15, 4, "支部党员大会讨论", "支部党员大会", "表决结果（逐个表决）", "DEV-15",
	    "预审后1个月内召开；到会超过应到会半数，赞成超过应到会半数", PF_VOTE },
	{ 16, 4, "上级党委派人谈话", "党委委员或组织员", "谈话人、谈话记录", "DEV-16", "",
	    PF_TALKER },
	{ 17, 4, "上级党委审批", "上级党委", "审批意见（预备期起止）", "DEV-17",
	    "支部大会后3个月内，特殊情况不超过6个月", 0 },
	{ 18, 4, "再上一级党委组织部门备案", "组织部门", "备案材料", "DEV-18", "", 0 },
	{ 19, 5, "编入党支部和党小组", "支部", "", "DEV-19", "", 0 },
	{ 20, 5, "入党宣誓", "上级党委或支部", "宣誓记录", "DEV-20", "", 0 },
	{ 21, 5, "继续教育考察", "支部", "考察记录", "DEV-21", "", 0 },
	{ 22, 5, "提出转正申请", "本人", "转正申请书", "DEV-22", "预备期满时（提前不超过30天）",
	    0 },
	{ 23, 5, "支部党员大会讨论转正", "支部党员大会", "表决结果", "DEV-23",
	    "预备期满后讨论；延长预备期只能一次，6个月至1年", PF_VOTE | PF_OUTCOME },
	{ 24, 5, "上级党委审批", "上级党委", "审批意见", "DEV-24", "支部大会后3个月内", 0 },
	{ 25, 5, "材料归档", "支部", "志愿书、申请书、政审、转正申请、考察材料", "DEV-25", "", 0 },
};

const char *
pipe_stage_name(int stage)
{
	static const char *const names[] = { "申请入党", "入党积极分子的确定和培养教育",
		"发展对象的确定和考察", "预备党员的接收", "预备党员的教育考察和转正" };

	return stage >= 1 && stage <= 5 ? names[stage - 1] : "";
}

const struct pipe_step_def *
pipe_step(int no)
{
	return no >= 1 && no <= PIPE_STEPS ? &pipe_steps[no - 1] : NULL;
}

int32_t
pipe_add_months(int32_t day, int n)
{
	struct ymd t = date_to_ymd(day);
	int m0 = t.y * 12 + (t.m - 1) + n, y = m0 / 12, m = m0 % 12 + 1;
	int last = date_days_in_month(y, m);

	return date_from_ymd(y, m, t.d < last ? t.d : last);
}

int32_t
pipe_years_completed(int32_t birth, int years)
{
	struct ymd t = date_to_ymd(birth);

	if (t.m == 2 && t.d == 29 && !date_is_leap(t.y + years))
		return date_from_ymd(t.y + years, 3, 1);
	return date_from_ymd(t.y + years, t.m, t.d);
}

int
pipe_next(const struct pipe_state *s)
{
	if (strcmp(s->status, "pipeline") && strcmp(s->status, "probationary") &&
	    !(!strcmp(s->status, "full") && s->step < PIPE_STEPS))
		return 0;
	return s->step < PIPE_STEPS ? s->step + 1 : 0;
}

/* ---- checks ---- */

static void
warn(struct pipe_result *r, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
warn(struct pipe_result *r, const char *rule, const char *fmt, ...)
{
	va_list ap;

	if (r->nwarn >= PIPE_WARN_MAX)
		return;
	r->warn[r->nwarn].rule = rule;
	va_start(ap, fmt);
	vsnprintf(r->warn[r->nwarn].msg, sizeof(r->warn[0].msg), fmt, ap);
	va_end(ap);
	r->nwarn++;
}

/* A hard rule failed: 422 with the rule as the code. */
static enum err
refuse(struct problem *pb, const char *rule, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum err
refuse(struct problem *pb, const char *rule, const char *field, const char *fmt, ...)
{
	char msg[sizeof(pb->fields[0].msg) - 16];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	problem_field(pb, field, "%s（%s）", msg, rule);
	return problem_set(pb, ERR_INVALID, rule, "不符合发展党员工作的规定");
}

static void
fmt_day(int32_t d, char out[11])
{
	date_format(d, out);
}

static enum err
check_order(const struct pipe_state *s, const struct pipe_in *in, int32_t today,
    struct problem *pb)
{
	int next = pipe_next(s);
	const struct pipe_step_def *cur = pipe_step(s->step), *nx = pipe_step(next);
	int32_t last = 0;	/* the latest step, also across an extension */
	/* A serious breach: disqualified during the probation, without 22. */
	int early_out = in->step == 23 && next == 22 && in->outcome &&
	    !strcmp(in->outcome, "disqualify");
	char d[11];

	for (int i = 1; i <= PIPE_STEPS; i++)
		last = s->on[i] > last ? s->on[i] : last;
	if (in->step != next && !early_out) {
		if (!nx)
			problem_field(pb, "step", "发展流程已结束（当前：第%d步“%s”）", s->step,
			    cur ? cur->name : "");
		else
			problem_field(pb, "step", "当前已完成第%d步“%s”，下一步应为第%d步“%s”",
			    s->step, cur ? cur->name : "", next, nx->name);
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    "发展党员的步骤不能跳过或颠倒");
	}
	if (in->date > today)
		return problem_field(pb, "date", "日期不能晚于今天");
	if (in->date < last) {
		fmt_day(last, d);
		return problem_field(pb, "date", "日期不能早于上一步（%s）", d);
	}
	return ERR_OK;
}

/* The people a step asks for (DEV-02/16 talkers, DEV-05 contacts, DEV-09
 * sponsors); other steps take none. */
static enum err
check_people(const struct pipe_step_def *d, const struct pipe_in *in, struct problem *pb)
{
	if (d->flags & PF_TALKER) {
		if (in->talkers < 1 || in->talkers > 3)
			return refuse(pb, d->rule, "talkers", "谈话人应为1至3名党员");
	} else if (in->talkers) {
		problem_field(pb, "talkers", "该步骤不填写谈话人");
	}
	if (d->flags & PF_CONTACTS) {
		if (in->contacts < 1 || in->contacts > 2)
			return refuse(pb, "DEV-05", "contacts", "培养联系人应为1至2名正式党员");
		if (in->contacts_not_full)
			return refuse(pb, "DEV-05", "contacts", "培养联系人须为正式党员");
	} else if (in->contacts) {
		problem_field(pb, "contacts", "该步骤不填写培养联系人");
	}
	if (d->flags & PF_SPONSORS) {
		if (in->sponsors != 2)
			return refuse(pb, "DEV-09", "sponsors", "入党介绍人应为2名正式党员");
		if (in->sponsors_not_full)
			return refuse(pb, "DEV-09", "sponsors", "入党介绍人须为正式党员");
	} else if (in->sponsors) {
		problem_field(pb, "sponsors", "该步骤不填写入党介绍人");
	}
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

/* DEV-15, DEV-23 (Arts. 20-21): present > half of those entitled, yes
 * votes (with written opinions of absent voters) > half of them. */
static enum err
check_vote(const struct pipe_step_def *d, const struct pipe_in *in, struct problem *pb)
{
	if (in->expected < 1)
		return problem_field(pb, "expected", "请填写应到会有表决权的正式党员人数");
	if (in->present < 0)
		return problem_field(pb, "present", "请填写实到会人数");
	if (in->yes_votes < 0)
		return problem_field(pb, "yes_votes", "请填写赞成票数");
	if (in->present > in->expected)
		return problem_field(pb, "present", "实到会人数不能超过应到会人数");
	if (in->yes_votes + (in->written > 0 ? in->written : 0) > in->expected)
		return problem_field(pb, "yes_votes", "赞成票（含书面意见）不能超过应到会人数");
	if (in->written > in->expected - in->present)
		return problem_field(pb, "written", "书面意见只能来自未到会的党员");
	if (in->present * 2 <= in->expected)
		return refuse(pb, d->rule, "present", "到会有表决权的党员须超过应到会人数的半数"
		    "（应到%" PRId64 "，实到%" PRId64 "）", in->expected, in->present);
	if ((in->yes_votes + (in->written > 0 ? in->written : 0)) * 2 <= in->expected)
		return refuse(pb, d->rule, "yes_votes", "赞成人数须超过应到会有表决权的正式党员的半数"
		    "（应到%" PRId64 "，赞成%" PRId64 "）", in->expected,
		    in->yes_votes + (in->written > 0 ? in->written : 0));
	return ERR_OK;
}

/* Fields a step does not take are named, so nothing is silently dropped. */
static enum err
check_shape(const struct pipe_step_def *d, const struct pipe_in *in, struct problem *pb)
{
	if (!(d->flags & PF_VOTE) && (in->expected >= 0 || in->present >= 0 ||
	    in->yes_votes >= 0 || in->written >= 0))
		problem_field(pb, in->expected >= 0 ? "expected" : in->present >= 0 ? "present" :
		    in->yes_votes >= 0 ? "yes_votes" : "written", "该步骤不填写表决结果");
	if (!(d->flags & PF_TRAINING) && (in->days >= 0 || in->hours >= 0))
		problem_field(pb, in->days >= 0 ? "days" : "hours", "该步骤不填写培训时长");
	if (!(d->flags & PF_NOTICE) && (in->notice_from || in->notice_to || in->leaving))
		problem_field(pb, in->notice_from ? "notice_from" : in->notice_to ? "notice_to" :
		    "leaving", "该步骤不填写公示");
	if (!(d->flags & PF_OUTCOME) && in->outcome)
		problem_field(pb, "outcome", "该步骤不填写结论");
	if (d->no != 23 && in->extend_months)
		problem_field(pb, "extend_months", "只有讨论转正时可延长预备期");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
check_step1(const struct pipe_state *s, const struct pipe_in *in, struct problem *pb)
{
	int32_t adult = pipe_years_completed(s->birth, (int)cfg.dev.min_age);
	char d[11];

	if (in->date < adult) {
		fmt_day(adult, d);
		return refuse(pb, "DEV-01", "applied_on", "申请入党须年满%ld周岁，该申请人%s年满",
		    cfg.dev.min_age, d);
	}
	return ERR_OK;
}

static enum err
check_training(const struct pipe_in *in, struct problem *pb)
{
	if (in->days < 0 && in->hours < 0)
		return problem_field(pb, "days", "请填写培训天数或学时");
	if (in->days >= cfg.dev.training_days || in->hours >= cfg.dev.training_hours)
		return ERR_OK;
	return refuse(pb, "DEV-11", in->days >= 0 ? "days" : "hours",
	    "集中培训不少于%ld天或%ld学时", cfg.dev.training_days, cfg.dev.training_hours);
}

static enum err
check_notice(const struct pipe_in *in, const struct holiday_cal *cal, struct pipe_result *r,
    struct problem *pb)
{
	static const struct holiday_cal none = { 0 };
	int n;

	if (in->leaving)
		warn(r, "DEV-13", "发展对象3个月内将离开工作单位，一般不办理接收预备党员手续");
	if (!cfg.dev.notice_workdays)
		return ERR_OK;
	if (!in->notice_from || !in->notice_to)
		return problem_field(pb, in->notice_from ? "notice_to" : "notice_from",
		    "请填写公示起止日期");
	if (in->notice_to < in->notice_from)
		return problem_field(pb, "notice_to", "公示结束日期不能早于开始日期");
	if (in->notice_to > in->date)
		return problem_field(pb, "notice_to", "公示应在预审前结束");
	n = holiday_workdays(cal ? cal : &none, in->notice_from, in->notice_to);
	if (n < cfg.dev.notice_workdays)
		return refuse(pb, "DEV-13", "notice_to", "公示不少于%ld个工作日（现为%d个）",
		    cfg.dev.notice_workdays, n);
	return ERR_OK;
}

static enum err
check_outcome(const struct pipe_state *s, const struct pipe_in *in, struct problem *pb)
{
	char d[11];

	if (in->step == 10) {
		if (!in->outcome || (strcmp(in->outcome, "passed") && strcmp(in->outcome, "failed")))
			return problem_field(pb, "outcome", "政审结论应为 passed（合格）或 failed（不合格）");
		return ERR_OK;
	}
	if (!in->outcome || (strcmp(in->outcome, "convert") && strcmp(in->outcome, "extend") &&
	    strcmp(in->outcome, "disqualify")))
		return problem_field(pb, "outcome", "结论应为 convert（转正）、extend（延长预备期）"
		    "或 disqualify（取消预备党员资格）");
	if (strcmp(in->outcome, "disqualify") && in->date < s->probation_end) {
		fmt_day(s->probation_end, d);
		return refuse(pb, "DEV-T1", "date", "预备期至%s届满，期满后方可讨论转正或延长", d);
	}
	if (!strcmp(in->outcome, "extend")) {
		if (s->extended)
			return refuse(pb, "DEV-T2", "outcome", "预备期只能延长一次");
		if (in->extend_months < cfg.dev.extend_min_months ||
		    in->extend_months > cfg.dev.extend_max_months)
			return refuse(pb, "DEV-T2", "extend_months", "延长预备期应为%ld至%ld个月",
			    cfg.dev.extend_min_months, cfg.dev.extend_max_months);
	} else if (in->extend_months) {
		return problem_field(pb, "extend_months", "只有延长预备期时填写");
	}
	return ERR_OK;
}

/* The time limits counted from an earlier step. */
static enum err
check_times(const struct pipe_state *s, const struct pipe_in *in, struct pipe_result *r,
    struct problem *pb)
{
	int32_t lim;
	char d[11];

	switch (in->step) {
	case 2:	/* DEV-02 */
		if (in->date > (lim = pipe_add_months(s->on[1], (int)cfg.dev.talk_months)))
			return refuse(pb, "DEV-02", "date", "应在收到入党申请书后%ld个月内谈话（截止%s）",
			    cfg.dev.talk_months, (fmt_day(lim, d), d));
		break;
	case 3:	/* DEV-03, a local rule: warn */
		if (in->date < (lim = pipe_add_months(s->on[1], (int)cfg.dev.activist_wait_months)))
			warn(r, "DEV-03", "递交申请书未满%ld个月即确定为入党积极分子（地方规定，满%s）",
			    cfg.dev.activist_wait_months, (fmt_day(lim, d), d));
		break;
	case 7:	/* DEV-07 */
		if (in->date < (lim = pipe_add_months(s->on[3], (int)cfg.dev.target_months)))
			return refuse(pb, "DEV-07", "date", "入党积极分子经过%ld个月以上培养教育考察方可"
			    "确定为发展对象（%s起）", cfg.dev.target_months, (fmt_day(lim, d), d));
		break;
	case 15:	/* DEV-T4 (local); DEV-10's validity (local): warn */
		if (in->date > (lim = pipe_add_months(s->on[13], (int)cfg.dev.assembly_months)))
			return refuse(pb, "DEV-T4", "date", "支部大会应在预审后%ld个月内召开（截止%s）",
			    cfg.dev.assembly_months, (fmt_day(lim, d), d));
		if (in->date > pipe_add_months(s->on[10], (int)cfg.dev.polit_valid_months))
			warn(r, "DEV-10", "政治审查已超过%ld个月，按地方规定应重新政审",
			    cfg.dev.polit_valid_months);
		break;
	case 17:	/* DEV-17: 3 months, special cases 6 */
		if (in->date > (lim = pipe_add_months(s->on[15], (int)cfg.dev.approve_max_months)))
			return refuse(pb, "DEV-17", "date", "上级党委审批超过%ld个月（截止%s），"
			    "应重新履行接收手续（DEV-T4）", cfg.dev.approve_max_months,
			    (fmt_day(lim, d), d));
		if (in->date > pipe_add_months(s->on[15], (int)cfg.dev.approve_months))
			warn(r, "DEV-17", "上级党委审批超过%ld个月，属特殊情况（不超过%ld个月）",
			    cfg.dev.approve_months, cfg.dev.approve_max_months);
		break;
	case 22:	/* DEV-T1: when the probation ends */
		if (in->date < (lim = s->probation_end - (int32_t)cfg.dev.apply_lead_days))
			return refuse(pb, "DEV-T1", "date", "预备期满前%ld天内方可提出转正申请（%s起）",
			    cfg.dev.apply_lead_days, (fmt_day(lim, d), d));
		break;
	case 24:	/* DEV-24, a local rule: warn */
		if (in->date > pipe_add_months(s->on[23], (int)cfg.dev.convert_approve_months))
			warn(r, "DEV-24", "上级党委审批超过支部大会后%ld个月（地方规定）",
			    cfg.dev.convert_approve_months);
		break;
	}
	return ERR_OK;
}

enum err
pipe_check(const struct pipe_state *s, const struct pipe_in *in, const struct holiday_cal *cal,
    int32_t today, struct pipe_result *r, struct problem *pb)
{
	const struct pipe_step_def *d = pipe_step(in->step);
	enum err e;

	memset(r, 0, sizeof(*r));
	if (!d)
		return problem_field(pb, "step", "步骤应为1至25");
	if ((e = check_order(s, in, today, pb)) || (e = check_shape(d, in, pb)))
		return e;
	if (in->step == 1 && (e = check_step1(s, in, pb)))
		return e;
	if ((e = check_people(d, in, pb)))
		return e;
	if ((d->flags & PF_VOTE) && (e = check_vote(d, in, pb)))
		return e;
	if ((d->flags & PF_TRAINING) && (e = check_training(in, pb)))
		return e;
	if ((d->flags & PF_NOTICE) && (e = check_notice(in, cal, r, pb)))
		return e;
	if ((d->flags & PF_OUTCOME) && (e = check_outcome(s, in, pb)))
		return e;
	return check_times(s, in, r, pb);
}

enum pipe_effect
pipe_apply(struct pipe_state *s, const struct pipe_in *in)
{
	s->step = in->step;
	s->on[in->step] = in->date;
	switch (in->step) {
	case 10:
		if (!strcmp(in->outcome, "failed")) {
			s->status = "ended";
			return PE_END;
		}
		break;
	case 17:	/* DEV-T1: one year from the assembly */
		s->status = "probationary";
		s->probation_end = pipe_add_months(s->on[15], (int)cfg.dev.probation_months);
		return PE_ADMIT;
	case 23:
		s->decision = in->outcome;
		s->extend_months = (int)in->extend_months;
		break;
	case 24:
		if (!strcmp(s->decision, "convert")) {
			s->status = "full";
			return PE_CONVERT;
		}
		if (!strcmp(s->decision, "disqualify")) {
			s->status = "disqualified";
			return PE_DISQUALIFY;
		}
		/* DEV-T2: the probation runs on; apply and discuss again. */
		s->probation_end = pipe_add_months(s->probation_end, s->extend_months);
		s->extended = 1;
		s->step = 21;
		return PE_EXTEND;
	}
	return PE_NONE;
}

void
pipe_due(const struct pipe_state *s, int no, int32_t *earliest, int32_t *due, const char **rule)
{
	*earliest = *due = 0;
	*rule = NULL;
	switch (no) {
	case 2:
		if (s->on[1])
			*due = pipe_add_months(s->on[1], (int)cfg.dev.talk_months);
		*rule = "DEV-02";
		break;
	case 3:
		if (s->on[1])
			*earliest = pipe_add_months(s->on[1], (int)cfg.dev.activist_wait_months);
		*rule = "DEV-03";
		break;
	case 7:
		if (s->on[3])
			*earliest = pipe_add_months(s->on[3], (int)cfg.dev.target_months);
		*rule = "DEV-07";
		break;
	case 15:
		if (s->on[13])
			*due = pipe_add_months(s->on[13], (int)cfg.dev.assembly_months);
		*rule = "DEV-T4";
		break;
	case 17:
		if (s->on[15])
			*due = pipe_add_months(s->on[15], (int)cfg.dev.approve_months);
		*rule = "DEV-17";
		break;
	case 22:
		if (s->probation_end) {
			*earliest = s->probation_end - (int32_t)cfg.dev.apply_lead_days;
			*due = s->probation_end;
		}
		*rule = "DEV-T1";
		break;
	case 23:
		*earliest = s->probation_end;
		*rule = "DEV-T1";
		break;
	case 24:
		if (s->on[23])
			*due = pipe_add_months(s->on[23], (int)cfg.dev.convert_approve_months);
		*rule = "DEV-24";
		break;
	}
}

const char *
pipe_step_status(const struct pipe_state *s, int no, int32_t today)
{
	int next = pipe_next(s);
	int32_t earliest, due;
	const char *rule;

	if (no <= s->step)
		return "done";
	if (no != next)
		return "not_yet";
	pipe_due(s, no, &earliest, &due, &rule);
	return due && today > due ? "overdue" : "due";
}

void
pipe_alert_message(const char *name, int no, int32_t due, int32_t today, char *out, size_t n)
{
	const struct pipe_step_def *d = pipe_step(no);
	char day[11];
	int32_t left = due - today;

	date_format(due, day);
	if (no == 22 && left >= 0)
		snprintf(out, n, "预备党员%s的预备期将于%s届满（%d天后）：请准备转正（DEV-T1）", name,
		    day, (int)left);
	else if (left >= 0)
		snprintf(out, n, "%s：第%d步“%s”应于%s前完成（%d天后）", name, no, d ? d->name : "",
		    day, (int)left);
	else
		snprintf(out, n, "%s：第%d步“%s”已于%s逾期（%d天）", name, no, d ? d->name : "", day,
		    (int)-left);
}
