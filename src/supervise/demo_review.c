/* demo_review.c: the demo's report-and-review round and its accounts (see
 * demo_review.h), written through the user and review stores. */
#include "core/common.h"
#include "supervise/demo_review.h"

#include <sodium.h>

#include "auth/scope.h"
#include "auth/user.h"
#include "core/arena.h"
#include "core/dates.h"
#include "core/rng.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "supervise/indicator.h"
#include "supervise/indicator_store.h"
#include "supervise/review.h"

#define SCHOOLS 8	/* secretaries who also score their peers: the first eight */
#define SUBJECTS_MAX 64	/* secretaries under review: every school (the first 64) */
#define DISTRICT 2	/* district staff */
#define MEMBERS 4	/* member representatives of the first four schools */
#define LEAVES_MAX 64
#define DIMS 10
#define POOR 2		/* 差: the school vetoed in last year's fourth-quarter inspection */

/* Each school's standing in permille of full marks, so the grades spread
 * (EVAL-02): most 好 or 较好, school 1 一般 and school POOR 差; the
 * schools after the first eight stand at 850…959 (quality_of). */
static const int quality[SCHOOLS] = { 930, 720, 520, 890, 950, 840, 910, 870 };

static int
quality_of(int i)
{
	return i < SCHOOLS ? quality[i] : 850 + (i * 37) % 110;
}
/* How each group tends to score: the district strictest, members kindest. */
static const int group_bias[RG_N] = { -15, 5, 15 };

static const char *const duty[] = {
	"坚持党组织会议每月专题研究党建工作，全年召开党组织会议十二次，其中专题研究党建工作六次。",
	"落实党组织领导的校长负责制，修订完善议事规则，“三重一大”事项全部经党组织会议集体研究决定。",
	"把党建工作与教育教学同谋划、同部署、同落实，年度工作要点中的党建任务逐项分解到各支部。",
};
static const char *const life[] = {
	"严格落实“三会一课”制度，本人全年讲党课四次，按时参加所在支部的组织生活。",
	"组织开展主题党日活动，结合红岩精神开展现场教学，党员参与率明显提高。",
	"规范开展组织生活会和民主评议党员，班子成员带头开展批评和自我批评。",
};
static const char *const team[] = {
	"完成教师党支部换届，选优配强支部书记，举办支部书记培训两期。",
	"落实意识形态工作责任制，每季度开展一次分析研判，加强课堂、讲座和网络阵地管理。",
	"推进清廉学校建设，开展廉洁教育进课堂活动，推动家校共育廉洁文化。",
};
static const char *const gap[] = {
	"存在的不足：党建工作创新不够，支部活动形式较为单一。",
	"存在的不足：发展党员工作推进较慢，对青年教师入党积极分子的培养不够。",
	"存在的不足：个别支部“三会一课”记录不够规范，本人督促检查不到位。",
	"存在的不足：理论学习深度不够，学用结合还有差距。",
};
static const char *const next[] = {
	"下一步，我将以问题为导向抓好整改，推动党建与业务深度融合。",
	"下一步，我将持续打造党建品牌，以高质量党建引领学校高质量发展。",
};
static const char *const poor_gap =
	"存在的不足：第四季度支部组织生活未能正常开展，本人作为第一责任人负有直接责任。";

/* Uniform in [-span, span]. */
static int
rng_spread(struct rng *r, int span)
{
	return rng_range(r, -span, span);
}

/* An account and the who it acts as (pointers into itself: not moved). */
struct person {
	int64_t id, org, member;
	char name[24], path[256];
	const char *paths[1];
	struct who w;
};

struct leaf {
	char code[16];
	int64_t max;	/* tenths */
	int dim;	/* its level-1 indicator's number */
};

struct gen {
	struct db *db;
	struct who sys;
	struct rng rng;
	struct review_rules rules;
	int64_t round;
	int year;
	int nsub;		/* secretaries under review: sec[0..nsub) */
	struct person sec[SUBJECTS_MAX], dist[DISTRICT], mem[MEMBERS];
	char school[SUBJECTS_MAX][128];	/* their schools' names */
	struct leaf leaf[LEAVES_MAX];
	int nleaves;
	int dim_bias[SUBJECTS_MAX][DIMS];	/* permille, per school and dimension */
};

/* The first SUBJECTS_MAX school-level party committees in path order, as
 * demo_supervise.c takes them. */
