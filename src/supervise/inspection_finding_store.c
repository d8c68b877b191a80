/* inspection_finding_store.c: the findings issued from an inspection (its
 * evidence files, once here, are attachments since issue 19:
 * inspection_files.c). */
#include "core/common.h"
#include "supervise/inspection.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "supervise/finding.h"
#include "supervise/indicator_store.h"
#include "supervise/inspection_scope.h"

/* --- findings issued from an inspection --- */

/* The indicator's name into *name; ERR_INVALID naming "indicator" if the
 * system has no such code. */
static enum err
check_indicator(struct db *db, int64_t system_id, const char *code, struct arena *a,
    struct problem *pb, const char **name)
{
	struct indicator *v;
	int n;
	enum err e;

	if (!code)
		return ERR_OK;
	if ((e = store_ind_tree(db, system_id, a, &v, &n)))
		return e;
	for (int i = 0; i < n; i++)
		if (!strcmp(v[i].code, code)) {
			*name = v[i].name;
			return ERR_OK;
		}
	return problem_field(pb, "indicator", "评分细则中没有编号“%s”", code);
}

static enum err
link_finding(struct db *db, const struct who *w, int64_t id, int64_t fid, const char *indicator,
    struct arena *a)
{
	enum err e = db_exec(db, "INSERT INTO inspection_finding (finding_id, inspection_id, indicator_code)"
	    " VALUES (?,?,?)", DB_I64(fid), DB_I64(id), indicator ? DB_TEXT(indicator) : DB_NULL,
	    DB_END);
	if (!e)
		e = audit_write(db, w, "issue_finding", "inspection", id, NULL,
		    insp_json(a, (const char *const[]){ "finding_id", arena_printf(a, "#%" PRId64, fid),
		    "indicator", indicator }, 4), 1);
	return e;
}

enum err
inspection_issue_finding(struct db *db, const struct who *w, int64_t id, struct finding_in *in,
    const char *indicator, struct problem *pb, int64_t *finding_id)
{
	struct arena a = ARENA_INIT;
	const char *name = NULL;
	struct inspection x;
	struct who nw;
	int64_t org;
	enum err e = inspection_get(db, w, id, &a, &x);

	if (!e)
		e = check_indicator(db, x.system_id, indicator, &a, pb, &name);
	if (e)
		goto out;
	/* The finding carries its indicator in words too, for the school. */
	if (name)
		in->detail = arena_printf(&a, "【督查指标 %s %s】%s", indicator, name,
		    in->detail ? in->detail : "");
	/* The finding store checks the organization against the caller's
	 * scope; an inspector's is their assignment, proved just above. */
	org = x.org_id;
	insp_narrow(w, &x.org_path, &org, &nw);
	in->org_id = x.org_id;
	in->source = "inspection";
	in->source_ref = arena_printf(&a, "%" PRId64, id);
	/* The finding, its link to the indicator and both audit rows: one
	 * transaction. */
	if ((e = db_begin(db)))
		goto out;
	e = finding_create_in(db, &nw, in, pb, finding_id);
	if (!e)
		e = link_finding(db, w, id, *finding_id, indicator, &a);
	e = db_end(db, e);
out:
	arena_release(&a);
	return e;
}

enum err
inspection_findings(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct insp_finding *f), void *ctx)
{
	char ref[24];
	struct db_rows r;
	enum err e;

	snprintf(ref, sizeof(ref), "%" PRId64, id);
	e = db_query(db, &r, "SELECT f.id, f.title, f.severity, f.state, f.deadline, l.indicator_code"
	    " FROM finding f LEFT JOIN inspection_finding l ON l.finding_id = f.id"
	    " WHERE f.source = 'inspection' AND f.source_ref = ? ORDER BY f.id", DB_TEXT(ref),
	    DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct insp_finding f = { db_i64(&r, 0), arena_strdup(a, db_text(&r, 1)),
			arena_strdup(a, db_text(&r, 2)), arena_strdup(a, db_text(&r, 3)),
			arena_strdup(a, db_text(&r, 4)), arena_strdup(a, db_text(&r, 5)) };

		fn(ctx, &f);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
