/* compliance_bench.c: times the compliance store on a city-scale database
 * (bench/compliance.sh builds it against build/rel's objects):
 *   (a) one district's board for a year   compliance_board(district)
 *   (b) the whole city's roll-up          compliance_rollup(all districts)
 *   (c) one branch's year                 compliance_board(branch)
 * and, as figures without a target, the alert centre's first page for the
 * district and for the city. Each runs once to warm the page cache, then
 * RUNS times; the median and the best are printed in milliseconds.
 * Usage: compliance_bench DB [RUNS] */
#include "core/common.h"
#include "auth/who.h"
#include "core/config.h"
#include "core/dates.h"
#include "db/db.h"
#include "desk/alert.h"
#include "party/compliance.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct sink {
	int64_t orgs, items;
};

static void
count(void *ctx, const struct compliance_row *o, const struct compliance_item *it, int n)
{
	struct sink *s = ctx;

	(void)o;
	(void)it;
	s->orgs++;
	s->items += n;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

enum what { BOARD, ROLLUP, ALERTS };

static void
alert_sink(void *ctx, const struct alert *a)
{
	(void)a;
	((struct sink *)ctx)->items++;
}

static void
run(struct db *db, const char *label, enum what k, int64_t org, const struct period *p, int runs)
{
	struct who w = { .role = ROLE_ADMIN, .all = 1 };
	double t[64];
	struct sink s = { 0 };
	struct compliance_rollup r;

	for (int i = 0; i <= runs; i++) {
		double t0 = now_ms();

		s = (struct sink){ 0 };
		if (k == BOARD) {
			if (compliance_board(db, &w, org, p, date_today(), count, &s))
				exit(1);
		} else if (k == ALERTS) {
			struct alert_filter f = { .org_id = org, .page = 1, .per_page = 20 };

			if (alert_list(db, &w, &f, date_today(), alert_sink, &s, &s.orgs))
				exit(1);
		} else {
			if (compliance_rollup(db, &w, org, p, date_today(), &r))
				exit(1);
			s.orgs = r.total.orgs;
			s.items = r.total.done + r.total.due + r.total.overdue + r.total.exempt;
			compliance_rollup_release(&r);
		}
		if (i)
			t[i - 1] = now_ms() - t0;
	}
	qsort(t, (size_t)runs, sizeof(t[0]), cmp);
	printf("%-34s org %-6" PRId64 " %6" PRId64 " orgs %7" PRId64 " items  median %8.2f ms"
	    "  best %8.2f ms\n", label, org, s.orgs, s.items, t[runs / 2], t[0]);
}

int
main(int argc, char **argv)
{
	struct db *db;
	struct period p;
	int64_t district, branch;
	long runs = 7;

	if (argc < 2 || (argc > 2 && config_parse_long(argv[2], 1, 64, &runs))) {
		fprintf(stderr, "usage: compliance_bench DB [RUNS 1..64]\n");
		return 2;
	}
	if (config_from_env() || db_open(argv[1], 0, &db))
		return 1;
	period_make(CU_YEAR, date_year(date_today()), 0, &p);
	/* The district committee with the most branches, and its busiest branch. */
	if (db_get_i64(db, &district, "SELECT d.id FROM org d JOIN org b ON b.path >= d.path"
	    " AND b.path < d.path || 'z' AND b.kind = 'branch' WHERE d.depth = 0 GROUP BY d.id"
	    " ORDER BY COUNT(*) DESC, d.id LIMIT 1", DB_END) ||
	    db_get_i64(db, &branch, "SELECT org_id FROM meeting WHERE year = ? GROUP BY org_id"
	    " ORDER BY COUNT(*) DESC, org_id LIMIT 1", DB_I64(p.year), DB_END))
		return 1;
	printf("period %s, %ld runs after one warm-up\n", p.text, runs);
	run(db, "(a) one district's board, year", BOARD, district, &p, (int)runs);
	run(db, "(b) whole city roll-up, year", ROLLUP, 0, &p, (int)runs);
	run(db, "(c) one branch's year", BOARD, branch, &p, (int)runs);
	/* Not targets: the alert centre's first page (orgs column: total alerts). */
	run(db, "alerts, one district, page 1", ALERTS, district, &p, (int)runs);
	run(db, "alerts, whole city, page 1", ALERTS, 0, &p, (int)runs);
	db_close(db);
	return 0;
}
