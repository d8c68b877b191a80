/* cult_api.c: request helpers shared by the cultivation handlers. */
#include "core/common.h"
#include "cultivate/cult_api.h"
#include "http/json_out.h"
#include "http/reply.h"

void
cult_year_arg(struct req *rq, struct problem *pb, int64_t *year)
{
	const char *s = req_arg(rq, "year");
	long v;

	if (!s)
		return;
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4 || (v = strtol(s, NULL, 10)) < 2000
	    || v > 2100) {
		problem_field(pb, "year", "应为四位年份（2000–2100）");
		return;
	}
	*year = v;
}

enum err
cult_reply(struct req *rq, struct reply *rp, int status, int64_t id,
    enum err (*get)(struct db *db, const struct who *w, int64_t id, struct jw *j))
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, status, &w);
	if ((e = get(rq->db, &rq->who, id, &w)))
		return e;
	return reply_json_end(rp, &w);
}
