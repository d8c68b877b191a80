/* demo_pipeline.c: demo people in the development pipeline. */
#include "core/common.h"
#include "develop/demo_pipeline.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "core/log.h"
#include "db/db.h"
#include "develop/applicant.h"

#define DEMO_COMMITTEES 12

static const struct who sys = WHO_SYSTEM;

/* A valid ID number (area 500112, not the demo members' areas) for person k. */
static void
id_number(int k, int32_t birth, char out[19])
{
	struct ymd t = date_to_ymd(birth);

	snprintf(out, 19, "500112%04d%02d%02d%03d", t.y, t.m, t.d, 100 + k % 900);
	out[17] = id_card_check_char(out);
	out[18] = '\0';
}

static enum err
step(struct db *db, int64_t id, int no, int32_t day, const int64_t *people, int npeople)
{
	struct applicant_step_in in = { .step = no, .days = -1, .hours = -1, .expected = -1,
		.present = -1, .yes_votes = -1, .written = -1, .extend_months = -1,
		.dues_base_fen = -1 };
	struct problem pb = { 0 };
	char d[11];

	date_format(day, d);
	in.date = d;
	if (no == 2) {
		in.talkers = people;
		in.ntalkers = npeople ? 1 : 0;
	}
	if (no == 5) {
		in.contacts = people;
		in.ncontacts = npeople;
	}
	if (no == 9) {
		in.sponsors = people;
		in.nsponsors = npeople;
	}
	if (no == 10)
		in.outcome = "passed";
	if (no == 11)
		in.days = 3;
	return applicant_record(db, &sys, id, &in, &pb);
}

/* One person: applied `ago` days before today, steps 2..upto after it. */
static enum err
person(struct db *db, int64_t org_id, int k, int32_t today, int ago, int upto,
    const int64_t *full, int nfull)
{
	static const char *const names[] = { "王雨桐", "李思远", "张雅琪", "刘子涵", "陈嘉怡",
		"杨浩然", "赵欣悦", "黄一鸣", "周若曦", "吴俊杰", "徐可馨", "孙博文" };
	static const int offs[] = { 0, 0, 10, 100, 110, 110, 280, 475, 480, 485, 490, 495, 500 };
	struct applicant_in in = { .org_id = org_id, .name = names[k % 12], .education = "大学本科",
		.post = "教师", .category = "in_service" };
	struct problem pb = { 0 };
	char idn[19], applied[11];
	int32_t start = today - ago;
	int64_t id;
	enum err e;

	id_number(k, date_from_ymd(1988 + k % 10, 1 + k % 12, 1 + k % 28), idn);
	date_format(start, applied);
	in.id_card = idn;
	in.applied_on = applied;
	if ((e = applicant_create(db, &sys, &in, &pb, &id)))
		return e == ERR_CONFLICT ? ERR_OK : e;	/* the number is taken: skip */
	for (int no = 2; !e && no <= upto; no++)
		e = step(db, id, no, start + offs[no], full, no == 2 ? 1 : nfull);
	/* talkers: the first full member; contacts and sponsors: both */
	if (e)
		log_error("demo: development step failed (%s)", pb.nfields ? pb.fields[0].msg : "");
	return e;
}

static enum err
full_members(struct db *db, int64_t branch, int64_t out[2], int *n)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT id FROM member WHERE org_id = ? AND status = 'full'"
	    " AND state = 'active' ORDER BY id LIMIT 2", DB_I64(branch), DB_END);

	*n = 0;
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		out[(*n)++] = db_i64(&r, 0);
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
demo_pipeline_generate(struct db *db, int32_t today)
{
	int64_t branches[DEMO_COMMITTEES], full[2];
	int nb = 0, nfull, k = 0;
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT MIN(b.id) FROM org p JOIN org b ON b.parent_id = p.id"
	    " AND b.kind = 'branch' WHERE p.kind = 'party_committee' GROUP BY p.id ORDER BY p.id"
	    " LIMIT ?", DB_I64(DEMO_COMMITTEES), DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK && nb < DEMO_COMMITTEES)
		branches[nb++] = db_i64(&r, 0);
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND)
		return e;
	e = ERR_OK;
	for (int i = 0; !e && i < nb; i++) {
		if (!(e = full_members(db, branches[i], full, &nfull)) && nfull)
			e = person(db, branches[i], k++, today, 200, 4, full, nfull);
		if (!e && nfull == 2)
			e = person(db, branches[i], k++, today, 800, 12, full, nfull);
	}
	return e;
}
