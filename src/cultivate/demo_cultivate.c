/* demo_cultivate.c: the demo rows of the cultivation registers. Every
 * choice follows from row order, so the same database gives the same rows. */
#include "core/common.h"
#include "cultivate/demo_cultivate.h"
#include "core/dates.h"
#include "db/db.h"

#define SCHOOLS_MAX 64
#define T0 1700000000	/* created_at of demo rows: fixed, like demo.c */

struct school_row {
	int64_t school_id, org_id;
	char path[256];
	int public;
};

struct demo {
	struct db *db;
	int32_t today;
	struct school_row s[SCHOOLS_MAX];
	int n, npublic;
};

static const char *const surnames[] = { "张", "王", "李", "刘", "陈", "杨", "黄", "周", "吴",
	"徐", "孙", "马", "胡", "朱", "郭", "何", "罗", "高" };
static const char *const givens[] = { "晓燕", "建国", "丽君", "志强", "雨桐", "海波", "婷",
	"明轩", "佳怡", "国华", "文静", "子涵", "春梅", "浩然" };
static const char *const subjects[] = { "语文", "数学", "英语", "物理", "化学", "道德与法治",
	"历史", "音乐", "体育", "美术" };

static void
person(int i, char *out, size_t n)
{
	snprintf(out, n, "%s%s", surnames[i % 18], givens[(i * 7 + 3) % 14]);
}

static void
day(int y, int m, int d, char out[11])
{
	date_format(date_from_ymd(y, m, d), out);
}

