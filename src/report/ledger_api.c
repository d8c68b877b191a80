/* ledger_api.c: the ledgers as .xlsx downloads (issue 3, "Ledgers"). */
#include "core/common.h"
#include "report/ledger_api.h"
#include "http/listq.h"
#include "http/reply.h"
#include "report/ledger.h"
#include "report/xlsx.h"

#include <unistd.h>

static enum err
export(struct req *rq, struct reply *rp, enum ledger_kind kind, const char *name)
{
	struct problem *pb = &rp->problem;
	char path[64];
	int64_t org_id = 0;
	int year = 0;
	enum err e;

	if (!listq_id(rq, pb, "org_id", &org_id) && !org_id)
		problem_field(pb, "org_id", "必填");
	ledger_check_year(req_arg(rq, "year"), &year, pb);
	if (pb->nfields)
		return ERR_INVALID;
	if ((e = xlsx_temp(path)))
		return e;
	if ((e = ledger_export(rq->db, &rq->who, kind, org_id, year, path, NULL, NULL))) {
		unlink(path);
		return e;
	}
	return reply_file(rp, path, XLSX_MIME, arena_printf(&rq->arena,
	    "attachment; filename=\"%s-%" PRId64 "-%d.xlsx\"", name, org_id, year));
}

static enum err
api_ledgers_meetings(struct req *rq, struct reply *rp)
{
	return export(rq, rp, LEDGER_MEETINGS, "meetings");
}

static enum err
api_ledgers_dues(struct req *rq, struct reply *rp)
{
	return export(rq, rp, LEDGER_DUES, "dues");
}

const struct route ledger_routes[] = {
	{ "GET", "/api/v1/ledgers/meetings.xlsx", api_ledgers_meetings, ROLES_STAFF, F_HEAVY },
	{ "GET", "/api/v1/ledgers/dues.xlsx", api_ledgers_dues, ROLES_STAFF, F_HEAVY },
	ROUTES_END,
};
