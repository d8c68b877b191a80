/* demo_study.c: the demo rows of demo_study.h from one seeded splitmix64. */
#include "core/common.h"
#include "study/demo_study.h"

#include "core/arena.h"
#include "core/dates.h"
#include "core/rng.h"
#include "db/db.h"
#include "study/points.h"

#define DAY_MIN 1440
#define MEMBERS_MAX 3000

static const struct {
	const char *kind, *title, *topic, *url;
} ITEMS[] = {
	{ "video", "党的二十大精神专题辅导", "理论学习", "https://www.12371.cn/special/20da/" },
	{ "link", "《中国共产党章程》全文", "理论学习", "https://www.12371.cn/special/zggcdzc/" },
	{ "video", "红岩精神：江姐的故事", "红岩精神", "https://www.12371.cn/hongyan/jiangjie" },
	{ "link", "歌乐山烈士陵园网上展馆", "红岩精神", "https://www.hongyan.info/" },
	{ "link", "新时代中小学教师职业行为十项准则", "师德师风", "https://www.moe.gov.cn/srcsite/A10/s7002/201811/t20181115_354921.html" },
	{ "video", "党史学习教育微党课", "党史学习教育", "https://www.12371.cn/dsxx/wdk/" },
	{ "link", "中国共产党支部工作条例（试行）", "支部建设", "https://www.12371.cn/2018/11/25/ARTI1543145491216167.shtml" },
};

static const char *const BOOKS[] = { "红岩", "习近平谈治国理政", "觉醒年代", "红星照耀中国",
	"苦难辉煌", "平凡的世界" };

static const char *const STUDY_KINDS[] = { "reading", "video", "lecture", "document" };

static enum err
library(struct db *db, int64_t root, const char *path, int32_t today)
{
	enum err e = ERR_OK;
	char on[11];
	int64_t plan;

	for (size_t i = 0; !e && i < ARRAY_SIZE(ITEMS); i++)
		e = db_exec(db, "INSERT INTO study_item (org_id, org_path, kind, title, topic, url,"
		    " minutes, created_at, updated_at) VALUES (?,?,?,?,?,?,30,?,?)", DB_I64(root),
		    DB_TEXT(path), DB_TEXT(ITEMS[i].kind), DB_TEXT(ITEMS[i].title),
		    DB_TEXT(ITEMS[i].topic), DB_TEXT(ITEMS[i].url), DB_I64((int64_t)today * 86400),
		    DB_I64((int64_t)today * 86400), DB_END);
	if (!e)
		e = db_exec(db, "INSERT INTO study_plan (org_id, org_path, year, title, created_at)"
		    " VALUES (?,?,?,?,?)", DB_I64(root), DB_TEXT(path), DB_I64(date_year(today)),
		    DB_TEXT("全区党员年度学习计划"), DB_I64((int64_t)today * 86400), DB_END);
	plan = db_last_id(db);
	for (int m = 1; !e && m <= 12; m++) {
		date_format(date_from_ymd(date_year(today), m, 15), on);
		e = db_exec(db, "INSERT INTO study_plan_item (plan_id, topic, title, planned_on)"
		    " VALUES (?,?,?,?)", DB_I64(plan), DB_TEXT(ITEMS[m % ARRAY_SIZE(ITEMS)].topic),
		    DB_TEXT(ITEMS[m % ARRAY_SIZE(ITEMS)].title), DB_TEXT(on), DB_END);
	}
	return e;
}

