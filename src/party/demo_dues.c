/* demo_dues.c: the demo rows of demo_dues.h from one seeded splitmix64. */
#include "core/common.h"
#include "party/demo_dues.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/rng.h"
#include "db/db.h"
#include "party/dues.h"

#define MEMBERS_MAX 3000
#define MONTHS 12

struct demo_member {
	int64_t id, org_id;
	const char *path, *category;
};

/* A monthly base in fen for the dues category: salaries of 5,000-12,000
 * yuan, pensions of 4,000-7,000, none for the flat categories. */
static int64_t
base_for(struct rng *g, const char *category)
{
	if (!strcmp(category, "in_service"))
		return (5000 + 100 * rng_below(g, 71)) * 100LL;
	if (!strcmp(category, "retired"))
		return (4000 + 100 * rng_below(g, 31)) * 100LL;
	return 0;
}

/* How many of the last months are unpaid: most none (the current month
 * half the time), 3% three to five (warning), 1% six or more (flag). */
static int
behind(struct rng *g)
{
	int x = rng_below(g, 100);

	if (x < 1)
		return 6 + rng_below(g, 4);
	if (x < 4)
		return 3 + rng_below(g, 3);
	return rng_below(g, 2);
}

static enum err
setting(struct db *db, struct rng *g, const struct demo_member *m, int32_t from,
    int64_t *monthly)
{
	const char *category = dues_category_for_member(m->category), *rule;
	int64_t base = base_for(g, category), rate;
	struct problem pb = { 0 };

	if (dues_monthly(&cfg.dues, category, base, monthly, &rule, &rate, &pb))
		return ERR_STORE;	/* the demo's own figures: never bad */
	return db_exec(db, "INSERT INTO dues_setting (member_id, category, base_fen, from_month,"
	    " monthly_fen, rule, created_at) VALUES (?,?,?,?,?,?,?)", DB_I64(m->id),
	    DB_TEXT(category), DB_I64(base), DB_I64(from), DB_I64(*monthly), DB_TEXT(rule),
	    DB_I64(0), DB_END);
}

static const char *const METHODS[] = { "wechat", "transfer", "alipay", "cash" };

/* Month key, paid between the 5th and the 25th (of the next month when
 * late), never after yesterday. */
static enum err
payment(struct db *db, struct rng *g, const struct demo_member *m, int32_t month,
    int64_t fen, int late, int32_t today)
{
	int32_t paid = late ? dues_month_add(month, 1) : month;
	int32_t day = date_from_ymd(paid / 100, paid % 100, 5 + rng_below(g, 21));
	char on[11];

	if (day >= today)
		day = today - 1;
	date_format(day, on);
	return db_exec(db, "INSERT INTO dues_payment (member_id, org_id, org_path, month_key,"
	    " amount_fen, paid_on, method, created_at) VALUES (?,?,?,?,?,?,?,?)", DB_I64(m->id),
	    DB_I64(m->org_id), DB_TEXT(m->path), DB_I64(month), DB_I64(fen), DB_TEXT(on),
	    DB_TEXT(METHODS[rng_below(g, (int)ARRAY_SIZE(METHODS))]),
	    DB_I64((int64_t)day * 86400), DB_END);
}

/* From January of last year (so last year's assessment has a whole year
 * of dues, EVAL-04) or twelve months back, whichever is earlier, to this
 * month; the last `behind` months unpaid. Months older than twelve are
 * all paid, some of them late: most members rarely, one in seven often
 * (their own stream lax, so the months of the last year draw as before). */
static enum err
member_dues(struct db *db, struct rng *g, struct rng *lax, const struct demo_member *m,
    int32_t today)
{
	int32_t now = date_month_key(today);
	int32_t recent = dues_month_add(now, 1 - MONTHS);
	int32_t jan = (now / 100 - 1) * 100 + 1, from = jan < recent ? jan : recent;
	int unpaid = behind(g), late_pct = rng_pct(lax, 15) ? rng_range(lax, 20, 60) : 3;
	int old = dues_month_diff(from, recent);
	int64_t fen = 0;
	enum err e = setting(db, g, m, from, &fen);

	for (int i = 0; !e && i < old; i++)
		e = payment(db, lax, m, dues_month_add(from, i), fen, rng_pct(lax, late_pct), today);
	for (int i = 0; !e && i < MONTHS - unpaid; i++)
		e = payment(db, g, m, dues_month_add(recent, i), fen, 0, today);
	return e;
}

/* Members are read first, then written (no statement open across writes). */
static enum err
all_members(struct db *db, struct rng *g, struct rng *lax, int32_t today)
{
	struct arena a = ARENA_INIT;
	struct demo_member *m = arena_alloc(&a, sizeof(*m) * MEMBERS_MAX);
	struct db_rows r;
	int n = 0;
	enum err e = db_query(db, &r, "SELECT id, org_id, org_path, category FROM member"
	    " WHERE state = 'active' ORDER BY id LIMIT ?", DB_I64(MEMBERS_MAX), DB_END);

	if (e)
		goto out;
	while (n < MEMBERS_MAX && (e = db_next(&r)) == ERR_OK)
		m[n++] = (struct demo_member){ db_i64(&r, 0), db_i64(&r, 1),
			arena_strdup(&a, db_text(&r, 2)), arena_strdup(&a, db_text(&r, 3)) };
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
	for (int i = 0; !e && i < n; i++)
		e = member_dues(db, g, lax, &m[i], today);
out:
	arena_release(&a);
	return e;
}

enum err
demo_dues_generate(struct db *db, int32_t today)
{
	struct rng g = { 20260701u }, lax = { 20250101u };
	enum err e = db_begin(db);

	return e ? e : db_end(db, all_members(db, &g, &lax, today));
}
