/* demo.c: builds the data set of demo.h from one seeded splitmix64 stream.
 * Every random choice comes from that stream in a fixed order, so a seed
 * always yields the same district; only the nonces inside sealed blobs come
 * from libsodium. Rows are written in tree order with statements the db
 * layer caches, and no row is read back. */
#include "core/common.h"
#include "party/demo.h"
#include "auth/crypto.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "core/log.h"
#include "core/rng.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "party/birth.h"

const struct demo_scale DEMO_DISTRICT = {
	.districts = 1, .schools_per_district = 36, .members_target = 2200, .seed = 0x48592026u,
};

const struct demo_scale DEMO_CITY = {
	.districts = 40, .schools_per_district = 36, .members_target = 200000, .seed = 0x43495459u,
};

#define DIV_UP(a, b) (((a) + (b) - 1) / (b))
#define NO_DAY INT32_MIN	/* a date column left NULL (day numbers go negative) */
#define PATH_MAX_LEN 72		/* "/" and 5 levels of 10 digits and "/" */
#define UNITS_MAX 20		/* branches of one school */
#define BRANCH_MAX 50		/* ORG-03: a branch generally has at most 50 members */
#define BRANCH_FILL 45		/* the most members this generator puts in one */
#define SCHOOL_MIN 15		/* party members of the smallest school */
#define SCHOOL_MAX 480
#define SEQ_SLOTS 499		/* ID sequence numbers per area, birth day and sex */

/* Invented district names (区 is appended); they also name the groups. */
static const char *const districts[] = {
	"红岩", "金桂", "玉兰", "青松", "白鹭", "丹枫", "翠竹", "银杏", "紫荆", "海棠",
	"香樟", "木棉", "山茶", "杜鹃", "栀子", "蔷薇", "秋枫", "春晖", "朝霞", "晨曦",
	"星河", "云峰", "雁鸣", "鹤鸣", "鹿鸣", "松风", "竹韵", "梅岭", "柳岸", "杏林",
	"荷风", "桐华", "槐香", "枫语", "清溪", "明湖", "碧波", "锦绣", "凌霄", "望月",
};

/* ID-card area codes: district i's own is areas[i]; the rest are
 * birthplaces elsewhere. */
static const int areas[] = {
	500103, 500101, 500102, 500104, 500105, 500106, 500107, 500108, 500109, 500110,
	500111, 500112, 500113, 500114, 500115, 500116, 500117, 500118, 500119, 500120,
	500151, 500152, 500153, 500154, 500155, 500156, 500229, 500230, 500231, 500233,
	500235, 500236, 500237, 500238, 500240, 500241, 500242, 500243, 510104, 510105,
	510106, 510107, 510304, 511102, 511302, 513401, 520102, 522101, 530102, 430102,
	420106, 410105, 610103, 450102,
};
#define AREAS_HOME ((int)ARRAY_SIZE(districts))

/* School name stems, each used once per district. */
static const char *const stems[] = {
	"实验", "第一", "第二", "第三", "第四", "育才", "树人", "启明", "明德", "致远",
	"博雅", "求真", "尚德", "崇文", "立信", "光华", "新华", "人民路", "解放路", "和平路",
	"建设路", "青年路", "长江路", "滨江", "江南", "南山", "北城", "东城", "西城", "朝阳",
	"阳光", "星光", "新星", "红星", "东风", "春晓", "晨光", "金沙", "白沙", "石门",
	"翠湖", "梨园", "桂花园", "松林", "枫林", "桃李", "杏坛", "望江", "观澜", "沙湾",
	"龙泉", "凤鸣", "文昌", "培英", "复兴", "振华",
};
_Static_assert(ARRAY_SIZE(stems) == DEMO_SCHOOLS_MAX, "one stem per school");

/* Education groups: district name + this + 教育集团 ("红岩教育集团"). */
static const char *const groups[] = { "", "育才", "滨江", "明德", "南山" };

enum stage {
	ST_KINDERGARTEN, ST_PRIMARY, ST_JUNIOR, ST_SENIOR, ST_COMPLETE, ST_NINE_YEAR,
	ST_VOCATIONAL, ST_COUNT
};

struct stage_info {
	const char *code;
	const char *suffix;		/* ends the school's name */
	int freq;			/* how common in a district */
	int size;			/* relative number of party members */
	int female_pct;
	int private_pct;
	const char *head;		/* 校长 or 园长 */
	const char *const *grades;
	int ngrades;
	int split;			/* grades [0, split) and [split, n) are sections */
	const char *sections[2];	/* their general branches */
	const char *grade_unit;
	const char *const *subjects;
	int nsubjects;
	const char *subject_unit;	/* "语文" + "教研组" */
	const char *subject_basis;	/* "语文" + "学科" */
	const char *rest;		/* the last subject branch takes the rest */
	const char *rest_basis;
};

static const char *const g_kinder[] = { "小班", "中班", "大班" };
static const char *const g_primary[] = { "一", "二", "三", "四", "五", "六" };
static const char *const g_junior[] = { "初一", "初二", "初三" };
static const char *const g_senior[] = { "高一", "高二", "高三" };
static const char *const g_complete[] = { "初一", "初二", "初三", "高一", "高二", "高三" };
static const char *const g_nine[] = {
	"一", "二", "三", "四", "五", "六", "初一", "初二", "初三",
};
static const char *const s_primary[] = {
	"语文", "数学", "英语", "科学", "道德与法治", "艺术", "体育", "信息科技",
};
static const char *const s_secondary[] = {
	"语文", "数学", "英语", "物理", "化学", "生物", "政治", "历史", "地理", "艺术", "体育",
	"信息技术",
};
static const char *const s_vocational[] = {
	"机电技术", "信息技术", "财经商贸", "旅游服务", "学前教育", "汽车运用与维修", "电子商务",
};

