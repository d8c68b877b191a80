/* demo_supervise.c: deterministic supervision rows for the demo (see
 * demo_supervise.h). */
#include "core/common.h"
#include "supervise/demo_supervise.h"

#include <sodium.h>

#include "auth/user.h"
#include "core/dates.h"
#include "db/db.h"
#include "supervise/assessment.h"
#include "supervise/finding.h"
#include "supervise/inspection.h"

#define SCHOOLS 8	/* the featured schools: four per quarter (fourth, this) */
#define SCHOOLS_MAX 64	/* every school inspected last year (the first 64) */
#define NLEAVES 11	/* the quarterly sheet's scored items */
#define INSPECTORS 3	/* ducha01…03 */
#define QUARTERS 5	/* plans: last year's four quarters and this one */

struct school {
	int64_t org_id;
	char path[256];
};

/* The quarterly sheet's leaves (tenths) as shipped. */
static const char *const leaf[NLEAVES] = { "1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2",
	"4.1", "4.2", "5.1", "5.2" };
static const int64_t leaf_max[NLEAVES] = { 100, 80, 70, 100, 50, 100, 50, 100, 100, 100, 150 };
/* Tenths deducted per school and item: realistic totals 78.5 … 97.0. */
static const int64_t cut[SCHOOLS][NLEAVES] = {
	{ 0, 5, 0, 0, 0, 10, 0, 0, 5, 0, 10 },
	{ 10, 10, 5, 20, 10, 15, 10, 10, 20, 15, 40 },
	{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },	/* vetoed: no organizational life */
	{ 5, 0, 5, 0, 5, 5, 0, 0, 10, 0, 0 },
	{ 0, 0, 0, 5, 0, 0, 5, 0, 0, 10, 10 },
	{ 20, 10, 10, 10, 5, 20, 10, 15, 20, 15, 20 },
	{ 5, 5, 0, 0, 0, 10, 0, 5, 0, 0, 15 },
	{ 10, 5, 5, 10, 5, 10, 5, 10, 10, 5, 20 },
};
#define VETOED 2

static const char *const who_sys = "system";