static enum err
load_rules(struct db *db, struct points_rule *rules, int n)
{
	struct db_rows r;
	enum err e;

	for (int i = 0; i < n; i++)
		rules[i] = (struct points_rule){ points_kinds[i], 0, 0, 0, 0, 0 };
	if ((e = db_query(db, &r, "SELECT kind, per_record, block_minutes, per_block, daily_cap,"
	    " enabled FROM study_point_rule", DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		for (int i = 0; i < n; i++)
			if (!strcmp(points_kinds[i], db_text(&r, 0)))
				rules[i] = (struct points_rule){ points_kinds[i], db_i64(&r, 1),
					db_i64(&r, 2), db_i64(&r, 3), db_i64(&r, 4), (int)db_i64(&r, 5) };
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static const struct points_rule *
rule_of(const struct points_rule *rules, int n, const char *kind)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(rules[i].kind, kind))
			return &rules[i];
	return &rules[0];
}

/* One counted record; start is 20:00 (or the session's time) of day. */
static enum err
record(struct db *db, int64_t member, const char *path, const char *kind, const char *title,
    int64_t start, int64_t minutes, int64_t points, int64_t reading)
{
	char at[17], day[11];

	datetime_format(start, at);
	snprintf(day, sizeof(day), "%.10s", at);
	return db_exec(db, "INSERT INTO study_record (member_id, org_path, reading_id, title, kind,"
	    " started_min, started_at, minutes, day, year, points, status, created_min, created_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,'counted',?,?)", DB_I64(member), DB_TEXT(path),
	    reading ? DB_I64(reading) : DB_NULL, DB_TEXT(title), DB_TEXT(kind), DB_I64(start),
	    DB_TEXT(at), DB_I64(minutes), DB_TEXT(day), DB_I64(strtol(day, NULL, 10)), DB_I64(points),
	    DB_I64(start + minutes), DB_I64((start + minutes - 480) * 60), DB_END);
}

static enum err
member_records(struct db *db, struct rng *g, const struct points_rule *rules, int nr,
    int64_t member, const char *path, int32_t today)
{
	int n = rng_below(g, 100) < 35 ? 0 : 1 + rng_below(g, 12);
	enum err e = ERR_OK;

	for (int i = 0; !e && i < n; i++) {
		const char *kind = STUDY_KINDS[rng_below(g, 4)];
		int32_t day = today - 1 - i * 9 - rng_below(g, 8);	/* distinct days */
		int64_t minutes = 20 + 10 * rng_below(g, 8);
		const struct points_rule *r = rule_of(rules, nr, kind);

		e = record(db, member, path, kind, ITEMS[rng_below(g, (int)ARRAY_SIZE(ITEMS))].title,
		    (int64_t)day * DAY_MIN + 20 * 60, minutes, points_award(r, minutes, 0), 0);
	}
	return e;
}

static enum err
records(struct db *db, struct rng *g, int32_t today)
{
	struct points_rule rules[7];
	struct arena a = ARENA_INIT;
	int64_t *ids;
	const char **paths;
	struct db_rows r;
	int n = 0;
	enum err e;

	if ((e = load_rules(db, rules, 7)))
		return e;
	ids = arena_alloc(&a, sizeof(*ids) * MEMBERS_MAX);
	paths = arena_alloc(&a, sizeof(*paths) * MEMBERS_MAX);
	if ((e = db_query(db, &r, "SELECT id, org_path FROM member WHERE state = 'active'"
	    " ORDER BY id LIMIT ?", DB_I64(MEMBERS_MAX), DB_END)))
		goto out;
	while (n < MEMBERS_MAX && (e = db_next(&r)) == ERR_OK) {
		ids[n] = db_i64(&r, 0);
		paths[n++] = arena_strdup(&a, db_text(&r, 1));
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
	for (int i = 0; !e && i < n; i++)
		e = member_records(db, g, rules, 7, ids[i], paths[i], today);
out:
	arena_release(&a);
	return e;
}

/* A reading session (书香红岩) 15:00-16:30 of a branch, two to six weeks
 * ago, attended by up to eight of its members, each with a record. */
static enum err
reading(struct db *db, struct rng *g, const struct points_rule *rule, int64_t branch,
    const char *path, int32_t today)
{
	int64_t start = (int64_t)(today - 14 - rng_below(g, 30)) * DAY_MIN + 15 * 60, id;
	const char *book = BOOKS[rng_below(g, (int)ARRAY_SIZE(BOOKS))];
	int64_t members[8];
	char at[17], day[11], title[160];
	struct db_rows r;
	int n = 0;
	enum err e;

	datetime_format(start, at);
	snprintf(day, sizeof(day), "%.10s", at);
	snprintf(title, sizeof(title), "读书会：《%s》", book);
	e = db_exec(db, "INSERT INTO study_reading (org_id, org_path, book, host, held_at, held_min,"
	    " held_on, minutes, summary, created_at) VALUES (?,?,?,'支部书记',?,?,?,90,?,?)",
	    DB_I64(branch), DB_TEXT(path), DB_TEXT(book), DB_TEXT(at), DB_I64(start),
	    DB_TEXT(day), DB_TEXT("共读经典，交流心得。"), DB_I64((start - 480) * 60), DB_END);
	if (e)
		return e;
	id = db_last_id(db);
	if ((e = db_query(db, &r, "SELECT id FROM member WHERE org_id = ? AND state = 'active'"
	    " ORDER BY id LIMIT 8", DB_I64(branch), DB_END)))
		return e;
	while (n < 8 && (e = db_next(&r)) == ERR_OK)
		members[n++] = db_i64(&r, 0);
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
	for (int i = 0; !e && i < n; i++) {
		e = db_exec(db, "INSERT INTO study_reading_member (reading_id, member_id, present,"
		    " reflection) VALUES (?,?,1,?)", DB_I64(id), DB_I64(members[i]),
		    DB_TEXT(i % 2 ? "" : "重温经典，坚定理想信念，立足岗位做表率。"), DB_END);
		if (!e)
			e = record(db, members[i], path, "reading_session", title, start, 90,
			    points_award(rule, 90, 0), id);
	}
	return e;
}

static enum err
readings(struct db *db, struct rng *g, int32_t today)
{
	struct points_rule rules[7];
	int64_t ids[12];
	char *paths[12];
	struct arena a = ARENA_INIT;
	struct db_rows r;
	int n = 0;
	enum err e;

	if ((e = load_rules(db, rules, 7)))
		return e;
	if ((e = db_query(db, &r, "SELECT id, path FROM org WHERE kind = 'branch' ORDER BY id"
	    " LIMIT 12", DB_END)))
		return e;
	while (n < 12 && (e = db_next(&r)) == ERR_OK) {
		ids[n] = db_i64(&r, 0);
		paths[n++] = arena_strdup(&a, db_text(&r, 1));
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
	for (int i = 0; !e && i < n; i++)
		e = reading(db, g, rule_of(rules, 7, "reading_session"), ids[i], paths[i], today);
	arena_release(&a);
	return e;
}

static const struct {
	const char *title, *topic, *body;
} CASES[] = {
	{ "“支部建在学科组上”的实践", "支部建设", "学校将党支部建在学科教研组上，支部书记由学科骨干担任，"
	    "每月一次“主题党日+教研”，把党员示范课纳入教研计划，一年来党员教师开设示范课42节。" },
	{ "红岩精神进课堂：行走的思政课", "大思政课", "组织学生走进红岩村、渣滓洞，由党员教师现场讲授，"
	    "学生撰写研学报告，形成“参观—讲述—写作—展示”四步法。" },
	{ "“书香红岩”读书会的三个做法", "学习型党组织", "一是每月共读一本书，二是党员轮流领读，"
	    "三是读后写心得并在支部交流，读书会出勤率保持在九成以上。" },
	{ "党员责任区助力课后服务", "党建+教学", "每名党员认领一个课后服务责任区，设立党员先锋岗，"
	    "家长满意度明显提升。" },
	{ "清廉学校建设中的家校共育", "清廉学校", "通过家长学校开展廉洁文化教育，“小手拉大手”传播清风正气。" },
};

static enum err
exchange(struct db *db, int32_t today)
{
	int64_t ids[5], t0 = (int64_t)(today - 20) * 86400, post = 0;
	char *paths[5];
	struct arena a = ARENA_INIT;
	struct db_rows r;
	int n = 0;
	enum err e;

	if ((e = db_query(db, &r, "SELECT id, path FROM org WHERE kind = 'party_committee'"
	    " ORDER BY id LIMIT 5", DB_END)))
		return e;
	while (n < 5 && (e = db_next(&r)) == ERR_OK) {
		ids[n] = db_i64(&r, 0);
		paths[n++] = arena_strdup(&a, db_text(&r, 1));
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
	for (int i = 0; !e && i < n; i++) {
		int published = i < 4;

		e = db_exec(db, "INSERT INTO exchange_post (org_id, org_path, title, body, topic, state,"
		    " excellent, created_at, updated_at, published_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
		    DB_I64(ids[i]), DB_TEXT(paths[i]), DB_TEXT(CASES[i].title), DB_TEXT(CASES[i].body),
		    DB_TEXT(CASES[i].topic), DB_TEXT(published ? "published" : "submitted"),
		    DB_I64(i == 0), DB_I64(t0 + i * 86400), DB_I64(t0 + i * 86400),
		    published ? DB_I64(t0 + i * 86400 + 3600) : DB_NULL, DB_END);
		if (i == 0)
			post = db_last_id(db);
	}
	if (!e && post)
		e = db_exec(db, "INSERT INTO exchange_comment (post_id, author, body, created_at)"
		    " VALUES (?,'示范区教育工委','做法实在，值得各校借鉴。',?)", DB_I64(post),
		    DB_I64(t0 + 7200), DB_END);
	arena_release(&a);
	return e;
}

enum err
demo_study_generate(struct db *db, int32_t today)
{
	struct rng g = { 20260615u };
	int64_t root = 0;
	char path[64] = "";
	struct db_rows r;
	enum err e;

	if ((e = db_query(db, &r, "SELECT id, path FROM org WHERE parent_id IS NULL ORDER BY id",
	    DB_END)))
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		root = db_i64(&r, 0);
		snprintf(path, sizeof(path), "%s", db_text(&r, 1));
	}
	db_rows_close(&r);
	if (e)
		return e == ERR_NOT_FOUND ? ERR_OK : e;	/* no organizations: nothing to add */
	if ((e = db_begin(db)))
		return e;
	e = library(db, root, path, today);
	if (!e)
		e = records(db, &g, today);
	if (!e)
		e = readings(db, &g, today);
	if (!e)
		e = exchange(db, today);
	return db_end(db, e);
}
