#include "core/common.h"
#include "party/org.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "http/json_out.h"

const char *const org_kinds[] = { "district_committee", "party_committee", "general_branch",
	"branch", "group", NULL };

struct nesting {
	const char *kind, *parent, *label;
};

/* The allowed parent of each kind (issue 2; a branch has two). */
static const struct nesting nestings[] = {
	{ "district_committee", NULL, "区教育工委" },
	{ "party_committee", "district_committee", "党委" },
	{ "general_branch", "party_committee", "党总支" },
	{ "branch", "party_committee", "党支部" },
	{ "branch", "general_branch", "党支部" },
	{ "group", "branch", "党小组" },
};

int
org_nesting_ok(const char *parent_kind, const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(nestings); i++) {
		if (strcmp(nestings[i].kind, kind))
			continue;
		if (!parent_kind ? !nestings[i].parent :
		    nestings[i].parent && !strcmp(nestings[i].parent, parent_kind))
			return 1;
	}
	return 0;
}

const char *
org_kind_label(const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(nestings); i++)
		if (!strcmp(nestings[i].kind, kind))
			return nestings[i].label;
	return "";
}

#define ORG_COLS "o.id, COALESCE(o.parent_id, 0), COALESCE(o.school_id, 0), o.name, o.kind," \
	" o.basis, o.founded_on, o.term_started_on, COALESCE(o.term_years, 0), o.path, o.depth," \
	" o.member_count, o.created_at, o.updated_at, s.name"
#define ORG_FROM " FROM org o LEFT JOIN school s ON s.id = o.school_id"

static void
org_from_row(struct db_rows *r, struct arena *a, struct org *o)
{
	o->id = db_i64(r, 0);
	o->parent_id = db_i64(r, 1);
	o->school_id = db_i64(r, 2);
	o->name = arena_strdup(a, db_text(r, 3));
	o->kind = arena_strdup(a, db_text(r, 4));
	o->basis = arena_strdup(a, db_text(r, 5));
	o->founded_on = arena_strdup(a, db_text(r, 6));
	o->term_started_on = arena_strdup(a, db_text(r, 7));
	o->term_years = db_i64(r, 8);
	o->path = arena_strdup(a, db_text(r, 9));
	o->depth = db_i64(r, 10);
	o->member_count = db_i64(r, 11);
	o->created_at = db_i64(r, 12);
	o->updated_at = db_i64(r, 13);
	o->school_name = arena_strdup(a, db_text(r, 14));
}

enum err
org_get(struct db *db, const struct who *w, int64_t id, struct arena *a, struct org *o)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " ORG_COLS ORG_FROM " WHERE o.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "o.path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	e = db_next(&r);
	if (!e)
		org_from_row(&r, a, o);
	db_rows_close(&r);
	return e;
}

enum err
org_list(struct db *db, const struct who *w, void (*fn)(void *ctx, const struct org *o), void *ctx,
    int64_t *n)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " ORG_COLS ORG_FROM " WHERE 1=1");
	scope_sql(&sql, &args, w, "o.path", up);
	buf_adds(&sql, " ORDER BY o.path");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	*n = 0;
	while ((e = db_next(&r)) == ERR_OK) {
		struct arena a = ARENA_INIT;
		struct org o;

		org_from_row(&r, &a, &o);
		fn(ctx, &o);
		arena_release(&a);
		(*n)++;
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

char *
org_json(const struct org *o, struct arena *a)
{
	struct buf b = BUF_INIT(1 << 16);
	struct jw w;
	char *out;

	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", o->id);
	jw_kstr(&w, "name", o->name);
	jw_kstr(&w, "kind", o->kind);
	jw_kstr(&w, "kind_label", org_kind_label(o->kind));
	jw_kid(&w, "parent_id", o->parent_id);
	jw_kid(&w, "school_id", o->school_id);
	jw_kstr(&w, "school_name", o->school_name);
	jw_kstr(&w, "basis", o->basis);
	jw_kstr(&w, "founded_on", o->founded_on);
	jw_kstr(&w, "term_started_on", o->term_started_on);
	jw_key(&w, "term_years");
	if (o->term_years)
		jw_int(&w, o->term_years);
	else
		jw_null(&w);
	jw_kint(&w, "depth", o->depth);
	jw_kint(&w, "member_count", o->member_count);
	jw_ktime(&w, "created_at", o->created_at);
	jw_ktime(&w, "updated_at", o->updated_at);
	jw_obj_end(&w);
	out = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return out;
}

/* The parent must exist in scope and accept this kind. A secretary may add
 * under their top organization or anything below it. */
static enum err
check_parent(struct db *db, const struct who *w, int64_t parent_id, const char *kind,
    struct arena *a, struct org *parent, struct problem *pb)
{
	if (!parent_id) {
		if (!w->all)
			return ERR_FORBIDDEN;
		if (!org_nesting_ok(NULL, kind))
			return problem_field(pb, "parent_id", "%s必须有上级组织", org_kind_label(kind));
		return ERR_OK;
	}
	if (org_get(db, w, parent_id, a, parent))
		return problem_field(pb, "parent_id", "上级组织不存在");
	if (!org_nesting_ok(parent->kind, kind))
		return problem_field(pb, "parent_id", "%s不能设在%s之下", org_kind_label(kind),
		    org_kind_label(parent->kind));
	return ERR_OK;
}

/* The school exists and, for a caller with a scope, is one of theirs: its
 * top organization (the shallowest with that school) lies in the scope
 * (issue 10, hole 4: a branch moved to another school shows that school's
 * figures to this caller and spoils its statistics). A school with no
 * organization yet is the district's to link. The same message for
 * "absent" and "not yours", so it tells nothing about other schools. */
static enum err
check_school(struct db *db, const struct who *w, int64_t school_id, int64_t already,
    struct problem *pb)
{
	struct db_rows r;
	int64_t v;
	int mine = 0;
	enum err e;

	/* The school the organization (or, for a new one, its parent) already
	 * has is always fine: a branch secretary keeps their branch's school. */
	if (!school_id || school_id == already)
		return ERR_OK;
	if (w->all) {
		if (db_get_i64(db, &v, "SELECT id FROM school WHERE id = ?", DB_I64(school_id), DB_END))
			return problem_field(pb, "school_id", "学校不存在");
		return ERR_OK;
	}
	e = db_query(db, &r, "SELECT path FROM org WHERE school_id = ? ORDER BY depth, id LIMIT 1",
	    DB_I64(school_id), DB_END);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK)
		mine = scope_contains(w, db_text(&r, 0));
	db_rows_close(&r);
	if (e && e != ERR_NOT_FOUND)
		return e;
	return mine ? ERR_OK : problem_field(pb, "school_id", "学校不存在或不在管理范围内");
}

