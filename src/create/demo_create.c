/* demo_create.c: deterministic dual-creation and dual-strengthening rows
 * for the demo (see demo_create.h). */
#include "core/common.h"
#include "create/demo_create.h"

#include "core/dates.h"
#include "core/xalloc.h"
#include "create/alliance.h"
#include "create/brand.h"
#include "create/clean.h"
#include "create/ethics.h"
#include "create/post.h"
#include "db/db.h"
#include "party/demo.h"

#define TOP_MAX 4096	/* schools with an organization */

struct top {
	int64_t school_id;
	char path[256];
	char group[96];
};

struct gen {
	struct db *db;
	int32_t today;
	struct top *v;
	int n;
};

static uint32_t
mix(uint32_t a, uint32_t b)
{
	uint32_t h = a * 2654435761u ^ (b + 0x9e3779b9u + (a << 6) + (a >> 2));

	h ^= h >> 15;
	h *= 2246822519u;
	return h ^ (h >> 13);
}

/* The day `back` days before today, as text. */
static const char *
ago(const struct gen *g, int back, char out[11])
{
	date_format(g->today - back, out);
	return out;
}

/* Each school's top organization, in path order. */
static enum err
load_tops(struct gen *g)
{
	struct db_rows r;
	enum err e = db_query(g->db, &r, "SELECT s.id, o.path, s.education_group FROM school s"
	    " JOIN org o ON o.school_id = s.id LEFT JOIN org par ON par.id = o.parent_id"
	    " WHERE par.id IS NULL OR par.school_id IS NULL OR par.school_id <> s.id"
	    " ORDER BY o.path", DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK && g->n < TOP_MAX) {
		struct top *t = &g->v[g->n++];

		t->school_id = db_i64(&r, 0);
		snprintf(t->path, sizeof(t->path), "%s", db_text(&r, 1));
		snprintf(t->group, sizeof(t->group), "%s", db_text(&r, 2));
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

static enum err
alliance_months(struct gen *g, int64_t id, const int *members, int nm)
{
	int32_t months[6];
	enum err e = ERR_OK;

	months[0] = date_month_first(g->today);
	for (int i = 1; i < 6; i++)
		months[i] = date_month_first(months[i - 1] - 1);
	for (int back = 5; !e && back >= 0; back--) {
		for (int k = 0; !e && k < FO_N; k++) {
			int32_t d = months[back] + 9 + k * 4;
			const struct top *host = &g->v[members[(back + k) % nm]];
			char day[11], month[8];

			/* About one in five is missed; nothing after today. */
			if (mix((uint32_t)id, (uint32_t)(back * 8 + k)) % 5 == 0 || d > g->today)
				continue;
			date_format(d, day);
			snprintf(month, sizeof(month), "%.7s", day);
			e = db_exec(g->db, "INSERT INTO alliance_activity (alliance_id, kind, held_on,"
			    " month, host_school_id, title, attendance, outputs, created_at)"
			    " VALUES (?,?,?,?,?,?,?,?,?)", DB_I64(id), DB_TEXT(alliance_kinds[k]),
			    DB_TEXT(day), DB_TEXT(month), DB_I64(host->school_id),
			    DB_TEXT(k == 0 ? "联合学习党的创新理论" : k == 1 ? "共读《习近平新时代中国特色社会主义思想学习纲要》" :
			    k == 2 ? "热点话题：人工智能进课堂" : "校际走访交流"),
			    DB_I64(20 + mix((uint32_t)id, (uint32_t)k) % 60),
			    DB_TEXT("学习心得、简报各一篇"), DB_I64(DEMO_EPOCH), DB_END);
		}
	}
	return e;
}

/* One alliance per education group: its first school leads. */
static enum err
alliances(struct gen *g)
{
	int members[64];
	enum err e = ERR_OK;

	for (int i = 0; !e && i < g->n; i++) {
		int nm = 0, seen = 0;
		char name[160];
		int64_t id;

		if (!g->v[i].group[0])
			continue;
		for (int j = 0; j < i; j++)
			seen |= !strcmp(g->v[j].group, g->v[i].group);
		if (seen)
			continue;
		for (int j = i; j < g->n && nm < 64; j++)
			if (!strcmp(g->v[j].group, g->v[i].group))
				members[nm++] = j;
		snprintf(name, sizeof(name), "%s党建联盟", g->v[i].group);
		e = db_exec(g->db, "INSERT INTO alliance (name, lead_school_id, founded_on, created_at,"
		    " updated_at) VALUES (?,?,?,?,?)", DB_TEXT(name), DB_I64(g->v[i].school_id),
		    DB_TEXT("2023-03-01"), DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH), DB_END);
		id = db_last_id(g->db);
		for (int k = 0; !e && k < nm; k++)
			e = db_exec(g->db, "INSERT INTO alliance_school (alliance_id, school_id, org_path,"
			    " role) VALUES (?,?,?,?)", DB_I64(id), DB_I64(g->v[members[k]].school_id),
			    DB_TEXT(g->v[members[k]].path), DB_TEXT(k ? "member" : "lead"), DB_END);
		if (!e)
			e = alliance_months(g, id, members, nm);
	}
	return e;
}

/* 5 municipal and 12 district projects in every stage, with topics. */
static enum err
brands(struct gen *g)
{
	static const int back[BS_N] = { 700, 640, 300, 60, 10 };
	static const char *const themes[] = { "一校一品", "书香党建", "红色研学", "劳动育人",
		"家校共育" };
	static const char *const results[BS_N] = { "", "", "中期评估良好", "通过验收", "命名为区级党建品牌" };
	enum err e = ERR_OK;

	for (int i = 0; !e && i < g->n && i < 34; i += 2) {
		const struct top *t = &g->v[i];
		int stage = (i / 2) % BS_N, k = i / 2;
		char day[11], name[64];
		int64_t id;

		snprintf(name, sizeof(name), "红岩先锋·%s", themes[k % 5]);
		e = db_exec(g->db, "INSERT INTO brand_project (school_id, org_path, name, aim, level,"
		    " stage, stage_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
		    DB_I64(t->school_id), DB_TEXT(t->path), DB_TEXT(name),
		    DB_TEXT("以党建引领学校高质量发展，形成可推广的育人品牌"),
		    DB_TEXT(k < 5 ? (k < 2 ? "municipal_creation" : "municipal_cultivation") : "district"),
		    DB_TEXT(brand_stages[stage]), DB_TEXT(ago(g, back[stage], day)),
		    DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH), DB_END);
		id = db_last_id(g->db);
		for (int s = 0; !e && s <= stage; s++)
			e = db_exec(g->db, "INSERT INTO brand_stage (project_id, stage, held_on, result,"
			    " note, at) VALUES (?,?,?,?,'',?)", DB_I64(id), DB_TEXT(brand_stages[s]),
			    DB_TEXT(ago(g, back[s], day)), DB_TEXT(results[s]), DB_I64(DEMO_EPOCH),
			    DB_END);
		if (!e)
			e = db_exec(g->db, "INSERT INTO brand_topic (school_id, org_path, title, level,"
			    " stage, lead, started_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
			    DB_I64(t->school_id), DB_TEXT(t->path), DB_TEXT("党建与学科育人融合路径研究"),
			    DB_TEXT(k < 5 ? "municipal" : "district"),
			    DB_TEXT(stage < 2 ? "approved" : stage < 4 ? "midterm" : "concluded"),
			    DB_TEXT("党委书记"), DB_TEXT(ago(g, back[0], day)), DB_I64(DEMO_EPOCH),
			    DB_I64(DEMO_EPOCH), DB_END);
	}
	return e;
}

