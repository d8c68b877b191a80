/* report_files.c: the files of a principal's yearly self-report (述职材料,
 * PRIN-03) as an owner of attachments (attach.h, issue 19): the principal
 * adds and removes them while the report is a draft; whoever may see the
 * tenure (the office, the school's 督学, the principal) reads them. */
#include "core/common.h"
#include "principal/principal.h"

#include "attach/attach.h"
#include "core/filestore.h"
#include "principal/tenure.h"

static enum err
may(struct db *db, const struct who *w, int64_t id, enum attach_op op,
    const struct attachment *f, struct problem *pb)
{
	char st[16];
	enum err e = report_state(db, w, id, st);

	(void)f;
	if (e || op == ATTACH_LIST || op == ATTACH_READ)
		return e;
	if (w->role != ROLE_PRINCIPAL)
		return problem_set(pb, ERR_FORBIDDEN, "forbidden", "只有校长本人可以上传或删除述职材料");
	if (!report_next(st, RA_EDIT))
		return problem_set(pb, ERR_CONFLICT, "invalid_transition", report_conflict_message(st));
	return ERR_OK;
}

const struct attach_owner report_files = {
	.name = "tenure_report",
	.path = "tenure-reports",
	.kinds = FILESTORE_DOCUMENTS,
	.read_roles = ROLES_SUPERVISION | ROLE_PRINCIPAL,
	.write_roles = ROLE_PRINCIPAL,
	.may = may,
};
