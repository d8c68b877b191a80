/* demo_supervise.c: deterministic supervision rows for the demo (see
 * demo_supervise.h). */
#include "core/common.h"
#include "supervise/demo_supervise.h"

#include "core/dates.h"
#include "db/db.h"
#include "supervise/assessment.h"
#include "supervise/finding.h"
#include "supervise/inspection.h"

#define SCHOOLS 8	/* inspected schools: four per quarter */
#define NLEAVES 11	/* the quarterly sheet's scored items */

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

/* The first SCHOOLS school-level party committees, in path order. */
static enum err
load_schools(struct db *db, struct school *v, int *n)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT id, path FROM org WHERE kind = 'party_committee'"
	    " AND school_id IS NOT NULL ORDER BY path", DB_END);

	if (e)
		return e;
	*n = 0;
	while ((e = db_next(&r)) == ERR_OK && *n < SCHOOLS) {
		v[*n].org_id = db_i64(&r, 0);
		snprintf(v[*n].path, sizeof(v[*n].path), "%s", db_text(&r, 1));
		(*n)++;
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

static enum err
plan(struct db *db, const struct who *w, int64_t sys, int32_t first, const char *name)
{
	char from[11], to[11];
	struct plan_in in = { .name = name, .kind = "quarterly_inspection", .period_start = from,
		.period_end = to, .system_id = sys };
	struct problem pb = { 0 };
	int64_t id;

	date_format(first, from);
	date_format(date_quarter_last(first), to);
	return plan_save(db, w, 0, &in, &pb, &id);
}

/* One confirmed inspection of school i on day. */
static enum err
inspect(struct db *db, const struct who *w, int64_t sys, const struct school *s, int i,
    int32_t day, int64_t *id)
{
	char on[11];
	struct insp_score sc[NLEAVES + 1];
	struct inspection_in in = { .org_id = s->org_id, .system_id = sys,
		.kind = "quarterly_inspection", .inspected_on = on,
		.note = i == VETOED ? "本季度未开展任何组织生活，一票否决" : "现场查阅台账、座谈了解情况" };
	struct problem pb = { 0 };
	int ns = 0;
	enum err e;

	date_format(day, on);
	for (int k = 0; k < NLEAVES; k++)
		sc[ns++] = (struct insp_score){ { leaf[k], leaf_max[k] - cut[i][k], 0 },
			cut[i][k] ? "台账不完整，已当场指出" : NULL };
	if (i == VETOED)
		sc[ns++] = (struct insp_score){ { "6.1", 0, 1 }, "会议记录为空" };
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

enum err
demo_supervise_generate(struct db *db, int32_t today)
{
	struct who w = WHO_SYSTEM;
	struct school s[SCHOOLS];
	int32_t now_q = date_quarter_first(today);
	int32_t last_q = date_from_ymd(date_year(today) - 1, 10, 1);
	struct assess_run_stats st;
	struct problem pb = { 0 };
	int64_t sys = 0, n = 0, ids[SCHOOLS];
	int ns = 0;
	enum err e;

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
		e = plan(db, &w, sys, last_q, "上年度第四季度党建督查");
	if (!e)
		e = plan(db, &w, sys, now_q, "本季度党建督查");
	for (int i = 0; !e && i < SCHOOLS; i++) {
		int32_t day = i < SCHOOLS / 2 ? last_q + 20 + 7 * i : now_q + 3 * (i - SCHOOLS / 2);

		e = inspect(db, &w, sys, &s[i], i, day > today ? today : day, &ids[i]);
	}
	for (int i = 0; !e && i < (int)ARRAY_SIZE(steps); i++) {
		int k = SCHOOLS / 2 + i % (SCHOOLS / 2);

		e = finding(db, &w, ids[k], &s[k], &steps[i], today);
	}
	if (!e)
		e = assessment_run(db, &w, date_year(today) - 1, &pb, &st);
	return e;
}
