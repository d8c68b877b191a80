/* roster.c: one pass of a roster import (issue 16): header → mapping,
 * rows → member records checked by member_validate(), organizations
 * resolved in the caller's scope, existing members matched by the ID
 * number's blind index; then, for a commit, one short transaction. */
#include "core/common.h"
#include "roster/roster.h"

#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "http/json_out.h"
#include "party/member.h"
#include "party/org.h"

/* An organization of the caller's scope, as the import resolves names. */
struct rorg {
	int64_t id, parent_id;	/* a planned one (create_orgs): id -(index + 1), and a
				 * planned parent likewise */
	char *name, *kind, *path;	/* path NULL for a planned one */
	int64_t made_id;	/* a planned one, once the commit created it */
	char *made_path;
	int needed;		/* a kept row lies in it or below it */
};

struct org_idx {
	int64_t id;
	int i;
};

/* A row ready to write: a new member (id 0) or a changed one. */
struct action {
	int64_t id;
	int row;
	struct member m;
	const char *org_path;
	const char *note;	/* a move: "调入…（导入…）" */
	struct member_seal *seal;	/* a new member's numbers, sealed before the
					 * write lock (IMP-10); NULL for a change */
};

/* Open-addressing set of the ID numbers seen in the file, with their row. */
struct seen {
	char (*key)[19];
	int *row;
	size_t cap, n;
};

struct pass {
	struct db *db;
	const struct who *w;
	const struct roster_opts *o;
	struct roster_run *run;
	struct rorg *orgs;	/* sorted by name */
	int norgs, caporgs;
	struct org_idx *byid;	/* orgs by id */
	struct rorg **plans;	/* organizations the commit will create, parents first */
	int nplans, capplans;
	char last_cell[1024];	/* the last organization cell resolved, and its answer */
	const struct rorg *last_org;
	const char *last_why;
	struct seen seen;
	struct action *acts;
	int nacts, capacts;
	int32_t today;
	int stop;		/* the header was unusable, or the file is a masked export */
	enum err e;		/* a store failure */
};

void
roster_col_name(int col, char out[4])
{
	if (col < 26)
		snprintf(out, 4, "%c", 'A' + col);
	else
		snprintf(out, 4, "%c%c", 'A' + col / 26 - 1, 'A' + col % 26);
}

int
roster_may_import(const struct who *w)
{
	return w->role == ROLE_DISTRICT || w->role == ROLE_SECRETARY;
}

