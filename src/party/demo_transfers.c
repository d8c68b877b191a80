/* demo_transfers.c: the demo rows of demo_transfers.h. */
#include "core/common.h"
#include "party/demo_transfers.h"

#include "auth/who.h"
#include "core/dates.h"
#include "db/db.h"
#include "party/member.h"
#include "party/transfer.h"

#define BRANCHES 3


/* The first BRANCHES branches of the last school (in path order) that
 * have at least two active members each, with two members of each. */
static enum err
load_branches(struct db *db, int64_t br[BRANCHES], int64_t mem[BRANCHES][2])
{
	struct db_rows r;
	int n = 0;
	enum err e = db_query(db, &r, "SELECT o.id FROM org o WHERE o.kind = 'branch' AND"
	    " o.member_count >= 2 ORDER BY o.path DESC LIMIT ?", DB_I64(BRANCHES), DB_END);

	if (e)
		return e;
	while (n < BRANCHES && (e = db_next(&r)) == ERR_OK)
		br[n++] = db_i64(&r, 0);
	db_rows_close(&r);
	if (n < BRANCHES)
		return ERR_NOT_FOUND;
	for (int i = 0; i < BRANCHES && !e; i++) {
		int k = 0;

		if ((e = db_query(db, &r, "SELECT id FROM member WHERE org_id = ? AND state = 'active'"
		    " ORDER BY id DESC LIMIT 2", DB_I64(br[i]), DB_END)))
			break;
		while (k < 2 && (e = db_next(&r)) == ERR_OK)
			mem[i][k++] = db_i64(&r, 0);
		db_rows_close(&r);
		e = k == 2 ? ERR_OK : ERR_NOT_FOUND;
	}
	return e;
}

static enum err
act(struct db *db, const struct who *w, int64_t id, enum transfer_action a,
    const struct transfer_act_in *in)
{
	struct problem pb = { 0 };

	return transfer_act(db, w, id, a, in, &pb);
}

/* An internal or outgoing transfer taken through approve and send (letter
 * sent on sent), then received on received when given. */
static enum err
sent(struct db *db, const struct who *w, const struct transfer_in *in, const char *letter,
    const char *on, const char *received)
{
	struct transfer_act_in send = { .letter_no = letter, .sent_on = on };
	struct transfer_act_in recv = { .received_on = received };
	struct problem pb = { 0 };
	int64_t id = 0;
	enum err e = transfer_create(db, w, in, &pb, &id);

	if (!e)
		e = act(db, w, id, XFER_APPROVE, &(struct transfer_act_in){ .note = "同意转出" });
	if (!e)
		e = act(db, w, id, XFER_SEND, &send);
	if (!e && received)
		e = act(db, w, id, XFER_RECEIVE, &recv);
	return e;
}

/* An incoming letter with the person's record; received on received
 * when given, else still in transit (待转入). */
static enum err
arriving(struct db *db, const struct who *w, int64_t branch, const char *name,
    const char *gender, const char *born, const char *joined, const char *letter,
    const char *on, const char *received)
{
	struct member m = { .name = name, .gender = gender, .birth_date = born,
		.category = "in_service", .status = "full", .joined_on = joined,
		.full_on = NULL, .ethnicity = "汉族", .education = "本科", .title = "中学一级教师",
		.post = "教师" };
	struct transfer_in in = { .to_org_id = branch, .member = &m, .with_member = 1,
		.direction = "in", .outside_org = "中共重庆市渝北区教育工作委员会",
		.reason = "工作调动", .letter_no = letter, .sent_on = on };
	struct transfer_act_in recv = { .received_on = received };
	struct problem pb = { 0 };
	int64_t id = 0;
	char full_on[11];
	int32_t d;
	enum err e;

	date_parse(joined, &d);
	date_format(transfer_add_months(d, 12), full_on);
	m.full_on = full_on;
	e = transfer_create(db, w, &in, &pb, &id);
	if (!e && received)
		e = act(db, w, id, XFER_RECEIVE, &recv);
	return e;
}

enum err
demo_transfers_generate(struct db *db, int32_t today)
{
	struct who w = WHO_SYSTEM;
	int64_t br[BRANCHES], mem[BRANCHES][2];
	char d40[11], d30[11], d20[11], d10[11], d5[11], d120[11];
	enum err e = load_branches(db, br, mem);

	if (e)
		return e;
	date_format(today - 120, d120);
	date_format(today - 40, d40);
	date_format(today - 30, d30);
	date_format(today - 20, d20);
	date_format(today - 10, d10);
	date_format(today - 5, d5);
	/* internal, done; internal, in transit past its 3 months (XFER-03) */
	e = sent(db, &w, &(struct transfer_in){ .member_id = mem[0][0], .to_org_id = br[1],
	    .direction = "internal", .reason = "岗位调整" }, "渝红教组转〔2026〕11号", d40, d30);
	if (!e)
		e = sent(db, &w, &(struct transfer_in){ .member_id = mem[1][0], .to_org_id = br[2],
		    .direction = "internal", .reason = "交流轮岗" }, "渝红教组转〔2026〕07号", d120, NULL);
	/* out, received there, its receipt not yet back */
	if (!e)
		e = sent(db, &w, &(struct transfer_in){ .member_id = mem[2][0],
		    .direction = "out", .outside_org = "中共重庆市沙坪坝区教育工作委员会",
		    .reason = "调往区外学校" }, "渝红教组转〔2026〕15号", d20, d10);
	/* in, with the records: one waiting, one received */
	if (!e)
		e = arriving(db, &w, br[0], "周晓岚", "female", "1990-04-12", "2016-06-28",
		    "渝北教组转〔2026〕23号", d5, NULL);
	if (!e)
		e = arriving(db, &w, br[1], "邓明远", "male", "1986-09-03", "2012-06-20",
		    "渝北教组转〔2026〕19号", d20, d10);
	return e;
}
