/* studio_store.c: the scoped SQL of studios; each write is one
 * transaction with its audit row. */
#include "core/common.h"
#include "cultivate/studio.h"
#include "auth/scope.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/dates.h"
#include "cultivate/cult.h"
#include "cultivate/cult_store.h"
#include "http/json_out.h"
#include "party/org.h"

static int
past_date(const char *s)
{
	int32_t d;

	return !date_parse(s, &d) && d <= date_today();
}

/* The checks of a studio's fields; self is the studio being edited (0:
 * a new one). Fills o with the organization. */
static enum err
check_studio(struct db *db, const struct who *w, const struct studio_in *in, int64_t self,
    struct arena *a, struct org *o, struct problem *pb)
{
	struct cult_member m;
	int64_t n = 0;
	enum err e;

	if (org_get(db, w, in->org_id, a, o))
		problem_field(pb, "org_id", "组织不存在或不在管理范围内");
	else if (!cult_may_write(w, o->path))
		problem_field(pb, "org_id", "无权登记该组织的工作室");
	if (in->host_member_id && cult_member_get(db, w, in->host_member_id, &m))
		problem_field(pb, "host_member_id", "党员不存在或不在管理范围内");
	if (!past_date(in->founded_on))
		problem_field(pb, "founded_on", "成立日期不能晚于今天");
	e = pb->nfields ? ERR_INVALID : db_get_i64(db, &n, "SELECT COUNT(*) FROM studio"
	    " WHERE name = ? AND id <> ?", DB_TEXT(in->name), DB_I64(self), DB_END);
	if (!e && n)
		e = problem_set(pb, ERR_CONFLICT, "duplicate", "同名工作室已存在");
	return e;
}

static enum err
insert(struct db *db, const struct who *w, const struct studio_in *in, struct problem *pb,
    int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct org o = { 0 };
	enum err e = check_studio(db, w, in, 0, &a, &o, pb);

	if (!e)
		e = db_exec(db, "INSERT INTO studio (name, kind, org_id, org_path, host_name,"
		    " host_member_id, level, focus, founded_on, created_at, updated_at)"
		    " VALUES (?,?,?,?,?,?,?,?,?,?,?)", DB_TEXT(in->name), DB_TEXT(in->kind), DB_I64(o.id),
		    DB_TEXT(o.path), DB_TEXT(in->host_name),
		    in->host_member_id ? DB_I64(in->host_member_id) : DB_NULL, DB_TEXT(in->level),
		    DB_TEXT(in->focus ? in->focus : ""), DB_TEXT(in->founded_on), DB_I64(time(NULL)),
		    DB_I64(time(NULL)), DB_END);
	if (!e) {
		*id = db_last_id(db);
		e = cult_audit(db, w, "create", "studio", *id, "name", in->name);
	}
	arena_release(&a);
	return e;
}

enum err
studio_create(struct db *db, const struct who *w, const struct studio_in *in, struct problem *pb,
    int64_t *id)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, insert(db, w, in, pb, id));
}

/* The studio in scope and writable by w, and whether it is closed. */
static enum err
scoped_for_write(struct db *db, const struct who *w, int64_t id, int64_t *closed)
{
	char path[256];
	enum err e = cult_row_scoped(db, w, "studio", id, path);

	if (!e && !cult_may_write(w, path))
		e = ERR_FORBIDDEN;
	if (!e)
		e = db_get_i64(db, closed, "SELECT COUNT(*) FROM studio WHERE id = ? AND"
		    " closed_on IS NOT NULL", DB_I64(id), DB_END);
	return e;
}

/* The studio in scope and writable by w; ERR_CONFLICT (studio_closed)
 * once it is closed, with pb's code set. */
static enum err
writable(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	int64_t closed = 0;
	enum err e = scoped_for_write(db, w, id, &closed);

	if (!e && closed)
		e = problem_set(pb, ERR_CONFLICT, "studio_closed", "工作室已撤销，不能再修改");
	return e;
}

/* The studio of row id in a child table (a static name). */
static enum err
child_studio(struct db *db, const char *table, int64_t id, int64_t *sid)
{
	char sql[96];

	snprintf(sql, sizeof(sql), "SELECT studio_id FROM %s WHERE id = ?", table);
	return db_get_i64(db, sid, sql, DB_I64(id), DB_END);
}

