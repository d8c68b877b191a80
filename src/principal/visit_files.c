/* visit_files.c: the photos and files of a routine visit (挂牌督导, PRIN-10)
 * as an owner of attachments (attach.h, issue 19): the visit's 督学 adds
 * and removes them while the visit is a draft; whoever reads the visit
 * (visit.h) reads them; a visit not readable is not found. */
#include "core/common.h"
#include "principal/visit.h"

#include "attach/attach.h"
#include "core/filestore.h"

static enum err
may(struct db *db, const struct who *w, int64_t id, enum attach_op op,
    const struct attachment *f, struct problem *pb)
{
	char st[16];
	int own = 0;
	enum err e = visit_state(db, w, id, st, &own);

	(void)f;
	if (e || op == ATTACH_LIST || op == ATTACH_READ)
		return e;
	if (!own)
		return problem_set(pb, ERR_FORBIDDEN, "forbidden", "只有本次督导的责任督学可以上传或删除材料");
	if (strcmp(st, "draft"))
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    "督导记录已提交（submitted），不能再上传或删除材料");
	return ERR_OK;
}

const struct attach_owner visit_files = {
	.name = "prin_visit",
	.path = "prin-visits",
	.kinds = FILESTORE_DOCUMENTS,
	.read_roles = ROLES_SUPERVISION | ROLE_PRINCIPAL,
	.write_roles = ROLE_SUPERVISOR,
	.may = may,
};