static void
add_problem(struct roster_run *run, int row, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
add_problem(struct roster_run *run, int row, int col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (run->nproblems == run->capproblems) {
		run->capproblems = run->capproblems ? run->capproblems * 2 : 64;
		run->problems = xrealloc(run->problems,
		    sizeof(*run->problems) * (size_t)run->capproblems);
	}
	run->problems[run->nproblems++] = (struct roster_problem){ row, col,
		arena_strdup(&run->a, msg) };
}

/* --- organizations --- */

static void
collect_org(void *ctx, const struct org *o)
{
	struct pass *p = ctx;

	if (p->norgs == p->caporgs) {
		p->caporgs = p->caporgs ? p->caporgs * 2 : 64;
		p->orgs = xrealloc(p->orgs, sizeof(*p->orgs) * (size_t)p->caporgs);
	}
	p->orgs[p->norgs++] = (struct rorg){ .id = o->id, .parent_id = o->parent_id,
		.name = xstrdup(o->name), .kind = xstrdup(o->kind), .path = xstrdup(o->path) };
}

static int
org_cmp(const void *a, const void *b)
{
	const struct rorg *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int
id_cmp(const void *a, const void *b)
{
	const struct org_idx *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static enum err
load_orgs(struct pass *p)
{
	int64_t n;
	enum err e = org_list(p->db, p->w, collect_org, p, &n);

	if (e || !p->norgs)
		return e;
	qsort(p->orgs, (size_t)p->norgs, sizeof(*p->orgs), org_cmp);
	p->byid = xcalloc((size_t)p->norgs, sizeof(*p->byid));
	for (int i = 0; i < p->norgs; i++)
		p->byid[i] = (struct org_idx){ p->orgs[i].id, i };
	qsort(p->byid, (size_t)p->norgs, sizeof(*p->byid), id_cmp);
	return ERR_OK;
}

/* An existing organization of the scope by id (a planned one by its
 * negative id); NULL when neither. */
static const struct rorg *
org_by_id(const struct pass *p, int64_t id)
{
	int lo = 0, hi = p->norgs;

	if (id < 0)
		return -id <= p->nplans ? p->plans[-id - 1] : NULL;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		int64_t v = p->byid[mid].id;

		if (v == id)
			return &p->orgs[p->byid[mid].i];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Whether o's ancestors carry parts[0..n) from the nearest up; ancestors
 * outside the scope are taken on trust (a secretary's path starts above
 * the branch they may see). */
static int
ancestors_match(const struct pass *p, const struct rorg *o, const char **parts, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		if (!o->parent_id || !(o = org_by_id(p, o->parent_id)))
			return !o && i >= 0 ? 1 : 0;
		if (strcmp(o->name, parts[i]))
			return 0;
	}
	return 1;
}

/* The existing organization parts[0..n) names (a path from anywhere in the
 * scope, or a name); NULL, with *ambiguous when several fit. */
static const struct rorg *
find_org(const struct pass *p, const char **parts, int n, int *ambiguous)
{
	const struct rorg *found = NULL;
	int lo = 0, hi = p->norgs;

	*ambiguous = 0;
	while (lo < hi) {	/* the first org with that name */
		int mid = (lo + hi) / 2;

		if (strcmp(p->orgs[mid].name, parts[n - 1]) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < p->norgs && !strcmp(p->orgs[i].name, parts[n - 1]); i++) {
		if (!ancestors_match(p, &p->orgs[i], parts, n - 1))
			continue;
		if (found) {
			*ambiguous = 1;
			return NULL;
		}
		found = &p->orgs[i];
	}
	return found;
}

/* A planned organization named parts[n-1] (under one named parts[n-2]
 * when given); NULL when none or several. */
static const struct rorg *
find_plan(const struct pass *p, const char **parts, int n, int64_t parent_id)
{
	const struct rorg *found = NULL, *up;

	for (int i = 0; i < p->nplans; i++) {
		const struct rorg *o = p->plans[i];

		if (strcmp(o->name, parts[n - 1]) || (parent_id && o->parent_id != parent_id))
			continue;
		if (!parent_id && n >= 2 && (!(up = org_by_id(p, o->parent_id)) ||
		    strcmp(up->name, parts[n - 2])))
			continue;
		if (found)
			return NULL;
		found = o;
	}
	return found;
}

static const struct rorg *
add_plan(struct pass *p, int64_t parent_id, const char *name, const char *kind)
{
	struct rorg *o = xcalloc(1, sizeof(*o));

	if (p->nplans == p->capplans) {
		p->capplans = p->capplans ? p->capplans * 2 : 16;
		p->plans = xrealloc(p->plans, sizeof(*p->plans) * (size_t)p->capplans);
	}
	o->id = -(int64_t)(p->nplans + 1);
	o->parent_id = parent_id;
	o->name = xstrdup(name);
	o->kind = xstrdup(kind);
	p->plans[p->nplans++] = o;
	return o;
}

/* IMP-06 with create_orgs: the part of the path below its deepest known
 * organization is planned, each kind from its name's ending, the nesting
 * rules checked. NULL with *why when it cannot be. */
static const struct rorg *
plan_path(struct pass *p, const char **parts, int n, const char **why)
{
	const struct rorg *base = NULL;
	const char *kinds[16], *up;
	int k, amb = 0;

	for (k = n - 1; k >= 1 && !base; k--) {
		if (!(base = find_org(p, parts, k, &amb)) && !amb)
			base = find_plan(p, parts, k, 0);
		if (amb) {
			*why = "路径中的上级组织名称不唯一，请从更上一级写起";
			return NULL;
		}
	}
	if (!base) {
		*why = "组织不存在（要新建，请从已有的上级组织写起完整路径）";
		return NULL;
	}
	k++;	/* parts[k..n) are new */
	for (int j = k; j < n; j++) {
		up = j == k ? base->kind : kinds[j - 1];
		if (!(kinds[j] = roster_org_kind(parts[j]))) {
			*why = arena_printf(&p->run->a, "无法从名称“%s”判断组织类型（应以委员会、"
			    "总支部委员会、支部委员会/党支部或党小组结尾）", parts[j]);
			return NULL;
		}
		if (!org_nesting_ok(up, kinds[j]) || roster_utf8_len(parts[j]) > 64) {
			*why = arena_printf(&p->run->a, "“%s”（%s）不能设在%s之下", parts[j],
			    org_kind_label(kinds[j]), org_kind_label(up));
			return NULL;
		}
	}
	for (int j = k; j < n; j++) {
		const struct rorg *have = find_plan(p, parts + j, 1, base->id);

		base = have ? have : add_plan(p, base->id, parts[j], kinds[j]);
	}
	return base;
}

/* The organization a cell names (a path, or a name unique in scope, or
 * with create_orgs a path to plan); NULL with *why. */
static const struct rorg *
resolve_cell(struct pass *p, const char *cell, const char **why)
{
	char buf[1024];
	const char *parts[16];
	const struct rorg *found;
	int n = roster_org_split(cell, buf, sizeof(buf), parts, 16), amb;

	if (n <= 0) {
		*why = n ? "组织路径过长" : "所在党组织必填";
		return NULL;
	}
	if ((found = find_org(p, parts, n, &amb)) || (!amb && (found = find_plan(p, parts, n, 0))))
		return found;
	if (amb)
		*why = "组织名称不唯一，请填写完整路径（如 中共某某中学委员会/语文学科党支部）";
	else if (p->o->create_orgs && n >= 2)
		return plan_path(p, parts, n, why);
	else
		*why = p->o->create_orgs ? "组织不存在（要新建，请填写从已有上级组织起的完整路径）" :
		    "组织不存在或不在您的管辖范围内";
	return NULL;
}

static const struct rorg *
resolve_org(struct pass *p, const char *cell, const char **why)
{
	const struct rorg *found;

	if (!strcmp(cell, p->last_cell)) {	/* rows of one branch come together */
		*why = p->last_why;
		return p->last_org;
	}
	found = resolve_cell(p, cell, why);
	if (!found)
		;
	else if (strcmp(found->kind, "branch"))
		*why = "党员只能编入党支部", found = NULL;
	else if (found->path && !member_may_edit(p->w, found->path))
		*why = "您无权在该组织中登记党员", found = NULL;
	snprintf(p->last_cell, sizeof(p->last_cell), "%s", cell);
	p->last_org = found;
	p->last_why = found ? NULL : *why;
	return found;
}

/* --- the ID numbers seen in this file --- */

static uint64_t
hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The row that had number before, or 0 after remembering it at row. */
static int
seen_put(struct seen *s, const char *number, int row)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		struct seen g = { .cap = s->cap ? s->cap * 2 : 1024 };

		g.key = xcalloc(g.cap, sizeof(*g.key));
		g.row = xcalloc(g.cap, sizeof(*g.row));
		for (size_t k = 0; k < s->cap; k++)
			if (s->key[k][0])
				seen_put(&g, s->key[k], s->row[k]);
		free(s->key);
		free(s->row);
		*s = g;
	}
	for (i = hash_key(number) & (s->cap - 1); s->key[i][0]; i = (i + 1) & (s->cap - 1))
		if (!strcmp(s->key[i], number))
			return s->row[i];
	memcpy(s->key[i], number, 19);
	s->row[i] = row;
	s->n++;
	return 0;
}

/* --- the header --- */

static int
column_of(const struct roster_map *m, const char *col)
{
	for (int i = 0; i < m->ncols; i++)
		if (!strcmp(m->header[i], col))
			return i;
	if (col[0] >= 'A' && col[0] <= 'Z' && (!col[1] || (col[1] >= 'A' && col[1] <= 'Z' &&
	    !col[2]))) {
		int c = col[1] ? (col[0] - 'A' + 1) * 26 + col[1] - 'A' : col[0] - 'A';

		return c < m->ncols ? c : -1;
	}
	return -1;
}

/* The user's corrections; a bad one is a problem at row 0. */
static void
apply_overrides(struct pass *p)
{
	struct roster_map *m = &p->run->map;

	for (int i = 0; i < p->o->nmap; i++) {
		const struct roster_override *ov = &p->o->map[i];
		int c = column_of(m, ov->col);
		enum roster_field f = roster_field_by_key(ov->field);

		if (c < 0)
			add_problem(p->run, 0, -1, "对应关系中的列“%s”不存在", ov->col);
		else if (f == RF_NONE && strcmp(ov->field, "none"))
			add_problem(p->run, 0, c, "对应关系中的字段“%s”不存在", ov->field);
		else
			m->field[c] = f;
	}
}

/* Fields a roster must have; the rest default or come from the ID. */
static const enum roster_field required_fields[] = { RF_NAME, RF_ID_CARD, RF_ORG,
	RF_JOINED_ON };

static void
check_mapping(struct pass *p)
{
	struct roster_map *m = &p->run->map;

	for (int c = 0; c < m->ncols; c++)
		for (int d = c + 1; d < m->ncols; d++)
			if (m->field[c] && m->field[c] == m->field[d])
				add_problem(p->run, m->header_row, d, "“%s”与第 %d 列重复对应到“%s”",
				    m->header[d], c + 1, roster_field_label(m->field[c]));
	for (size_t i = 0; i < ARRAY_SIZE(required_fields); i++) {
		int have = 0;

		for (int c = 0; c < m->ncols; c++)
			have |= m->field[c] == required_fields[i];
		if (!have)
			add_problem(p->run, m->header_row, -1, "缺少“%s”列（请在对应关系中指定）",
			    roster_field_label(required_fields[i]));
	}
	if (p->run->nproblems)
		p->stop = 1;
}

static void
read_header(struct pass *p, int row, int ncols, const char *const *cells)
{
	struct roster_map *m = &p->run->map;

	if (cells[0] && !strncmp(cells[0], ROSTER_MASKED_MARK, strlen(ROSTER_MASKED_MARK))) {
		add_problem(p->run, row + 1, 0, "这是脱敏导出的名册（身份证号、手机号已隐去），"
		    "不能用于导入：请使用完整导出或原始名册");
		p->stop = 1;
		return;
	}
	m->header_row = row;
	m->ncols = ncols;
	for (int c = 0; c < ncols; c++) {
		snprintf(m->header[c], sizeof(m->header[c]), "%s", cells[c] ? cells[c] : "");
		m->field[c] = roster_header_field(m->header[c]);
	}
	apply_overrides(p);
	check_mapping(p);
}

/* --- one row --- */

/* The text of the column mapped to f, or NULL (empty or unmapped). */
static const char *
cell_of(const struct pass *p, int ncols, const char *const *cells, enum roster_field f,
    int *col)
{
	const struct roster_map *m = &p->run->map;

	for (int c = 0; c < m->ncols; c++) {
		if (m->field[c] != f)
			continue;
		*col = c;
		return c < ncols && cells[c] && *cells[c] ? cells[c] : NULL;
	}
	*col = -1;
	return NULL;
}

static int
col_of_field(const struct pass *p, enum roster_field f)
{
	for (int c = 0; c < p->run->map.ncols; c++)
		if (p->run->map.field[c] == f)
			return c;
	return -1;
}

/* A trimmed copy of a text cell, or NULL when over max characters. */
static const char *
text_field(struct pass *p, int row, int col, const char *s, size_t max, struct arena *a)
{
	char t[1024];

	roster_ascii(s, t, sizeof(t));
	if (roster_utf8_len(t) > max) {
		add_problem(p->run, row, col, "内容过长（最多 %zu 个字）", max);
		return NULL;
	}
	return *t ? arena_strdup(a, t) : NULL;
}

static const char *
date_field(struct pass *p, int row, int col, const char *s, struct arena *a)
{
	char d[11];
	const char *why;

	if (roster_parse_date(s, d, &why)) {
		add_problem(p->run, row, col, "%s（“%s”）", why, s);
		return NULL;
	}
	return arena_strdup(a, d);
}

/* A choice cell; NULL with a problem naming the allowed words. */
static const char *
choice_field(struct pass *p, int row, int col, const char *s,
    const char *(*fn)(const char *), const char *allowed)
{
	const char *v = fn(s);

	if (!v)
		add_problem(p->run, row, col, "“%s”无法识别，应为 %s", s, allowed);
	return v;
}

/* Reads the row's cells into m (strings in a); problems per cell. The
 * organization goes to *org. Returns the problems added. */
static int
row_to_member(struct pass *p, int row, int ncols, const char *const *cells, struct arena *a,
    struct member *m, const struct rorg **org)
{
	int before = p->run->nproblems, c;
	const char *s, *why;
	char id[19];

	memset(m, 0, sizeof(*m));
	m->state = "active";
	if ((s = cell_of(p, ncols, cells, RF_NAME, &c)) && strstr(s, ROSTER_EXAMPLE_MARK))
		add_problem(p->run, row, c, "这是模板的示例行，请删除后再导入");
	else if (s)
		m->name = text_field(p, row, c, s, 32, a);
	else
		add_problem(p->run, row, c, "姓名必填");
	if ((s = cell_of(p, ncols, cells, RF_ID_CARD, &c))) {
		if (roster_parse_id(s, p->today, id, &why))
			add_problem(p->run, row, c, "%s（“%s”）", why, s);
		else
			m->id_card = arena_strdup(a, id);
	} else {
		add_problem(p->run, row, c, "身份证号必填（导入按身份证号识别党员）");
	}
	if ((s = cell_of(p, ncols, cells, RF_GENDER, &c)))
		m->gender = choice_field(p, row, c, s, roster_gender, "男 或 女");
	if ((s = cell_of(p, ncols, cells, RF_ETHNICITY, &c)))
		m->ethnicity = text_field(p, row, c, s, 16, a);
	if ((s = cell_of(p, ncols, cells, RF_BIRTH_DATE, &c)))
		m->birth_date = date_field(p, row, c, s, a);
	if ((s = cell_of(p, ncols, cells, RF_EDUCATION, &c)))
		m->education = text_field(p, row, c, s, 32, a);
	if ((s = cell_of(p, ncols, cells, RF_TITLE, &c)))
		m->title = text_field(p, row, c, s, 32, a);
	if ((s = cell_of(p, ncols, cells, RF_POST, &c)))
		m->post = text_field(p, row, c, s, 32, a);
	if ((s = cell_of(p, ncols, cells, RF_JOINED_ON, &c)))
		m->joined_on = date_field(p, row, c, s, a);
	else
		add_problem(p->run, row, c, "入党时间必填");
	if ((s = cell_of(p, ncols, cells, RF_FULL_ON, &c)))
		m->full_on = date_field(p, row, c, s, a);
	if ((s = cell_of(p, ncols, cells, RF_STATUS, &c)))
		m->status = choice_field(p, row, c, s, roster_status, "正式党员 或 预备党员");
	if ((s = cell_of(p, ncols, cells, RF_CATEGORY, &c)))
		m->category = choice_field(p, row, c, s, roster_category, "在职、退休 或 其他");
	else if (c >= 0)
		add_problem(p->run, row, c, "在职情况必填");
	if ((s = cell_of(p, ncols, cells, RF_PHONE, &c))) {
		char ph[64];

		roster_ascii(s, ph, sizeof(ph));
		m->phone = arena_strdup(a, ph);
	}
	if ((s = cell_of(p, ncols, cells, RF_ORG, &c))) {
		if (!(*org = resolve_org(p, s, &why)))
			add_problem(p->run, row, c, "%s（“%s”）", why, s);
	} else {
		add_problem(p->run, row, c, "所在党组织必填");
	}
	return p->run->nproblems - before;
}

/* Fills what a column did not give from the ID number and the other
 * columns, as the member form would require it typed. */
static void
fill_defaults(struct member *m, int has_status_col, int has_category_col)
{
	struct id_card ic;

	if (!m->gender && m->id_card && !id_card_parse(m->id_card, date_today(), &ic))
		m->gender = ic.male ? "male" : "female";
	if (!m->status && !has_status_col)
		m->status = m->full_on ? "full" : "probationary";
	if (!m->category && !has_category_col)
		m->category = "in_service";
}

/* The member form's rules (member_validate), each field's message put on
 * its column (fields without a column on the ID number's). */
static int
validate_member(struct pass *p, int row, struct member *m, struct arena *a)
{
	struct problem pb = { 0 };

	if (!m->status)
		return 0;	/* already reported on its cell */
	if (!member_validate(m, p->today, a, &pb))
		return 0;
	for (int i = 0; i < pb.nfields; i++) {
		enum roster_field f = roster_field_by_key(pb.fields[i].field);
		int c = f ? col_of_field(p, f) : -1;

		add_problem(p->run, row, c >= 0 ? c : col_of_field(p, RF_ID_CARD), "%s",
		    pb.fields[i].msg);
	}
	return pb.nfields;
}

static int
str_same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Whether importing m over old would change anything the import sets. */
static int
member_changes(const struct member *old, const struct member *m)
{
	const char *const *x[] = { &old->name, &old->gender, &old->ethnicity, &old->birth_date,
		&old->phone, &old->education, &old->title, &old->post, &old->category,
		&old->status, &old->full_on, &old->joined_on };
	const char *const *y[] = { &m->name, &m->gender, &m->ethnicity, &m->birth_date,
		&m->phone, &m->education, &m->title, &m->post, &m->category, &m->status,
		&m->full_on, &m->joined_on };

	for (size_t i = 0; i < ARRAY_SIZE(x); i++)
		if (*y[i] && !str_same(*x[i], *y[i]))
			return 1;
	return old->org_id != m->org_id;
}

/* Overlays the imported fields that are given on old (empty cells keep
 * what was entered: an import never erases). */
static void
merge_member(struct member *into, const struct member *m)
{
	const char **x[] = { &into->name, &into->gender, &into->ethnicity, &into->birth_date,
		&into->phone, &into->education, &into->title, &into->post, &into->category,
		&into->status, &into->full_on, &into->joined_on };
	const char *const y[] = { m->name, m->gender, m->ethnicity, m->birth_date, m->phone,
		m->education, m->title, m->post, m->category, m->status, m->full_on,
		m->joined_on };

	for (size_t i = 0; i < ARRAY_SIZE(x); i++)
		if (y[i])
			*x[i] = y[i];
	into->org_id = m->org_id;
}

static void
keep_action(struct pass *p, int row, int64_t id, const struct member *m, const char *path,
    const char *note)
{
	if (p->nacts == p->capacts) {
		p->capacts = p->capacts ? p->capacts * 2 : 256;
		p->acts = xrealloc(p->acts, sizeof(*p->acts) * (size_t)p->capacts);
	}
	p->acts[p->nacts++] = (struct action){ id, row, *m, path, note, NULL };
	if (!id) {
		p->acts[p->nacts - 1].seal = xmalloc(sizeof(struct member_seal));
		member_seal(m, p->acts[p->nacts - 1].seal);
	}
}

/* An existing member of this number: unchanged, changed (kept for the
 * commit), or not this caller's to change. Returns problems added. */
static int
match_existing(struct pass *p, int row, struct member *m, const struct rorg *org,
    int64_t id, const char *path, struct arena *a)
{
	struct member old;
	const char *oldpath;

	if (!scope_contains(p->w, path) || !member_may_edit(p->w, path) ||
	    member_load_whole(p->db, p->w, id, a, &old, &oldpath)) {
		add_problem(p->run, row, col_of_field(p, RF_ID_CARD), "%s", ID_CARD_NOT_HERE);
		return 1;
	}
	m->org_id = org->id;
	if (!member_changes(&old, m)) {
		p->run->unchanged++;
		return 0;
	}
	struct member before = old;
	struct problem pb = { 0 };
	int64_t from = old.org_id;

	merge_member(&old, m);
	if (validate_member(p, row, &old, a))
		return 1;
	if (member_check_incoming(&before, &old, &pb)) {	/* XFER-01, as the form */
		add_problem(p->run, row, col_of_field(p, RF_ORG), "%s", pb.fields[0].msg);
		return 1;
	}
	p->run->updated++;
	if (p->o->commit)
		keep_action(p, row, id, m, org->path, from != org->id ?
		    arena_printf(a, "导入“%s”时调入", p->o->file_name ? p->o->file_name : "名册")
		    : NULL);
	return 0;
}

/* A new member of this number. Returns problems added. */
static int
add_new(struct pass *p, int row, struct member *m, const struct rorg *org)
{
	m->org_id = org->id;
	p->run->created++;
	if (p->o->commit)
		keep_action(p, row, 0, m, org->path, NULL);
	return 0;
}

static void
read_row(struct pass *p, int row, int ncols, const char *const *cells)
{
	struct arena tmp = ARENA_INIT;
	struct arena *a = p->o->commit ? &p->run->a : &tmp;
	const struct rorg *org = NULL;
	struct member m;
	const char *path;
	int64_t id;
	int bad, dup;
	enum err e;

	p->run->rows++;
	bad = row_to_member(p, row, ncols, cells, a, &m, &org);
	fill_defaults(&m, col_of_field(p, RF_STATUS) >= 0, col_of_field(p, RF_CATEGORY) >= 0);
	if (m.id_card && (dup = seen_put(&p->seen, m.id_card, row))) {
		add_problem(p->run, row, col_of_field(p, RF_ID_CARD), "身份证号与第 %d 行重复", dup);
		bad++;
	}
	bad += validate_member(p, row, &m, a);	/* the row's own record first */
	if (!bad) {
		e = member_find_by_card(p->db, m.id_card, &id, a, &path);
		if (e == ERR_OK)
			bad = match_existing(p, row, &m, org, id, path, a);
		else if (e == ERR_NOT_FOUND)
			bad = add_new(p, row, &m, org);
		else
			p->e = e;
	}
	if (bad)
		p->run->bad_rows++;
	arena_release(&tmp);
}

static int
on_row(void *ctx, int row, int ncols, const char *const *cells)
{
	struct pass *p = ctx;

	if (p->run->map.header_row < 0)
		read_header(p, row + 1, ncols, cells);
	else
		read_row(p, row + 1, ncols, cells);
	return p->stop || p->e;
}

/* --- the commit --- */

static void
patch_imported(void *ctx, struct member *m, struct arena *a)
{
	(void)a;
	merge_member(m, ctx);
}

/* The import event's audit row: file, counts, skipped rows. */
static enum err
audit_import(struct pass *p)
{
	struct roster_run *run = p->run;
	struct buf b = BUF_INIT(8 << 20);
	struct jw j;
	int last = 0;
	enum err e;

	jw_init(&j, &b);
	jw_obj(&j);
	jw_kstr(&j, "file", p->o->file_name ? p->o->file_name : "");
	jw_kint(&j, "rows", run->rows);
	jw_kint(&j, "created", run->created);
	jw_kint(&j, "updated", run->updated);
	jw_kint(&j, "unchanged", run->unchanged);
	jw_kint(&j, "orgs_created", run->orgs_created);
	jw_key(&j, "skipped_rows");
	jw_arr(&j);
	for (int i = 0; i < run->nproblems; i++) {
		if (run->problems[i].row == last || !run->problems[i].row)
			continue;
		last = run->problems[i].row;
		jw_int(&j, last);
	}
	jw_arr_end(&j);
	jw_obj_end(&j);
	e = audit_write(p->db, p->w, "import", "roster", 0, NULL, buf_str(&b), 1);
	if (!e)
		run->audit_id = db_last_id(p->db);
	buf_release(&b);
	return e;
}

/* The planned organizations a kept row needs, parents first: created in
 * the commit's transaction (org_create_in audits each). */
static enum err
create_plans(struct pass *p, struct problem *pb)
{
	enum err e = ERR_OK;

	for (int i = 0; i < p->nacts; i++)
		for (const struct rorg *o = org_by_id(p, p->acts[i].m.org_id); o && o->id < 0;
		    o = org_by_id(p, o->parent_id))
			((struct rorg *)o)->needed = 1;
	for (int i = 0; !e && i < p->nplans; i++) {
		struct rorg *o = p->plans[i];
		struct org_in in = { .name = o->name, .kind = o->kind };
		struct org made;

		if (!o->needed)
			continue;
		in.parent_id = o->parent_id > 0 ? o->parent_id : org_by_id(p, o->parent_id)->made_id;
		e = org_create_in(p->db, p->w, &in, pb, &o->made_id);
		if (!e)
			e = org_get(p->db, p->w, o->made_id, &p->run->a, &made);
		if (!e) {
			o->made_path = (char *)made.path;
			p->run->orgs_created++;
		}
	}
	for (int i = 0; !e && i < p->nacts; i++) {
		struct action *ac = &p->acts[i];
		const struct rorg *o = ac->m.org_id < 0 ? org_by_id(p, ac->m.org_id) : NULL;

		if (o) {
			ac->m.org_id = o->made_id;
			ac->org_path = o->made_path;
		}
	}
	return e;
}

static int
i64_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Each organization new members went into, recounted once (a recount per
 * row made a 2,000-member branch cost a count per insert). */
static enum err
recount_inserted(struct pass *p)
{
	int64_t *ids = xcalloc((size_t)p->nacts + 1, sizeof(*ids));
	int n = 0;
	enum err e = ERR_OK;

	for (int i = 0; i < p->nacts; i++)
		if (!p->acts[i].id)
			ids[n++] = p->acts[i].m.org_id;
	qsort(ids, (size_t)n, sizeof(*ids), i64_cmp);
	for (int i = 0; !e && i < n; i++)
		if (!i || ids[i] != ids[i - 1])
			e = member_recount(p->db, ids[i]);
	free(ids);
	return e;
}

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* IMP-10: a commit writes with a page cache of cfg.import_cache_mb (the
 * member table's nine indexes, the ID numbers' blind index in random
 * order); the connection's own size is put back after. The WAL (the whole
 * import, some 300 MB for 200,000 members) is not checkpointed by the
 * COMMIT itself but just after it: the checkpoint holds no write lock,
 * other writers go on meanwhile. Returns the cache size to put back (0:
 * none). */
static int64_t
cache_widen(struct db *db)
{
	char sql[96];
	int64_t old = 0;

	if (db_get_i64(db, &old, "PRAGMA cache_size", DB_END) || !old)
		return 0;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size=-%ld; PRAGMA wal_autocheckpoint=0;",
	    cfg.import_cache_mb * 1024);
	return db_exec_script(db, sql) ? 0 : old;
}