static enum err
member_add(struct db *db, const struct who *w, int64_t sid, const struct studio_member_in *in,
    struct problem *pb)
{
	struct cult_member m;
	enum err e;

	if ((e = writable(db, w, sid, pb)))
		return e;
	if (in->member_id && cult_member_get(db, w, in->member_id, &m))
		problem_field(pb, "member_id", "党员不存在或不在管理范围内");
	if (!past_date(in->joined_on))
		problem_field(pb, "joined_on", "加入日期不能晚于今天");
	if (pb->nfields)
		return ERR_INVALID;
	e = db_exec(db, "INSERT INTO studio_member (studio_id, name, member_id, unit, joined_on)"
	    " VALUES (?,?,?,?,?)", DB_I64(sid), DB_TEXT(in->member_id ? m.name : in->name),
	    in->member_id ? DB_I64(in->member_id) : DB_NULL, DB_TEXT(in->unit ? in->unit : ""),
	    DB_TEXT(in->joined_on), DB_END);
	return e ? e : cult_audit(db, w, "member_add", "studio", sid, "name", in->name);
}

enum err
studio_member_add(struct db *db, const struct who *w, int64_t studio_id,
    const struct studio_member_in *in, struct problem *pb)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, member_add(db, w, studio_id, in, pb));
}

static enum err
leave(struct db *db, const struct who *w, int64_t id, const char *left_on, struct problem *pb)
{
	char joined[11] = "", left[11] = "";
	int64_t sid = 0;
	struct db_rows r;
	enum err e;

	if ((e = db_query(db, &r, "SELECT studio_id, joined_on, COALESCE(left_on, '') FROM"
	    " studio_member WHERE id = ?", DB_I64(id), DB_END)))
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		sid = db_i64(&r, 0);
		snprintf(joined, sizeof(joined), "%s", db_text(&r, 1));
		snprintf(left, sizeof(left), "%s", db_text(&r, 2));
	}
	db_rows_close(&r);
	if (e || (e = writable(db, w, sid, pb)))
		return e;
	if (*left)
		return problem_set(pb, ERR_CONFLICT, "invalid_transition", "该成员已退出工作室");
	if (!past_date(left_on) || strcmp(left_on, joined) < 0)
		return problem_field(pb, "left_on", "退出日期应在加入日期 %s 之后且不晚于今天", joined);
	e = db_exec(db, "UPDATE studio_member SET left_on = ? WHERE id = ?", DB_TEXT(left_on),
	    DB_I64(id), DB_END);
	return e ? e : cult_audit(db, w, "member_leave", "studio", sid, "left_on", left_on);
}

enum err
studio_member_leave(struct db *db, const struct who *w, int64_t id, const char *left_on,
    struct problem *pb)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, leave(db, w, id, left_on, pb));
}

static enum err
item_add(struct db *db, const struct who *w, int64_t sid, const struct studio_item_in *in,
    int output, struct problem *pb)
{
	enum err e;

	if ((e = writable(db, w, sid, pb)))
		return e;
	if (!past_date(in->date))
		return problem_field(pb, output ? "made_on" : "held_on", "日期不能晚于今天");
	if (output)
		e = db_exec(db, "INSERT INTO studio_output (studio_id, kind, title, made_on, level, note)"
		    " VALUES (?,?,?,?,?,?)", DB_I64(sid), DB_TEXT(in->kind), DB_TEXT(in->title),
		    DB_TEXT(in->date), DB_TEXT(in->level ? in->level : ""),
		    DB_TEXT(in->note ? in->note : ""), DB_END);
	else
		e = db_exec(db, "INSERT INTO studio_activity (studio_id, kind, title, held_on,"
		    " participants, note) VALUES (?,?,?,?,?,?)", DB_I64(sid), DB_TEXT(in->kind),
		    DB_TEXT(in->title), DB_TEXT(in->date), DB_I64(in->participants),
		    DB_TEXT(in->note ? in->note : ""), DB_END);
	return e ? e : cult_audit(db, w, output ? "output_add" : "activity_add", "studio", sid,
	    "kind", in->kind);
}

