/* demo_life.c: the meetings of demo_life.h from one seeded splitmix64
 * stream, branch by branch in id order. Rows go through the db layer's
 * cached prepared statements inside one transaction; nothing is read back
 * but the ids of new meetings. */
#include "core/common.h"
#include "party/demo_life.h"
#include "core/dates.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "core/rng.h"

#define COMMITTEE_MIN 7		/* ORG-05 */
#define GROUPS_MAX 8

struct person {
	int64_t id;
	int full;
};

struct branch {
	int64_t id;
	char path[80];
	int32_t founded;
	struct person *m;	/* active members, into life.people */
	int nm;
	int64_t groups[GROUPS_MAX];
	char group_paths[GROUPS_MAX][80];
	int ngroups;
	int64_t committee[5];
	int ncommittee;
	int lax;		/* misses some meetings */
	int fixed_day;		/* the themed day of each month (ORG-14) */
};

struct life {
	struct db *db;
	struct rng r;
	int32_t today;
	struct branch *b;
	int nb;
	struct person *people;
	int64_t meetings, attendance;
};

/* --- reading the organizations --- */

static struct branch *
branch_find(struct life *l, int64_t id)
{
	int lo = 0, hi = l->nb - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (l->b[mid].id == id)
			return &l->b[mid];
		if (l->b[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

static enum err
load_branches(struct life *l)
{
	struct db_rows r;
	int64_t n;
	enum err e = db_get_i64(l->db, &n, "SELECT COUNT(*) FROM org WHERE kind = 'branch'", DB_END);

	if (e)
		return e;
	l->b = xcalloc((size_t)n + 1, sizeof(*l->b));
	e = db_query(l->db, &r, "SELECT id, path, founded_on FROM org WHERE kind = 'branch'"
	    " ORDER BY id", DB_END);
	if (e)
		return e;
	while (l->nb < n && (e = db_next(&r)) == ERR_OK) {
		struct branch *b = &l->b[l->nb++];
		const char *f = db_text(&r, 2);

		b->id = db_i64(&r, 0);
		snprintf(b->path, sizeof(b->path), "%s", db_text(&r, 1));
		if (!f || date_parse(f, &b->founded))
			b->founded = date_from_ymd(2000, 1, 1);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

static enum err
load_groups(struct life *l)
{
	struct db_rows r;
	enum err e = db_query(l->db, &r, "SELECT id, parent_id, path FROM org WHERE kind = 'group'"
	    " ORDER BY id", DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct branch *b = branch_find(l, db_i64(&r, 1));

		if (!b || b->ngroups == GROUPS_MAX)
			continue;
		snprintf(b->group_paths[b->ngroups], sizeof(b->group_paths[0]), "%s", db_text(&r, 2));
		b->groups[b->ngroups++] = db_i64(&r, 0);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* Active members by branch (rows come ordered by branch, then id). */
static enum err
load_members(struct life *l)
{
	struct db_rows r;
	int64_t n;
	int k = 0;
	enum err e = db_get_i64(l->db, &n, "SELECT COUNT(*) FROM member WHERE state = 'active'",
	    DB_END);

	if (e)
		return e;
	l->people = xcalloc((size_t)n + 1, sizeof(*l->people));
	e = db_query(l->db, &r, "SELECT id, org_id, status FROM member WHERE state = 'active'"
	    " ORDER BY org_id, id", DB_END);
	if (e)
		return e;
	while (k < n && (e = db_next(&r)) == ERR_OK) {
		struct branch *b = branch_find(l, db_i64(&r, 1));

		if (!b)
			continue;
		if (!b->m)
			b->m = &l->people[k];
		l->people[k].id = db_i64(&r, 0);
		l->people[k].full = !strcmp(db_text(&r, 2), "full");
		b->nm++;
		k++;
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

/* --- writing --- */

struct mtg {
	int64_t org_id;
	const char *path, *kind, *theme, *topic, *place, *lecturer;
	int32_t day;
	int minute;		/* of the day */
	int64_t host;
	int expected, present;
	int quorum;		/* -1: not a committee meeting */
};

static enum err
meeting_insert(struct life *l, const struct mtg *m, int64_t *id)
{
	int64_t at = (int64_t)m->day * 1440 + m->minute;
	char minutes[96];
	enum err e;

	snprintf(minutes, sizeof(minutes), "会议围绕“%s”进行了学习讨论，形成会议记录。", m->topic);
	e = db_exec(l->db, "INSERT INTO meeting (org_id, org_path, kind, theme, held_at, ends_at,"
	    " day, month_key, quarter_key, year, place, topic, host_id, recorder_id, lecturer,"
	    " minutes, expected, present, quorum_ok, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    DB_I64(m->org_id), DB_TEXT(m->path), DB_TEXT(m->kind), DB_TEXT(m->theme ? m->theme : ""),
	    DB_I64(at), DB_I64(at + 90), DB_I64(m->day), DB_I64(date_month_key(m->day)),
	    DB_I64(date_quarter_key(m->day)), DB_I64(date_year(m->day)), DB_TEXT(m->place),
	    DB_TEXT(m->topic), m->host ? DB_I64(m->host) : DB_NULL, m->host ? DB_I64(m->host) : DB_NULL,
	    DB_TEXT(m->lecturer ? m->lecturer : ""), DB_TEXT(minutes), DB_I64(m->expected),
	    DB_I64(m->present), m->quorum < 0 ? DB_NULL : DB_I64(m->quorum),
	    DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH), DB_END);
	if (e)
		return e;
	*id = db_last_id(l->db);
	l->meetings++;
	return ERR_OK;
}

static const char *const reasons[] = { "因公外出", "病假", "事假", "外出培训" };

#define ATT_BATCH 16	/* rows per INSERT: 4 parameters each, DB_ARGS_MAX 64 */
#define ATT_INSERT "INSERT INTO attendance (meeting_id, member_id, status, reason) VALUES "
#define ATT_ROW "(?, ?, ?, ?)"
#define ATT_ROW4 ATT_ROW ", " ATT_ROW ", " ATT_ROW ", " ATT_ROW
#define ATT_ROW16 ATT_ROW4 ", " ATT_ROW4 ", " ATT_ROW4 ", " ATT_ROW4

static void
att_args(struct life *l, struct db_args *a, int64_t meeting, int64_t member, int status)
{
	static const char *const st[] = { "present", "absent", "late" };

	db_args_add(a, DB_I64(meeting));
	db_args_add(a, DB_I64(member));
	db_args_add(a, DB_TEXT(st[status]));
	db_args_add(a, DB_TEXT(status == 1 ? reasons[rng_below(&l->r, 4)] : ""));
}

/* Attendance rows of one meeting: full batches of ATT_BATCH rows in one
 * statement each, the rest one by one (two cached statements in all). */
static enum err
attend(struct life *l, int64_t meeting, const int64_t *ids, const int *status, int n)
{
	static const char batch_sql[] = ATT_INSERT ATT_ROW16, one[] = ATT_INSERT ATT_ROW;
	enum err e = ERR_OK;
	int i = 0;

	for (; !e && i + ATT_BATCH <= n; i += ATT_BATCH) {
		struct db_args a = { 0 };

		for (int k = 0; k < ATT_BATCH; k++)
			att_args(l, &a, meeting, ids[i + k], status[i + k]);
		e = db_execv(l->db, batch_sql, &a);
	}
	for (; !e && i < n; i++) {
		struct db_args a = { 0 };

		att_args(l, &a, meeting, ids[i], status[i]);
		e = db_execv(l->db, one, &a);
	}
	l->attendance += n;
	return e;
}

/* Draws who comes: 0 present, 1 absent, 2 late. */
static int
draw(struct life *l, int strict)
{
	int v = rng_below(&l->r, 100);

	if (strict)	/* a meeting meant to miss its quorum */
		return v < 70 ? 1 : 0;
	return v < 88 ? 0 : v < 96 ? 1 : 2;
}

/* A meeting of everyone in ids[0..n) with its attendance. */
static enum err
hold(struct life *l, struct mtg *m, const int64_t *ids, int n, int strict)
{
	int status[64], present = 0;
	int64_t id;
	enum err e;

	if (m->day > l->today)
		return ERR_OK;
	n = n > 64 ? 64 : n;
	for (int i = 0; i < n; i++) {
		status[i] = draw(l, strict);
		present += status[i] != 1;
	}
	m->expected = n;
	m->present = present;
	if (m->quorum >= 0)
		m->quorum = present * 2 > n;	/* ORG-11: more than half */
	if ((e = meeting_insert(l, m, &id)))
		return e;
	return attend(l, id, ids, status, n);
}

static int
branch_ids(const struct branch *b, int64_t *ids)
{
	for (int i = 0; i < b->nm && i < 64; i++)
		ids[i] = b->m[i].id;
	return b->nm < 64 ? b->nm : 64;
}

/* ORG-05: branches with >= 7 full members elect a committee of 3 to 5. */
static enum err
committee_add(struct life *l, struct branch *b, const char *since)
{
	static const char *const posts[] = { "secretary", "organization", "propaganda",
		"discipline", "deputy_secretary" };
	int full = 0, want;
	enum err e = ERR_OK;

	for (int i = 0; i < b->nm; i++)
		full += b->m[i].full;
	if (full < COMMITTEE_MIN)
		return ERR_OK;
	want = full >= 30 ? 5 : full >= 15 ? 4 : 3;
	for (int i = 0; i < b->nm && b->ncommittee < want && !e; i++) {
		if (!b->m[i].full)
			continue;
		b->committee[b->ncommittee] = b->m[i].id;
		e = db_exec(l->db, "INSERT INTO org_committee (org_id, member_id, post, from_on)"
		    " VALUES (?, ?, ?, ?)", DB_I64(b->id), DB_I64(b->m[i].id),
		    DB_TEXT(posts[b->ncommittee]), DB_TEXT(since), DB_END);
		b->ncommittee++;
	}
	return e;
}

static const char *const topics[] = {
	"学习贯彻党的二十大精神", "学习《中国共产党章程》", "师德师风建设专题学习",
	"落实立德树人根本任务", "学习习近平新时代中国特色社会主义思想", "党风廉政建设专题教育",
	"学习《中国共产党支部工作条例（试行）》", "推进清廉学校建设", "讨论本学期支部工作计划",
	"学习《中小学教师职业道德规范》",
};

static const char *
topic(struct life *l)
{
	return topics[rng_below(&l->r, (int)ARRAY_SIZE(topics))];
}

static int32_t
in_month(struct life *l, int y, int m, int lo, int hi)
{
	int dim = date_days_in_month(y, m);

	hi = hi > dim ? dim : hi;
	return date_from_ymd(y, m, lo + rng_below(&l->r, hi - lo + 1));
}

/* Whether a lax branch skips this one (about a third of its meetings). */
static int
skip(struct life *l, const struct branch *b)
{
	return b->lax && rng_pct(&l->r, 30);
}

static enum err
branch_month(struct life *l, struct branch *b, int y, int mo, int64_t *ids, int n)
{
	struct mtg m = { .org_id = b->id, .path = b->path, .place = "党员活动室", .minute = 15 * 60,
		.quorum = -1 };
	enum err e = ERR_OK;

	m.host = b->ncommittee ? b->committee[0] : n ? ids[0] : 0;
	if (!skip(l, b)) {	/* ORG-14: the fixed themed day */
		m.kind = "theme_day";
		m.topic = topic(l);
		m.day = date_from_ymd(y, mo, b->fixed_day);
		e = hold(l, &m, ids, n, 0);
	}
	if (!e && b->ncommittee && !skip(l, b)) {	/* ORG-11 */
		m.kind = "committee";
		m.topic = "研究支部近期工作";
		m.day = in_month(l, y, mo, 1, 12);
		m.quorum = 1;
		m.place = "支部办公室";
		e = hold(l, &m, b->committee, b->ncommittee, rng_pct(&l->r, 3));
		m.quorum = -1;
		m.place = "党员活动室";
	}
	for (int g = 0; !e && g < b->ngroups; g++) {	/* ORG-12 */
		int64_t gids[64];
		int gn = 0;

		for (int i = g; i < n; i += b->ngroups)
			gids[gn++] = ids[i];
		if (skip(l, b))
			continue;
		m.org_id = b->groups[g];
		m.path = b->group_paths[g];
		m.kind = "group";
		m.topic = topic(l);
		m.day = in_month(l, y, mo, 8, 24);
		m.host = gn ? gids[0] : 0;
		e = hold(l, &m, gids, gn, 0);
		m.org_id = b->id;
		m.path = b->path;
	}
	/* Fortnightly study on Wednesdays, outside the winter and summer holidays. */
	for (int32_t d = date_from_ymd(y, mo, 1); !e && date_to_ymd(d).m == mo; d++) {
		if (mo == 2 || mo == 7 || mo == 8 || (d + 4) % 7 != 3 || (d / 7) % 2)
			continue;
		m.kind = "activity";
		m.theme = "自选动作：政治理论学习";
		m.topic = topic(l);
		m.day = d;
		m.minute = 16 * 60 + 30;
		e = hold(l, &m, ids, n, 0);
		m.theme = NULL;
		m.minute = 15 * 60;
	}
	return e;
}

static enum err
branch_quarter(struct life *l, struct branch *b, int y, int q, int64_t *ids, int n)
{
	static const char *const themes[] = { "政治生日", "重温入党誓词", "学习党章", "先锋日",
		"警示教育日" };
	struct mtg m = { .org_id = b->id, .path = b->path, .place = "学校会议室", .minute = 16 * 60,
		.quorum = -1, .host = b->ncommittee ? b->committee[0] : n ? ids[0] : 0 };
	enum err e = ERR_OK;

	if (!skip(l, b)) {	/* ORG-10 */
		m.kind = "branch_assembly";
		m.topic = "支部党员大会：通报支部工作";
		m.day = in_month(l, y, q * 3 - 1, 5, 25);
		e = hold(l, &m, ids, n, 0);
	}
	if (!e && !skip(l, b)) {	/* ORG-13 */
		m.kind = "lecture";
		m.topic = topic(l);
		m.lecturer = "支部书记";
		m.day = in_month(l, y, q * 3, 3, 20);
		e = hold(l, &m, ids, n, 0);
		m.lecturer = NULL;
	}
	if (!e) {	/* a themed activity */
		m.kind = "activity";
		m.theme = themes[rng_below(&l->r, (int)ARRAY_SIZE(themes))];
		m.topic = m.theme;
		m.day = in_month(l, y, q * 3 - 2, 10, 28);
		e = hold(l, &m, ids, n, 0);
	}
	return e;
}

/* ORG-17: one talk (谈心谈话) between a and b on a day of the school year. */
static enum err
talk(struct life *l, const struct branch *b, struct mtg *m, int y, int64_t a, int64_t c)
{
	int64_t pair[2] = { a, c };

	if (skip(l, b))
		return ERR_OK;
	m->day = date_from_ymd(y, 3 + rng_below(&l->r, 9), 1 + rng_below(&l->r, 28));
	m->host = a;
	return hold(l, m, pair, 2, 0);
}

/* ORG-15, ORG-16, ORG-17: org-life meeting and appraisal in December;
 * talks: every member talks with a committee member and with a peer. */
static enum err
branch_year(struct life *l, struct branch *b, int y, int64_t *ids, int n)
{
	struct mtg m = { .org_id = b->id, .path = b->path, .place = "党员活动室", .minute = 15 * 60,
		.quorum = -1, .host = b->ncommittee ? b->committee[0] : n ? ids[0] : 0 };
	enum err e = ERR_OK;

	if (!skip(l, b)) {
		m.kind = "org_life";
		m.topic = "年度组织生活会：开展批评与自我批评";
		m.day = in_month(l, y, 12, 10, 20);
		e = hold(l, &m, ids, n, 0);
	}
	if (!e && !skip(l, b)) {
		m.kind = "appraisal";
		m.topic = "民主评议党员";
		m.day = in_month(l, y, 12, 21, 28);
		e = hold(l, &m, ids, n, 0);
	}
	m.kind = "talk";
	m.topic = "谈心谈话";
	m.place = "支部办公室";
	/* Committee members with each other, once a year. */
	for (int i = 0; !e && i < b->ncommittee; i++)
		for (int j = i + 1; !e && j < b->ncommittee; j++)
			e = talk(l, b, &m, y, b->committee[i], b->committee[j]);
	/* Each member with a committee member every semester, and with a peer. */
	for (int i = 0; !e && i < n; i++) {
		int64_t c = b->ncommittee ? b->committee[i % b->ncommittee] : ids[0];

		if (c != ids[i])
			e = talk(l, b, &m, y, c, ids[i]);
		if (!e && c != ids[i])
			e = talk(l, b, &m, y, c, ids[i]);
		if (!e && n > 1)
			e = talk(l, b, &m, y, ids[i], ids[(i + 1) % n]);
	}
	return e;
}

static enum err
branch_life(struct life *l, struct branch *b, int y)
{
	int64_t ids[64];
	int n = branch_ids(b, ids);
	enum err e = ERR_OK;

	for (int mo = 1; mo <= 12 && !e; mo++)
		if (date_from_ymd(y, mo, 1) >= b->founded)
			e = branch_month(l, b, y, mo, ids, n);
	for (int q = 1; q <= 4 && !e; q++)
		if (date_from_ymd(y, q * 3 - 2, 1) >= b->founded)
			e = branch_quarter(l, b, y, q, ids, n);
	if (!e && date_from_ymd(y, 1, 1) >= b->founded)
		e = branch_year(l, b, y, ids, n);
	return e;
}

static enum err
generate(struct life *l)
{
	int y1 = date_year(l->today);
	enum err e = ERR_OK;

	for (int i = 0; i < l->nb && !e; i++) {
		struct branch *b = &l->b[i];
		char since[11];

		b->lax = rng_pct(&l->r, 12);
		b->fixed_day = 5 + rng_below(&l->r, 20);
		date_format(date_from_ymd(y1 - 1, 1, 1) > b->founded ? date_from_ymd(y1 - 1, 1, 1) :
		    b->founded, since);
		e = committee_add(l, b, since);
		for (int y = y1 - 1; y <= y1 && !e; y++)
			e = branch_life(l, b, y);
	}
	return e;
}

enum err
demo_life_generate_counted(struct db *db, const struct demo_scale *s, int32_t today,
    int64_t *meetings, int64_t *attendance)
{
	struct life l = { .db = db, .r = { s->seed ^ 0x4C494645ull }, .today = today };
	int64_t n = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_get_i64(db, &n, "SELECT COUNT(*) FROM meeting", DB_END);
	if (!e && n) {
		log_error("demo: the database already holds meetings");
		e = ERR_CONFLICT;
	}
	if (!e)
		e = load_branches(&l);
	if (!e)
		e = load_groups(&l);
	if (!e)
		e = load_members(&l);
	if (!e)
		e = generate(&l);
	e = db_end(db, e);
	if (!e)
		log_info("demo: %" PRId64 " meetings, %" PRId64 " attendance rows", l.meetings,
		    l.attendance);
	if (meetings)
		*meetings = e ? 0 : l.meetings;
	if (attendance)
		*attendance = e ? 0 : l.attendance;
	free(l.b);
	free(l.people);
	return e;
}

enum err
demo_life_generate(struct db *db, const struct demo_scale *s, int32_t today)
{
	return demo_life_generate_counted(db, s, today, NULL, NULL);
}
