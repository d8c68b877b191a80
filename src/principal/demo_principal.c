/* demo_principal.c: the principal-tenure platform's demo rows (see
 * demo_principal.h). */
#include "core/common.h"
#include "principal/demo_principal.h"

#include <sodium.h>

#include "auth/user.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "party/compliance.h"	/* date_add_months() */
#include "principal/principal.h"
#include "principal/tenure.h"

#define RICH_MAX 64	/* schools with a tenure in a named state, goals and years */
#define NO_PRINCIPAL 2	/* the last schools have none recorded */
/* Person numbers of successors: above every school's (ID numbers differ
 * for every person number below 377,580: id_number()'s fields repeat
 * together only at the lcm of 420 days and 899 sequence numbers). */
#define SUCCESSOR_BASE 100000

static const char *const names[] = { "王建国", "李秀英", "张志强", "刘海燕", "陈明", "杨丽",
	"赵伟", "黄静", "周杰", "吴敏", "徐磊", "孙芳", "胡军", "朱红梅", "高峰", "林晓燕", "何勇",
	"郭丽娟", "马超", "罗霞", "梁斌", "宋玉兰", "郑刚", "谢婷", "韩涛", "唐雪", "冯强", "于洁",
	"董亮", "萧琳", "程浩", "曹颖", "袁博", "邓慧", "许文", "傅静", "沈阳", "曾红", "彭飞",
	"吕萍" };
#define NNAMES ((int)ARRAY_SIZE(names))

static const char *const goal_text[][2] = {
	{ "健全党组织领导的校长负责制，党组织会议议事规则全面落实", "三会一课按期召开率100%" },
	{ "落实立德树人根本任务，五育并举", "学生体质健康达标率≥95%" },
	{ "完善学校章程和内部治理结构", "教代会每年召开不少于1次" },
	{ "加强教师队伍建设，培养骨干教师", "区级以上骨干教师增加5名" },
	{ "规范办学行为，落实“双减”", "作业时长达标率100%" },
	{ "安全卫生责任落实到人", "安全责任事故0起" },
	{ "提升师生家长满意度", "家长满意率≥90%" },
};

struct school {
	int64_t id;
	char stage[24];
};