enum err
studio_activity_add(struct db *db, const struct who *w, int64_t studio_id,
    const struct studio_item_in *in, struct problem *pb)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, item_add(db, w, studio_id, in, 0, pb));
}

enum err
studio_output_add(struct db *db, const struct who *w, int64_t studio_id,
    const struct studio_item_in *in, struct problem *pb)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, item_add(db, w, studio_id, in, 1, pb));
}

static enum err
update(struct db *db, const struct who *w, int64_t id, const struct studio_in *in,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct org o = { 0 };
	enum err e = writable(db, w, id, pb);

	if (!e)
		e = check_studio(db, w, in, id, &a, &o, pb);
	if (!e)
		e = db_exec(db, "UPDATE studio SET name = ?, kind = ?, org_id = ?, org_path = ?,"
		    " host_name = ?, host_member_id = ?, level = ?, focus = ?, founded_on = ?,"
		    " updated_at = ? WHERE id = ?", DB_TEXT(in->name), DB_TEXT(in->kind), DB_I64(o.id),
		    DB_TEXT(o.path), DB_TEXT(in->host_name),
		    in->host_member_id ? DB_I64(in->host_member_id) : DB_NULL, DB_TEXT(in->level),
		    DB_TEXT(in->focus ? in->focus : ""), DB_TEXT(in->founded_on), DB_I64(time(NULL)),
		    DB_I64(id), DB_END);
	if (!e)
		e = cult_audit(db, w, "update", "studio", id, "name", in->name);
	arena_release(&a);
	return e;
}

enum err
studio_update(struct db *db, const struct who *w, int64_t id, const struct studio_in *in,
    struct problem *pb)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, update(db, w, id, in, pb));
}

static enum err
close_studio(struct db *db, const struct who *w, int64_t id, const char *on, struct problem *pb)
{
	int64_t early = 0;
	enum err e = writable(db, w, id, pb);

	if (!e)
		e = db_get_i64(db, &early, "SELECT COUNT(*) FROM studio WHERE id = ? AND founded_on > ?",
		    DB_I64(id), DB_TEXT(on), DB_END);
	if (!e && (early || !past_date(on)))
		e = problem_field(pb, "closed_on", "撤销日期应在成立日期之后且不晚于今天");
	if (!e)
		e = db_exec(db, "UPDATE studio SET closed_on = ?, updated_at = ? WHERE id = ?",
		    DB_TEXT(on), DB_I64(time(NULL)), DB_I64(id), DB_END);
	/* Current members leave with the studio (not before they joined). */
	if (!e)
		e = db_exec(db, "UPDATE studio_member SET left_on = CASE WHEN joined_on > ? THEN"
		    " joined_on ELSE ? END WHERE studio_id = ? AND left_on IS NULL", DB_TEXT(on),
		    DB_TEXT(on), DB_I64(id), DB_END);
	return e ? e : cult_audit(db, w, "close", "studio", id, "closed_on", on);
}

enum err
studio_close(struct db *db, const struct who *w, int64_t id, const char *closed_on,
    struct problem *pb)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, close_studio(db, w, id, closed_on, pb));
}

/* Members who left with the studio stay left: a reopened studio adds
 * them again if they come back (their history keeps both spells). */
static enum err
reopen_studio(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	int64_t closed = 0;
	enum err e = scoped_for_write(db, w, id, &closed);

	if (!e && !closed)
		e = problem_set(pb, ERR_CONFLICT, "invalid_transition", "工作室未撤销，无需恢复");
	if (!e)
		e = db_exec(db, "UPDATE studio SET closed_on = NULL, updated_at = ? WHERE id = ?",
		    DB_I64(time(NULL)), DB_I64(id), DB_END);
	return e ? e : cult_audit(db, w, "reopen", "studio", id, "closed_on", NULL);
}

enum err
studio_reopen(struct db *db, const struct who *w, int64_t id, struct problem *pb)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, reopen_studio(db, w, id, pb));
}

static enum err
member_edit(struct db *db, const struct who *w, int64_t id, const struct studio_member_in *in,
    struct problem *pb)
{
	struct cult_member m;
	int64_t sid = 0, late = 0;
	enum err e = child_studio(db, "studio_member", id, &sid);