#define GRADES(a) (a), (int)ARRAY_SIZE(a)
#define SUBJECTS(a) (a), (int)ARRAY_SIZE(a)

static const struct stage_info stages[ST_COUNT] = {
	[ST_KINDERGARTEN] = { "kindergarten", "幼儿园", 18, 35, 96, 35, "园长",
		GRADES(g_kinder), 0, { NULL, NULL }, "年级组", NULL, 0, "", "", "", "" },
	[ST_PRIMARY] = { "primary", "小学", 36, 100, 78, 6, "校长",
		GRADES(g_primary), 0, { NULL, NULL }, "年级",
		SUBJECTS(s_primary), "教研组", "学科", "综合学科", "其余学科" },
	[ST_JUNIOR] = { "junior", "初级中学", 12, 110, 66, 8, "校长",
		GRADES(g_junior), 0, { NULL, NULL }, "年级",
		SUBJECTS(s_secondary), "教研组", "学科", "综合学科", "其余学科" },
	[ST_SENIOR] = { "senior", "高级中学", 5, 160, 55, 10, "校长",
		GRADES(g_senior), 0, { NULL, NULL }, "年级",
		SUBJECTS(s_secondary), "教研组", "学科", "综合学科", "其余学科" },
	[ST_COMPLETE] = { "complete_secondary", "中学", 10, 230, 58, 8, "校长",
		GRADES(g_complete), 3, { "初中部", "高中部" }, "年级",
		SUBJECTS(s_secondary), "教研组", "学科", "综合学科", "其余学科" },
	[ST_NINE_YEAR] = { "nine_year", "学校", 10, 120, 68, 12, "校长",
		GRADES(g_nine), 6, { "小学部", "初中部" }, "年级",
		SUBJECTS(s_secondary), "教研组", "学科", "综合学科", "其余学科" },
	[ST_VOCATIONAL] = { "vocational", "职业中学", 5, 120, 50, 20, "校长",
		NULL, 0, 0, { NULL, NULL }, "",
		SUBJECTS(s_vocational), "专业部", "专业", "公共基础部", "公共基础课及其余专业" },
};

struct weighted {
	const char *s;
	int w;
};

#define PICK(r, t) pick((r), (t), ARRAY_SIZE(t))

static const struct weighted surnames[] = {
	{ "王", 72 }, { "李", 72 }, { "张", 68 }, { "刘", 54 }, { "陈", 46 }, { "杨", 32 },
	{ "黄", 24 }, { "赵", 22 }, { "吴", 21 }, { "周", 20 }, { "徐", 16 }, { "孙", 15 },
	{ "马", 14 }, { "朱", 13 }, { "胡", 13 }, { "郭", 12 }, { "何", 12 }, { "高", 11 },
	{ "林", 11 }, { "罗", 10 }, { "郑", 9 }, { "梁", 9 }, { "谢", 8 }, { "宋", 7 },
	{ "唐", 7 }, { "许", 7 }, { "韩", 7 }, { "冯", 7 }, { "邓", 7 }, { "曹", 6 },
	{ "彭", 6 }, { "曾", 6 }, { "肖", 6 }, { "田", 6 }, { "董", 5 }, { "袁", 5 },
	{ "潘", 5 }, { "于", 5 }, { "蒋", 5 }, { "蔡", 5 }, { "余", 5 }, { "杜", 5 },
	{ "叶", 4 }, { "程", 4 }, { "苏", 4 }, { "魏", 4 }, { "吕", 4 }, { "丁", 4 },
	{ "任", 4 }, { "沈", 4 }, { "姚", 3 }, { "卢", 3 }, { "姜", 3 }, { "崔", 3 },
	{ "钟", 3 }, { "谭", 3 }, { "陆", 3 }, { "汪", 3 }, { "范", 3 }, { "金", 3 },
	{ "石", 3 }, { "廖", 3 }, { "贾", 3 }, { "夏", 3 }, { "韦", 3 }, { "付", 3 },
	{ "方", 3 }, { "白", 3 }, { "邹", 3 }, { "孟", 3 }, { "熊", 3 }, { "秦", 3 },
	{ "邱", 3 }, { "江", 3 }, { "尹", 3 }, { "冉", 3 }, { "薛", 2 }, { "闫", 2 },
	{ "段", 2 }, { "雷", 2 }, { "侯", 2 }, { "龙", 2 }, { "史", 2 }, { "陶", 2 },
	{ "黎", 2 }, { "贺", 2 }, { "顾", 2 }, { "毛", 2 }, { "郝", 2 }, { "龚", 2 },
	{ "邵", 2 }, { "万", 2 }, { "钱", 2 }, { "严", 2 }, { "覃", 2 }, { "武", 2 },
	{ "戴", 2 }, { "莫", 2 }, { "孔", 2 }, { "向", 2 }, { "汤", 2 }, { "欧阳", 1 },
	{ "上官", 1 },
};

/* Given-name characters, all 3-byte UTF-8. */
static const char male_chars[] =
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳洋峰建国志文博晨宏毅彬海亮成东坤"
    "振兴跃松柏德武";
static const char female_chars[] =
    "芳娜敏静丽艳娟霞秀燕玲桂丹萍红琳洁梅雪慧倩婷颖蕾佳琴云莉欣怡璐晶妍茜薇蓉露瑶琼凤英兰莹悦";
static const char shared_chars[] = "文晓小春海雨子思家嘉玉天一梓诗可心安庆永德金明志光新秋冬晨若语";