static void
cache_restore(struct db *db, int64_t old)
{
	char sql[128];

	if (!old)
		return;
	snprintf(sql, sizeof(sql), "PRAGMA wal_checkpoint(PASSIVE); PRAGMA wal_autocheckpoint=1000;"
	    " PRAGMA cache_size=%" PRId64 ";", old);
	db_exec_script(db, sql);
}

/* The rows, in the transaction the caller holds. */
static enum err
write_rows(struct pass *p, struct problem *pb)
{
	enum err e = create_plans(p, pb);

	for (int i = 0; !e && i < p->nacts; i++) {
		struct action *ac = &p->acts[i];
		struct problem rpb = { 0 };
		int64_t id;

		if (ac->id)
			e = member_update_in(p->db, p->w, ac->id, patch_imported, &ac->m, ac->note,
			    &rpb);
		else
			e = member_insert_sealed(p->db, p->w, &ac->m, ac->seal, ac->org_path, &rpb,
			    &id);
		if (e && rpb.nfields)
			add_problem(p->run, ac->row, -1, "%s", rpb.fields[0].msg);
	}
	if (!e)
		e = recount_inserted(p);
	if (!e)
		e = audit_import(p);
	return e;
}

/* Writes the kept rows in one transaction (the checks, lookups and
 * decryption were done before it: the write lock is held only for the
 * inserts and updates). The time the lock was held is logged. */
