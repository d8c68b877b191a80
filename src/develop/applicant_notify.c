/* applicant_notify.c: the daily overdue-step pass (applicant_notify.h). */
#include "core/common.h"
#include "develop/applicant_notify.h"
#include "auth/audit.h"
#include "core/dates.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "desk/notify.h"
#include "develop/pipeline.h"

#define PASS_MAX 2000	/* steps per pass; the rest wait for the next one */

struct due_step {
	int64_t applicant, org;
	int step;
	char due[11];
};

static enum err
notify_one(struct db *db, const struct due_step *d)
{
	const struct pipe_step_def *def = pipe_step(d->step);
	char title[256], link[64];
	enum err e;

	/* No name: the title may leave by e-mail; the link opens the person. */
	snprintf(title, sizeof(title), "发展党员步骤逾期：第%d步“%s”应于 %s 前完成", d->step,
	    def ? def->name : "", d->due);
	snprintf(link, sizeof(link), "/applicants?open=%" PRId64, d->applicant);
	e = notify_org(db, "step_overdue", d->org, ROLE_SECRETARY, title, link);
	if (!e)
		e = db_exec(db, "INSERT INTO notify_step_sent (applicant_id, step, sent_at)"
		    " VALUES (?,?,?)", DB_I64(d->applicant), DB_I64(d->step), DB_I64(time(NULL)),
		    DB_END);
	return e;
}

/* NOTIFY-04: once per applicant and step. */
enum err
applicant_notify_overdue(struct db *db, int *sent)
{
	struct who sys = WHO_SYSTEM;
	struct due_step *v = NULL;
	struct db_rows r;
	char today[11], after[64];
	int n = 0;
	enum err e;

	*sent = 0;
	date_format(date_today(), today);
	if ((e = db_begin(db)))
		return e;
	e = db_query(db, &r, "SELECT ap.id, ap.org_id, ap.next_step, ap.next_due FROM applicant ap"
	    " WHERE ap.next_due IS NOT NULL AND ap.next_due < ? AND ap.next_step IS NOT NULL"
	    " AND ap.status IN ('pipeline', 'probationary') AND NOT EXISTS (SELECT 1 FROM"
	    " notify_step_sent s WHERE s.applicant_id = ap.id AND s.step = ap.next_step)"
	    " ORDER BY ap.id LIMIT ?", DB_TEXT(today), DB_I64(PASS_MAX), DB_END);
	if (!e)
		v = xcalloc(PASS_MAX, sizeof(*v));
	while (!e && n < PASS_MAX && db_next(&r) == ERR_OK) {
		v[n] = (struct due_step){ db_i64(&r, 0), db_i64(&r, 1), (int)db_i64(&r, 2), "" };
		snprintf(v[n].due, sizeof(v[n].due), "%s", db_text(&r, 3));
		n++;
	}
	if (!e)
		db_rows_close(&r);
	for (int i = 0; !e && i < n; i++)
		e = notify_one(db, &v[i]);
	if (!e && n) {
		snprintf(after, sizeof(after), "{\"steps\":%d}", n);
		e = audit_write(db, &sys, "notify_overdue", "applicant", 0, NULL, after, 1);
	}
	free(v);
	if (!(e = db_end(db, e)))
		*sent = n;
	return e;
}