	if (e || (e = writable(db, w, sid, pb)))
		return e;
	if (in->member_id && cult_member_get(db, w, in->member_id, &m))
		problem_field(pb, "member_id", "党员不存在或不在管理范围内");
	if ((e = db_get_i64(db, &late, "SELECT COUNT(*) FROM studio_member WHERE id = ? AND"
	    " left_on < ?", DB_I64(id), DB_TEXT(in->joined_on), DB_END)))
		return e;
	if (!past_date(in->joined_on) || late)
		problem_field(pb, "joined_on", "加入日期不能晚于今天或退出日期");
	if (pb->nfields)
		return ERR_INVALID;
	e = db_exec(db, "UPDATE studio_member SET name = ?, member_id = ?, unit = ?, joined_on = ?"
	    " WHERE id = ?", DB_TEXT(in->member_id ? m.name : in->name),
	    in->member_id ? DB_I64(in->member_id) : DB_NULL, DB_TEXT(in->unit ? in->unit : ""),
	    DB_TEXT(in->joined_on), DB_I64(id), DB_END);
	return e ? e : cult_audit(db, w, "member_update", "studio", sid, "name", in->name);
}

enum err
studio_member_update(struct db *db, const struct who *w, int64_t id,
    const struct studio_member_in *in, struct problem *pb, int64_t *studio_id)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	e = member_edit(db, w, id, in, pb);
	if (!e)
		e = child_studio(db, "studio_member", id, studio_id);
	return db_end(db, e);
}

/* Edits (in) or deletes (in NULL) an activity or an output. */
static enum err
item_edit(struct db *db, const struct who *w, int64_t id, int output,
    const struct studio_item_in *in, struct problem *pb, int64_t *sid)
{
	const char *table = output ? "studio_output" : "studio_activity";
	enum err e = child_studio(db, table, id, sid);

	if (e || (e = writable(db, w, *sid, pb)))
		return e;
	if (!in)
		e = db_exec(db, output ? "DELETE FROM studio_output WHERE id = ?" :
		    "DELETE FROM studio_activity WHERE id = ?", DB_I64(id), DB_END);
	else if (!past_date(in->date))
		return problem_field(pb, output ? "made_on" : "held_on", "日期不能晚于今天");
	else if (output)
		e = db_exec(db, "UPDATE studio_output SET kind = ?, title = ?, made_on = ?, level = ?,"
		    " note = ? WHERE id = ?", DB_TEXT(in->kind), DB_TEXT(in->title), DB_TEXT(in->date),
		    DB_TEXT(in->level ? in->level : ""), DB_TEXT(in->note ? in->note : ""), DB_I64(id),
		    DB_END);
	else
		e = db_exec(db, "UPDATE studio_activity SET kind = ?, title = ?, held_on = ?,"
		    " participants = ?, note = ? WHERE id = ?", DB_TEXT(in->kind), DB_TEXT(in->title),
		    DB_TEXT(in->date), DB_I64(in->participants), DB_TEXT(in->note ? in->note : ""),
		    DB_I64(id), DB_END);
	return e ? e : cult_audit(db, w, in ? (output ? "output_update" : "activity_update") :
	    (output ? "output_delete" : "activity_delete"), "studio", *sid, "item",
	    in ? in->title : NULL);
}

enum err
studio_item_edit(struct db *db, const struct who *w, int64_t id, int output,
    const struct studio_item_in *in, struct problem *pb, int64_t *studio_id)
{
	enum err e = db_begin(db);

	return e ? e : db_end(db, item_edit(db, w, id, output, in, pb, studio_id));
}

#define STUDIO_COLS "st.id, st.name, st.kind, st.org_id, o.name, st.host_name," \
	" st.host_member_id, st.level, st.focus, st.founded_on," \
	" (SELECT COUNT(*) FROM studio_member sm WHERE sm.studio_id = st.id" \
	" AND sm.left_on IS NULL)," \
	" (SELECT COUNT(*) FROM studio_activity a WHERE a.studio_id = st.id AND a.kind = 'seminar')," \
	" (SELECT COUNT(*) FROM studio_activity a WHERE a.studio_id = st.id)," \
	" (SELECT COUNT(*) FROM studio_output p WHERE p.studio_id = st.id), st.closed_on"