/* The school whose top path begins path (tops are few: a scan). */
static const struct top *
school_of(const struct gen *g, const char *path)
{
	for (int i = 0; i < g->n; i++)
		if (!strncmp(path, g->v[i].path, strlen(g->v[i].path)))
			return &g->v[i];
	return NULL;
}

/* About a third of the active members hold a post. */
static enum err
posts(struct gen *g)
{
	static const char *const names[] = { "党员责任区", "教学先锋岗", "党员示范课堂" };
	struct db_rows r;
	char day[11];
	enum err e = db_query(g->db, &r, "SELECT id, org_path FROM member WHERE state = 'active'"
	    " ORDER BY id", DB_END);
	struct { int64_t id; const struct top *t; } *v;
	int n = 0, cap = 1 << 16;

	if (e)
		return e;
	v = xmalloc(sizeof(*v) * (size_t)cap);
	while (db_next(&r) == ERR_OK && n < cap)
		if (mix((uint32_t)db_i64(&r, 0), 7) % 3 == 0 && (v[n].t = school_of(g, db_text(&r, 1))))
			v[n++].id = db_i64(&r, 0);
	db_rows_close(&r);
	for (int i = 0; !e && i < n; i++) {
		int k = (int)(mix((uint32_t)v[i].id, 11) % 3);

		e = db_exec(g->db, "INSERT INTO member_post (school_id, org_path, member_id, kind, name,"
		    " since, commitment, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
		    DB_I64(v[i].t->school_id), DB_TEXT(v[i].t->path), DB_I64(v[i].id),
		    DB_TEXT(post_kinds[k]), DB_TEXT(names[k]),
		    DB_TEXT(ago(g, 30 + (int)(mix((uint32_t)v[i].id, 13) % 600), day)),
		    DB_TEXT("亮身份、作表率，带头上好每一节课"), DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH),
		    DB_END);
	}
	free(v);
	return e;
}

