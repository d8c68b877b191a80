/* notice_files.c: the files of a notice as an owner of attachments
 * (attach.h): added and removed while the notice is a draft, by its
 * author's side; read by whoever may see the notice (members included). */
#include "core/common.h"
#include "notice/notice.h"

#include "attach/attach.h"
#include "core/arena.h"
#include "core/filestore.h"
#include "http/json_out.h"

/* Who writes notices; who reads them (as notice_api.c's routes). */
#define AUTHORS (ROLE_DISTRICT | ROLE_SECRETARY | ROLE_PRINCIPAL)
#define READERS (ROLES_STAFF | ROLE_MEMBER)

/* Reading needs the notice visible; a change needs it a draft of the
 * caller's side (403 not_author, 409 already_published). */
static enum err
may(struct db *db, const struct who *w, int64_t id, enum attach_op op,
    const struct attachment *f, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct notice n;
	enum err e = notice_get(db, w, id, &a, &n);

	(void)f;
	if (!e && (op == ATTACH_ADD || op == ATTACH_DELETE)) {
		if (!n.author_side)
			e = problem_set(pb, ERR_FORBIDDEN, "not_author", "只有发布方可以上传或删除附件");
		else if (strcmp(n.state, "draft"))
			e = problem_set(pb, ERR_CONFLICT, "already_published",
			    "通知已发布，附件不能再改动");
	}
	arena_release(&a);
	return e;
}

/* The keys the notice routes had before issue 19. */
static void
json_extra(struct jw *w, const struct attachment *f)
{
	jw_kint(w, "notice_id", f->owner_id);
}

const struct attach_owner notice_files = {
	.name = "notice",
	.path = "notices",
	.legacy_table = "notice_file",
	.kinds = FILESTORE_DOCUMENTS,
	.read_roles = READERS,
	.write_roles = AUTHORS,
	.may = may,
	.json_extra = json_extra,
};