static const struct weighted ethnicities[] = {
	{ "汉族", 930 }, { "土家族", 35 }, { "苗族", 15 }, { "回族", 6 }, { "满族", 4 },
	{ "彝族", 3 }, { "壮族", 3 }, { "藏族", 2 }, { "蒙古族", 2 },
};
static const struct weighted edu_service[] = {
	{ "本科", 64 }, { "硕士研究生", 24 }, { "大专", 9 }, { "博士研究生", 1 }, { "中专", 2 },
};
static const struct weighted edu_kinder[] = { { "本科", 58 }, { "大专", 36 }, { "中专", 6 } };
static const struct weighted edu_retired[] = {
	{ "大专", 35 }, { "本科", 30 }, { "中专", 28 }, { "高中", 7 },
};
static const struct weighted title_young[] = { { "二级教师", 55 }, { "", 45 } };
static const struct weighted title_mid[] = { { "一级教师", 60 }, { "二级教师", 40 } };
static const struct weighted title_senior[] = {
	{ "高级教师", 35 }, { "一级教师", 55 }, { "二级教师", 10 },
};
static const struct weighted title_old[] = {
	{ "高级教师", 60 }, { "一级教师", 35 }, { "正高级教师", 5 },
};
static const struct weighted title_retired[] = {
	{ "高级教师", 55 }, { "一级教师", 38 }, { "正高级教师", 2 }, { "二级教师", 5 },
};
static const struct weighted post_teaching[] = {
	{ "教师", 64 }, { "班主任", 28 }, { "备课组长", 8 },
};
static const struct weighted post_kinder[] = { { "教师", 66 }, { "班主任", 24 }, { "保育员", 10 } };
static const struct weighted post_admin[] = {
	{ "办公室主任", 10 }, { "教务处主任", 10 }, { "德育处主任", 10 }, { "总务处主任", 8 },
	{ "教科室主任", 6 }, { "财务人员", 8 }, { "后勤职工", 12 }, { "教师", 36 },
};
static const struct weighted transfer_reasons[] = {
	{ "工作调动，组织关系转出", 60 }, { "调往外区学校任教", 30 },
	{ "考录公务员，组织关系转出", 10 },
};
static const int phone_prefixes[] = {
	130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158,
	159, 166, 173, 175, 176, 177, 178, 180, 181, 182, 183, 185, 186, 187, 188, 189, 191,
	198, 199,
};

struct gen {
	struct db *db;
	struct rng r;
	int district;		/* index into districts[] */
	int32_t today;		/* DEMO_EPOCH as a day; every date lies before it */
	int32_t birth0;		/* 1950-01-01, the earliest birth day */
	int ndays;		/* birth days from birth0 through 2002-12-31 */
	uint16_t *seq;		/* next ID sequence slot per area, birth day and sex */
	long schools, orgs, members;
};

/* An organization already written, as its children need it. */
struct node {
	int64_t id;
	int64_t school_id;	/* 0: none */
	int depth;
	int32_t founded;
	char path[PATH_MAX_LEN];
};

struct org_in {
	const char *kind;
	const char *name;
	const char *basis;	/* NULL: '' */
	int64_t school_id;	/* 0: the parent's */
	int term_years;		/* 0: no term (groups) */
	int members;		/* active members directly in it */
};

enum unit_kind { U_STAFF, U_GRADE, U_SUBJECT, U_ADMIN, U_RETIRED };

/* A branch planned for a school. */
struct unit {
	enum unit_kind kind;
	int section;		/* general branch, or -1: under the party committee */
	int size;
	int leaders;		/* holds the school's leaders */
	char name[96];		/* without 党支部 */
	char basis[96];
};

struct plan {
	enum stage stage;
	int is_private;
	int group;		/* index into groups[], or -1 */
	int stem;
	int weight;
	int members;
	int nunits;
	struct unit units[UNITS_MAX];
};

enum category { CAT_IN_SERVICE, CAT_RETIRED, CAT_OTHER };
static const char *const category_codes[] = { "in_service", "retired", "other" };

/* R_LEADER: the school's party secretary, head and deputies; R_SECRETARY:
 * the branch secretary. Both are full, active members. */
enum role { R_PLAIN, R_SECRETARY, R_LEADER };

struct person {
	char name[32];
	int male;
	enum category cat;
	int32_t birth, joined, full_on, state_on;	/* NO_DAY: none */
	const char *ethnicity, *education, *title, *post, *state, *reason;
	int backbone, dual_leader;
	char id_card[19];
	char phone[12];
};

static const char *
pick(struct rng *r, const struct weighted *t, size_t n)
{
	int total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += t[i].w;
	x = rng_below(r, total);
	for (i = 0; i + 1 < n && x >= t[i].w; i++)
		x -= t[i].w;
	return t[i].s;
}