static const char *const studio_keys[] = { "id", "name", "kind", "org_id", "org_name",
	"host_name", "host_member_id", "level", "focus", "founded_on", "member_count",
	"seminar_count", "activity_count", "output_count", "closed_on" };
static const char studio_fmt[] = "ississnsssiiiis";

enum err
studio_get_json(struct db *db, const struct who *w, int64_t id, struct jw *j)
{
	static const char *const mkeys[] = { "id", "name", "member_id", "unit", "joined_on",
		"left_on" };
	static const char *const akeys[] = { "id", "kind", "title", "held_on", "participants",
		"note" };
	static const char *const okeys[] = { "id", "kind", "title", "made_on", "level", "note" };
	struct db_rows r;
	enum err e;

	if ((e = cult_row_scoped(db, w, "studio", id, NULL)))
		return e;
	e = db_query(db, &r, "SELECT " STUDIO_COLS " FROM studio st JOIN org o ON o.id = st.org_id"
	    " WHERE st.id = ?", DB_I64(id), DB_END);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		jw_obj(j);
		cult_row_fields(&r, j, studio_keys, studio_fmt);
	}
	db_rows_close(&r);
	if (!e)
		e = cult_children_json(db, id, "members", "SELECT id, name, member_id, unit, joined_on, left_on"
		    " FROM studio_member WHERE studio_id = ? ORDER BY left_on IS NOT NULL, joined_on, id",
		    mkeys, "isnsss", j);
	if (!e)
		e = cult_children_json(db, id, "activities", "SELECT id, kind, title, held_on, participants, note"
		    " FROM studio_activity WHERE studio_id = ? ORDER BY held_on DESC, id DESC", akeys,
		    "isssis", j);
	if (!e)
		e = cult_children_json(db, id, "outputs", "SELECT id, kind, title, made_on, level, note"
		    " FROM studio_output WHERE studio_id = ? ORDER BY made_on DESC, id DESC", okeys,
		    "isssss", j);
	if (!e)
		jw_obj_end(j);
	return e;
}

static enum err
totals_json(struct db *db, const struct who *w, struct jw *j)
{
	static const char *const keys[] = { "studios", "members", "seminars", "lessons",
		"joint_preparations", "courses_developed", "outputs", "papers", "awards" };
	struct buf sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	/* One scope filter: the studios in scope, then a count per kind. */
	buf_adds(&sql, "WITH s AS (SELECT st.id FROM studio st WHERE 1=1");
	scope_sql(&sql, &args, w, "st.org_path", up);
#define IN_S(t) " FROM " t " x WHERE x.studio_id IN (SELECT id FROM s)"
	buf_adds(&sql, ") SELECT (SELECT COUNT(*) FROM s JOIN studio z ON z.id = s.id"
	    " WHERE z.closed_on IS NULL),"
	    " (SELECT COUNT(*)" IN_S("studio_member") " AND x.left_on IS NULL)");
	for (int i = 0; i < 4; i++)
		buf_addf(&sql, ", (SELECT COUNT(*)" IN_S("studio_activity") " AND x.kind = '%s')",
		    studio_activity_kinds[i]);
	buf_adds(&sql, ", (SELECT COUNT(*)" IN_S("studio_output") "),"
	    " (SELECT COUNT(*)" IN_S("studio_output") " AND x.kind = 'paper'),"
	    " (SELECT COUNT(*)" IN_S("studio_output") " AND x.kind = 'award')");
#undef IN_S
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		jw_key(j, "totals");
		jw_obj(j);
		cult_row_fields(&r, j, keys, "iiiiiiiii");
		jw_obj_end(j);
	}
	db_rows_close(&r);
	return e;
}

enum err
studio_list_json(struct db *db, const struct who *w, struct jw *j)
{
	struct buf sql = BUF_INIT(8192);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " STUDIO_COLS " FROM studio st JOIN org o ON o.id = st.org_id"
	    " WHERE 1=1");
	scope_sql(&sql, &args, w, "st.org_path", up);
	buf_adds(&sql, " ORDER BY st.kind, st.name");
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	jw_key(j, "items");
	jw_arr(j);
	e = cult_rows_json(&r, j, studio_keys, studio_fmt);
	jw_arr_end(j);
	db_rows_close(&r);
	return e ? e : totals_json(db, w, j);
}
