/* me_api.c: GET /api/v1/me/card, a member's organization card: their
 * branch, the school's party organization above it, join and
 * full-membership dates and the secretaries serving today. One query,
 * keyed by the session's member_id only (a member has no scope to widen:
 * the route takes no id). The answer is written from the row while the
 * statement is open, so nothing is copied or kept. */
#include "core/common.h"
#include "party/me_api.h"

#include "core/dates.h"
#include "db/db.h"
#include "http/json_out.h"
#include "http/reply.h"
#include "http/req.h"

/* The current secretary of the organization o (ORG committee, post
 * "secretary", serving on day ?): the newest serving one's name. */
#define SECRETARY_OF(o) "(SELECT s.name FROM org_committee c JOIN member s ON s.id = c.member_id" \
	" WHERE c.org_id = " o " AND c.post = 'secretary' AND c.from_on <= ?1" \
	" AND (c.to_on IS NULL OR c.to_on >= ?1) ORDER BY c.from_on DESC, c.id DESC LIMIT 1)"

/* The member, their branch b and the depth-1 organization t above it
 * (the school's party organization; none when the branch is that high). */
#define CARD_SQL "SELECT m.id, m.name, m.status, m.joined_on, m.full_on, m.state," \
	" b.id, b.name, b.kind, t.id, t.name, COALESCE(sc.name, ''), " \
	SECRETARY_OF("b.id") ", " SECRETARY_OF("t.id") \
	" FROM member m JOIN org b ON b.id = m.org_id" \
	" LEFT JOIN org t ON t.depth = 1 AND t.id <> b.id" \
	" AND SUBSTR(b.path, 1, LENGTH(t.path)) = t.path" \
	" LEFT JOIN school sc ON sc.id = b.school_id WHERE m.id = ?2"

static void
write_card(struct jw *w, struct db_rows *r)
{
	jw_obj(w);
	jw_kint(w, "member_id", db_i64(r, 0));
	jw_kstr(w, "name", db_text(r, 1));
	jw_kstr(w, "status", db_text(r, 2));
	jw_kstr(w, "joined_on", db_text(r, 3));
	jw_kstr(w, "full_on", db_text(r, 4));
	jw_kstr(w, "state", db_text(r, 5));
	jw_key(w, "branch");
	jw_obj(w);
	jw_kint(w, "id", db_i64(r, 6));
	jw_kstr(w, "name", db_text(r, 7));
	jw_kstr(w, "kind", db_text(r, 8));
	jw_kstr(w, "secretary", db_text(r, 12));
	jw_obj_end(w);
	jw_key(w, "organization");
	if (db_is_null(r, 9)) {
		jw_null(w);
	} else {
		jw_obj(w);
		jw_kint(w, "id", db_i64(r, 9));
		jw_kstr(w, "name", db_text(r, 10));
		jw_kstr(w, "secretary", db_text(r, 13));
		jw_obj_end(w);
	}
	jw_kstr(w, "school_name", db_text(r, 11));
	jw_obj_end(w);
}

static enum err
api_me_card(struct req *rq, struct reply *rp)
{
	char today[11];
	struct db_rows r;
	struct jw w;
	enum err e;

	if (!rq->who.member_id)
		return problem_set(&rp->problem, ERR_NOT_FOUND, "no_member",
		    "您的账号尚未关联党员档案，请联系所在支部书记");
	date_format(date_today(), today);
	if ((e = db_query(rq->db, &r, CARD_SQL, DB_TEXT(today), DB_I64(rq->who.member_id), DB_END)))
		return e;
	e = db_next(&r);
	if (e == ERR_OK) {
		reply_json_begin(rp, 200, &w);
		write_card(&w, &r);
	}
	db_rows_close(&r);
	return e ? e : reply_json_end(rp, &w);
}

const struct route me_routes[] = {
	{ "GET", "/api/v1/me/card", api_me_card, ROLE_MEMBER, 0 },
	ROUTES_END,
};