static void
shuffle(struct rng *r, int *v, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = rng_below(r, i + 1), t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

/* Appends one character of pool (3-byte UTF-8 characters only) to out. */
static void
add_char(struct rng *r, const char *pool, char *out, size_t cap)
{
	size_t len = strlen(out);
	int k = rng_below(r, (int)(strlen(pool) / 3));

	if (len + 4 > cap)
		return;
	memcpy(out + len, pool + 3 * k, 3);
	out[len + 3] = '\0';
}

/* The same month and day n years later (29 February becomes 1 March). */
static int32_t
add_years(int32_t day, int n)
{
	struct ymd t = date_to_ymd(day);

	if (!date_valid(t.y + n, t.m, t.d))
		return date_from_ymd(t.y + n, 3, 1);
	return date_from_ymd(t.y + n, t.m, t.d);
}

/* A date parameter, formatted into buf; NULL for NO_DAY. */
static struct db_param
date_param(int32_t day, char buf[11])
{
	if (day == NO_DAY)
		return DB_NULL;
	date_format(day, buf);
	return DB_TEXT(buf);
}

/* A day in [lo, hi), early days more likely (the lesser of two draws). */
static int32_t
early_day(struct rng *r, int32_t lo, int32_t hi)
{
	int a, b;

	if (hi <= lo)
		return lo;
	a = rng_below(r, hi - lo);
	b = rng_below(r, hi - lo);
	return lo + (a < b ? a : b);
}

static void
org_dates(struct gen *g, const struct node *parent, const struct org_in *in, struct node *out,
    int32_t *term)
{
	if (!parent)
		out->founded = date_from_ymd(2008, 1, 1) + rng_below(&g->r, 4 * 365);
	else if (in->school_id)
		out->founded = date_from_ymd(1985, 1, 1) + rng_below(&g->r, 33 * 365);
	else
		out->founded = early_day(&g->r, parent->founded, g->today - 400);
	/* The current term began within the last three years. */
	*term = g->today - rng_range(&g->r, 20, 1090);
	if (*term < out->founded)
		*term = out->founded;
}

/* Writes one organization under parent (NULL: a root) and fills out. The
 * path needs the new id, so the row is written with a placeholder first. */
static enum err
org_add(struct gen *g, const struct node *parent, const struct org_in *in, struct node *out)
{
	char founded[11], term[11];
	int32_t term_day;
	enum err e;

	org_dates(g, parent, in, out, &term_day);
	out->school_id = in->school_id ? in->school_id : parent ? parent->school_id : 0;
	out->depth = parent ? parent->depth + 1 : 0;
	e = db_exec(g->db, "INSERT INTO org (parent_id, kind, name, school_id, basis, founded_on,"
	    " term_started_on, term_years, path, depth, member_count, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)",
	    parent ? DB_I64(parent->id) : DB_NULL, DB_TEXT(in->kind), DB_TEXT(in->name),
	    out->school_id ? DB_I64(out->school_id) : DB_NULL, DB_TEXT(in->basis ? in->basis : ""),
	    date_param(out->founded, founded),
	    in->term_years ? date_param(term_day, term) : DB_NULL,
	    in->term_years ? DB_I64(in->term_years) : DB_NULL, DB_I64(out->depth),
	    DB_I64(in->members), DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH), DB_END);
	if (e)
		return e;
	out->id = db_last_id(g->db);
	if (snprintf(out->path, sizeof(out->path), "%s%010" PRId64 "/",
	    parent ? parent->path : "/", out->id) >= (int)sizeof(out->path)) {
		log_error("demo: organization path too long");	/* deeper than any tree here */
		return ERR_STORE;
	}
	g->orgs++;
	return db_exec(g->db, "UPDATE org SET path = ? WHERE id = ?", DB_TEXT(out->path),
	    DB_I64(out->id), DB_END);
}

/* Stages for n schools: each stage once, the rest by frequency, shuffled. */
static void
plan_stages(struct gen *g, struct plan *ps, int n)
{
	int v[DEMO_SCHOOLS_MAX], total = 0, x, st;

	for (st = 0; st < ST_COUNT; st++)
		total += stages[st].freq;
	for (int i = 0; i < n; i++) {
		if (i < ST_COUNT) {
			v[i] = i;
			continue;
		}
		x = rng_below(&g->r, total);
		for (st = 0; x >= stages[st].freq; st++)
			x -= stages[st].freq;
		v[i] = st;
	}
	shuffle(&g->r, v, n);
	for (int i = 0; i < n; i++)
		ps[i].stage = (enum stage)v[i];
}

static void
plan_schools(struct gen *g, struct plan *ps, int n)
{
	int stem[DEMO_SCHOOLS_MAX];

	for (int i = 0; i < DEMO_SCHOOLS_MAX; i++)
		stem[i] = i;
	shuffle(&g->r, stem, DEMO_SCHOOLS_MAX);
	plan_stages(g, ps, n);
	for (int i = 0; i < n; i++) {
		struct plan *sp = &ps[i];
		const struct stage_info *si = &stages[sp->stage];

		sp->stem = stem[i];
		sp->is_private = rng_pct(&g->r, si->private_pct);
		sp->group = -1;
		if (!sp->is_private && rng_pct(&g->r, 65))
			sp->group = rng_below(&g->r, (int)ARRAY_SIZE(groups));
		sp->weight = si->size * rng_range(&g->r, 60, 140) / (sp->is_private ? 160 : 100);
	}
}

/* The most branches a school of this stage can name. */
static int
unit_cap(const struct stage_info *si)
{
	int subjects = si->nsubjects ? si->nsubjects + 1 : 0;

	return si->ngrades > subjects ? si->ngrades : subjects;
}

/* Shares total out by weight (cumulative rounding, so the parts add up),
 * then keeps each school between SCHOOL_MIN and what its branches hold. */
static void
plan_members(struct plan *ps, int n, int total)
{
	int64_t w = 0, cum = 0, prev = 0, next;

	for (int i = 0; i < n; i++)
		w += ps[i].weight;
	for (int i = 0; i < n; i++) {
		int cap = 40 * (unit_cap(&stages[ps[i].stage]) + 1);

		cum += ps[i].weight;
		next = w ? (int64_t)total * cum / w : 0;
		ps[i].members = (int)(next - prev);
		prev = next;
		if (cap > SCHOOL_MAX)
			cap = SCHOOL_MAX;
		if (ps[i].members > cap)
			ps[i].members = cap;
		if (ps[i].members < SCHOOL_MIN)
			ps[i].members = SCHOOL_MIN;
	}
}

static struct unit *
unit_push(struct plan *sp, enum unit_kind kind, int section, const char *name, const char *basis)
{
	struct unit *u;

	assert(sp->nunits < UNITS_MAX);
	u = &sp->units[sp->nunits++];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->section = section;
	snprintf(u->name, sizeof(u->name), "%s", name);
	snprintf(u->basis, sizeof(u->basis), "%s", basis);
	return u;
}

/* Grades [lo, hi) in parts contiguous runs: 初三年级, 一二年级, 一至三年级;
 * a run over the whole range takes the name whole when there is one. */
