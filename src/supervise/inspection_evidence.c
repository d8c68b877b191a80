/* inspection_evidence.c: automatic evidence for an inspection: what the
 * platform already knows about a school, read through the other areas'
 * own scoped functions (compliance engine, dues ledger, transfers) and the
 * findings table, so the inspector checks rather than re-collects. */
#include "core/common.h"
#include "supervise/inspection.h"
#include "core/dates.h"
#include "party/compliance.h"
#include "party/dues.h"
#include "party/transfer.h"
#include "supervise/inspection_scope.h"

static void
item(struct insp_evidence_item *it, enum insp_evidence k, const char *label)
{
	memset(it, 0, sizeof(*it));
	it->kind = k;
	it->label = label;
	it->level = "ok";
}

static void
tally(void *ctx, const struct compliance_row *o, const struct compliance_item *it, int n)
{
	(void)o;
	compliance_tally_add(ctx, it, n);
}

/* ORG-10…17 over the year: done items per decided ones. */
static enum err
compliance(struct db *db, const struct who *w, int64_t org_id, int year,
    struct insp_evidence_item *it)
{
	struct compliance_tally t = { 0 };
	struct period p;
	int64_t pm;
	enum err e;

	item(it, EV_COMPLIANCE, "组织生活合规率");
	period_make(CU_YEAR, year, 0, &p);
	if ((e = compliance_board(db, w, org_id, &p, date_today(), tally, &t)))
		return e;
	pm = compliance_tally_permille(&t);
	snprintf(it->value, sizeof(it->value), "%" PRId64 ".%" PRId64 "%%", pm / 10, pm % 10);
	snprintf(it->detail, sizeof(it->detail), "%d年：%" PRId64 "个支部/党小组，已完成%" PRId64
	    "项，逾期%" PRId64 "项，进行中%" PRId64 "项（ORG-10至ORG-17）", year, t.orgs, t.done,
	    t.overdue, t.due);
	it->level = t.overdue ? "warning" : "ok";
	return ERR_OK;
}

static void
no_line(void *ctx, const struct dues_line *l)
{
	(void)ctx;
	(void)l;
}

/* DUES-09: members with unpaid months as of the year's last month (or now). */
static enum err
dues(struct db *db, const struct who *w, int64_t org_id, int year, struct insp_evidence_item *it)
{
	int32_t today = date_today(), month = 0;
	struct dues_totals t = { 0 };
	char ms[16];
	enum err e;

	item(it, EV_DUES, "党费欠缴");
	if (year >= date_year(today))
		snprintf(ms, sizeof(ms), "%04d-%02d", (int)date_year(today),
		    (int)date_to_ymd(today).m);
	else
		snprintf(ms, sizeof(ms), "%04d-12", year);
	if (dues_month_parse(ms, &month))
		return ERR_OK;
	if ((e = dues_ledger(db, w, org_id, month, 1, 1, no_line, NULL, &t)))
		return e;
	snprintf(it->value, sizeof(it->value), "%" PRId64 "人", t.arrears_members);
	snprintf(it->detail, sizeof(it->detail), "截至%s：党员%" PRId64 "人，有欠缴月份的%" PRId64
	    "人，其中达到提醒线的%" PRId64 "人、达到处置线的%" PRId64 "人（DUES-09）", ms, t.members,
	    t.arrears_members, t.warnings, t.flags);
	it->level = t.flags ? "critical" : t.arrears_members ? "warning" : "ok";
	return ERR_OK;
}

static void
no_transfer(void *ctx, const struct transfer *t)
{
	(void)ctx;
	(void)t;
}

/* XFER-03: transfers of the school past their letter or receipt deadline. */
static enum err
transfers(struct db *db, const struct who *w, int64_t org_id, struct insp_evidence_item *it)
{
	struct transfer_filter f = { .org_id = org_id, .overdue = 1, .page = 1, .per_page = 1 };
	int64_t total = 0;
	enum err e;

	item(it, EV_TRANSFERS, "组织关系转接逾期");
	if ((e = transfer_list(db, w, &f, no_transfer, NULL, &total)))
		return e;
	snprintf(it->value, sizeof(it->value), "%" PRId64 "件", total);
	snprintf(it->detail, sizeof(it->detail), total ? "有%" PRId64 "件转接超过介绍信有效期或回执期限"
	    "（XFER-03）" : "没有逾期的转接（XFER-03）", total);
	it->level = total ? "warning" : "ok";
	return ERR_OK;
}

/* Open and overdue findings of the subtree (the path was proved visible). */
static enum err
findings(struct db *db, const char *path, struct insp_evidence_item *it)
{
	char up[256], today[11];
	struct db_rows r;
	int64_t open = 0, overdue = 0;
	enum err e;

	item(it, EV_FINDINGS, "整改事项");
	scope_path_upper(path, up);
	date_format(date_today(), today);
	e = db_query(db, &r, "SELECT COALESCE(SUM(CASE WHEN state <> 'verified' THEN 1 ELSE 0 END), 0),"
	    " COALESCE(SUM(CASE WHEN state <> 'verified' AND deadline < ? THEN 1 ELSE 0 END), 0)"
	    " FROM finding WHERE org_path >= ? AND org_path < ?", DB_TEXT(today), DB_TEXT(path),
	    DB_TEXT(up), DB_END);
	if (e)
		return e;
	if (!(e = db_next(&r))) {
		open = db_i64(&r, 0);
		overdue = db_i64(&r, 1);
	}
	db_rows_close(&r);
	if (e)
		return e;
	snprintf(it->value, sizeof(it->value), "未销号%" PRId64 "项", open);
	snprintf(it->detail, sizeof(it->detail), "未销号整改事项%" PRId64 "项，其中逾期%" PRId64 "项",
	    open, overdue);
	it->level = overdue ? "critical" : open ? "warning" : "ok";
	return ERR_OK;
}

enum err
inspection_evidence(struct db *db, const struct who *w, int64_t org_id, const char *path,
    int year, struct insp_evidence_item *out)
{
	int64_t id = org_id;
	struct who nw;
	enum err e;

	insp_narrow(w, &path, &id, &nw);
	if ((e = compliance(db, &nw, org_id, year, &out[EV_COMPLIANCE])) ||
	    (e = dues(db, &nw, org_id, year, &out[EV_DUES])) ||
	    (e = transfers(db, &nw, org_id, &out[EV_TRANSFERS])))
		return e;
	return findings(db, path, &out[EV_FINDINGS]);
}
