/* post.c: the pure rules of posts and coverage. */
#include "core/common.h"
#include "create/post.h"

const char *const post_kinds[] = { "area", "vanguard", "classroom", NULL };

int64_t
post_coverage(int64_t with_post, int64_t members)
{
	if (members <= 0)
		return -1;
	if (with_post > members)
		with_post = members;
	return (with_post * 2000 + members) / (members * 2);
}

int
post_current(const char *since, const char *until, const char *today)
{
	return strcmp(since, today) <= 0 && (!until || strcmp(until, today) >= 0);
}