static void
grade_units(struct plan *sp, const struct stage_info *si, int lo, int hi, int parts,
    int section, const char *whole)
{
	const char *const *gr = si->grades;
	char name[96];

	for (int i = 0; i < parts; i++) {
		int a = lo + (hi - lo) * i / parts, b = lo + (hi - lo) * (i + 1) / parts - 1;

		if (whole && a == lo && b == hi - 1)
			snprintf(name, sizeof(name), "%s", whole);
		else if (a == b)
			snprintf(name, sizeof(name), "%s%s", gr[a], si->grade_unit);
		else if (b == a + 1)
			snprintf(name, sizeof(name), "%s%s%s", gr[a], gr[b], si->grade_unit);
		else
			snprintf(name, sizeof(name), "%s至%s%s", gr[a], gr[b], si->grade_unit);
		unit_push(sp, U_GRADE, section, name, name);
	}
}

/* n >= 2 grade branches of a school with two sections (小学部 and 初中部,
 * or 初中部 and 高中部), none spanning both. From four on, each section
 * has two or more and its own general branch. */
static void
section_units(struct plan *sp, const struct stage_info *si, int n)
{
	int min = n >= 4 ? 2 : 1, n0, n1;

	n0 = (n * si->split + si->ngrades / 2) / si->ngrades;
	if (n0 < min)
		n0 = min;
	if (n0 > si->split)
		n0 = si->split;
	n1 = n - n0;
	if (n1 > si->ngrades - si->split) {
		n1 = si->ngrades - si->split;
		n0 = n - n1;
	}
	if (n1 < min) {
		n1 = min;
		n0 = n - min;
	}
	grade_units(sp, si, 0, si->split, n0, n >= 4 ? 0 : -1, si->sections[0]);
	grade_units(sp, si, si->split, si->ngrades, n1, n >= 4 ? 1 : -1, si->sections[1]);
}

/* n >= 2 subject branches: the first subjects one each, the rest together. */
static void
subject_units(struct plan *sp, const struct stage_info *si, int n)
{
	char name[96], basis[96];

	for (int i = 0; i < n - 1; i++) {
		snprintf(name, sizeof(name), "%s%s", si->subjects[i], si->subject_unit);
		snprintf(basis, sizeof(basis), "%s%s", si->subjects[i], si->subject_basis);
		unit_push(sp, U_SUBJECT, -1, name, basis);
	}
	unit_push(sp, U_SUBJECT, -1, si->rest, si->rest_basis);
}

/* 支部建在学科/年级上: n branches for the teachers, by grade or by subject. */
static void
teaching_units(struct gen *g, struct plan *sp, int n)
{
	const struct stage_info *si = &stages[sp->stage];

	if (n == 1) {
		unit_push(sp, U_STAFF, -1, "教职工", "全体在职教职工");
		return;
	}
	/* Large two-section schools mostly organize by section and grade. */
	if (n > si->ngrades ||
	    (si->nsubjects && !rng_pct(&g->r, si->split && n >= 4 ? 80 : 50)))
		subject_units(sp, si, n);
	else if (si->split)
		section_units(sp, si, n);
	else
		grade_units(sp, si, 0, si->ngrades, n, -1, NULL);
}

/* Shares total members evenly over units [from, to). */
static void
unit_sizes(struct plan *sp, int from, int to, int total)
{
	int n = to - from;

	for (int i = 0; i < n; i++)
		sp->units[from + i].size = total * (i + 1) / n - total * i / n;
}

static void
retired_units(struct plan *sp, int retired)
{
	static const char *const nth[] = { "第一", "第二", "第三", "第四" };
	int n = DIV_UP(retired, BRANCH_FILL), from = sp->nunits;
	char name[96];

	assert(n <= (int)ARRAY_SIZE(nth));
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "退休教师%s", n > 1 ? nth[i] : "");
		unit_push(sp, U_RETIRED, -1, name, "退休教职工");
	}
	unit_sizes(sp, from, sp->nunits, retired);
}

/* The school's branches: teaching ones, an office branch once there are
 * three or more, and one per 45 retirees. */
static void
plan_units(struct gen *g, struct plan *sp)
{
	int retired = 0, inservice, nb, nteach, cap = unit_cap(&stages[sp->stage]);

	sp->nunits = 0;
	if (!sp->is_private && sp->members >= 40)
		retired = sp->members * rng_range(&g->r, 8, 22) / 100;
	if (retired < 10)
		retired = 0;
	inservice = sp->members - retired;
	nb = DIV_UP(inservice, rng_range(&g->r, 24, 36));
	if (nb < DIV_UP(inservice, BRANCH_FILL))
		nb = DIV_UP(inservice, BRANCH_FILL);
	nteach = nb >= 3 ? nb - 1 : nb;
	if (nteach > cap)
		nteach = cap;
	teaching_units(g, sp, nteach);
	if (nb >= 3)
		unit_push(sp, U_ADMIN, -1, "行政后勤", "行政后勤");
	sp->units[nb >= 3 ? sp->nunits - 1 : 0].leaders = 1;
	unit_sizes(sp, 0, sp->nunits, inservice);
	if (retired)
		retired_units(sp, retired);
}

static void
person_category(struct gen *g, const struct unit *u, struct person *p, enum role role)
{
	if (u->kind == U_RETIRED)
		p->cat = role == R_PLAIN && rng_pct(&g->r, 3) ? CAT_OTHER : CAT_RETIRED;
	else
		p->cat = role == R_PLAIN && rng_pct(&g->r, 2) ? CAT_OTHER : CAT_IN_SERVICE;
}

/* Sex and birth day; teachers in service are 23 to 60 (men) or 55 (women),
 * school leaders 40 or older, branch secretaries 32 or older. */
static void
person_birth(struct gen *g, const struct plan *sp, const struct unit *u, enum role role,
    struct person *p)
{
	int female_pct = u->kind == U_RETIRED ? 60 : stages[sp->stage].female_pct;
	int lo, hi;

