/* notice.c: the pure rules of announcements: which fields a notice needs
 * for its audience, who may address the whole district, disjoint
 * audience subtrees and the author's side. */
#include "core/common.h"
#include "notice/notice.h"


const char *const notice_kinds[] = { "notice", "disclosure", NULL };
const char *const notice_audiences[] = { "district", "schools", "org", NULL };
const char *const notice_states[] = { "draft", "published", NULL };

enum err
notice_check(const struct notice_in *in, enum role role, struct problem *pb)
{
	const char *aud = in->audience ? in->audience : "";

	if (!strcmp(aud, "district") && role != ROLE_DISTRICT)
		return problem_set(pb, ERR_FORBIDDEN, "district_only",
		    "只有区教育工委可以向全区发布通知");
	if (!strcmp(aud, "schools") && in->norg_ids < 1)
		problem_field(pb, "org_ids", "请选择至少一所学校的党组织");
	if (strcmp(aud, "schools") && in->has_org_ids && in->norg_ids)
		problem_field(pb, "org_ids", "仅在发布范围为“部分学校”时填写");
	if (!strcmp(aud, "org") && !in->org_id)
		problem_field(pb, "org_id", "请选择一个组织");
	if (strcmp(aud, "org") && in->has_org_id && in->org_id)
		problem_field(pb, "org_id", "仅在发布范围为“本组织党员”时填写");
	for (int i = 0; i < in->norg_ids; i++)
		for (int j = 0; j < i; j++)
			if (in->org_ids[i] == in->org_ids[j])
				return problem_field(pb, "org_ids", "组织 %" PRId64 " 重复",
				    in->org_ids[i]);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

/* Whether path lies inside (or is) root. */
static int
inside(const char *path, const char *root)
{
	return !strncmp(path, root, strlen(root));
}

void
notice_disjoint(const char *const *paths, int n, int *keep)
{
	for (int i = 0; i < n; i++)
		keep[i] = 1;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n && keep[i]; j++)
			if (j != i && keep[j] && inside(paths[i], paths[j]))
				keep[i] = 0;
}

int
notice_author_side(const struct who *w, int64_t author_id)
{
	return (w->user_id && w->user_id == author_id) || w->role == ROLE_DISTRICT;
}