/* Every school, in *v (the caller frees it). */
static enum err
load_schools(struct db *db, struct school **v, int *n)
{
	struct db_rows r;
	int64_t count = 0;
	enum err e = db_get_i64(db, &count, "SELECT COUNT(*) FROM school", DB_END);

	*n = 0;
	*v = xcalloc((size_t)count + 1, sizeof(**v));
	if (e || (e = db_query(db, &r, "SELECT id, stage FROM school ORDER BY id", DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK && *n < count) {
		(*v)[*n].id = db_i64(&r, 0);
		snprintf((*v)[*n].stage, sizeof((*v)[*n].stage), "%s", db_text(&r, 1));
		(*n)++;
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

static enum err
account(struct db *db, const struct who *w, const char *name, enum role role, int64_t *id)
{
	struct user_in in = { .username = name, .role = role };
	struct problem pb = { 0 };
	char pw[17] = "";
	enum err e = user_create(db, w, &in, 0, &pb, id, pw);

	sodium_memzero(pw, sizeof(pw));
	return e;
}

/* A valid ID number (GB 11643) of someone born in 1968 + i % 15. */
static void
id_number(int i, char out[19])
{
	char b[48];

	snprintf(b, sizeof(b), "500103%04d%02d%02d%03d", 1968 + i % 15, 1 + i % 12, 1 + i % 28,
	    100 + i * 7 % 899);
	memcpy(out, b, 17);
	out[17] = id_card_check_char(out);
	out[18] = '\0';
}

/* Person number i (ID numbers differ for every i below 420). */
static enum err
person(struct db *db, const struct who *w, int i, int64_t user_id, int64_t *id)
{
	struct prin_person_in in = { 0 };
	struct problem pb = { 0 };
	char idc[19];

	id_number(i, idc);
	in.name = names[(i * 7) % NNAMES];
	/* the sequence digit's parity decides the gender (ID-01) */
	in.gender = (idc[16] - '0') % 2 ? "male" : "female";
	in.id_card = idc;
	in.set_id_card = 1;
	in.set_user = user_id != 0;
	in.user_id = user_id;
	return prin_person_create(db, w, &in, &pb, id);
}

static const char *
post_of(const struct school *s, int i)
{
	if (!strcmp(s->stage, "kindergarten"))
		return "kindergarten_head";
	return i % 7 == 3 ? "secretary_principal" : "principal";
}

static enum err
tenure(struct db *db, const struct who *w, int64_t pid, const struct school *s, int i,
    int32_t appointed, int term_no, int64_t *id)
{
	struct problem pb = { 0 };
	char day[11];
	struct tenure_in in = { pid, s->id, post_of(s, i), day, 5, term_no };

	date_format(appointed, day);
	return tenure_create(db, w, &in, &pb, id);
}

static enum err
goals(struct db *db, const struct who *w, int64_t tid, const char *end_state)
{
	struct goal_in v[ARRAY_SIZE(goal_text)];
	struct problem pb = { 0 };
	enum err e;

	for (size_t i = 0; i < ARRAY_SIZE(goal_text); i++)
		v[i] = (struct goal_in){ tenure_areas[i], goal_text[i][0], goal_text[i][1] };
	e = goal_put(db, w, tid, v, (int)ARRAY_SIZE(v), &pb);
	if (e || !strcmp(end_state, "draft"))
		return e;
	if ((e = goal_step(db, w, tid, GA_SUBMIT, NULL, &pb)) || !strcmp(end_state, "submitted"))
		return e;
	if (!strcmp(end_state, "returned"))
		return goal_step(db, w, tid, GA_RETURN, "“教师工作”目标缺少可衡量的指标，请补充", &pb);
	return goal_step(db, w, tid, GA_APPROVE, NULL, &pb);
}

/* Self-reports of the years that ended: graded, but the last one left
 * submitted when last_waits. */
static enum err
years(struct db *db, const struct who *w, int64_t tid, int32_t appointed, int32_t today,
    int last_waits, int seed)
{
	static const char *const grades[] = { "优秀", "合格", "合格", "优秀", "基本合格" };
	int n = tenure_term_year(appointed, today) - 1;
	struct problem pb = { 0 };
	enum err e = ERR_OK;

	for (int y = 1; !e && y <= n && y <= 5; y++) {
		char text[160];
		int64_t rid;

		snprintf(text, sizeof(text), "任期第%d年度述职：对照任期目标，各项工作有序推进，"
		    "党建引领作用进一步发挥。", y);
		e = report_put(db, w, tid, y, text, &pb, &rid);
		if (!e)
			e = report_submit(db, w, rid, &pb);
		if (!e && !(last_waits && y == n))
			e = report_grade(db, w, rid, grades[(y + seed) % 5], "", &pb);
	}
	return e;
}

static enum err
figures(struct db *db, const struct who *w, int64_t tid, int i)
{
	static const char *const keys[] = { "enrolment", "classes", "staff", "senior_teachers",
		"qualified_teachers" };
	int64_t v[5] = { 600 + i * 37 % 1400, 18 + i * 5 % 30, 60 + i * 3 % 80, 8 + i % 20,
		55 + i * 3 % 75 };
	struct problem pb = { 0 };

	return tenure_set_figures(db, w, tid, 5, keys, v, &pb);
}

/* School i of the first RICH_MAX: a tenure in a named state, with figures,
 * goals and graded years. */
static enum err
rich(struct db *db, const struct who *sys, const struct school *s, int i, int32_t today,
    int64_t xiaozhang)
{
	int32_t appointed = date_add_months(today, -(6 + i * 7 % 48));
	const char *plan = i % 5 == 4 ? "submitted" : i % 9 == 5 ? "returned" : "approved";
	int term_no = 1 + (i % 6 == 2);
	struct problem pb = { 0 };
	int64_t pid, tid;
	enum err e;

	switch (i) {
	case 0:	/* xiaozhang01's school: in the third year */
		appointed = date_add_months(today, -27);
		plan = "approved";
		break;
	case 1:	/* the term ends in three months (PRIN-05) */
		appointed = date_add_months(today, 3 - 60) + 1;
		plan = "approved";
		break;
	case 3:	/* a third consecutive term here (PRIN-09) */
		term_no = 3;
		break;
	}
	e = person(db, sys, i, i == 0 ? xiaozhang : 0, &pid);
	if (!e && i == 2) {
		/* left mid-term (调任) two months ago; the successor just began */
		int32_t first = date_add_months(today, -30);
		char ended[11];

		e = tenure(db, sys, pid, s, i, first, 1, &tid);
		if (!e)
			e = goals(db, sys, tid, "approved");
		if (!e)
			e = years(db, sys, tid, first, date_add_months(today, -2), 0, i);
		date_format(date_add_months(today, -2), ended);
		if (!e)
			e = tenure_end(db, sys, tid, ended, "transferred", &pb);
		if (!e)
			e = person(db, sys, SUCCESSOR_BASE + i, 0, &pid);
		appointed = date_add_months(today, -1);
		plan = "draft";
	}
	if (!e)
		e = tenure(db, sys, pid, s, i, appointed, term_no, &tid);
	if (!e)
		e = figures(db, sys, tid, i);
	if (!e)
		e = goals(db, sys, tid, plan);
	if (!e && !strcmp(plan, "approved"))
		e = years(db, sys, tid, appointed, today, i % 4 == 1, i);
	return e;
}

/* A school beyond the first RICH_MAX (the city scale): a principal
 * mid-term, its baseline taken, nothing else, so the district list and
 * its flags meet every school as in a city. */
static enum err
plain(struct db *db, const struct who *sys, const struct school *s, int i, int32_t today)
{
	int64_t pid, tid;
	enum err e = person(db, sys, i, 0, &pid);

	if (!e)
		e = tenure(db, sys, pid, s, i, date_add_months(today, -(1 + i * 7 % 58)),
		    1 + (i % 11 == 4), &tid);
	return e;
}

enum err
demo_principal_generate(struct db *db, int32_t today)
{
	struct who sys = WHO_SYSTEM;
	struct school *s = NULL;
	int64_t office, duxue[2], xiaozhang, aid;
	struct problem pb = { 0 };
	char from[11];
	int n = 0;
	enum err e = load_schools(db, &s, &n);

	if (!e)
		e = account(db, &sys, "dudao01", ROLE_SUPERVISION_OFFICE, &office);
	if (!e)
		e = account(db, &sys, "duxue01", ROLE_SUPERVISOR, &duxue[0]);
	if (!e)
		e = account(db, &sys, "duxue02", ROLE_SUPERVISOR, &duxue[1]);
	if (!e)
		e = account(db, &sys, "xiaozhang01", ROLE_PRINCIPAL, &xiaozhang);
	/* PRIN-10: five schools each, assigned since a year ago. */
	date_format(date_add_months(today, -12), from);
	for (int i = 0; !e && i < 10 && i < n; i++)
		e = assign_create(db, &sys, duxue[i / 5], s[i].id, from, NULL, &pb, &aid);
	for (int i = 0; !e && i < n - NO_PRINCIPAL; i++)
		e = i < RICH_MAX ? rich(db, &sys, &s[i], i, today, xiaozhang) :
		    plain(db, &sys, &s[i], i, today);
	free(s);
	return e;
}