	p->male = !rng_pct(&g->r, female_pct);
	if (u->kind == U_RETIRED) {
		lo = 1950;
		hi = p->male ? 1964 : 1969;
	} else if (p->cat == CAT_OTHER) {
		lo = 1962;
		hi = 2000;
	} else {
		lo = p->male ? 1966 : 1971;
		hi = role == R_LEADER ? 1985 : role == R_SECRETARY ? 1993 : 2002;
	}
	p->birth = date_from_ymd(lo, 1, 1) +
	    rng_below(&g->r, date_from_ymd(hi + 1, 1, 1) - date_from_ymd(lo, 1, 1));
}

static void
person_name(struct gen *g, struct person *p)
{
	const char *own = p->male ? male_chars : female_chars;

	snprintf(p->name, sizeof(p->name), "%s", PICK(&g->r, surnames));
	if (rng_pct(&g->r, 30)) {
		add_char(&g->r, own, p->name, sizeof(p->name));
		return;
	}
	add_char(&g->r, rng_pct(&g->r, 45) ? shared_chars : own, p->name, sizeof(p->name));
	add_char(&g->r, own, p->name, sizeof(p->name));
}

/* The next unused sequence number (odd for men, even for women) for this
 * area, birth day and sex; a full day moves the birth on by one. Distinct
 * slots give distinct numbers, so ID-card numbers never repeat. */
static int
id_sequence(struct gen *g, int area, struct person *p)
{
	for (;;) {
		int day = p->birth - g->birth0;
		uint16_t *next = &g->seq[((size_t)area * (size_t)g->ndays + (size_t)day) * 2 +
		    (size_t)p->male];

		if (*next < SEQ_SLOTS) {
			int j = (*next * 37 + day * 7 + area * 13) % SEQ_SLOTS;

			(*next)++;
			return p->male ? 2 * j + 1 : 2 * j + 2;
		}
		p->birth = day + 1 < g->ndays ? p->birth + 1 : g->birth0;
	}
}

/* ID-card number (area, birth day, sequence, check character) and phone. */
static void
person_numbers(struct gen *g, struct person *p)
{
	int area = rng_pct(&g->r, 82) ? g->district :
	    AREAS_HOME + rng_below(&g->r, (int)ARRAY_SIZE(areas) - AREAS_HOME);
	int seq = id_sequence(g, area, p);
	struct ymd b = date_to_ymd(p->birth);
	int prefix = phone_prefixes[rng_below(&g->r, (int)ARRAY_SIZE(phone_prefixes))];

	snprintf(p->id_card, sizeof(p->id_card), "%06d%04d%02d%02d%03d", areas[area], b.y, b.m,
	    b.d, seq);
	p->id_card[17] = id_card_check_char(p->id_card);
	p->id_card[18] = '\0';
	snprintf(p->phone, sizeof(p->phone), "%03d%08d", prefix, rng_below(&g->r, 100000000));
}

/* Joined at 18 or later, most of them young; probationary members (7% of
 * teachers) joined within the last year, the others became full a
 * year after joining (DEV-T1). */
static void
person_party(struct gen *g, struct person *p, enum role role)
{
	int32_t adult = add_years(p->birth, 18), hi = add_years(p->birth, 45);

	if (p->cat == CAT_IN_SERVICE && role == R_PLAIN && rng_pct(&g->r, 7)) {
		p->joined = g->today - rng_range(&g->r, 20, 330);
		p->full_on = NO_DAY;
		return;
	}
	if (hi > g->today - 400)
		hi = g->today - 400;
	p->joined = early_day(&g->r, adult, hi);
	p->full_on = add_years(p->joined, 1);
}

static const char *
person_title(struct gen *g, const struct person *p)
{
	int age = (g->today - p->birth) / 365;

	if (p->cat == CAT_OTHER)
		return "";
	if (p->cat == CAT_RETIRED)
		return PICK(&g->r, title_retired);
	if (age < 27)
		return PICK(&g->r, title_young);
	if (age < 36)
		return PICK(&g->r, title_mid);
	return age < 45 ? PICK(&g->r, title_senior) : PICK(&g->r, title_old);
}

static const char *
person_post(struct gen *g, const struct plan *sp, const struct unit *u, int i, enum role role,
    const struct person *p)
{
	static const char *const deputy[] = { "副校长", "副园长" };
	const struct stage_info *si = &stages[sp->stage];
	const char *post;

	if (role == R_LEADER) {
		const char *posts[] = { "党委书记", si->head,
			deputy[sp->stage == ST_KINDERGARTEN], "党委副书记" };

		return posts[i];
	}
	if (u->kind == U_RETIRED)
		return "退休教师";
	if (role == R_SECRETARY)
		return u->kind == U_GRADE ? "年级组长" : u->kind == U_SUBJECT ? "教研组长" : "教师";
	if (u->kind == U_ADMIN) {
		post = PICK(&g->r, post_admin);
		/* Office heads are not fresh graduates. */
		return strstr(post, "主任") && g->today - p->birth < 30 * 365 ? "教师" : post;
	}
	return sp->stage == ST_KINDERGARTEN ? PICK(&g->r, post_kinder) : PICK(&g->r, post_teaching);
}

static void
person_job(struct gen *g, const struct plan *sp, const struct unit *u, int i, enum role role,
    struct person *p)
{
	if (p->cat == CAT_RETIRED || u->kind == U_RETIRED)
		p->education = PICK(&g->r, edu_retired);
	else if (sp->stage == ST_KINDERGARTEN)
		p->education = PICK(&g->r, edu_kinder);
	else
		p->education = PICK(&g->r, edu_service);
	/* Nobody holds a doctorate or master's degree at 24. */
	if (g->today - p->birth < 25 * 365 && strstr(p->education, "研究生"))
		p->education = "本科";
	p->title = person_title(g, p);
	p->post = p->cat == CAT_OTHER ? (u->kind == U_RETIRED ? "退休职工" : "工勤人员") :
	    person_post(g, sp, u, i, role, p);
	p->backbone = p->cat == CAT_IN_SERVICE && (role != R_PLAIN || rng_pct(&g->r, 28));
	p->dual_leader = role == R_SECRETARY && p->cat == CAT_IN_SERVICE && rng_pct(&g->r, 60);
}