static enum err
load_schools(struct demo *g)
{
	struct db_rows r;
	int64_t last = 0;
	enum err e;

	e = db_query(g->db, &r, "SELECT s.id, s.ownership, o.id, o.path FROM school s JOIN org o"
	    " ON o.school_id = s.id ORDER BY s.id, o.depth, o.id", DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK && g->n < SCHOOLS_MAX) {
		struct school_row *s = &g->s[g->n];

		if (db_i64(&r, 0) == last)
			continue;
		last = db_i64(&r, 0);
		s->school_id = last;
		s->public = !strcmp(db_text(&r, 1), "public");
		s->org_id = db_i64(&r, 2);
		snprintf(s->path, sizeof(s->path), "%s", db_text(&r, 3));
		g->npublic += s->public;
		g->n++;
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

/* The k-th active in-service member of school s with the given status
 * (and not a backbone when plain); 0 when none. */
static int64_t
member_of(struct demo *g, const struct school_row *s, const char *status, int plain, int k)
{
	char up[256];
	int64_t id = 0;
	size_t n = strlen(s->path);

	snprintf(up, sizeof(up), "%s", s->path);
	up[n - 1] = '0';
	if (db_get_i64(g->db, &id, "SELECT id FROM member WHERE org_path >= ? AND org_path < ?"
	    " AND state = 'active' AND category = 'in_service' AND status = ?"
	    " AND (? = 0 OR backbone = 0) ORDER BY id LIMIT 1 OFFSET ?", DB_TEXT(s->path),
	    DB_TEXT(up), DB_TEXT(status), DB_I64(plain), DB_I64(k), DB_END))
		return 0;
	return id;
}

struct nomination {
	const struct school_row *s;
	int year, i;
	const char *kind, *state, *outcome;
	int64_t member_id;
};

static enum err
contacts(struct demo *g, int64_t cid, const struct school_row *s, int i)
{
	enum err e = ERR_OK;

	for (int k = 0; !e && k < 1 + i % 2; k++) {
		int64_t m = member_of(g, s, "full", 0, 10 + k);

		if (m)
			e = db_exec(g->db, "INSERT INTO cultivation_contact (cultivation_id, member_id)"
			    " VALUES (?,?)", DB_I64(cid), DB_I64(m), DB_END);
	}
	return e;
}

static enum err
nominate(struct demo *g, const struct nomination *n)
{
	char name[32], nom[11], sel[11], out[11];
	int i = n->i, sel_state = strcmp(n->state, "nominated") != 0;
	enum err e;

	person(i + (n->year - 2020) * 37, name, sizeof(name));
	day(n->year, 3, 1 + i % 20, nom);
	day(n->year, 4, 1 + i % 25, sel);
	day(n->year, 6 + i % 6, 1 + (i * 3) % 27, out);
	if (n->member_id) {
		struct db_rows r;

		if (!db_query(g->db, &r, "SELECT name FROM member WHERE id = ?", DB_I64(n->member_id),
		    DB_END)) {
			if (db_next(&r) == ERR_OK)
				snprintf(name, sizeof(name), "%s", db_text(&r, 0));
			db_rows_close(&r);
		}
	}
	e = db_exec(g->db, "INSERT INTO cultivation (org_id, org_path, school_id, year, kind,"
	    " member_id, name, subject, title, nominated_on, reason, state, score, selected_on,"
	    " outcome, outcome_on, outcome_title, created_at, updated_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", DB_I64(n->s->org_id),
	    DB_TEXT(n->s->path), DB_I64(n->s->school_id), DB_I64(n->year), DB_TEXT(n->kind),
	    n->member_id ? DB_I64(n->member_id) : DB_NULL, DB_TEXT(name),
	    DB_TEXT(subjects[i % 10]), DB_TEXT(i % 3 ? "一级教师" : "高级教师"), DB_TEXT(nom),
	    DB_TEXT(!strcmp(n->kind, "backbone_to_member") ? "教学业绩突出，政治素质好" :
	    "党员教师，教学潜力大"), DB_TEXT(n->state), sel_state ? DB_I64(70 + (i * 7) % 28) :
	    DB_NULL, sel_state ? DB_TEXT(sel) : DB_NULL, n->outcome ? DB_TEXT(n->outcome) : DB_NULL,
	    n->outcome ? DB_TEXT(out) : DB_NULL,
	    n->outcome && !strcmp(n->outcome, "became_backbone") ? DB_TEXT("区级骨干教师") :
	    DB_TEXT(""), DB_I64(T0), DB_I64(T0), DB_END);
	if (!e && (!strcmp(n->state, "selected") || n->outcome))
		e = contacts(g, db_last_id(g->db), n->s, i);
	/* CUL-01: the register's outcome is what makes the member a backbone. */
	if (!e && n->outcome && !strcmp(n->outcome, "became_backbone"))
		e = db_exec(g->db, "UPDATE member SET backbone = 1 WHERE id = ?", DB_I64(n->member_id),
		    DB_END);
	return e;
}

/* 2023: 15 backbones developed into members in public schools (the
 * seed's figure), 2 in private ones, 3 not selected, 6 member teachers
 * become backbones; this year: nominations under way. */
static enum err
cultivation(struct demo *g)
{
	int pub[SCHOOLS_MAX], priv[SCHOOLS_MAX], np = 0, nq = 0, y = date_year(g->today);
	enum err e = ERR_OK;

	for (int i = 0; i < g->n; i++)
		if (g->s[i].public)
			pub[np++] = i;
		else
			priv[nq++] = i;
	if (!np || y < 2024)
		return ERR_OK;
	for (int i = 0; !e && i < 15; i++)
		e = nominate(g, &(struct nomination){ &g->s[pub[i % np]], 2023, i,
		    "backbone_to_member", "developed", "joined_pipeline", 0 });
	for (int i = 0; !e && i < 2 && nq; i++)
		e = nominate(g, &(struct nomination){ &g->s[priv[i % nq]], 2023, 20 + i,
		    "backbone_to_member", "developed", "joined_pipeline", 0 });
	for (int i = 0; !e && i < 3; i++)
		e = nominate(g, &(struct nomination){ &g->s[pub[(i * 5) % np]], 2023, 30 + i,
		    "backbone_to_member", "not_selected", NULL, 0 });
	for (int i = 0; !e && i < 6; i++) {
		const struct school_row *s = &g->s[pub[(i * 3) % np]];
		int64_t m = member_of(g, s, "full", 1, 3);

		if (m)
			e = nominate(g, &(struct nomination){ s, 2023, 40 + i, "member_to_backbone",
			    "developed", "became_backbone", m });
	}
	for (int i = 0; !e && i < 10; i++) {
		const struct school_row *s = &g->s[(i * 7) % g->n];
		int mb = i % 3 == 2;
		int64_t m = mb ? member_of(g, s, "full", 1, 5) : 0;

		if (!mb || m)
			e = nominate(g, &(struct nomination){ s, y, 60 + i, mb ? "member_to_backbone" :
			    "backbone_to_member", i % 2 ? "selected" : "nominated", NULL, m });
	}
	return e;
}

/* Every demo dual leader on the register, recognised at district level in
 * 2023 (the first two at municipal level); other secretaries on the
 * register still gathering evidence. */
static enum err
leaders(struct demo *g)
{
	enum err e;

	e = db_exec(g->db, "INSERT INTO leader (member_id, org_id, org_path, position, party_work,"
	    " subject_titles, backbone_level, awards, ev_party, ev_education, ev_management,"
	    " ev_prestige, ev_ideology, level, recognised_on, created_at, updated_at)"
	    " SELECT id, org_id, org_path, CASE WHEN post LIKE '%副书记%' THEN 'deputy'"
	    " ELSE 'secretary' END, '主持党组织全面工作', '区学科带头人', '区级骨干教师',"
	    " '区优秀党务工作者', '年度考核优秀，政治立场坚定', '承担学科教学，教学成果获奖',"
	    " '分管工作述职评议为好', '民主测评满意率 95% 以上', '每学期讲授思政课和党课',"
	    " 'district', '2023-06-30', ?, ? FROM member WHERE dual_leader = 1 AND state = 'active'"
	    " ORDER BY id", DB_I64(T0), DB_I64(T0), DB_END);
	if (!e)
		e = db_exec(g->db, "UPDATE leader SET level = 'municipal', recognised_on = '2023-11-20'"
		    " WHERE id IN (SELECT id FROM leader ORDER BY id LIMIT 2)", DB_END);
	if (!e)
		e = db_exec(g->db, "INSERT INTO leader (member_id, org_id, org_path, position,"
		    " party_work, subject_titles, ev_party, ev_education, created_at, updated_at)"
		    " SELECT id, org_id, org_path, CASE WHEN post LIKE '%副书记%' THEN 'deputy'"
		    " ELSE 'secretary' END, '主持支部工作', '', '年度考核合格', '承担教学工作', ?, ?"
		    " FROM member WHERE dual_leader = 0 AND state = 'active' AND category = 'in_service'"
		    " AND post LIKE '%书记%' AND id % 3 = 0 ORDER BY id", DB_I64(T0), DB_I64(T0), DB_END);
	return e;
}

struct prog {
	const char *tier, *name;
	int required;
};

static enum err
session(struct demo *g, int64_t pid, int p, int k, int y, int64_t *sid, int *held)
{
	static const char *const forms[] = { "full_coverage", "seminar", "study_trip", "shadow",
		"site_visit", "online" };
	static const char *const titles[] = { "全覆盖培训：新时代学校党建", "专题研讨：党组织领导的校长负责制",
		"研学：浙江杭州名校考察", "跟岗锻炼：市级示范校", "现场观摩：党建品牌学校", "网络课堂：师德师风" };
	char d[11];
	int f = (p + k) % 6;
	int32_t on = date_from_ymd(y, 3 + k * 2, 10 + p * 3);
	enum err e;

	date_format(on, d);
	*held = on <= g->today;
	e = db_exec(g->db, "INSERT INTO programme_session (programme_id, title, form, module, held_on,"
	    " hours, place, created_at) VALUES (?,?,?,?,?,?,?,?)", DB_I64(pid), DB_TEXT(titles[f]),
	    DB_TEXT(forms[f]), DB_TEXT(f == 2 ? "模块一：学校治理" : ""), DB_TEXT(d),
	    DB_I64(f == 2 || f == 3 ? 16 : 8), DB_TEXT(f == 5 ? "线上" : "区教师进修学院"),
	    DB_I64(T0), DB_END);
	*sid = db_last_id(g->db);
	return e;
}

/* One programme: four sessions; the leaders enrolled attend most of the
 * sessions held so far (one in five misses every other session). */
static enum err
programme(struct demo *g, const struct prog *pg, int p, int y)
{
	char from[11], to[11];
	int64_t pid, sid[4], lead[12];
	int held[4], nl = 0;
	struct db_rows r;
	enum err e;

	day(y, 3, 1, from);
	day(y, 11, 30, to);
	e = db_exec(g->db, "INSERT INTO programme (tier_id, name, year, description, required_hours,"
	    " starts_on, ends_on, created_at, updated_at) SELECT id, ?, ?, ?, ?, ?, ?, ?, ?"
	    " FROM training_tier WHERE name = ?", DB_TEXT(pg->name), DB_I64(y),
	    DB_TEXT("区教委组织的干部梯队培训"), DB_I64(pg->required), DB_TEXT(from), DB_TEXT(to),
	    DB_I64(T0), DB_I64(T0), DB_TEXT(pg->tier), DB_END);
	pid = db_last_id(g->db);
	for (int k = 0; !e && k < 4; k++)
		e = session(g, pid, p, k, y, &sid[k], &held[k]);
	if (!e)
		e = db_query(g->db, &r, "SELECT l.member_id FROM leader l ORDER BY l.id LIMIT 12"
		    " OFFSET ?", DB_I64(p * 12), DB_END);
	if (e)
		return e;
	while (nl < 12 && db_next(&r) == ERR_OK)
		lead[nl++] = db_i64(&r, 0);
	db_rows_close(&r);
	for (int i = 0; !e && i < nl; i++) {
		e = db_exec(g->db, "INSERT INTO programme_enrolment (programme_id, member_id, org_path,"
		    " enrolled_on, created_at) SELECT ?, id, org_path, ?, ? FROM member WHERE id = ?",
		    DB_I64(pid), DB_TEXT(from), DB_I64(T0), DB_I64(lead[i]), DB_END);
		for (int k = 0; !e && k < 4; k++)
			if (held[k] && !(i % 5 == 0 && k % 2))
				e = db_exec(g->db, "INSERT INTO programme_attendance (session_id, member_id,"
				    " hours, at) SELECT ?, ?, hours, ? FROM programme_session WHERE id = ?",
				    DB_I64(sid[k]), DB_I64(lead[i]), DB_I64(T0), DB_I64(sid[k]), DB_END);
	}
	return e;
}

static enum err
programmes(struct demo *g)
{
	static const struct prog pg[] = { { "领航", "名校长领航计划研修班", 40 },
		{ "奋飞", "党员领导干部研修班", 32 }, { "群鹰", "“未来卓越领导者”校长培训", 24 } };
	enum err e = ERR_OK;

	for (int p = 0; !e && p < 3; p++)
		e = programme(g, &pg[p], p, date_year(g->today));
	return e;
}

struct studio_seed {
	const char *name, *kind, *host, *level, *focus;
	int members;
};

static enum err
studio_items(struct demo *g, int64_t sid, int i)
{
	static const char *const kinds[] = { "seminar", "lesson", "joint_preparation", "course" };
	static const char *const titles[] = { "专题研讨", "示范课", "集智备课", "课程开发" };
	int y = date_year(g->today) - 1;
	enum err e = ERR_OK;

	/* 6 seminars each: 42 in all; then a lesson, a joint preparation and a course. */
	for (int k = 0; !e && k < 9; k++) {
		int kind = k < 6 ? 0 : k - 5;
		char d[11], t[64];

		day(y - (k % 2), 1 + (k * 4 + i) % 12, 5 + k * 2, d);
		snprintf(t, sizeof(t), "%s（第 %d 期）", titles[kind], k + 1);
		e = db_exec(g->db, "INSERT INTO studio_activity (studio_id, kind, title, held_on,"
		    " participants, note) VALUES (?,?,?,?,?,'')", DB_I64(sid), DB_TEXT(kinds[kind]),
		    DB_TEXT(t), DB_TEXT(d), DB_I64(12 + (i + k) % 20), DB_END);
	}
	if (!e)
		e = db_exec(g->db, "INSERT INTO studio_output (studio_id, kind, title, made_on, level,"
		    " note) VALUES (?, 'paper', '工作室研究论文', ?, '市级', ''), (?, 'award',"
		    " '优秀工作室', ?, '区级', '')", DB_I64(sid), DB_TEXT("2024-12-01"), DB_I64(sid),
		    DB_TEXT("2025-01-15"), DB_END);
	return e;
}

/* 7 studios with 16 current members (and one who left) and 42 seminars. */
static enum err
studios(struct demo *g)
{
	static const struct studio_seed st[] = {
		{ "李永红名师工作室", "teacher", "李永红", "municipal", "生活化作文", 3 },
		{ "王安民名师工作室", "teacher", "王安民", "district", "物理课题研究与集智备课", 3 },
		{ "代静新班主任工作室", "class_teacher", "代静新", "district", "家校共育课程", 2 },
		{ "渝中名校长工作室（一）", "principal", "陈建华", "municipal", "学校治理", 2 },
		{ "渝中名校长工作室（二）", "principal", "刘晓梅", "district", "课程领导力", 2 },
		{ "渝中名校长工作室（三）", "principal", "周国强", "district", "党建引领学校发展", 2 },
		{ "渝中名校长工作室（四）", "principal", "黄丽", "district", "集团化办学", 2 },
	};
	enum err e = ERR_OK;

	for (int i = 0; !e && i < 7 && i < g->n; i++) {
		int64_t sid;

		e = db_exec(g->db, "INSERT INTO studio (name, kind, org_id, org_path, host_name, level,"
		    " focus, founded_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
		    DB_TEXT(st[i].name), DB_TEXT(st[i].kind), DB_I64(g->s[i].org_id),
		    DB_TEXT(g->s[i].path), DB_TEXT(st[i].host), DB_TEXT(st[i].level),
		    DB_TEXT(st[i].focus), DB_TEXT("2021-09-01"), DB_I64(T0), DB_I64(T0), DB_END);
		sid = db_last_id(g->db);
		for (int k = 0; !e && k < st[i].members + (i == 0); k++) {
			char name[32];

			person(100 + i * 5 + k, name, sizeof(name));
			e = db_exec(g->db, "INSERT INTO studio_member (studio_id, name, unit, joined_on,"
			    " left_on) VALUES (?,?,?,?,?)", DB_I64(sid), DB_TEXT(name),
			    DB_TEXT("区属学校"), DB_TEXT("2021-09-01"),
			    k == st[i].members ? DB_TEXT("2024-07-01") : DB_NULL, DB_END);
		}
		if (!e)
			e = studio_items(g, sid, i);
	}
	return e;
}

enum err
demo_cultivate_generate(struct db *db, int32_t today)
{
	struct demo *g = calloc(1, sizeof(*g));
	enum err e;

	if (!g)
		abort();
	g->db = db;
	g->today = today;
	e = db_begin(db);
	if (!e)
		e = load_schools(g);
	if (!e && g->n)
		e = cultivation(g);
	if (!e)
		e = leaders(g);
	if (!e && g->n)
		e = programmes(g);
	if (!e && g->n)
		e = studios(g);
	free(g);
	return db_end(db, e);
}