static enum err
insert_org(struct db *db, const struct org_in *in, const struct org *parent, int64_t *id)
{
	int64_t now = time(NULL);
	int64_t school = in->school_id ? in->school_id : (parent ? parent->school_id : 0);
	char path[256];
	enum err e;

	e = db_exec(db, "INSERT INTO org (parent_id, kind, name, school_id, basis, founded_on,"
	    " term_started_on, term_years, path, depth, created_at, updated_at)"
	    " VALUES (?,?,?,?,?,?,?,?,'',?,?,?)", parent ? DB_I64(parent->id) : DB_NULL,
	    DB_TEXT(in->kind), DB_TEXT(in->name), school ? DB_I64(school) : DB_NULL,
	    DB_TEXT(in->basis ? in->basis : ""), DB_TEXT(in->founded_on), DB_TEXT(in->term_started_on),
	    in->term_years ? DB_I64(in->term_years) : DB_NULL, DB_I64(parent ? parent->depth + 1 : 0),
	    DB_I64(now), DB_I64(now), DB_END);
	if (e)
		return e;
	*id = db_last_id(db);
	scope_child_path(parent ? parent->path : NULL, *id, path, sizeof(path));
	return db_exec(db, "UPDATE org SET path = ? WHERE id = ?", DB_TEXT(path), DB_I64(*id), DB_END);
}

enum err
org_create_in(struct db *db, const struct who *w, const struct org_in *in, struct problem *pb,
    int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct org parent = { 0 }, o;
	enum err e = check_parent(db, w, in->parent_id, in->kind, &a, &parent, pb);

	if (!e)
		e = check_school(db, w, in->school_id, in->parent_id ? parent.school_id : 0, pb);
	if (!e)
		e = insert_org(db, in, in->parent_id ? &parent : NULL, id);
	if (!e)
		e = org_get(db, w, *id, &a, &o);
	if (!e)
		e = audit_write(db, w, "create", "org", *id, NULL, org_json(&o, &a), 1);
	arena_release(&a);
	return e;
}

enum err
org_create(struct db *db, const struct who *w, const struct org_in *in, struct problem *pb,
    int64_t *id)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	return db_end(db, org_create_in(db, w, in, pb, id));
}

/* Loads an organization the caller may change: in scope (else 404) and,
 * for a secretary, strictly below their top organization (else 403). */
static enum err
get_writable(struct db *db, const struct who *w, int64_t id, struct arena *a, struct org *o)
{
	enum err e = org_get(db, w, id, a, o);

	if (e)
		return e;
	return scope_contains_below(w, o->path) ? ERR_OK : ERR_FORBIDDEN;
}

