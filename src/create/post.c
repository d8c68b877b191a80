/* post.c: the pure rules of posts and coverage, and the post record's
 * checks. */
#include "core/common.h"
#include "create/post.h"

#include "core/dates.h"

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

/* The member is an active member of the school; since is not in the
 * future; until (when given) is not before since. */
static enum err
check(struct db *db, const struct who *w, int64_t school_id, const char *path,
    const struct rec_body *b, int creating, struct problem *pb)
{
	char up[256];
	int64_t n = 0;
	int32_t since = 0, until;
	enum err e;

	(void)w;
	(void)school_id;
	if (json_in_has(b, 1)) {
		snprintf(up, sizeof(up), "%s", path);
		up[strlen(up) - 1] = '0';
		e = db_get_i64(db, &n, "SELECT COUNT(*) FROM member WHERE id = ? AND state = 'active'"
		    " AND org_path >= ? AND org_path < ?", DB_I64(b->v[1].i), DB_TEXT(path),
		    DB_TEXT(up), DB_END);
		if (e)
			return e;
		if (!n)
			problem_field(pb, "member_id", "应为本校在册党员");
	}
	if (json_in_has(b, 4) && !date_parse(b->v[4].s, &since) && since > date_today())
		problem_field(pb, "since", "上岗日期不能晚于今天");
	if (json_in_has(b, 5) && json_in_has(b, 4) && !date_parse(b->v[5].s, &until)
	    && until < since)
		problem_field(pb, "until", "截止日期不能早于上岗日期");
	(void)creating;
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static const struct json_field post_fields[] = {
	{ "school_id", JF_ID, 0, 0, 0, REC_OFF(0), NULL },
	{ "member_id", JF_ID, JF_REQUIRED, 0, 0, REC_OFF(1), NULL },
	{ "kind", JF_ENUM, JF_REQUIRED, 0, 0, REC_OFF(2), post_kinds },
	{ "name", JF_STR, JF_REQUIRED | JF_NONEMPTY, 0, 60, REC_OFF(3), NULL },
	{ "since", JF_DATE, JF_REQUIRED, 0, 0, REC_OFF(4), NULL },
	{ "until", JF_DATE, JF_NULLABLE, 0, 0, REC_OFF(5), NULL },
	{ "commitment", JF_STR, 0, 0, 1000, REC_OFF(6), NULL },
};

const struct rec_kind post_kind = { "member_post", post_fields, 7, NULL,
	"t.kind, t.since DESC, t.id DESC", "since", check,
	"(SELECT m.name FROM member m WHERE m.id = t.member_id)", "member_name" };
