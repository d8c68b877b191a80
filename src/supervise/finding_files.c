/* finding_files.c: findings' evidence files (整改佐证材料, issue 4) as an
 * owner of attachments (attach.h): read in the finding's scope; added and
 * deleted only by the responsible organization's secretary while the
 * finding is being rectified (rectifying or returned). A file's part is
 * the evidence row of the submission that took it (0: pending, see
 * finding_act's submit); a submitted file is evidence and stays. */
#include "core/common.h"
#include "supervise/finding.h"

#include "attach/attach.h"
#include "core/arena.h"
#include "core/filestore.h"
#include "http/json_out.h"

/* Whether w may add or remove files of finding f now (403 wrong_side,
 * 409 invalid_transition naming the state). */
static enum err
may_change(const struct who *w, const struct finding *f, struct problem *pb)
{
	if (finding_side_of(w->role) != FSIDE_RESPONSIBLE)
		return problem_set(pb, ERR_FORBIDDEN, "wrong_side",
		    "只有责任组织的书记可以上传或删除整改佐证材料");
	if (f->state != FS_RECTIFYING && f->state != FS_RETURNED)
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    finding_conflict_message(f->state));
	return ERR_OK;
}

static enum err
may(struct db *db, const struct who *w, int64_t id, enum attach_op op,
    const struct attachment *file, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct finding f;
	enum err e = finding_get(db, w, id, &a, &f);

	if (!e && op == ATTACH_DELETE && file && file->part)
		e = problem_set(pb, ERR_CONFLICT, "file_submitted", "已随整改材料提交的文件不能删除");
	if (!e && (op == ATTACH_ADD || op == ATTACH_DELETE))
		e = may_change(w, &f, pb);
	arena_release(&a);
	return e;
}

/* The keys the finding-files routes had before issue 19. */
static void
json_extra(struct jw *w, const struct attachment *f)
{
	jw_kint(w, "finding_id", f->owner_id);
	jw_kid(w, "evidence_id", f->part);
	jw_kbool(w, "submitted", f->part != 0);
}

const struct attach_owner finding_files = {
	.name = "finding",
	.path = "findings",
	.legacy_table = "finding_file",
	.kinds = FILESTORE_DOCUMENTS,
	.read_roles = ROLES_STAFF,
	.write_roles = ROLES_STAFF,
	.may = may,
	.json_extra = json_extra,
};