/* Most are active; a few transferred out (teachers) or died (retirees)
 * within the last two years. */
static void
person_state(struct gen *g, struct person *p, enum role role)
{
	int32_t from;

	p->state = "active";
	p->state_on = NO_DAY;
	p->reason = "";
	if (role != R_PLAIN || p->full_on == NO_DAY)
		return;
	if (p->cat == CAT_RETIRED && rng_pct(&g->r, 3)) {
		p->state = "deceased";
		p->reason = "病故";
	} else if (p->cat == CAT_IN_SERVICE && rng_pct(&g->r, 2)) {
		p->state = "transferred_out";
		p->reason = PICK(&g->r, transfer_reasons);
	} else {
		return;
	}
	from = p->full_on > g->today - 700 ? p->full_on : g->today - 700;
	p->state_on = from + 1 + rng_below(&g->r, g->today - 1 - from);
}

static void
person_make(struct gen *g, const struct plan *sp, const struct unit *u, int i, struct person *p)
{
	enum role role = R_PLAIN;

	if (u->leaders && i < 4)
		role = R_LEADER;
	else if (i == 0)
		role = R_SECRETARY;
	person_category(g, u, p, role);
	person_birth(g, sp, u, role, p);
	person_numbers(g, p);
	person_name(g, p);
	p->ethnicity = PICK(&g->r, ethnicities);
	person_party(g, p, role);
	person_job(g, sp, u, i, role, p);
	person_state(g, p, role);
}

static const char member_sql[] =
    "INSERT INTO member (org_id, org_path, name, gender, ethnicity, birth_enc, id_card_enc,"
    " id_card_idx, id_card_mask, phone_enc, phone_mask, education, title, post, category,"
    " status, full_on, state, state_on, state_reason, joined_on, backbone, dual_leader,"
    " created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* Seals and indexes the numbers (SEC-09) and writes the member. */
static enum err
member_add(struct gen *g, const struct node *branch, const struct person *p)
{
	unsigned char *id_enc, *phone_enc, *birth_enc, idx[32];
	size_t id_len, phone_len, birth_len;
	char id_mask[19], ph_mask[12], birth[11], full[11], state_on[11], joined[11];
	struct db_args a = { 0 };
	enum err e;

	date_format(p->birth, birth);
	birth_seal(birth, &birth_enc, &birth_len);	/* PI-06, SEC-09 */
	crypto_seal(p->id_card, &id_enc, &id_len);
	crypto_seal(p->phone, &phone_enc, &phone_len);
	crypto_blind_index(p->id_card, idx);
	id_card_mask(p->id_card, id_mask);
	phone_mask(p->phone, ph_mask);
	db_args_add(&a, DB_I64(branch->id));
	db_args_add(&a, DB_TEXT(branch->path));
	db_args_add(&a, DB_TEXT(p->name));
	db_args_add(&a, DB_TEXT(p->male ? "male" : "female"));
	db_args_add(&a, DB_TEXT(p->ethnicity));
	db_args_add(&a, DB_BLOB(birth_enc, birth_len));
	db_args_add(&a, DB_BLOB(id_enc, id_len));
	db_args_add(&a, DB_BLOB(idx, sizeof(idx)));
	db_args_add(&a, DB_TEXT(id_mask));
	db_args_add(&a, DB_BLOB(phone_enc, phone_len));
	db_args_add(&a, DB_TEXT(ph_mask));
	db_args_add(&a, DB_TEXT(p->education));
	db_args_add(&a, DB_TEXT(p->title));
	db_args_add(&a, DB_TEXT(p->post));
	db_args_add(&a, DB_TEXT(category_codes[p->cat]));
	db_args_add(&a, DB_TEXT(p->full_on == NO_DAY ? "probationary" : "full"));
	db_args_add(&a, date_param(p->full_on, full));
	db_args_add(&a, DB_TEXT(p->state));
	db_args_add(&a, date_param(p->state_on, state_on));
	db_args_add(&a, DB_TEXT(p->reason));
	db_args_add(&a, date_param(p->joined, joined));
	db_args_add(&a, DB_I64(p->backbone));
	db_args_add(&a, DB_I64(p->dual_leader));
	db_args_add(&a, DB_I64(DEMO_EPOCH));
	db_args_add(&a, DB_I64(DEMO_EPOCH));
	e = db_execv(g->db, member_sql, &a);
	free(id_enc);
	free(phone_enc);
	free(birth_enc);
	g->members++;
	return e;
}

/* Larger branches sometimes split into two or three party groups. */
static enum err
groups_add(struct gen *g, const struct node *branch, int size)
{
	static const char *const names[] = { "第一党小组", "第二党小组", "第三党小组" };
	struct org_in in = { .kind = "group" };
	struct node grp;
	enum err e = ERR_OK;
	int n;

	if (size < 24 || !rng_pct(&g->r, 50))
		return ERR_OK;
	n = size >= 36 ? 3 : 2;
	for (int i = 0; i < n && !e; i++) {
		in.name = names[i];
		e = org_add(g, branch, &in, &grp);
	}
	return e;
}

/* A branch with its members (made first, so member_count is known when the
 * branch is written) and perhaps party groups. */
