/* inspection_files.c: an inspection's evidence files (督查佐证材料) as an
 * owner of attachments (attach.h): read wherever the inspection is
 * visible (inspection_scope.h: inspectors by assignment, readers only
 * once confirmed); added and deleted by the district or an assigned
 * inspector while the inspection is a draft. A revision's draft starts
 * with copies of its predecessor's files (attach_copy, the same bytes),
 * so deleting one there leaves the confirmed inspection's file alone. */
#include "core/common.h"
#include "supervise/inspection.h"

#include "attach/attach.h"
#include "core/arena.h"
#include "core/filestore.h"
#include "http/json_out.h"

static enum err
may(struct db *db, const struct who *w, int64_t id, enum attach_op op,
    const struct attachment *f, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct inspection x;
	enum err e = inspection_get(db, w, id, &a, &x);

	(void)f;
	/* Only a draft's files change (409 naming the state). */
	if (!e && (op == ATTACH_ADD || op == ATTACH_DELETE) &&
	    inspection_step(x.state, x.superseded_by != 0, INSP_EDIT))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    inspection_conflict_message(x.state, x.superseded_by != 0, INSP_EDIT));
	arena_release(&a);
	return e;
}

/* The key the inspection's files had before issue 19. */
static void
json_extra(struct jw *w, const struct attachment *f)
{
	jw_kint(w, "inspection_id", f->owner_id);
}

const struct attach_owner inspection_files = {
	.name = "inspection",
	.path = "inspections",
	.legacy_table = "inspection_file",
	.kinds = FILESTORE_DOCUMENTS,
	.read_roles = ROLES_STAFF,
	.write_roles = ROLE_DISTRICT | ROLE_INSPECTOR,
	.may = may,
	.json_extra = json_extra,
};
