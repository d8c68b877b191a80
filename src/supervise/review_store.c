/* review_store.c: the SQL of report-and-review rounds (EVAL-01…04).
 * Rounds are district business: managers (admin, district) see and run
 * every round; others see a round only when they take part in it, as an
 * evaluator or as a secretary under review. Each write is one transaction
 * with its audit row; closing writes the results, talks and findings in
 * the same transaction (EVAL-03). */
#include "desk/notify.h"
#include "core/common.h"
#include "supervise/review.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "http/json_out.h"
#include "supervise/finding.h"
#include "supervise/indicator.h"
#include "supervise/indicator_store.h"

#define MANAGERS (ROLE_DISTRICT)

static int
is_manager(const struct who *w)
{
	return (w->role & MANAGERS) != 0;
}

#define ROUND_COLS "r.id, r.year, r.name, r.system_id, s.name, r.state, r.weight_district," \
	" r.weight_secretary, r.weight_member, r.band_good, r.band_fair, r.band_average," \
	" r.poor_share, r.created_at, r.updated_at, r.closed_at, r.published_at," \
	" (SELECT e.grp FROM review_evaluator e WHERE e.round_id = r.id AND e.user_id = ?)," \
	" (SELECT COUNT(*) FROM review_subject x WHERE x.round_id = r.id AND x.secretary_id = ?)," \
	" (SELECT COUNT(*) FROM review_subject x WHERE x.round_id = r.id)," \
	" (SELECT COUNT(*) FROM review_evaluator x WHERE x.round_id = r.id)," \
	" (SELECT COUNT(*) FROM review_ballot x WHERE x.round_id = r.id)" \
	" FROM review_round r JOIN indicator_system s ON s.id = r.system_id"

static int64_t
opt_i64(struct db_rows *r, int c)
{
	return db_is_null(r, c) ? 0 : db_i64(r, c);
}

static void
round_from(struct db_rows *q, const struct who *w, struct arena *a, struct review_round *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_i64(q, 0);
	r->year = db_i64(q, 1);
	r->name = arena_strdup(a, db_text(q, 2));
	r->system_id = db_i64(q, 3);
	r->system_name = arena_strdup(a, db_text(q, 4));
	r->state = (enum review_state)review_parse(review_states, db_text(q, 5));
	for (int g = 0; g < RG_N; g++)
		r->rules.weight[g] = db_i64(q, 6 + g);
	for (int i = 0; i < 3; i++)
		r->rules.band_min[i] = db_i64(q, 9 + i);
	r->rules.poor_share = db_i64(q, 12);
	r->created_at = db_i64(q, 13);
	r->updated_at = db_i64(q, 14);
	r->closed_at = opt_i64(q, 15);
	r->published_at = opt_i64(q, 16);
	r->group = db_is_null(q, 17) ? -1 : review_parse(review_groups, db_text(q, 17));
	r->subject = db_i64(q, 18) > 0;
	r->manager = is_manager(w);
	r->secretaries = db_i64(q, 19);
	r->evaluators = db_i64(q, 20);
	r->ballots = db_i64(q, 21);
}

enum err
review_list(struct db *db, const struct who *w, int64_t year,
    void (*fn)(void *ctx, const struct review_round *r), void *ctx)
{
	struct arena a = ARENA_INIT;
	struct db_rows q;
	enum err e;

	e = db_query(db, &q, "SELECT " ROUND_COLS " WHERE (? = 0 OR r.year = ?) AND (? = 1"
	    " OR EXISTS (SELECT 1 FROM review_evaluator e WHERE e.round_id = r.id AND e.user_id = ?)"
	    " OR EXISTS (SELECT 1 FROM review_subject x WHERE x.round_id = r.id"
	    " AND x.secretary_id = ?)) ORDER BY r.year DESC, r.id DESC", DB_I64(w->user_id),
	    DB_I64(w->user_id), DB_I64(year), DB_I64(year), DB_I64(is_manager(w)),
	    DB_I64(w->user_id), DB_I64(w->user_id), DB_END);
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		struct review_round r;

		round_from(&q, w, &a, &r);
		fn(ctx, &r);
	}
	db_rows_close(&q);
	arena_release(&a);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
review_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct review_round *r)
{
	struct db_rows q;
	enum err e;

	e = db_query(db, &q, "SELECT " ROUND_COLS " WHERE r.id = ?", DB_I64(w->user_id),
	    DB_I64(w->user_id), DB_I64(id), DB_END);
	if (e)
		return e;
	if ((e = db_next(&q)) == ERR_OK)
		round_from(&q, w, a, r);
	db_rows_close(&q);
	if (!e && !r->manager && r->group < 0 && !r->subject)
		e = ERR_NOT_FOUND;	/* takes no part: the round does not exist for them */
	return e;
}

/* The state of round id inside a write transaction. */
static enum err
lock_state(struct db *db, int64_t id, enum review_state *st)
{
	struct db_rows q;
	enum err e;

	if ((e = db_query(db, &q, "SELECT state FROM review_round WHERE id = ?", DB_I64(id),
	    DB_END)))
		return e;
	if ((e = db_next(&q)) == ERR_OK)
		*st = (enum review_state)review_parse(review_states, db_text(&q, 0));
	db_rows_close(&q);
	return e;
}

/* ERR_CONFLICT invalid_transition unless the round is open. */
static enum err
must_be_open(struct db *db, int64_t id, struct problem *pb)
{
	enum review_state st = RS_OPEN;
	enum err e = lock_state(db, id, &st);

	if (!e && st != RS_OPEN)
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", review_conflict_message(st));
	return e;
}

static char *
rules_json(const struct review_in *in, struct arena *a)
{
	const struct review_rules *r = &in->rules;
	struct buf b = BUF_INIT(8192);
	struct jw w;
	char *s;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "name", in->name);
	jw_kint(&w, "weight_district", r->weight[RG_DISTRICT]);
	jw_kint(&w, "weight_secretary", r->weight[RG_SECRETARY]);
	jw_kint(&w, "weight_member", r->weight[RG_MEMBER]);
	jw_kint(&w, "band_good", r->band_min[0]);
	jw_kint(&w, "band_fair", r->band_min[1]);
	jw_kint(&w, "band_average", r->band_min[2]);
	jw_kint(&w, "poor_share", r->poor_share);
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