/* The first SCHOOLS_MAX school-level party committees, in path order. */
static enum err
load_schools(struct db *db, struct school *v, int *n)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT id, path FROM org WHERE kind = 'party_committee'"
	    " AND school_id IS NOT NULL ORDER BY path", DB_END);

	if (e)
		return e;
	*n = 0;
	while ((e = db_next(&r)) == ERR_OK && *n < SCHOOLS_MAX) {
		v[*n].org_id = db_i64(&r, 0);
		snprintf(v[*n].path, sizeof(v[*n].path), "%s", db_text(&r, 1));
		(*n)++;
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

/* The demo's inspector accounts ducha01…03 (role inspector): passwords
 * generated and wiped here; `hongyan init --demo` gives each a new one to
 * print, as for quwei01. */
static enum err
inspectors(struct db *db, const struct who *w, int64_t ids[INSPECTORS])
{
	enum err e = ERR_OK;

	for (int i = 0; !e && i < INSPECTORS; i++) {
		char name[24], pw[17] = "";
		struct user_in in = { .username = name, .role = ROLE_INSPECTOR };
		struct problem pb = { 0 };

		snprintf(name, sizeof(name), "ducha%02d", i + 1);
		e = user_create(db, w, &in, 0, &pb, &ids[i], pw);
		sodium_memzero(pw, sizeof(pw));
	}
	return e;
}

/* Which of last year's plans (0…3: its quarters) or this quarter's (4)
 * inspects school i: the first four in last year's fourth quarter, the
 * next four in this quarter and, earlier, with every other school in
 * last year's first three quarters. last_year: the earlier visit. */
static int
quarter_of(int i, int last_year)
{
	if (i < SCHOOLS / 2)
		return 3;
	if (i < SCHOOLS && !last_year)
		return 4;
	return (i - SCHOOLS / 2) % 3;
}

/* The plan of quarter q starting on first: every school it inspects, each
 * by one of the inspectors in turn. */
static enum err
plan(struct db *db, const struct who *w, int64_t sys, int32_t first, const char *name,
    int q, const struct school *s, int ns, const int64_t insp[INSPECTORS], int64_t *id)
{
	struct plan_assignment as[SCHOOLS_MAX];
	char from[11], to[11];
	struct plan_in in = { .name = name, .kind = "quarterly_inspection", .period_start = from,
		.period_end = to, .system_id = sys, .assign = as };
	struct problem pb = { 0 };

	for (int i = 0; i < ns; i++)
		if (quarter_of(i, 0) == q || quarter_of(i, 1) == q)
			as[in.nassign++] = (struct plan_assignment){ .org_id = s[i].org_id, .inspector_id =
				insp[i % INSPECTORS] };
	date_format(first, from);
	date_format(date_quarter_last(first), to);
	return plan_save(db, w, 0, &in, &pb, id);
}

/* Tenths deducted from leaf k for a school beyond the featured eight: 0 to
 * 2.5 points each, never none at all (5 and 6 are coprime). */
static int64_t
cut_of(int i, int k)
{
	return i < SCHOOLS ? cut[i][k] : ((i * 7 + k * 5) % 6) * 5;
}

/* One confirmed inspection of school i on day under plan_id. */
static enum err
inspect(struct db *db, const struct who *w, int64_t plan_id, const struct school *s, int i,
    int32_t day, int64_t *id)
{
	char on[11];
	struct insp_score sc[NLEAVES + 1];
	struct inspection_in in = { .plan_id = plan_id, .org_id = s->org_id,
		.kind = "quarterly_inspection", .inspected_on = on,
		.note = i == VETOED ? "本季度未开展任何组织生活，一票否决" : "现场查阅台账、座谈了解情况" };
	struct problem pb = { 0 };
	int ns = 0;
	enum err e;

	date_format(day, on);
	for (int k = 0; k < NLEAVES; k++)
		sc[ns++] = (struct insp_score){ { leaf[k], leaf_max[k] - cut_of(i, k), 0, 0 },
			cut_of(i, k) ? "台账不完整，已当场指出" : NULL };
	if (i == VETOED)
		sc[ns++] = (struct insp_score){ { "6.1", 0, 1, 0 }, "会议记录为空" };
	e = inspection_create(db, w, &in, &pb, id);
	if (!e)
		e = inspection_put_scores(db, w, *id, sc, ns, &pb);
	if (!e)
		e = inspection_act(db, w, *id, INSP_SUBMIT, &pb);
	if (!e)
		e = inspection_act(db, w, *id, INSP_CONFIRM, &pb);
	return e;
}

struct step {
	const char *title, *severity, *indicator;
	int nsteps;		/* 0 issued, 1 rectifying, 2 submitted, 3 returned, 4 verified */
	int overdue_by;		/* days the deadline lies behind today, 0: in the future */
};

static const struct step steps[] = {
	{ "党课记录缺少讲稿", "minor", "1.2", 0, 0 },
	{ "党费台账未按月登记", "major", "2.1", 1, 0 },
	{ "意识形态研判记录不全", "minor", "4.2", 2, 0 },
	{ "上季度问题整改台账缺失", "major", "5.2", 3, 0 },
	{ "主题党日活动照片缺失", "minor", "1.3", 4, 0 },
	{ "支委会未按月召开", "critical", "1.1", 1, 9 },
	{ "培养联系人考察记录缺失", "major", "3.2", 0, 4 },
};

/* A secretary of the school, for the responsible side's steps. */
static void
secretary_of(const struct school *s, struct who *sec, const char **path, int64_t *id)
{
	*path = s->path;
	*id = s->org_id;
	*sec = (struct who){ .username = who_sys, .role = ROLE_SECRETARY, .nscope = 1,
		.paths = path, .scope_ids = id };
}

static enum err
finding(struct db *db, const struct who *w, int64_t insp, const struct school *s,
    const struct step *st, int32_t today)
{
	char deadline[11], due[11], issued[11];
	struct finding_in in = { .title = st->title, .severity = st->severity,
		.detail = "季度督查中发现，须按期整改并上传佐证。",
		.evidence_required = "整改报告及相关台账", .deadline = deadline };
	struct problem pb = { 0 };
	struct who sec;
	const char *path;
	int64_t oid, id;
	enum err e;

	date_format(today + 30, deadline);
	e = inspection_issue_finding(db, w, insp, &in, st->indicator, &pb, &id);
	if (!e && st->nsteps >= 1) {
		secretary_of(s, &sec, &path, &oid);
		e = finding_act(db, &sec, id, FA_START, NULL, &pb);
	}
	if (!e && st->nsteps >= 2)
		e = finding_act(db, &sec, id, FA_SUBMIT, "已补齐相关记录，整改报告经支委会审议通过。", &pb);
	if (!e && st->nsteps == 3)
		e = finding_act(db, w, id, FA_RETURN, "佐证材料不足：缺少整改后的台账照片。", &pb);
	if (!e && st->nsteps == 4)
		e = finding_act(db, w, id, FA_VERIFY, "整改到位，予以销号。", &pb);
	if (!e && st->nsteps == 4) {
		/* Closed today after three weeks, so the board's days to close
		 * is not 0 (the store dates an issue today). */
		date_format(today - 21, issued);
		e = db_exec(db, "UPDATE finding SET issued_on = ?, issued_day = ? WHERE id = ?",
		    DB_TEXT(issued), DB_I64(today - 21), DB_I64(id), DB_END);
	}
	if (!e && st->overdue_by) {
		/* Deadlines cannot be set in the past through the store. */
		date_format(today - st->overdue_by, due);
		date_format(today - st->overdue_by - 30, issued);
		e = db_exec(db, "UPDATE finding SET deadline = ?, issued_on = ? WHERE id = ?",
		    DB_TEXT(due), DB_TEXT(issued), DB_I64(id), DB_END);
	}
	return e;
}

static enum err
system_id(struct db *db, int64_t *id)
{
	return db_get_i64(db, id, "SELECT id FROM indicator_system WHERE code = ?"
	    " AND status = 'published' ORDER BY version DESC", DB_TEXT("quarterly-inspection"),
	    DB_END);
}

/* Last year's finding of school i, on its inspection insp of day, all
 * closed by now (so this year's open and overdue findings stay the four
 * schools' above): most on time, i % 10 of 7 to 9 ten days late. Dated
 * back through the table, as the store dates every step today. */
static const char *const last_titles[] = {
	"“三会一课”记录不规范", "党费收缴台账不完整", "主题党日活动记录缺少照片",
	"发展党员材料归档不全", "意识形态研判记录不全", "组织生活会问题清单未销号",
};

static enum err
last_year_finding(struct db *db, const struct who *w, int64_t insp, const struct school *s,
    int i, int32_t day, int32_t today)
{
	char deadline[11], due[11], issued[11], closed[11];
	struct finding_in in = { .title = last_titles[i % ARRAY_SIZE(last_titles)],
		.severity = i % 3 ? "minor" : "major", .detail = "季度督查中发现，须按期整改并上传佐证。",
		.evidence_required = "整改报告及相关台账", .deadline = deadline };
	int32_t dl = day + 30, shut = i % 10 >= 7 ? dl + 10 : dl - 3 - i % 7;
	struct problem pb = { 0 };
	struct who sec;
	const char *path;
	int64_t oid, id;
	enum err e;

	date_format(today + 30, deadline);
	e = inspection_issue_finding(db, w, insp, &in, leaf[i % NLEAVES], &pb, &id);
	secretary_of(s, &sec, &path, &oid);
	if (!e)
		e = finding_act(db, &sec, id, FA_START, NULL, &pb);
	if (!e)
		e = finding_act(db, &sec, id, FA_SUBMIT, "已按要求整改，相关台账已补齐。", &pb);
	if (!e)
		e = finding_act(db, w, id, FA_VERIFY, "整改到位，予以销号。", &pb);
	date_format(day, issued);
	date_format(dl, due);
	date_format(shut, closed);
	if (!e)
		e = db_exec(db, "UPDATE finding SET issued_on = ?, issued_day = ?, deadline = ?,"
		    " closed_on = ?, closed_day = ? WHERE id = ?",
		    DB_TEXT(issued), DB_I64(day), DB_TEXT(due), DB_TEXT(closed), DB_I64(shut),
		    DB_I64(id), DB_END);
	if (!e)
		e = db_exec(db, "UPDATE finding_event SET at = CASE state WHEN 'issued' THEN ?"
		    " WHEN 'rectifying' THEN ? WHEN 'submitted' THEN ? ELSE ? END WHERE finding_id = ?",
		    DB_I64((int64_t)day * 86400 + 36000), DB_I64((int64_t)(day + 2) * 86400 + 36000),
		    DB_I64((int64_t)(shut - 1) * 86400 + 36000), DB_I64((int64_t)shut * 86400 + 36000),
		    DB_I64(id), DB_END);
	return e;
}

/* The day of school i's visit in quarter q (starting on first): the
 * featured four of last year's fourth quarter weekly from the 21st, the
 * rest a week apart through their quarter, never after today. */
static int32_t
visit_day(int i, int q, int32_t first, int32_t today)
{
	int32_t day, last = date_quarter_last(first);

	if (q == 3 && i < SCHOOLS / 2)
		day = first + 20 + 7 * i;
	else if (q == 4)
		day = first + 3 * (i - SCHOOLS / 2);
	else
		day = first + 15 + 7 * ((i - SCHOOLS / 2) / 3);
	day = day > last ? last : day;
	return day > today ? today : day;
}

enum err
demo_supervise_generate(struct db *db, int32_t today)
{
	static const char *const names[QUARTERS] = { "上年度第一季度党建督查",
		"上年度第二季度党建督查", "上年度第三季度党建督查", "上年度第四季度党建督查",
		"本季度党建督查" };
	struct who w = WHO_SYSTEM;
	struct school s[SCHOOLS_MAX];
	int32_t first[QUARTERS];
	int64_t sys = 0, n = 0, ids[SCHOOLS], plans[QUARTERS], insp[INSPECTORS];
	int ns = 0;
	enum err e;

	for (int q = 0; q < 4; q++)
		first[q] = date_from_ymd(date_year(today) - 1, 1 + 3 * q, 1);
	first[4] = date_quarter_first(today);
	e = db_get_i64(db, &n, "SELECT COUNT(*) FROM inspection", DB_END);
	if (!e && n)
		return ERR_CONFLICT;
	if (!e)
		e = system_id(db, &sys);
	if (!e)
		e = load_schools(db, s, &ns);
	if (!e && ns < SCHOOLS)
		return ERR_NOT_FOUND;
	if (!e)
		e = inspectors(db, &w, insp);
	for (int q = 0; !e && q < QUARTERS; q++)
		e = plan(db, &w, sys, first[q], names[q], q, s, ns, insp, &plans[q]);
	/* Last year: every school once, and a finding of each visit but the
	 * fourth quarter's four (their story is the veto and the review). */
	for (int i = 0; !e && i < ns; i++) {
		int q = quarter_of(i, 1);
		int32_t day = visit_day(i, q, first[q], today);
		int64_t id;

		e = inspect(db, &w, plans[q], &s[i], i, day, &id);
		if (!e && i >= SCHOOLS / 2)
			e = last_year_finding(db, &w, id, &s[i], i, day, today);
	}
	for (int i = SCHOOLS / 2; !e && i < SCHOOLS; i++)
		e = inspect(db, &w, plans[4], &s[i], i, visit_day(i, 4, first[4], today), &ids[i]);
	for (int i = 0; !e && i < (int)ARRAY_SIZE(steps); i++) {
		int k = SCHOOLS / 2 + i % (SCHOOLS / 2);

		e = finding(db, &w, ids[k], &s[k], &steps[i], today);
	}
	return e;
}

enum err
demo_assessment_generate(struct db *db, int32_t today)
{
	struct who w = WHO_SYSTEM;
	struct assess_run_stats st;
	struct problem pb = { 0 };

	return assessment_run(db, &w, date_year(today) - 1, &pb, &st);
}