static enum err
branch_add(struct gen *g, const struct plan *sp, const struct unit *u, const struct node *parent)
{
	struct person ps[BRANCH_MAX];
	struct org_in in = { .kind = "branch", .basis = u->basis, .term_years = 3 };
	char name[128];
	struct node br;
	enum err e;

	assert(u->size <= BRANCH_MAX);
	for (int i = 0; i < u->size; i++) {
		person_make(g, sp, u, i, &ps[i]);
		in.members += !strcmp(ps[i].state, "active");
	}
	snprintf(name, sizeof(name), "%s党支部", u->name);
	in.name = name;
	e = org_add(g, parent, &in, &br);
	for (int i = 0; !e && i < u->size; i++)
		e = member_add(g, &br, &ps[i]);
	if (!e)
		e = groups_add(g, &br, u->size);
	return e;
}

static void
school_name(const struct gen *g, const struct plan *sp, char *out, size_t cap)
{
	snprintf(out, cap, "%s区%s%s", districts[g->district], stems[sp->stem],
	    stages[sp->stage].suffix);
}

static enum err
school_add(struct gen *g, const struct plan *sp, const char *name, int64_t *id)
{
	char group[96] = "";
	enum err e;

	if (sp->group >= 0)
		snprintf(group, sizeof(group), "%s%s教育集团", districts[g->district],
		    groups[sp->group]);
	e = db_exec(g->db, "INSERT INTO school (name, stage, ownership, education_group,"
	    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", DB_TEXT(name),
	    DB_TEXT(stages[sp->stage].code), DB_TEXT(sp->is_private ? "private" : "public"),
	    DB_TEXT(group), DB_I64(DEMO_EPOCH), DB_I64(DEMO_EPOCH), DB_END);
	if (e)
		return e;
	*id = db_last_id(g->db);
	g->schools++;
	return ERR_OK;
}

/* The general branch of section s (初中部党总支), under the party committee. */
static enum err
general_branch_add(struct gen *g, const struct plan *sp, int s, const struct node *pc,
    struct node *out)
{
	const char *section = stages[sp->stage].sections[s];
	struct org_in in = { .kind = "general_branch", .basis = section, .term_years = 3 };
	char name[96];

	snprintf(name, sizeof(name), "%s党总支", section);
	in.name = name;
	return org_add(g, pc, &in, out);
}

/* The school, its party committee, general branches, branches, groups and
 * members. */
static enum err
school_generate(struct gen *g, const struct node *root, struct plan *sp)
{
	struct org_in in = { .kind = "party_committee", .term_years = 5 };
	char school[128], name[160];
	struct node pc, gb[2];
	int have_gb[2] = { 0, 0 };
	enum err e;

	plan_units(g, sp);
	school_name(g, sp, school, sizeof(school));
	e = school_add(g, sp, school, &in.school_id);
	if (e)
		return e;
	snprintf(name, sizeof(name), "中共%s委员会", school);
	in.name = name;
	e = org_add(g, root, &in, &pc);
	for (int i = 0; !e && i < sp->nunits; i++) {
		int s = sp->units[i].section;

		if (s >= 0 && !have_gb[s]) {
			e = general_branch_add(g, sp, s, &pc, &gb[s]);
			have_gb[s] = 1;
		}
		if (!e)
			e = branch_add(g, sp, &sp->units[i], s >= 0 ? &gb[s] : &pc);
	}
	return e;
}

static enum err
district_generate(struct gen *g, const struct demo_scale *s, int d)
{
	struct org_in in = { .kind = "district_committee", .term_years = 5 };
	int n = s->schools_per_district;
	int target = s->members_target / s->districts + (d < s->members_target % s->districts);
	struct plan *ps = xcalloc((size_t)n, sizeof(*ps));
	char name[64];
	struct node root;
	enum err e;

	g->district = d;
	snprintf(name, sizeof(name), "%s区教育工委", districts[d]);
	in.name = name;
	e = org_add(g, NULL, &in, &root);
	plan_schools(g, ps, n);
	plan_members(ps, n, target);
	for (int i = 0; !e && i < n; i++)
		e = school_generate(g, &root, &ps[i]);
	free(ps);
	return e;
}

static enum err
scale_check(const struct demo_scale *s)
{
	if (s->districts < 1 || s->districts > (int)ARRAY_SIZE(districts) ||
	    s->schools_per_district < 1 || s->schools_per_district > DEMO_SCHOOLS_MAX ||
	    s->members_target < 0) {
		log_error("demo: scale out of range (districts 1..%zu, schools 1..%d)",
		    ARRAY_SIZE(districts), DEMO_SCHOOLS_MAX);
		return ERR_INVALID;
	}
	return ERR_OK;
}

static enum err
require_empty(struct db *db)
{
	int64_t n = 0;
	enum err e;

	e = db_get_i64(db, &n, "SELECT (SELECT COUNT(*) FROM school) + (SELECT COUNT(*) FROM org)",
	    DB_END);
	if (e)
		return e;
	if (n) {
		log_error("demo: the database already holds schools or organizations");
		return ERR_CONFLICT;
	}
	return ERR_OK;
}

enum err
demo_generate(struct db *db, const struct demo_scale *s)
{
	struct gen g = { .db = db, .r = { s->seed } };
	enum err e;

	e = scale_check(s);
	if (e)
		return e;
	g.today = (int32_t)(DEMO_EPOCH / 86400);
	g.birth0 = date_from_ymd(1950, 1, 1);
	g.ndays = date_from_ymd(2003, 1, 1) - g.birth0;
	g.seq = xcalloc(ARRAY_SIZE(areas) * (size_t)g.ndays * 2, sizeof(*g.seq));
	e = db_begin(db);
	if (e)
		goto out;
	e = require_empty(db);
	for (int d = 0; !e && d < s->districts; d++)
		e = district_generate(&g, s, d);
	e = db_end(db, e);
	if (!e)
		log_info("demo: %ld schools, %ld organizations, %ld members", g.schools, g.orgs,
		    g.members);
out:
	free(g.seq);
	return e;
}