/* in->system_id, or the newest published secretary_review sheet. */
static enum err
pick_system(struct db *db, const struct review_in *in, struct problem *pb, int64_t *sid)
{
	int64_t n = 0;
	enum err e;

	if (!in->system_id) {
		e = db_get_i64(db, sid, "SELECT COALESCE(MAX(id), 0) FROM indicator_system"
		    " WHERE kind = 'secretary_review' AND status = 'published'", DB_END);
		if (!e && !*sid)
			e = problem_field(pb, "system_id", "没有已发布的述职评议评分细则");
		return e;
	}
	*sid = in->system_id;
	e = db_get_i64(db, &n, "SELECT COUNT(*) FROM indicator_system WHERE id = ?"
	    " AND kind = 'secretary_review' AND status = 'published'", DB_I64(in->system_id), DB_END);
	if (!e && !n)
		e = problem_field(pb, "system_id", "应为已发布的述职评议（secretary_review）评分细则");
	return e;
}

enum err
review_create(struct db *db, const struct who *w, const struct review_in *in,
    struct problem *pb, int64_t *id)
{
	const struct review_rules *r = &in->rules;
	struct arena a = ARENA_INIT;
	int64_t sid = 0, now = time(NULL);
	enum err e;

	if (review_rules_check(r, pb))
		return ERR_INVALID;
	if ((e = db_begin(db)))
		return e;
	e = pick_system(db, in, pb, &sid);
	if (!e)
		e = db_exec(db, "INSERT INTO review_round (year, name, system_id, state,"
		    " weight_district, weight_secretary, weight_member, band_good, band_fair,"
		    " band_average, poor_share, created_by, created_at, updated_at)"
		    " VALUES (?,?,?,'open',?,?,?,?,?,?,?,?,?,?)", DB_I64(in->year), DB_TEXT(in->name),
		    DB_I64(sid), DB_I64(r->weight[0]), DB_I64(r->weight[1]), DB_I64(r->weight[2]),
		    DB_I64(r->band_min[0]), DB_I64(r->band_min[1]), DB_I64(r->band_min[2]),
		    DB_I64(r->poor_share), w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now),
		    DB_I64(now), DB_END);
	if (!e) {
		*id = db_last_id(db);
		/* The sheet is in use now: frozen like one an inspection used. */
		e = db_exec(db, "UPDATE indicator_system SET used = 1 WHERE id = ?", DB_I64(sid),
		    DB_END);
	}
	if (!e)
		e = audit_write(db, w, "create", "review_round", *id, NULL, rules_json(in, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

enum err
review_update(struct db *db, const struct who *w, int64_t id, const struct review_in *in,
    struct problem *pb)
{
	const struct review_rules *r = &in->rules;
	struct arena a = ARENA_INIT;
	enum err e;

	if ((e = db_begin(db)))
		return e;
	e = must_be_open(db, id, pb);
	if (!e && review_rules_check(r, pb))
		e = ERR_INVALID;
	if (!e)
		e = db_exec(db, "UPDATE review_round SET name = COALESCE(?, name), weight_district = ?,"
		    " weight_secretary = ?, weight_member = ?, band_good = ?, band_fair = ?,"
		    " band_average = ?, poor_share = ?, updated_at = ? WHERE id = ?",
		    in->name ? DB_TEXT(in->name) : DB_NULL, DB_I64(r->weight[0]), DB_I64(r->weight[1]),
		    DB_I64(r->weight[2]), DB_I64(r->band_min[0]), DB_I64(r->band_min[1]),
		    DB_I64(r->band_min[2]), DB_I64(r->poor_share), DB_I64(time(NULL)), DB_I64(id),
		    DB_END);
	if (!e)
		e = audit_write(db, w, "update", "review_round", id, NULL, rules_json(in, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

enum err
review_subjects(struct db *db, const struct who *w, const struct review_round *r,
    struct arena *a, void (*fn)(void *ctx, const struct review_subject *s), void *ctx)
{
	int all = r->manager || r->group >= 0;
	struct db_rows q;
	enum err e;

	e = db_query(db, &q, "SELECT s.secretary_id, s.org_id, s.report_at, u.username, o.name,"
	    " s.report, (SELECT b.id FROM review_ballot b WHERE b.round_id = s.round_id"
	    " AND b.secretary_id = s.secretary_id AND b.evaluator_id = ?), f.name, s.id, f.id"
	    " FROM review_subject s JOIN app_user u ON u.id = s.secretary_id"
	    " JOIN org o ON o.id = s.org_id LEFT JOIN attachment f ON f.owner_kind = 'review_report'"
	    " AND f.owner_id = s.id WHERE s.round_id = ? AND (? = 1 OR s.secretary_id = ?)"
	    " ORDER BY o.path, u.username", DB_I64(w->user_id), DB_I64(r->id), DB_I64(all),
	    DB_I64(w->user_id), DB_END);
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		struct review_subject s = { db_i64(&q, 0), db_i64(&q, 1), opt_i64(&q, 2),
			arena_strdup(a, db_text(&q, 3)), arena_strdup(a, db_text(&q, 4)),
			arena_strdup(a, db_text(&q, 5)), opt_i64(&q, 6),
			arena_strdup(a, db_text(&q, 7)), db_i64(&q, 8), opt_i64(&q, 9) };

		fn(ctx, &s);
	}
	db_rows_close(&q);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
review_evaluators(struct db *db, const struct review_round *r, struct arena *a,
    void (*fn)(void *ctx, const struct review_evaluator *ev), void *ctx)
{
	struct db_rows q;
	enum err e;

	if (!r->manager)
		return ERR_OK;
	e = db_query(db, &q, "SELECT e.user_id, u.username, u.role, e.grp, (SELECT COUNT(*)"
	    " FROM review_ballot b WHERE b.round_id = e.round_id AND b.evaluator_id = e.user_id)"
	    " FROM review_evaluator e JOIN app_user u ON u.id = e.user_id WHERE e.round_id = ?"
	    " ORDER BY e.grp, u.username", DB_I64(r->id), DB_END);
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		struct review_evaluator ev = { db_i64(&q, 0), arena_strdup(a, db_text(&q, 1)),
			arena_strdup(a, db_text(&q, 2)),
			(enum review_group)review_parse(review_groups, db_text(&q, 3)), db_i64(&q, 4) };

		fn(ctx, &ev);
	}
	db_rows_close(&q);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* A user's role and first scope root (0: none). ERR_NOT_FOUND. */
static enum err
user_role(struct db *db, int64_t uid, enum role *role, int64_t *org, const char **path,
    struct arena *a)
{
	struct db_rows q;
	enum err e;

	e = db_query(db, &q, "SELECT u.role, o.id, o.path FROM app_user u LEFT JOIN org o"
	    " ON o.id = (SELECT MIN(s.org_id) FROM user_scope s WHERE s.user_id = u.id)"
	    " WHERE u.id = ? AND u.disabled = 0", DB_I64(uid), DB_END);
	if (e)
		return e;
	if ((e = db_next(&q)) == ERR_OK) {
		*role = role_parse(db_text(&q, 0));
		*org = opt_i64(&q, 1);
		*path = arena_strdup(a, db_text(&q, 2));
	}
	db_rows_close(&q);
	return e;
}

static enum err
ids_audit(struct db *db, const struct who *w, const char *action, int64_t id, const char *grp,
    int n, const int64_t *users)
{
	struct buf b = BUF_INIT(1 << 16);
	enum err e;

	buf_adds(&b, "{");
	if (grp)
		buf_addf(&b, "\"group\":\"%s\",", grp);
	buf_adds(&b, "\"user_ids\":[");
	for (int i = 0; i < n; i++)
		buf_addf(&b, "%s%" PRId64, i ? "," : "", users[i]);
	buf_adds(&b, "]}");
	e = audit_write(db, w, action, "review_round", id, NULL, buf_str(&b), 1);
	buf_release(&b);
	return e;
}

static enum err
add_subject(struct db *db, int64_t id, int i, int64_t uid, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	const char *path = NULL;
	enum role role = 0;
	int64_t org = 0, n = 0;
	char f[32];
	enum err e;

	snprintf(f, sizeof(f), "user_ids[%d]", i);
	e = user_role(db, uid, &role, &org, &path, &a);
	if (e == ERR_NOT_FOUND || (!e && (role != ROLE_SECRETARY || !org)))
		e = problem_field(pb, f, "应为有所属组织的书记账号");
	if (!e)
		e = db_get_i64(db, &n, "SELECT COUNT(*) FROM review_subject WHERE round_id = ?"
		    " AND secretary_id = ?", DB_I64(id), DB_I64(uid), DB_END);
	if (!e && !n)
		e = db_exec(db, "INSERT INTO review_subject (round_id, secretary_id, org_id, org_path)"
		    " VALUES (?,?,?,?)", DB_I64(id), DB_I64(uid), DB_I64(org), DB_TEXT(path), DB_END);
	arena_release(&a);
	return e;
}

enum err
review_add_subjects(struct db *db, const struct who *w, int64_t id, int n, const int64_t *users,
    struct problem *pb)
{
	enum err e;

	if ((e = db_begin(db)))
		return e;
	e = must_be_open(db, id, pb);
	for (int i = 0; !e && i < n; i++)
		e = add_subject(db, id, i, users[i], pb);
	if (!e)
		e = ids_audit(db, w, "add_secretaries", id, NULL, n, users);
	return db_end(db, e);
}

/* Which roles may sit in a group (EVAL-03). */
static int
group_fits(enum review_group g, enum role role)
{
	static const unsigned fits[RG_N] = { ROLE_DISTRICT, ROLE_SECRETARY,
		ROLE_MEMBER | ROLE_PRINCIPAL };

	return (fits[g] & role) != 0;
}

static enum err
add_evaluator(struct db *db, int64_t id, enum review_group g, int i, int64_t uid,
    struct problem *pb)
{
	static const char *const need[RG_N] = { "区级（教育工委）工作人员", "书记", "党员或校长" };
	struct arena a = ARENA_INIT;
	const char *path = NULL;
	enum role role = 0;
	int64_t org = 0, n = 0;
	char f[32];
	enum err e;

	snprintf(f, sizeof(f), "user_ids[%d]", i);
	e = user_role(db, uid, &role, &org, &path, &a);
	arena_release(&a);
	if (e == ERR_NOT_FOUND || (!e && !group_fits(g, role)))
		return problem_field(pb, f, "该组的评议人应为%s账号", need[g]);
	if (!e)
		e = db_get_i64(db, &n, "SELECT COUNT(*) FROM review_ballot WHERE round_id = ?"
		    " AND evaluator_id = ? AND grp <> ?", DB_I64(id), DB_I64(uid),
		    DB_TEXT(review_groups[g]), DB_END);
	if (!e && n)
		return problem_field(pb, f, "该评议人已在其他组提交评分，不能改组");
	if (!e)
		e = db_exec(db, "DELETE FROM review_evaluator WHERE round_id = ? AND user_id = ?",
		    DB_I64(id), DB_I64(uid), DB_END);
	if (!e)
		e = db_exec(db, "INSERT INTO review_evaluator (round_id, user_id, grp) VALUES (?,?,?)",
		    DB_I64(id), DB_I64(uid), DB_TEXT(review_groups[g]), DB_END);
	return e;
}

/* Issue 12: "述职评议待评分：<round>" to the evaluators just added to an
 * open round, or "结果已公布" to the secretaries under review. */
static enum err
review_notify(struct db *db, int64_t id, const char *kind, int n, const int64_t *users)
{
	char title[300], link[48], name[200] = "";
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT name FROM review_round WHERE id = ?", DB_I64(id),
	    DB_END);

	if (e)
		return e;
	if (db_next(&r) == ERR_OK)
		snprintf(name, sizeof(name), "%s", db_text(&r, 0));
	db_rows_close(&r);
	snprintf(link, sizeof(link), "/reviews?open=%" PRId64, id);
	if (users) {
		snprintf(title, sizeof(title), "述职评议待评分：%s", name);
		return notify_users(db, kind, users, n, title, link);
	}
	snprintf(title, sizeof(title), "述职评议结果已公布：%s", name);
	return notify_select(db, kind, "SELECT secretary_id FROM review_subject WHERE round_id = ?",
	    id, title, link);
}

enum err
review_add_evaluators(struct db *db, const struct who *w, int64_t id, enum review_group g, int n,
    const int64_t *users, struct problem *pb)
{
	enum err e;

	if ((e = db_begin(db)))
		return e;
	e = must_be_open(db, id, pb);
	for (int i = 0; !e && i < n; i++)
		e = add_evaluator(db, id, g, i, users[i], pb);
	if (!e)
		e = review_notify(db, id, "review_opened", n, users);
	if (!e)
		e = ids_audit(db, w, "add_evaluators", id, review_groups[g], n, users);
	return db_end(db, e);
}

enum err
review_remove(struct db *db, const struct who *w, int64_t id, int evaluator, int64_t user_id,
    struct problem *pb)
{
	int64_t in = 0, n = 0;
	enum err e;

	if ((e = db_begin(db)))
		return e;
	e = must_be_open(db, id, pb);
	if (!e)
		e = db_get_i64(db, &in, evaluator ?
		    "SELECT COUNT(*) FROM review_evaluator WHERE round_id = ? AND user_id = ?" :
		    "SELECT COUNT(*) FROM review_subject WHERE round_id = ? AND secretary_id = ?",
		    DB_I64(id), DB_I64(user_id), DB_END);
	if (!e && !in)
		e = ERR_NOT_FOUND;
	if (!e)
		e = db_get_i64(db, &n, evaluator ?
		    "SELECT COUNT(*) FROM review_ballot WHERE round_id = ? AND evaluator_id = ?" :
		    "SELECT COUNT(*) FROM review_ballot WHERE round_id = ? AND secretary_id = ?",
		    DB_I64(id), DB_I64(user_id), DB_END);
	if (!e && n)
		e = problem_set(pb, ERR_CONFLICT, "has_ballots", "已有评分记录，不能移出本轮评议");
	if (!e)
		e = db_exec(db, evaluator ?
		    "DELETE FROM review_evaluator WHERE round_id = ? AND user_id = ?" :
		    "DELETE FROM review_subject WHERE round_id = ? AND secretary_id = ?",
		    DB_I64(id), DB_I64(user_id), DB_END);
	if (!e)
		e = ids_audit(db, w, evaluator ? "remove_evaluator" : "remove_secretary", id, NULL, 1,
		    &user_id);
	return db_end(db, e);
}

enum err
review_report(struct db *db, const struct who *w, int64_t id, const char *text,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct review_round r;
	enum err e;

	e = review_get(db, w, id, &a, &r);
	arena_release(&a);
	if (e)
		return e;
	if (!r.subject)
		return problem_set(pb, ERR_FORBIDDEN, "not_under_review", "只有本轮被评议的书记可以提交述职报告");
	if ((e = db_begin(db)))
		return e;
	e = must_be_open(db, id, pb);
	if (!e)
		e = db_exec(db, "UPDATE review_subject SET report = ?, report_at = ? WHERE round_id = ?"
		    " AND secretary_id = ?", DB_TEXT(text), DB_I64(time(NULL)), DB_I64(id),
		    DB_I64(w->user_id), DB_END);
	if (!e)
		e = audit_write(db, w, "report", "review_round", id, NULL, "{\"report\":true}", 1);
	return db_end(db, e);
}

/* Scores the ballot on the round's sheet: every regular leaf must be
 * scored; indicator_score() checks codes and ranges. */
static enum err
score_ballot(struct db *db, int64_t system_id, const struct review_ballot_in *in,
    struct problem *pb, int64_t *total)
{
	struct arena a = ARENA_INIT;
	struct ind_score *s;
	struct ind_result res;
	struct ind_rules rules;
	struct indicator *v;
	int n = 0;
	enum err e;

	if ((e = store_ind_tree(db, system_id, &a, &v, &n)))
		goto out;
	s = arena_alloc(&a, sizeof(*s) * (size_t)(in->nscores ? in->nscores : 1));
	for (int k = 0; k < in->nscores; k++)
		s[k] = (struct ind_score){ in->scores[k].code, in->scores[k].points, 0, 0 };
	indicator_rules_default(&rules);
	if ((e = indicator_score(v, n, s, in->nscores, &rules, pb, &res)))
		goto out;
	for (int i = 0; i < n && !e; i++) {
		int k = 0;

		if (v[i].bonus || v[i].veto || indicator_has_children(v, n, i))
			continue;
		while (k < in->nscores && strcmp(in->scores[k].code, v[i].code))
			k++;
		if (k == in->nscores)
			e = problem_field(pb, "scores", "缺少指标 %s“%s”的评分", v[i].code, v[i].name);
	}
	*total = res.total;
out:
	arena_release(&a);
	return e;
}

static enum err
ballot_scores(struct db *db, int64_t bid, const struct review_ballot_in *in)
{
	enum err e = db_exec(db, "DELETE FROM review_ballot_score WHERE ballot_id = ?", DB_I64(bid),
	    DB_END);

	for (int k = 0; !e && k < in->nscores; k++)
		e = db_exec(db, "INSERT INTO review_ballot_score (ballot_id, code, points)"
		    " VALUES (?,?,?)", DB_I64(bid), DB_TEXT(in->scores[k].code),
		    DB_I64(in->scores[k].points), DB_END);
	return e;
}

/* The caller's ballot on the secretary, if any: id, total and grade. */
static enum err
old_ballot(struct db *db, const struct who *w, int64_t id, int64_t sec, int64_t *bid,
    char *before, size_t len)
{
	struct db_rows q;
	enum err e;

	*bid = 0;
	e = db_query(db, &q, "SELECT id, total, grade FROM review_ballot WHERE round_id = ?"
	    " AND evaluator_id = ? AND secretary_id = ?", DB_I64(id), DB_I64(w->user_id),
	    DB_I64(sec), DB_END);
	if (e)
		return e;
	if ((e = db_next(&q)) == ERR_OK) {
		*bid = db_i64(&q, 0);
		snprintf(before, len, "{\"total\":%" PRId64 ",\"grade\":\"%s\"}", db_i64(&q, 1),
		    db_text(&q, 2));
	}
	db_rows_close(&q);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
ballot_write(struct db *db, const struct who *w, int64_t id, enum review_group g,
    const struct review_ballot_in *in, int64_t total, int64_t *bid, int *replaced)
{
	char before[128] = "", after[160];
	int64_t now = time(NULL);
	enum err e = old_ballot(db, w, id, in->secretary_id, bid, before, sizeof(before));

	*replaced = *bid != 0;
	if (!e && *bid)
		e = db_exec(db, "UPDATE review_ballot SET total = ?, grade = ?, note = ?,"
		    " updated_at = ? WHERE id = ?", DB_I64(total), DB_TEXT(in->grade),
		    DB_TEXT(in->note ? in->note : ""), DB_I64(now), DB_I64(*bid), DB_END);
	else if (!e) {
		e = db_exec(db, "INSERT INTO review_ballot (round_id, evaluator_id, grp, secretary_id,"
		    " total, grade, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
		    DB_I64(id), DB_I64(w->user_id), DB_TEXT(review_groups[g]),
		    DB_I64(in->secretary_id), DB_I64(total), DB_TEXT(in->grade),
		    DB_TEXT(in->note ? in->note : ""), DB_I64(now), DB_I64(now), DB_END);
		*bid = db_last_id(db);
	}
	if (!e)
		e = ballot_scores(db, *bid, in);
	snprintf(after, sizeof(after), "{\"round_id\":%" PRId64 ",\"secretary_id\":%" PRId64
	    ",\"total\":%" PRId64 ",\"grade\":\"%s\"}", id, in->secretary_id, total, in->grade);
	if (!e)
		e = audit_write(db, w, *replaced ? "replace" : "create", "review_ballot", *bid,
		    *replaced ? before : NULL, after, 1);
	return e;
}

enum err
review_ballot_put(struct db *db, const struct who *w, int64_t id,
    const struct review_ballot_in *in, struct problem *pb, int64_t *ballot_id, int *replaced)
{
	struct arena a = ARENA_INIT;
	struct review_round r;
	int64_t n = 0, total = 0;
	enum err e;

	e = review_get(db, w, id, &a, &r);
	arena_release(&a);
	if (e)
		return e;
	if (r.state != RS_OPEN)
		return problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    review_conflict_message(r.state));
	if (r.group < 0)
		return problem_set(pb, ERR_FORBIDDEN, "not_evaluator", "您不是本轮评议的评议人");
	if (in->secretary_id == w->user_id)
		return problem_set(pb, ERR_FORBIDDEN, "self_review", "不能评议自己");
	if ((e = db_get_i64(db, &n, "SELECT COUNT(*) FROM review_subject WHERE round_id = ?"
	    " AND secretary_id = ?", DB_I64(id), DB_I64(in->secretary_id), DB_END)))
		return e;
	if (!n)
		return problem_field(pb, "secretary_id", "该书记不在本轮被评议名单中");
	if (review_parse(review_grades, in->grade) < 0)
		return problem_field(pb, "grade", "应为 好、较好、一般 或 差");
	if ((e = score_ballot(db, r.system_id, in, pb, &total)))
		return e;
	if ((e = db_begin(db)))
		return e;
	e = must_be_open(db, id, pb);
	if (!e)
		e = ballot_write(db, w, id, (enum review_group)r.group, in, total, ballot_id,
		    replaced);
	return db_end(db, e);
}

/* Loads the scores of b (arena). */
static enum err
load_scores(struct db *db, struct arena *a, struct review_ballot *b)
{
	struct db_rows q;
	int cap = 0;
	enum err e;

	e = db_query(db, &q, "SELECT s.code, s.points FROM review_ballot_score s"
	    " WHERE s.ballot_id = ? ORDER BY s.code", DB_I64(b->id), DB_END);
	if (e)
		return e;
	b->nscores = 0;
	while ((e = db_next(&q)) == ERR_OK) {
		if (b->nscores == cap) {
			struct review_score *v = arena_alloc(a, sizeof(*v) * (size_t)(cap * 2 + 8));

			if (b->nscores)
				memcpy(v, b->scores, sizeof(*v) * (size_t)b->nscores);
			b->scores = v;
			cap = cap * 2 + 8;
		}
		b->scores[b->nscores++] = (struct review_score){ arena_strdup(a, db_text(&q, 0)),
			db_i64(&q, 1) };
	}
	db_rows_close(&q);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
review_ballots(struct db *db, const struct who *w, int64_t round_id, int64_t ballot_id,
    struct arena *a, void (*fn)(void *ctx, const struct review_ballot *b), void *ctx)
{
	struct review_ballot *v = NULL;
	struct db_rows q;
	int n = 0, cap = 0;
	enum err e;

	/* Only the caller's own ballots: another's does not exist for them. */
	e = db_query(db, &q, "SELECT b.id, b.round_id, b.secretary_id, b.total, b.created_at,"
	    " b.updated_at, u.username, b.grade, b.note, b.grp FROM review_ballot b"
	    " JOIN app_user u ON u.id = b.secretary_id WHERE b.evaluator_id = ?"
	    " AND (b.round_id = ? OR b.id = ?) ORDER BY b.id", DB_I64(w->user_id),
	    DB_I64(round_id), DB_I64(ballot_id), DB_END);
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		if (n == cap) {
			cap = cap * 2 + 16;
			v = xrealloc(v, sizeof(*v) * (size_t)cap);
		}
		v[n++] = (struct review_ballot){ db_i64(&q, 0), db_i64(&q, 1), db_i64(&q, 2),
			db_i64(&q, 3), db_i64(&q, 4), db_i64(&q, 5), arena_strdup(a, db_text(&q, 6)),
			arena_strdup(a, db_text(&q, 7)), arena_strdup(a, db_text(&q, 8)),
			arena_strdup(a, db_text(&q, 9)), 0, NULL };
	}
	db_rows_close(&q);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
	if (!e && ballot_id && !n)
		e = ERR_NOT_FOUND;
	for (int i = 0; !e && i < n; i++)
		if (!(e = load_scores(db, a, &v[i])))
			fn(ctx, &v[i]);
	free(v);
	return e;
}

/* One secretary under review while closing. */
struct subj {
	int64_t sec, org;
	char name[64], org_name[128], path[256];
	struct review_tally t[RG_N];
	struct review_outcome o;
	int ok;
};

static enum err
load_subjects(struct db *db, int64_t id, struct subj **out, int *n)
{
	struct db_rows q;
	int cap = 0;
	enum err e;

	*out = NULL;
	*n = 0;
	e = db_query(db, &q, "SELECT s.secretary_id, s.org_id, s.org_path, u.username, o.name"
	    " FROM review_subject s JOIN app_user u ON u.id = s.secretary_id"
	    " JOIN org o ON o.id = s.org_id WHERE s.round_id = ? ORDER BY s.secretary_id",
	    DB_I64(id), DB_END);
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		struct subj *s;

		if (*n == cap) {
			cap = cap * 2 + 16;
			*out = xrealloc(*out, sizeof(**out) * (size_t)cap);
		}
		s = &(*out)[(*n)++];
		memset(s, 0, sizeof(*s));
		s->sec = db_i64(&q, 0);
		s->org = db_i64(&q, 1);
		snprintf(s->path, sizeof(s->path), "%s", db_text(&q, 2));
		snprintf(s->name, sizeof(s->name), "%s", db_text(&q, 3));
		snprintf(s->org_name, sizeof(s->org_name), "%s", db_text(&q, 4));
	}
	db_rows_close(&q);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* Each secretary's ballots per group: count, sum of totals, grade votes. */
static enum err
load_tallies(struct db *db, int64_t id, struct subj *v, int n)
{
	struct db_rows q;
	enum err e;

	e = db_query(db, &q, "SELECT secretary_id, grp, grade, COUNT(*), SUM(total)"
	    " FROM review_ballot WHERE round_id = ? GROUP BY secretary_id, grp, grade",
	    DB_I64(id), DB_END);
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		int g = review_parse(review_groups, db_text(&q, 1));
		int k = review_parse(review_grades, db_text(&q, 2));

		for (int i = 0; i < n && g >= 0 && k >= 0; i++)
			if (v[i].sec == db_i64(&q, 0)) {
				v[i].t[g].n += db_i64(&q, 3);
				v[i].t[g].sum += db_i64(&q, 4);
				v[i].t[g].votes[k] += db_i64(&q, 3);
			}
	}
	db_rows_close(&q);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
insert_result(struct db *db, int64_t id, const struct subj *s, int rank)
{
	const struct review_outcome *o = &s->o;

	return db_exec(db, "INSERT INTO review_result (round_id, org_id, org_path, secretary_id,"
	    " score, grade, rank, ballots, votes_good, votes_fair, votes_average, votes_poor,"
	    " poor_share, avg_district, avg_secretary, avg_member)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", DB_I64(id), DB_I64(s->org),
	    DB_TEXT(s->path), DB_I64(s->sec), DB_I64(o->score), DB_TEXT(review_grades[o->grade]),
	    DB_I64(rank), DB_I64(o->ballots), DB_I64(o->votes[0]), DB_I64(o->votes[1]),
	    DB_I64(o->votes[2]), DB_I64(o->votes[3]), DB_I64(o->poor_share),
	    o->avg[0] < 0 ? DB_NULL : DB_I64(o->avg[0]), o->avg[1] < 0 ? DB_NULL : DB_I64(o->avg[1]),
	    o->avg[2] < 0 ? DB_NULL : DB_I64(o->avg[2]), DB_END);
}

/* One dimension (a level-1 indicator) of a secretary's ballots. */
struct dim {
	const struct indicator *x;
	int64_t sum[RG_N];	/* points over each group's ballots, tenths */
	int64_t rate;		/* permille of the dimension's maximum, weighted like the score */
};

/* The level-1 ancestor of v[i]. */
static int
top_of(const struct indicator *v, int i)
{
	while (i >= 0 && v[i].level > 1) {
		int p = -1;

		for (int j = 0; j < i && p < 0; j++)
			if (!strcmp(v[j].code, v[i].parent_code))
				p = j;
		i = p;
	}
	return i;
}

/* Σ weight × group average / Σ weight over the weighted groups with
 * ballots, as permille of the dimension's maximum. */
static int64_t
dim_rate(const struct dim *d, const struct review_round *r, const struct subj *s)
{
	int64_t num = 0, wsum = 0;

	for (int g = 0; g < RG_N; g++)
		if (s->t[g].n && r->rules.weight[g] > 0) {
			num += r->rules.weight[g] * d->sum[g] * 1000 / s->t[g].n;
			wsum += r->rules.weight[g];
		}
	return wsum && d->x->max_points ? num / (wsum * d->x->max_points) : 0;
}

/* Each regular dimension's score rate: per group the average over its
 * ballots, the groups weighted as in review_combine(); *cut is the 较好
 * band as a rate of the sheet's maximum. */
static enum err
dimensions(struct db *db, const struct review_round *r, const struct subj *s, struct arena *a,
    struct dim **out, int *nd, int64_t *cut)
{
	struct indicator *v;
	struct db_rows q;
	int64_t total = 0;
	int n = 0;
	enum err e;

	if ((e = store_ind_tree(db, r->system_id, a, &v, &n)))
		return e;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(n + 1));
	*nd = 0;
	for (int i = 0; i < n; i++)
		if (v[i].level == 1 && !v[i].bonus && !v[i].veto && v[i].max_points > 0) {
			(*out)[(*nd)++] = (struct dim){ &v[i], { 0 }, 0 };
			total += v[i].max_points;
		}
	*cut = total ? r->rules.band_min[1] * 1000 / total : 0;
	e = db_query(db, &q, "SELECT s.code, b.grp, SUM(s.points) FROM review_ballot_score s"
	    " JOIN review_ballot b ON b.id = s.ballot_id WHERE b.round_id = ? AND b.secretary_id = ?"
	    " GROUP BY s.code, b.grp", DB_I64(r->id), DB_I64(s->sec), DB_END);
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		int i = 0, t, g = review_parse(review_groups, db_text(&q, 1));

		while (i < n && strcmp(v[i].code, db_text(&q, 0)))
			i++;
		t = i < n && g >= 0 ? top_of(v, i) : -1;
		for (int k = 0; t >= 0 && k < *nd; k++)
			if ((*out)[k].x == &v[t])
				(*out)[k].sum[g] += db_i64(&q, 2);
	}
	db_rows_close(&q);
	for (int k = 0; k < *nd; k++)
		(*out)[k].rate = dim_rate(&(*out)[k], r, s);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* One finding of the rectification list: a weak dimension, or (d NULL)
 * the result as a whole. */
static enum err
list_item(struct db *db, const struct who *w, const struct review_round *r,
    const struct subj *s, const struct dim *d, struct arena *a, int64_t *fid)
{
	const char *grade = review_grades[s->o.grade];
	struct problem pb = { 0 };
	char deadline[11];
	struct finding_in fi = { .org_id = s->org, .severity = s->o.grade == RGR_POOR ? "critical" :
		"major", .evidence_required = "整改措施及落实材料", .deadline = deadline, .source =
		"review" };
	enum err e;

	date_format(date_today() + (int32_t)cfg.review_rectify_days, deadline);
	fi.detail = arena_printf(a, "%s（%s）在“%s”中得分%" PRId64 ".%" PRId64 "分，等次为“%s”，"
	    "一般、差票占%" PRId64 ".%" PRId64 "%%。", s->name, s->org_name, r->name, s->o.score / 10,
	    s->o.score % 10, grade, s->o.poor_share / 10, s->o.poor_share % 10);
	if (d) {
		fi.title = arena_printf(a, "述职评议整改：%s", d->x->name);
		fi.detail = arena_printf(a, "%s“%s”平均得分率%" PRId64 ".%" PRId64 "%%，请对照评议意见"
		    "制定整改措施并按期整改。", fi.detail, d->x->name, d->rate / 10, d->rate % 10);
		fi.source_ref = arena_printf(a, "review/%" PRId64 "/%" PRId64 "/%s", r->id, s->sec,
		    d->x->code);
	} else {
		fi.title = arena_printf(a, "述职评议整改：等次为“%s”", grade);
		fi.detail = arena_printf(a, "%s请对照评议意见逐项制定整改措施并按期整改。", fi.detail);
		fi.source_ref = arena_printf(a, "review/%" PRId64 "/%" PRId64, r->id, s->sec);
	}
	e = finding_create_in(db, w, &fi, &pb, fid);
	if (e == ERR_INVALID)
		log_error("review %" PRId64 ": finding for %" PRId64 " refused: %s", r->id, s->sec,
		    pb.nfields ? pb.fields[0].msg : "");
	return e == ERR_INVALID ? ERR_STORE : e;
}

/* EVAL-03: 一般 or 差 → a rectification list (a finding with source
 * review for each dimension scored below the 较好 band's rate, or one for
 * the result when none is) and a talk (约谈), in the closing transaction. */
static enum err
talk_and_findings(struct db *db, const struct who *w, const struct review_round *r,
    const struct subj *s)
{
	struct arena a = ARENA_INIT;
	char due[11], after[128];
	int64_t first = 0, fid = 0, tid, cut = 0;
	struct dim *d = NULL;
	int nd = 0, nf = 0;
	enum err e = dimensions(db, r, s, &a, &d, &nd, &cut);

	for (int k = 0; !e && k < nd; k++)
		if (d[k].rate < cut && !(e = list_item(db, w, r, s, &d[k], &a, &fid))) {
			first = first ? first : fid;
			nf++;
		}
	if (!e && !nf && !(e = list_item(db, w, r, s, NULL, &a, &first)))
		nf++;
	date_format(date_today() + (int32_t)cfg.review_talk_days, due);
	if (!e)
		e = db_exec(db, "INSERT INTO review_talk (round_id, secretary_id, org_id, org_path, due,"
		    " note, finding_id, created_at) VALUES (?,?,?,?,?,?,?,?)", DB_I64(r->id),
		    DB_I64(s->sec), DB_I64(s->org), DB_TEXT(s->path), DB_TEXT(due), DB_TEXT(""),
		    DB_I64(first), DB_I64(time(NULL)), DB_END);
	tid = db_last_id(db);
	snprintf(after, sizeof(after), "{\"secretary_id\":%" PRId64 ",\"due\":\"%s\","
	    "\"finding_id\":%" PRId64 ",\"findings\":%d}", s->sec, due, first, nf);
	if (!e)
		e = audit_write(db, w, "create", "review_talk", tid, NULL, after, 1);
	arena_release(&a);
	return e;
}

/* Combines, ranks and writes every result; *talks counts the talks. */
static enum err
compute(struct db *db, const struct who *w, const struct review_round *r, struct subj *v, int n,
    struct problem *pb, int *talks)
{
	int64_t *score = xcalloc((size_t)n + 1, sizeof(*score));
	int *rank = xcalloc((size_t)n + 1, sizeof(*rank));
	enum err e = ERR_OK;

	for (int i = 0; i < n; i++) {
		v[i].ok = review_combine(v[i].t, &r->rules, &v[i].o) == ERR_OK;
		if (!v[i].ok)
			problem_field(pb, "secretaries", "%s（%s）尚无计入权重的评分", v[i].name,
			    v[i].org_name);
		score[i] = v[i].o.score;
	}
	if (pb->nfields)
		e = problem_set(pb, ERR_CONFLICT, "missing_ballots",
		    "有被评议书记尚无计入权重的评分，不能结束评议");
	if (!e && !n)
		e = problem_set(pb, ERR_CONFLICT, "no_secretaries", "本轮没有被评议的书记");
	indicator_rank(score, n, rank);
	for (int i = 0; !e && i < n; i++) {
		e = insert_result(db, r->id, &v[i], rank[i]);
		if (!e && v[i].o.grade >= RGR_AVERAGE) {
			e = talk_and_findings(db, w, r, &v[i]);
			++*talks;
		}
	}
	free(score);
	free(rank);
	return e;
}

enum err
review_close(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct review_round r;
	struct subj *v = NULL;
	char after[96];
	int n = 0, talks = 0;
	enum err e;

	if ((e = review_get(db, w, id, &a, &r)))
		goto out;
	if ((e = db_begin(db)))
		goto out;
	e = lock_state(db, id, &r.state);
	if (!e && review_step(r.state, RS_CLOSED))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition",
		    review_conflict_message(r.state));
	if (!e)
		e = load_subjects(db, id, &v, &n);
	if (!e)
		e = load_tallies(db, id, v, n);
	if (!e)
		e = compute(db, w, &r, v, n, pb, &talks);
	if (!e)
		e = db_exec(db, "UPDATE review_round SET state = 'closed', closed_at = ?, updated_at = ?"
		    " WHERE id = ?", DB_I64(time(NULL)), DB_I64(time(NULL)), DB_I64(id), DB_END);
	/* Voting is over: the round's "待评分" messages no longer ask anything. */
	if (!e)
		e = db_exec(db, "UPDATE notification SET read_at = ? WHERE kind = 'review_opened'"
		    " AND link = '/reviews?open=' || ? AND read_at IS NULL", DB_I64(time(NULL)),
		    DB_I64(id), DB_END);
	snprintf(after, sizeof(after), "{\"state\":\"closed\",\"results\":%d,\"talks\":%d}", n,
	    talks);
	if (!e)
		e = audit_write(db, w, "close", "review_round", id, "{\"state\":\"open\"}", after, 1);
	e = db_end(db, e);
out:
	free(v);
	arena_release(&a);
	return e;
}

enum err
review_publish(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	enum review_state st = RS_OPEN;
	enum err e;

	if ((e = db_begin(db)))
		return e;
	e = lock_state(db, id, &st);
	if (!e && review_step(st, RS_PUBLISHED))
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", review_conflict_message(st));
	if (!e)
		e = db_exec(db, "UPDATE review_round SET state = 'published', published_at = ?,"
		    " updated_at = ? WHERE id = ?", DB_I64(time(NULL)), DB_I64(time(NULL)), DB_I64(id),
		    DB_END);
	if (!e)
		e = review_notify(db, id, "review_published", 0, NULL);
	if (!e)
		e = audit_write(db, w, "publish", "review_round", id, "{\"state\":\"closed\"}",
		    "{\"state\":\"published\"}", 1);
	return db_end(db, e);
}

#define RESULT_COLS "x.id, x.secretary_id, x.org_id, x.score, x.rank, x.ballots, x.poor_share," \
	" x.votes_good, x.votes_fair, x.votes_average, x.votes_poor, x.avg_district," \
	" x.avg_secretary, x.avg_member, u.username, o.name, x.grade, t.id, t.finding_id, t.due," \
	" t.done"

static void
result_from(struct db_rows *q, struct arena *a, struct review_result *x)
{
	memset(x, 0, sizeof(*x));
	x->id = db_i64(q, 0);
	x->secretary_id = db_i64(q, 1);
	x->org_id = db_i64(q, 2);
	x->score = db_i64(q, 3);
	x->rank = db_i64(q, 4);
	x->ballots = db_i64(q, 5);
	x->poor_share = db_i64(q, 6);
	for (int k = 0; k < RGR_N; k++)
		x->votes[k] = db_i64(q, 7 + k);
	for (int g = 0; g < RG_N; g++)
		x->avg[g] = db_is_null(q, 11 + g) ? -1 : db_i64(q, 11 + g);
	x->secretary = arena_strdup(a, db_text(q, 14));
	x->org_name = arena_strdup(a, db_text(q, 15));
	x->grade = arena_strdup(a, db_text(q, 16));
	x->talk_id = opt_i64(q, 17);
	x->finding_id = opt_i64(q, 18);
	x->talk_due = arena_strdup(a, db_text(q, 19));
	x->talk_done = (int)opt_i64(q, 20);
}

enum err
review_results(struct db *db, const struct who *w, const struct review_round *r,
    struct arena *a, void (*fn)(void *ctx, const struct review_result *x), void *ctx)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows q;
	enum err e;

	/* Managers once closed; a secretary their own once published. */
	if (!r->manager && (!r->subject || r->state != RS_PUBLISHED))
		return ERR_NOT_FOUND;
	buf_adds(&sql, "SELECT " RESULT_COLS " FROM review_result x"
	    " JOIN app_user u ON u.id = x.secretary_id JOIN org o ON o.id = x.org_id"
	    " LEFT JOIN review_talk t ON t.round_id = x.round_id AND t.secretary_id = x.secretary_id"
	    " WHERE x.round_id = ?");
	db_args_add(&args, DB_I64(r->id));
	if (!r->manager) {
		buf_adds(&sql, " AND x.secretary_id = ?");
		db_args_add(&args, DB_I64(w->user_id));
	} else
		scope_sql(&sql, &args, w, "x.org_path", up);
	buf_adds(&sql, " ORDER BY x.rank, u.username");
	e = db_queryv(db, &q, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		struct review_result x;

		result_from(&q, a, &x);
		fn(ctx, &x);
	}
	db_rows_close(&q);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
review_talks(struct db *db, const struct who *w, int64_t round_id, struct arena *a,
    void (*fn)(void *ctx, const struct review_talk *t), void *ctx)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows q;
	enum err e;

	buf_adds(&sql, "SELECT t.id, t.round_id, t.secretary_id, t.org_id, t.finding_id, r.name,"
	    " u.username, o.name, t.due, t.note, t.done_on, x.grade, t.done FROM review_talk t"
	    " JOIN review_round r ON r.id = t.round_id JOIN app_user u ON u.id = t.secretary_id"
	    " JOIN org o ON o.id = t.org_id LEFT JOIN review_result x ON x.round_id = t.round_id"
	    " AND x.secretary_id = t.secretary_id WHERE (? = 0 OR t.round_id = ?)");
	db_args_add(&args, DB_I64(round_id));
	db_args_add(&args, DB_I64(round_id));
	if (is_manager(w))
		scope_sql(&sql, &args, w, "t.org_path", up);
	else {
		/* A secretary sees their own talks once the round is published. */
		buf_adds(&sql, " AND t.secretary_id = ? AND r.state = 'published'");
		db_args_add(&args, DB_I64(w->user_id));
	}
	buf_adds(&sql, " ORDER BY t.done, t.due, t.id");
	e = db_queryv(db, &q, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		struct review_talk t = { db_i64(&q, 0), db_i64(&q, 1), db_i64(&q, 2), db_i64(&q, 3),
			opt_i64(&q, 4), arena_strdup(a, db_text(&q, 5)), arena_strdup(a, db_text(&q, 6)),
			arena_strdup(a, db_text(&q, 7)), arena_strdup(a, db_text(&q, 8)),
			arena_strdup(a, db_text(&q, 9)), arena_strdup(a, db_text(&q, 10)),
			arena_strdup(a, db_text(&q, 11)), (int)db_i64(&q, 12) };

		fn(ctx, &t);
	}
	db_rows_close(&q);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
review_talk_done(struct db *db, const struct who *w, int64_t talk_id, const char *note,
    struct problem *pb)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256], today[11];
	int64_t done = 0;
	enum err e;

	if ((e = db_begin(db)))
		return e;
	buf_adds(&sql, "SELECT done FROM review_talk WHERE id = ?");
	db_args_add(&args, DB_I64(talk_id));
	scope_sql(&sql, &args, w, "org_path", up);
	e = db_get_i64v(db, &done, buf_str(&sql), &args);
	buf_release(&sql);
	if (!e && done)
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", "该约谈已完成");
	date_format(date_today(), today);
	if (!e)
		e = db_exec(db, "UPDATE review_talk SET done = 1, done_on = ?, done_by = ?, note = ?"
		    " WHERE id = ?", DB_TEXT(today), w->user_id ? DB_I64(w->user_id) : DB_NULL,
		    DB_TEXT(note ? note : ""), DB_I64(talk_id), DB_END);
	if (!e)
		e = audit_write(db, w, "done", "review_talk", talk_id, "{\"done\":false}",
		    "{\"done\":true}", 1);
	return db_end(db, e);
}

enum err
review_candidates(struct db *db, const char *role, struct arena *a,
    void (*fn)(void *ctx, const struct review_candidate *c), void *ctx)
{
	struct db_rows q;
	enum err e;

#define CANDIDATES "SELECT u.id, u.username, u.role, o.name FROM app_user u" \
	" LEFT JOIN org o ON o.id = (SELECT MIN(s.org_id) FROM user_scope s" \
	" WHERE s.user_id = u.id) WHERE u.disabled = 0 AND u.role IN ('secretary', 'district'," \
	" 'member', 'principal')"
	if (role)
		e = db_query(db, &q, CANDIDATES " AND u.role = ? ORDER BY u.username", DB_TEXT(role),
		    DB_END);
	else
		e = db_query(db, &q, CANDIDATES " ORDER BY u.role, u.username", DB_END);
#undef CANDIDATES
	if (e)
		return e;
	while ((e = db_next(&q)) == ERR_OK) {
		struct review_candidate c = { db_i64(&q, 0), arena_strdup(a, db_text(&q, 1)),
			arena_strdup(a, db_text(&q, 2)), arena_strdup(a, db_text(&q, 3)) };

		fn(ctx, &c);
	}
	db_rows_close(&q);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
