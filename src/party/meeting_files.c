/* meeting_files.c: meetings' files (会议记录, 照片, 材料) as an owner of
 * attachments (attach.h): every reader of the meeting reads them, its
 * organization's writers add and delete them. */
#include "core/common.h"
#include "party/meeting.h"

#include "attach/attach.h"
#include "core/filestore.h"
#include "http/json_out.h"

static enum err
may(struct db *db, const struct who *w, int64_t id, enum attach_op op,
    const struct attachment *f, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct meeting m;
	enum err e = meeting_get(db, w, id, &a, &m);

	(void)f;
	(void)pb;
	arena_release(&a);
	/* Members read their meetings' files; only writers change them. */
	if (!e && op != ATTACH_LIST && op != ATTACH_READ && w->role == ROLE_MEMBER)
		e = ERR_NOT_FOUND;
	return e;
}

static void
json_extra(struct jw *w, const struct attachment *f)
{
	jw_kint(w, "meeting_id", f->owner_id);
}

const struct attach_owner meeting_files = {
	.name = "meeting",
	.path = "meetings",
	.kinds = FILESTORE_DOCUMENTS,
	.read_roles = ROLES_STAFF | ROLE_MEMBER,
	.write_roles = ROLE_DISTRICT | ROLE_SECRETARY,
	.may = may,
	.json_extra = json_extra,
};
