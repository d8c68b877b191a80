/* review_files.c: the file attached to a secretary's written report
 * (述职报告, EVAL-02) as an owner of attachments (attach.h): the owner is
 * the review_subject row (one secretary in one round), one file each
 * (ATTACH_ONE: an upload replaces the earlier one). Read by the round's
 * managers and evaluators and by the secretary their own; added and
 * deleted only by the secretary under review while the round is open. */
#include "core/common.h"
#include "supervise/review.h"

#include "attach/attach.h"
#include "core/arena.h"
#include "core/filestore.h"
#include "db/db.h"

enum err
review_subject_id(struct db *db, int64_t round_id, int64_t secretary_id, int64_t *id)
{
	return db_get_i64(db, id, "SELECT id FROM review_subject WHERE round_id = ?"
	    " AND secretary_id = ?", DB_I64(round_id), DB_I64(secretary_id), DB_END);
}

/* The round and secretary of subject id. */
static enum err
subject_of(struct db *db, int64_t id, int64_t *round_id, int64_t *secretary_id)
{
	struct db_rows q;
	enum err e = db_query(db, &q, "SELECT round_id, secretary_id FROM review_subject"
	    " WHERE id = ?", DB_I64(id), DB_END);

	if (e)
		return e;
	if ((e = db_next(&q)) == ERR_OK) {
		*round_id = db_i64(&q, 0);
		*secretary_id = db_i64(&q, 1);
	}
	db_rows_close(&q);
	return e;
}

static enum err
may(struct db *db, const struct who *w, int64_t id, enum attach_op op,
    const struct attachment *f, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct review_round r = { 0 };
	int64_t round_id = 0, secretary_id = 0;
	int own;
	enum err e = subject_of(db, id, &round_id, &secretary_id);

	(void)f;
	if (!e)
		e = review_get(db, w, round_id, &a, &r);
	arena_release(&a);
	own = secretary_id == w->user_id;
	/* Managers and evaluators read every report; a secretary their own. */
	if (!e && !own && !r.manager && r.group < 0)
		e = ERR_NOT_FOUND;
	if (e || op == ATTACH_LIST || op == ATTACH_READ)
		return e;
	if (!own)
		return problem_set(pb, ERR_FORBIDDEN, "not_under_review",
		    "只有本轮被评议的书记可以提交述职报告");
	if (r.state != RS_OPEN)
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    review_conflict_message(r.state));
	return ERR_OK;
}

const struct attach_owner review_reports = {
	.name = "review_report",
	.path = "review-reports",
	.kinds = FILESTORE_DOCUMENTS,
	.read_roles = ROLES_BUSINESS,
	.write_roles = ROLE_SECRETARY,
	.flags = ATTACH_ONE,
	.may = may,
};