static enum err
load_schools(struct gen *g, int *n)
{
	struct db_rows r;
	enum err e = db_query(g->db, &r, "SELECT o.id, o.path, s.name FROM org o"
	    " JOIN school s ON s.id = o.school_id WHERE o.kind = 'party_committee'"
	    " ORDER BY o.path", DB_END);

	if (e)
		return e;
	*n = 0;
	while ((e = db_next(&r)) == ERR_OK && *n < SUBJECTS_MAX) {
		g->sec[*n].org = db_i64(&r, 0);
		snprintf(g->sec[*n].path, sizeof(g->sec[*n].path), "%s", db_text(&r, 1));
		snprintf(g->school[*n], sizeof(g->school[*n]), "%s", db_text(&r, 2));
		(*n)++;
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND || e == ERR_OK ? ERR_OK : e;
}

/* The first active member (by id) in the subtree at path. */
static enum err
member_of(struct db *db, const char *path, int64_t *id)
{
	char up[256];

	scope_path_upper(path, up);
	return db_get_i64(db, id, "SELECT id FROM member WHERE state = 'active'"
	    " AND org_path >= ? AND org_path < ? ORDER BY id LIMIT 1", DB_TEXT(path), DB_TEXT(up),
	    DB_END);
}

/* Creates the account p->name (scope p->org when set, member p->member
 * when set) with a generated password that is wiped, never shown. */
static enum err
account(struct gen *g, struct person *p, enum role role)
{
	struct user_in in = { .username = p->name, .role = role };
	struct problem pb = { 0 };
	char pw[17] = "";
	enum err e;

	if (p->org) {
		in.set_scope = 1;
		in.nscope = 1;
		in.scope = &p->org;
	}
	if (p->member) {
		in.set_member = 1;
		in.member_id = p->member;
	}
	e = user_create(g->db, &g->sys, &in, 0, &pb, &p->id, pw);
	sodium_memzero(pw, sizeof(pw));
	p->paths[0] = p->path;
	p->w = (struct who){ .user_id = p->id, .username = p->name, .role = role,
		.all = role == ROLE_DISTRICT, .nscope = p->org != 0, .paths = p->paths,
		.scope_ids = &p->org, .member_id = p->member };
	return e;
}

static enum err
accounts(struct gen *g)
{
	enum err e = ERR_OK;

	for (int i = 0; !e && i < g->nsub; i++) {
		snprintf(g->sec[i].name, sizeof(g->sec[i].name), "shuji%02d", i + 1);
		e = account(g, &g->sec[i], ROLE_SECRETARY);
	}
	for (int i = 0; !e && i < DISTRICT; i++) {
		snprintf(g->dist[i].name, sizeof(g->dist[i].name), "quwei%02d", i + 1);
		e = account(g, &g->dist[i], ROLE_DISTRICT);
	}
	for (int i = 0; !e && i < MEMBERS; i++) {
		struct person *p = &g->mem[i];

		snprintf(p->name, sizeof(p->name), "dangyuan%02d", i + 1);
		memcpy(p->path, g->sec[i].path, sizeof(p->path));
		e = member_of(g->db, p->path, &p->member);
		if (!e)
			e = account(g, p, ROLE_MEMBER);
	}
	return e;
}

/* The regular leaves of the round's sheet with their maximum points, as
 * review_ballot_put() wants every one of them scored. */
static enum err
load_leaves(struct gen *g, int64_t system_id)
{
	struct arena a = ARENA_INIT;
	struct indicator *v;
	int n = 0;
	enum err e = store_ind_tree(g->db, system_id, &a, &v, &n);

	g->nleaves = 0;
	for (int i = 0; !e && i < n; i++) {
		struct leaf *l = &g->leaf[g->nleaves];

		if (v[i].bonus || v[i].veto || indicator_has_children(v, n, i) || g->nleaves == LEAVES_MAX)
			continue;
		snprintf(l->code, sizeof(l->code), "%s", v[i].code);
		l->max = v[i].max_points;
		l->dim = (int)(strtol(v[i].code, NULL, 10) % DIMS);
		g->nleaves++;
	}
	arena_release(&a);
	return !e && !g->nleaves ? ERR_NOT_FOUND : e;
}

static enum err
open_round(struct gen *g)
{
	struct arena a = ARENA_INIT;
	struct review_in in = { .year = g->year };
	struct review_round r;
	struct problem pb = { 0 };
	char name[128];
	enum err e;

	snprintf(name, sizeof(name), "%d年度党组织书记抓党建工作述职评议", g->year);
	in.name = name;
	review_rules_default(&in.rules);
	g->rules = in.rules;
	e = review_create(g->db, &g->sys, &in, &pb, &g->round);
	if (!e)
		e = review_get(g->db, &g->sys, g->round, &a, &r);
	if (!e)
		e = load_leaves(g, r.system_id);
	arena_release(&a);
	return e;
}

static enum err
participants(struct gen *g)
{
	int64_t sec[SUBJECTS_MAX], dist[DISTRICT], mem[MEMBERS];
	struct problem pb = { 0 };
	enum err e;

	for (int i = 0; i < g->nsub; i++)
		sec[i] = g->sec[i].id;
	for (int i = 0; i < DISTRICT; i++)
		dist[i] = g->dist[i].id;
	for (int i = 0; i < MEMBERS; i++)
		mem[i] = g->mem[i].id;
	e = review_add_subjects(g->db, &g->sys, g->round, g->nsub, sec, &pb);
	if (!e)
		e = review_add_evaluators(g->db, &g->sys, g->round, RG_DISTRICT, DISTRICT, dist, &pb);
	if (!e)
		e = review_add_evaluators(g->db, &g->sys, g->round, RG_SECRETARY, SCHOOLS, sec, &pb);
	if (!e)
		e = review_add_evaluators(g->db, &g->sys, g->round, RG_MEMBER, MEMBERS, mem, &pb);
	return e;
}

#define PICK(v) (v)[rng_next(&g->rng) % ARRAY_SIZE(v)]

/* Each secretary's written report: a few sentences, varied. */
static enum err
reports(struct gen *g)
{
	struct problem pb = { 0 };
	enum err e = ERR_OK;
	char text[2048];

	for (int i = 0; !e && i < g->nsub; i++) {
		snprintf(text, sizeof(text), "%d年，我作为%s党组织书记，认真履行抓党建工作第一责任人职责。"
		    "%s%s%s%s%s", g->year, g->school[i], PICK(duty), PICK(life), PICK(team), i == POOR ? poor_gap : PICK(gap),
		    PICK(next));
		e = review_report(g->db, &g->sec[i].w, g->round, text, &pb);
	}
	return e;
}

/* One ballot of ev (group grp) on school i: every leaf scored around the
 * school's standing, in half points; the grade is the band of the total. */
static enum err
ballot(struct gen *g, struct person *ev, enum review_group grp, int i)
{
	struct review_score sc[LEAVES_MAX];
	struct review_ballot_in in = { .secretary_id = g->sec[i].id, .nscores = g->nleaves,
		.scores = sc };
	struct problem pb = { 0 };
	int base = quality_of(i) + group_bias[grp] + rng_spread(&g->rng, 25), replaced;
	int64_t total = 0, id;
	enum review_grade gr;

	for (int k = 0; k < g->nleaves; k++) {
		const struct leaf *l = &g->leaf[k];
		int64_t rate = base + g->dim_bias[i][l->dim] + rng_spread(&g->rng, 30);
		int64_t p = (l->max * rate / 1000 + 2) / 5 * 5;

		sc[k] = (struct review_score){ l->code, p < 0 ? 0 : p > l->max ? l->max : p };
		total += sc[k].points;
	}
	gr = review_band(&g->rules, total);
	in.grade = review_grades[gr];
	in.note = gr >= RGR_AVERAGE ? "述职内容与实际工作有差距，整改措施不够具体。" :
	    gr == RGR_GOOD && i % 3 == 0 ? "工作扎实，特色鲜明。" : "";
	return review_ballot_put(g->db, &ev->w, g->round, &in, &pb, &id, &replaced);
}

static enum err
ballots(struct gen *g)
{
	enum err e = ERR_OK;

	for (int i = 0; i < g->nsub; i++)
		for (int d = 0; d < DIMS; d++)
			g->dim_bias[i][d] = rng_spread(&g->rng, 40);
	for (int i = 0; !e && i < g->nsub; i++) {
		for (int k = 0; !e && k < DISTRICT; k++)
			e = ballot(g, &g->dist[k], RG_DISTRICT, i);
		for (int k = 0; !e && k < SCHOOLS; k++)
			if (k != i)	/* the store refuses self-review */
				e = ballot(g, &g->sec[k], RG_SECRETARY, i);
		for (int k = 0; !e && k < MEMBERS; k++)
			e = ballot(g, &g->mem[k], RG_MEMBER, i);
	}
	return e;
}

enum err
demo_review_generate(struct db *db, int32_t today)
{
	struct gen *g = xcalloc(1, sizeof(*g));
	struct problem pb = { 0 };
	int64_t n = 0;
	int ns = 0;
	enum err e;

	g->db = db;
	g->sys = (struct who)WHO_SYSTEM;
	g->year = date_year(today) - 1;
	g->rng.s = 0x52455649455700ull + (uint64_t)g->year;	/* "REVIEW" */
	e = db_get_i64(db, &n, "SELECT COUNT(*) FROM review_round", DB_END);
	if (!e && n)
		e = ERR_CONFLICT;
	if (!e)
		e = load_schools(g, &ns);
	if (!e && ns < SCHOOLS)
		e = ERR_NOT_FOUND;
	g->nsub = ns;
	if (!e)
		e = accounts(g);
	if (!e)
		e = open_round(g);
	if (!e)
		e = participants(g);
	if (!e)
		e = reports(g);
	if (!e)
		e = ballots(g);
	if (!e)
		e = review_close(db, &g->sys, g->round, &pb);
	if (!e)
		e = review_publish(db, &g->sys, g->round, &pb);
	free(g);
	return e;
}