static enum err
write_actions(struct pass *p, struct problem *pb)
{
	int64_t cache, t0;
	enum err e;

	if (!p->nacts) {
		p->run->committed = 1;	/* nothing changes: no audit row either */
		return ERR_OK;
	}
	cache = cache_widen(p->db);
	t0 = mono_ms();
	if (!(e = db_begin(p->db))) {
		e = write_rows(p, pb);
		e = db_end(p->db, e);
		p->run->lock_ms = mono_ms() - t0;
		log_info("import: write lock held %" PRId64 " ms (%d rows written)",
		    p->run->lock_ms, p->nacts);
	}
	cache_restore(p->db, cache);
	if (e == ERR_CONFLICT || e == ERR_INVALID) {
		problem_field(pb, "file", "写入时发现冲突（名册中的党员刚被他人修改）：请重新预检后再导入");
		return ERR_CONFLICT;
	}
	if (!e)
		p->run->committed = 1;
	return e;
}

/* The planned organizations, for the preview. */
static void
keep_plans(struct pass *p)
{
	struct roster_run *run = p->run;

	run->new_orgs = p->nplans;
	run->plans = p->nplans ? arena_alloc(&run->a, sizeof(*run->plans) * (size_t)p->nplans) :
	    NULL;
	for (int i = 0; i < p->nplans; i++) {
		const struct rorg *o = p->plans[i], *up = org_by_id(p, o->parent_id);

		run->plans[i] = (struct roster_new_org){ arena_strdup(&run->a, o->name),
			arena_strdup(&run->a, o->kind), arena_strdup(&run->a, up ? up->name : "") };
	}
}

