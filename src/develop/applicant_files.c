/* applicant_files.c: the documents of each development step (申请书,
 * 思想汇报, 政审材料, 入党志愿书 ...) as an owner of attachments (attach.h):
 * the part is the step (1..PIPE_STEPS, ?step=); staff read them in the
 * applicant's scope, the writers in scope add and delete them. */
#include "core/common.h"
#include "develop/applicant.h"

#include "attach/attach.h"
#include "core/filestore.h"
#include "http/json_out.h"

#define WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)

static enum err
may(struct db *db, const struct who *w, int64_t id, enum attach_op op,
    const struct attachment *f, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct applicant ap;
	enum err e = applicant_get(db, w, id, &a, &ap);

	(void)f;
	(void)pb;
	arena_release(&a);
	/* Only writers change them (the routes say so too). */
	if (!e && op != ATTACH_LIST && op != ATTACH_READ && !(w->role & WRITERS))
		e = ERR_NOT_FOUND;
	return e;
}

/* The keys the applicant's detail had before issue 19 (the console reads
 * "step"). */
static void
json_extra(struct jw *w, const struct attachment *f)
{
	jw_kint(w, "applicant_id", f->owner_id);
	jw_kint(w, "step", f->part);
	jw_ktime(w, "at", f->at);
}

const struct attach_owner applicant_files = {
	.name = "applicant",
	.path = "applicants",
	.legacy_table = "applicant_file",
	.kinds = FILESTORE_DOCUMENTS,
	.read_roles = ROLES_STAFF,
	.write_roles = WRITERS,
	.part_param = "step",
	.part_max = PIPE_STEPS,
	.may = may,
	.json_extra = json_extra,
};