static enum err
school_rows(struct gen *g, int i)
{
	static const char *const teachers[] = { "思政教师甲", "高校讲师乙", "社区讲师丙" };
	static const char *const sources[] = { "school", "university", "community" };
	const struct top *t = &g->v[i];
	int year = date_year(g->today), status = i < 20 ? (i < 2 ? 3 : i < 7 ? 2 : 1) : 0;
	char d1[11], d2[11], d3[11];
	enum err e;

	e = db_exec(g->db, "INSERT INTO ideology_plan (school_id, org_path, year, title, goals,"
	    " partner, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", DB_I64(t->school_id),
	    DB_TEXT(t->path), DB_I64(year), DB_TEXT("大思政课建设实施方案"),
	    DB_TEXT("思政小课堂与社会大课堂相结合"), DB_TEXT(i % 3 ? "" : "西南大学马克思主义学院"),
	    DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH), DB_END);
	for (int k = 0; !e && k < 3; k++)
		e = db_exec(g->db, "INSERT INTO ideology_teacher (school_id, org_path, name, mode, source,"
		    " unit, subject, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
		    DB_I64(t->school_id), DB_TEXT(t->path),
		    DB_TEXT(teachers[k]),
		    DB_TEXT(k ? "part_time" : "full_time"),
		    DB_TEXT(sources[k]),
		    DB_TEXT(k == 1 ? "合作高校" : ""), DB_TEXT("道德与法治"), DB_I64(DEMO_EPOCH),
		    DB_I64(DEMO_EPOCH), DB_END);
	if (!e)
		e = db_exec(g->db, "INSERT INTO ideology_lesson (school_id, org_path, held_on, title,"
		    " place, classes, teachers, students, outputs, created_at, updated_at)"
		    " VALUES (?,?,?,?,?,?,?,?,?,?,?)", DB_I64(t->school_id), DB_TEXT(t->path),
		    DB_TEXT(ago(g, 20 + i, d1)), DB_TEXT("行走的思政课：红岩精神"),
		    DB_TEXT("红岩革命纪念馆"), DB_TEXT("八年级"), DB_TEXT("思政教师甲"),
		    DB_I64(120 + i), DB_TEXT("研学报告"), DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH), DB_END);
	if (!e && status)
		e = db_exec(g->db, "INSERT INTO clean_school (school_id, org_path, status, pilot_on,"
		    " demonstration_on, named_on, updated_at) VALUES (?,?,?,?,?,?,?)",
		    DB_I64(t->school_id), DB_TEXT(t->path), DB_TEXT(clean_statuses[status]),
		    DB_TEXT(ago(g, 900, d1)), status >= 2 ? DB_TEXT(ago(g, 500, d2)) : DB_NULL,
		    status >= 3 ? DB_TEXT(ago(g, 100, d3)) : DB_NULL, DB_I64(DEMO_EPOCH), DB_END);
	for (int k = 0; !e && k < 5; k++)
		if (mix((uint32_t)i, (uint32_t)k) % 3)
			e = db_exec(g->db, "INSERT INTO clean_activity (school_id, org_path, kind, held_on,"
			    " title, participants, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
			    DB_I64(t->school_id), DB_TEXT(t->path), DB_TEXT(clean_five[k]),
			    DB_TEXT(ago(g, 10 + k * 25, d1)), DB_TEXT("“五清”主题教育活动"),
			    DB_I64(40 + k), DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH), DB_END);
	for (int k = 0; !e && ethics_actions[k]; k++)
		e = db_exec(g->db, "INSERT INTO ethics_activity (school_id, org_path, action, held_on,"
		    " title, participants, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
		    DB_I64(t->school_id), DB_TEXT(t->path), DB_TEXT(ethics_actions[k]),
		    DB_TEXT(ago(g, 15 + k * 20, d1)), DB_TEXT("师德师风专题活动"), DB_I64(50 + k),
		    DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH), DB_END);
	if (!e && i % 4 == 0)
		e = db_exec(g->db, "INSERT INTO ethics_honor (school_id, org_path, kind, person, level,"
		    " held_on, title, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
		    DB_I64(t->school_id), DB_TEXT(t->path), DB_TEXT(i % 8 ? "commendation" : "typical_case"),
		    DB_TEXT("优秀教师"), DB_TEXT(i % 8 ? "district" : "municipal"), DB_TEXT(ago(g, 80, d1)),
		    DB_TEXT(i % 8 ? "师德标兵" : "师德师风典型案例"), DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH),
		    DB_END);
	return e;
}

static enum err
generate(struct gen *g)
{
	int64_t n = 0;
	enum err e = db_get_i64(g->db, &n, "SELECT COUNT(*) FROM alliance", DB_END);

	if (!e && n)
		return ERR_CONFLICT;
	if (!e)
		e = load_tops(g);
	if (!e)
		e = alliances(g);
	if (!e)
		e = brands(g);
	if (!e)
		e = posts(g);
	for (int i = 0; !e && i < g->n; i++)
		e = school_rows(g, i);
	return e;
}

enum err
demo_create_generate(struct db *db, int32_t today)
{
	struct gen g = { db, today, NULL, 0 };
	enum err e = db_begin(db);

	if (e)
		return e;
	g.v = xmalloc(sizeof(*g.v) * TOP_MAX);
	e = generate(&g);
	free(g.v);
	return db_end(db, e);
}