static void
pass_release(struct pass *p)
{
	for (int i = 0; i < p->norgs; i++) {
		free(p->orgs[i].name);
		free(p->orgs[i].kind);
		free(p->orgs[i].path);
	}
	free(p->orgs);
	free(p->byid);
	for (int i = 0; i < p->nplans; i++) {
		free(p->plans[i]->name);
		free(p->plans[i]->kind);
		free(p->plans[i]);
	}
	free(p->plans);
	free(p->seen.key);
	free(p->seen.row);
	for (int i = 0; i < p->nacts; i++)
		if (p->acts[i].seal) {
			member_seal_release(p->acts[i].seal);
			free(p->acts[i].seal);
		}
	free(p->acts);
}

enum err
roster_import(struct db *db, const struct who *w, const void *data, size_t len,
    const struct roster_opts *opts, struct roster_run *run, struct problem *pb)
{
	struct pass p = { .db = db, .w = w, .o = opts, .run = run, .today = date_today() };
	struct roster_limits lim;
	const char *why;
	int64_t t0 = mono_ms();
	enum err e;

	memset(run, 0, sizeof(*run));
	run->map.header_row = -1;
	if (!roster_may_import(w))
		return ERR_FORBIDDEN;
	roster_limits_from_config(&lim);
	if ((e = load_orgs(&p)))
		goto out;
	e = roster_read(data, len, &lim, on_row, &p, &why);
	if (e && why) {
		add_problem(run, 0, -1, "%s", why);
		problem_field(pb, "file", "%s", why);
		goto out;
	}
	if ((e = p.e))
		goto out;
	e = ERR_OK;	/* stopped by a bad header: listed as problems */
	if (run->map.header_row < 0 && !run->nproblems)
		add_problem(run, 0, -1, "文件中没有内容（第一行应为表头）");
	if (opts->commit && !p.stop && run->map.header_row >= 0 &&
	    (!run->bad_rows || opts->valid_only))
		e = write_actions(&p, pb);
out:
	run->total_ms = mono_ms() - t0;
	log_info("import: %d rows read, %d with problems, %s in %" PRId64 " ms", run->rows,
	    run->bad_rows, run->committed ? "committed" : "nothing written", run->total_ms);
	keep_plans(&p);
	pass_release(&p);
	return e;
}

void
roster_run_release(struct roster_run *run)
{
	free(run->problems);
	arena_release(&run->a);
	memset(run, 0, sizeof(*run));
}
