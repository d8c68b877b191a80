/* holiday_store.c: the holiday calendar's storage: a year saved through
 * the API lives in the holiday table; any other year comes from the
 * shipped file <cfg.holidays_dir>/<year>.txt. The calendar is district
 * configuration, not domain data of an organization: it has no scope. */
#include "core/common.h"
#include "develop/holiday.h"
#include "auth/audit.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "db/db.h"

static enum err
load_file(int year, struct holiday_cal *cal, struct arena *a)
{
	char path[512], chunk[4096];
	struct buf b = BUF_INIT(1 << 20);
	struct problem pb = { 0 };
	FILE *fp;
	size_t k;
	enum err e = ERR_OK;

	snprintf(path, sizeof(path), "%s/%d.txt", cfg.holidays_dir, year);
	if (!(fp = fopen(path, "r")))
		return ERR_OK;	/* no file: weekends only */
	while (!e && (k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		e = buf_add(&b, chunk, k);
	fclose(fp);
	if (!e && (e = holiday_parse(buf_str(&b), year, cal, a, &pb)))
		log_error("%s: %s %s", path, pb.fields[0].field, pb.fields[0].msg);
	buf_release(&b);
	return e ? ERR_STORE : ERR_OK;
}

enum err
holiday_load(struct db *db, int year, struct holiday_cal *cal, struct arena *a, int *edited)
{
	struct db_rows r;
	int64_t saved;
	enum err e = db_get_i64(db, &saved, "SELECT year FROM holiday_year WHERE year = ?",
	    DB_I64(year), DB_END);

	*edited = e == ERR_OK;
	if (e == ERR_NOT_FOUND)
		return load_file(year, cal, a);
	if (e)
		return e;
	if ((e = db_query(db, &r, "SELECT day, kind, name FROM holiday WHERE year = ? ORDER BY day",
	    DB_I64(year), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK && cal->n < HOLIDAY_MAX) {
		struct holiday *h = &cal->v[cal->n];

		if (date_parse(db_text(&r, 0), &h->day))
			continue;
		h->work = !strcmp(db_text(&r, 1), "work");
		h->name = arena_strdup(a, db_text(&r, 2));
		cal->n++;
	}
	db_rows_close(&r);
	holiday_sort(cal);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

static enum err
insert_days(struct db *db, const struct who *w, int year, const struct holiday_cal *cal)
{
	enum err e = db_exec(db, "DELETE FROM holiday WHERE year = ?", DB_I64(year), DB_END);
	char day[11];

	for (int i = 0; !e && i < cal->n; i++) {
		date_format(cal->v[i].day, day);
		e = db_exec(db, "INSERT INTO holiday (day, year, kind, name) VALUES (?,?,?,?)",
		    DB_TEXT(day), DB_I64(year), DB_TEXT(cal->v[i].work ? "work" : "off"),
		    DB_TEXT(cal->v[i].name), DB_END);
	}
	if (!e)
		e = db_exec(db, "DELETE FROM holiday_year WHERE year = ?", DB_I64(year), DB_END);
	if (!e)
		e = db_exec(db, "INSERT INTO holiday_year (year, updated_by, updated_at) VALUES (?,?,?)",
		    DB_I64(year), w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)),
		    DB_END);
	return e;
}

/* {"year":Y,"off":N,"work":M} for the audit row. */
static char *
summary(int year, const struct holiday_cal *cal, struct arena *a)
{
	int off = 0;

	for (int i = 0; i < cal->n; i++)
		off += !cal->v[i].work;
	return arena_printf(a, "{\"year\":%d,\"off\":%d,\"work\":%d}", year, off, cal->n - off);
}

enum err
holiday_save(struct db *db, const struct who *w, int year, const struct holiday_cal *cal,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct holiday_cal *old = xcalloc(1, sizeof(*old));
	int edited;
	enum err e;

	(void)pb;
	e = db_begin(db);
	if (!e)
		e = holiday_load(db, year, old, &a, &edited);
	if (!e)
		e = insert_days(db, w, year, cal);
	if (!e)
		e = audit_write(db, w, "update", "holiday", year, summary(year, old, &a),
		    summary(year, cal, &a), 1);
	e = db_end(db, e);
	free(old);
	arena_release(&a);
	return e;
}