enum err
org_update(struct db *db, const struct who *w, int64_t id, const struct org_in *in,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct org old, cur;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = get_writable(db, w, id, &a, &old);
	if (!e)
		e = check_school(db, w, in->school_id, old.school_id, pb);
	if (!e)
		e = db_exec(db, "UPDATE org SET name = ?, basis = ?, school_id = ?, founded_on = ?,"
		    " term_started_on = ?, term_years = ?, updated_at = ? WHERE id = ?",
		    DB_TEXT(in->name ? in->name : old.name), DB_TEXT(in->basis ? in->basis : old.basis),
		    in->school_null ? DB_NULL : DB_I64(in->school_id ? in->school_id : old.school_id),
		    in->founded_null ? DB_NULL : DB_TEXT(in->founded_on ? in->founded_on : old.founded_on),
		    in->term_started_null ? DB_NULL :
		    DB_TEXT(in->term_started_on ? in->term_started_on : old.term_started_on),
		    in->term_years_null || !(in->term_years ? in->term_years : old.term_years) ? DB_NULL :
		    DB_I64(in->term_years ? in->term_years : old.term_years),
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e)
		e = org_get(db, w, id, &a, &cur);
	if (!e)
		e = audit_write(db, w, "update", "org", id, org_json(&old, &a), org_json(&cur, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

static const char *
new_up(const char *path, char up[256])
{
	scope_path_upper(path, up);
	return up;
}

/* Rewrites the paths and depths of a subtree and its members' org paths;
 * a subtree moved into another school's tree belongs to that school. */
static enum err
move_subtree(struct db *db, const char *old_path, const char *new_path, int64_t ddepth,
    int64_t school_id)
{
	char up[256];
	int64_t keep = (int64_t)strlen(old_path) + 1;
	enum err e;

	scope_path_upper(old_path, up);
	e = db_exec(db, "UPDATE org SET path = ? || substr(path, ?), depth = depth + ?"
	    " WHERE path >= ? AND path < ?", DB_TEXT(new_path), DB_I64(keep), DB_I64(ddepth),
	    DB_TEXT(old_path), DB_TEXT(up), DB_END);
	if (!e)
		e = db_exec(db, "UPDATE member SET org_path = ? || substr(org_path, ?)"
		    " WHERE org_path >= ? AND org_path < ?", DB_TEXT(new_path), DB_I64(keep),
		    DB_TEXT(old_path), DB_TEXT(up), DB_END);
	if (!e && school_id)
		e = db_exec(db, "UPDATE org SET school_id = ? WHERE path >= ? AND path < ?",
		    DB_I64(school_id), DB_TEXT(new_path), DB_TEXT(new_up(new_path, up)), DB_END);
	return e;
}

enum err
org_move(struct db *db, const struct who *w, int64_t id, int64_t parent_id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct org old, parent, cur;
	char path[256];
	enum err e = db_begin(db);

	if (e)
		return e;
	e = get_writable(db, w, id, &a, &old);
	if (!e)
		e = check_parent(db, w, parent_id, old.kind, &a, &parent, pb);
	if (!e && !strncmp(parent.path, old.path, strlen(old.path)))
		e = problem_field(pb, "parent_id", "不能移到自身或其下级组织之下");
	if (!e) {
		scope_child_path(parent.path, id, path, sizeof(path));
		e = db_exec(db, "UPDATE org SET parent_id = ?, updated_at = ? WHERE id = ?",
		    DB_I64(parent_id), DB_I64(time(NULL)), DB_I64(id), DB_END);
	}
	if (!e)
		e = move_subtree(db, old.path, path, parent.depth + 1 - old.depth, parent.school_id);
	if (!e)
		e = org_get(db, w, id, &a, &cur);
	if (!e)
		e = audit_write(db, w, "move", "org", id, org_json(&old, &a), org_json(&cur, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

static enum err
check_empty(struct db *db, int64_t id, struct problem *pb)
{
	int64_t v;

	if (!db_get_i64(db, &v, "SELECT id FROM org WHERE parent_id = ? LIMIT 1", DB_I64(id), DB_END))
		return problem_set(pb, ERR_CONFLICT, NULL, "该组织下还有下级组织，不能删除");
	if (!db_get_i64(db, &v, "SELECT id FROM member WHERE org_id = ? LIMIT 1", DB_I64(id), DB_END) ||
	    !db_get_i64(db, &v, "SELECT id FROM member_org_history WHERE from_org_id = ?"
	    " OR to_org_id = ? LIMIT 1", DB_I64(id), DB_I64(id), DB_END))
		return problem_set(pb, ERR_CONFLICT, NULL, "该组织有党员或党员的组织关系记录，不能删除");
	if (!db_get_i64(db, &v, "SELECT user_id FROM user_scope WHERE org_id = ? LIMIT 1", DB_I64(id),
	    DB_END))
		return problem_set(pb, ERR_CONFLICT, NULL, "有用户的管理范围包含该组织，请先调整用户");
	return ERR_OK;
}

enum err
org_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct org old;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = get_writable(db, w, id, &a, &old);
	if (!e)
		e = check_empty(db, id, pb);
	if (!e)
		e = db_exec(db, "DELETE FROM org WHERE id = ?", DB_I64(id), DB_END);
	if (!e)
		e = audit_write(db, w, "delete", "org", id, org_json(&old, &a), NULL, 1);
	arena_release(&a);
	return db_end(db, e);
}
