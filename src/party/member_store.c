/* member_store.c: the scoped SQL of members, with sealing of personal
 * numbers and the per-organization member counts that make totals cheap. */
#include "core/common.h"
#include "party/member.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "party/birth.h"
#include "party/org.h"

/* What lists show: masks and no birth date (PI-06: the mask hides exactly
 * the birth date); MEMBER_COLS adds what one member's load needs. */
#define MEMBER_LIST_COLS "m.id, m.org_id, o.name, m.name, m.gender, m.ethnicity," \
	" m.id_card_mask, m.phone_mask, m.education, m.title, m.post, m.category, m.status," \
	" m.full_on, m.state, m.state_on, m.state_reason, m.joined_on, m.backbone, m.dual_leader," \
	" m.created_at, m.updated_at"
#define MEMBER_COLS MEMBER_LIST_COLS ", m.id_card_enc, m.phone_enc, o.path, m.birth_enc"
#define MEMBER_FROM " FROM member m JOIN org o ON o.id = m.org_id"

static void
member_from_row(struct db_rows *r, struct arena *a, struct member *m)
{
	const char **s[] = { &m->org_name, &m->name, &m->gender, &m->ethnicity, &m->id_card, &m->phone, &m->education, &m->title, &m->post, &m->category,
		&m->status, &m->full_on, &m->state, &m->state_on, &m->state_reason, &m->joined_on };

	memset(m, 0, sizeof(*m));
	m->id = db_i64(r, 0);
	m->org_id = db_i64(r, 1);
	for (size_t i = 0; i < ARRAY_SIZE(s); i++)
		*s[i] = arena_strdup(a, db_text(r, (int)i + 2));
	m->backbone = (int)db_i64(r, 18);
	m->dual_leader = (int)db_i64(r, 19);
	m->created_at = db_i64(r, 20);
	m->updated_at = db_i64(r, 21);
}

/* Replaces the masks in m by the whole numbers sealed in row r and adds
 * the birth date, sealed beside them. */
static void
unseal(struct db_rows *r, struct arena *a, struct member *m)
{
	size_t n;
	const void *b;
	char *plain;

	if ((b = db_blob(r, 22, &n)) && (plain = crypto_open(b, n))) {
		m->id_card = arena_strdup(a, plain);
		free(plain);
	}
	if ((b = db_blob(r, 23, &n)) && (plain = crypto_open(b, n))) {
		m->phone = arena_strdup(a, plain);
		free(plain);
	}
	m->birth_date = birth_open(r, 25, a);
	m->pii_whole = 1;
}

/* Loads a member in scope; whole numbers when whole. *path gets the org path. */
static enum err
load(struct db *db, const struct who *w, int64_t id, int whole, struct arena *a,
    struct member *m, const char **path)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " MEMBER_COLS MEMBER_FROM " WHERE m.id = ?");
	db_args_add(&args, DB_I64(id));
	if (w->role == ROLE_MEMBER) {
		buf_adds(&sql, " AND m.id = ?");
		db_args_add(&args, DB_I64(w->member_id));
	} else {
		scope_sql(&sql, &args, w, "m.org_path", up);
	}
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	e = db_next(&r);
	if (!e) {
		member_from_row(&r, a, m);
		if (path)
			*path = arena_strdup(a, db_text(&r, 24));
		if (whole)
			unseal(&r, a, m);
	}
	db_rows_close(&r);
	return e;
}

/* The masked twin of m, for audit rows: masks, no birth date (PI-06). */
static char *
masked_json(const struct member *m, struct arena *a)
{
	struct member c = *m;
	char idm[19], pm[12];

	c.pii_whole = 0;
	c.birth_date = NULL;

	if (m->pii_whole && m->id_card) {
		id_card_mask(m->id_card, idm);
		c.id_card = idm;
	}
	if (m->pii_whole && m->phone) {
		phone_mask(m->phone, pm);
		c.phone = pm;
	}
	return member_json(&c, a);
}

enum err
member_get(struct db *db, const struct who *w, int64_t id, struct arena *a, struct member *m)
{
	const char *path;
	enum err e = load(db, w, id, 0, a, m, &path);

	if (e)
		return e;
	if (!member_may_edit(w, path) && !(w->member_id && w->member_id == id))
		return ERR_OK;
	/* A whole-number read is audited (PI-04), in its own transaction. */
	e = db_begin(db);
	if (!e)
		e = audit_write(db, w, "read_pii", "member", id, NULL, NULL, 1);
	e = db_end(db, e);
	if (e)
		return e;
	return load(db, w, id, 1, a, m, NULL);
}

/* The target branch: in scope, and a branch (members belong to branches). */
static enum err
check_org(struct db *db, const struct who *w, int64_t org_id, struct arena *a, struct org *o,
    struct problem *pb)
{
	if (org_get(db, w, org_id, a, o))
		return problem_field(pb, "org_id", "组织不存在");
	if (strcmp(o->kind, "branch"))
		return problem_field(pb, "org_id", "党员只能编入党支部");
	return ERR_OK;
}

void
member_seal(const struct member *m, struct member_seal *s)
{
	memset(s, 0, sizeof(*s));
	birth_seal(m->birth_date, &s->bd, &s->bdn);
	if (m->id_card) {
		crypto_seal(m->id_card, &s->idc, &s->idn);
		crypto_blind_index(m->id_card, s->idx);
		id_card_mask(m->id_card, s->idm);
	}
	if (m->phone) {
		crypto_seal(m->phone, &s->ph, &s->phn);
		phone_mask(m->phone, s->pm);
	}
}

void
member_seal_release(struct member_seal *s)
{
	free(s->idc);
	free(s->ph);
	free(s->bd);
	memset(s, 0, sizeof(*s));
}

/* Binds the sealed numbers, their index and masks, and the sealed birth
 * date: 6 parameters. */
static void
seal_args(struct db_args *a, const struct member *m, const struct member_seal *s)
{
	db_args_add(a, m->id_card ? DB_BLOB(s->idc, s->idn) : DB_NULL);
	db_args_add(a, m->id_card ? DB_BLOB(s->idx, 32) : DB_NULL);
	db_args_add(a, m->id_card ? DB_TEXT(s->idm) : DB_NULL);
	db_args_add(a, m->phone ? DB_BLOB(s->ph, s->phn) : DB_NULL);
	db_args_add(a, m->phone ? DB_TEXT(s->pm) : DB_NULL);
	db_args_add(a, s->bd ? DB_BLOB(s->bd, s->bdn) : DB_NULL);
}

static void
field_args(struct db_args *a, const struct member *m, const char *org_path)
{
	db_args_add(a, DB_I64(m->org_id));
	db_args_add(a, DB_TEXT(org_path));
	db_args_add(a, DB_TEXT(m->name));
	db_args_add(a, DB_TEXT(m->gender));
	db_args_add(a, DB_TEXT(m->ethnicity ? m->ethnicity : ""));
	db_args_add(a, DB_TEXT(m->education ? m->education : ""));
	db_args_add(a, DB_TEXT(m->title ? m->title : ""));
	db_args_add(a, DB_TEXT(m->post ? m->post : ""));
	db_args_add(a, DB_TEXT(m->category));
	db_args_add(a, DB_TEXT(m->status));
	db_args_add(a, DB_TEXT(m->full_on));
	db_args_add(a, DB_TEXT(m->state));
	db_args_add(a, DB_TEXT(m->state_on));
	db_args_add(a, DB_TEXT(m->state_reason ? m->state_reason : ""));
	db_args_add(a, DB_TEXT(m->joined_on));
	db_args_add(a, DB_I64(m->backbone));
	db_args_add(a, DB_I64(m->dual_leader));
	db_args_add(a, DB_I64(time(NULL)));
}

#define MEMBER_SET "org_id = ?, org_path = ?, name = ?, gender = ?, ethnicity = ?," \
	" education = ?, title = ?, post = ?, category = ?, status = ?," \
	" full_on = ?, state = ?, state_on = ?, state_reason = ?, joined_on = ?, backbone = ?," \
	" dual_leader = ?, updated_at = ?, id_card_enc = ?, id_card_idx = ?, id_card_mask = ?," \
	" phone_enc = ?, phone_mask = ?, birth_enc = ?"

/* Inserts (id 0) or updates the whole row, its numbers sealed in sl. */
static enum err
save_sealed(struct db *db, const struct member *m, const struct member_seal *sl,
    const char *org_path, int64_t *id, struct problem *pb)
{
	struct db_args a = { 0 };
	enum err e;

	field_args(&a, m, org_path);
	seal_args(&a, m, sl);
	if (*id) {
		db_args_add(&a, DB_I64(*id));
		e = db_execv(db, "UPDATE member SET " MEMBER_SET " WHERE id = ?", &a);
	} else {
		db_args_add(&a, DB_I64(time(NULL)));
		e = db_execv(db, "INSERT INTO member (org_id, org_path, name, gender, ethnicity,"
		    " education, title, post, category, status, full_on, state, state_on,"
		    " state_reason, joined_on, backbone, dual_leader, updated_at, id_card_enc,"
		    " id_card_idx, id_card_mask, phone_enc, phone_mask, birth_enc, created_at)"
		    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &a);
		if (!e)
			*id = db_last_id(db);
	}
	if (e == ERR_CONFLICT)
		problem_field(pb, "id_card", ID_CARD_NOT_HERE);
	return e;
}

/* Inserts (id 0) or updates the whole row. */
static enum err
save(struct db *db, const struct member *m, const char *org_path, int64_t *id,
    struct problem *pb)
{
	struct member_seal sl;
	enum err e;

	member_seal(m, &sl);
	e = save_sealed(db, m, &sl, org_path, id, pb);
	member_seal_release(&sl);
	return e;
}

/* Recounts active members directly in the given organizations. */
static enum err
recount(struct db *db, int64_t a, int64_t b)
{
	return db_exec(db, MEMBER_RECOUNT_SQL, DB_I64(a), DB_I64(b), DB_END);
}

enum err
member_insert_batch(struct db *db, const struct who *w, const struct member *m,
    const char *org_path, struct problem *pb, int64_t *id)
{
	struct member_seal sl;
	enum err e;

	member_seal(m, &sl);
	e = member_insert_sealed(db, w, m, &sl, org_path, pb, id);
	member_seal_release(&sl);
	return e;
}

enum err
member_insert_sealed(struct db *db, const struct who *w, const struct member *m,
    const struct member_seal *sl, const char *org_path, struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct member cur;
	enum err e;

	*id = 0;
	e = save_sealed(db, m, sl, org_path, id, pb);
	if (!e)
		e = load(db, w, *id, 0, &a, &cur, NULL);	/* masked, as lists show it */
	if (!e)
		e = audit_write(db, w, "create", "member", *id, NULL, member_json(&cur, &a), 1);
	arena_release(&a);
	return e;
}

enum err
member_recount(struct db *db, int64_t org_id)
{
	return recount(db, org_id, org_id);
}

enum err
member_insert(struct db *db, const struct who *w, const struct member *m, const char *org_path,
    struct problem *pb, int64_t *id)
{
	enum err e = member_insert_batch(db, w, m, org_path, pb, id);

	return e ? e : recount(db, m->org_id, m->org_id);
}

/* A number refused as already registered (anywhere): the attempt is
 * audited with ok=0 in a transaction of its own, after the rolled-back
 * write (issue 10: probing for numbers of other schools leaves a trace). */
static enum err
audit_refused_card(struct db *db, const struct who *w, const char *action, int64_t id,
    int64_t org_id, enum err e, const struct problem *pb)
{
	char after[96];

	if (e != ERR_CONFLICT || !problem_has(pb, "id_card"))
		return e;
	snprintf(after, sizeof(after), "{\"org_id\":%" PRId64 ",\"refused\":\"id_card\"}", org_id);
	audit_write_alone(db, w, action, "member", id, after, 0);
	return e;
}

enum err
member_create(struct db *db, const struct who *w, struct member *m, struct problem *pb,
    int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct org o;
	enum err e = member_validate(m, date_today(), &a, pb);

	if (!e)
		e = member_check_incoming(NULL, m, pb);
	if (!e)
		e = db_begin(db);
	if (e)
		goto out;
	e = check_org(db, w, m->org_id, &a, &o, pb);
	if (!e)
		e = member_insert(db, w, m, o.path, pb, id);
	e = audit_refused_card(db, w, "create", 0, m->org_id, db_end(db, e), pb);
out:
	arena_release(&a);
	return e;
}

static enum err
note_move(struct db *db, const struct who *w, int64_t id, int64_t from, int64_t to,
    const char *note)
{
	char today[11];

	date_format(date_today(), today);
	return db_exec(db, "INSERT INTO member_org_history (member_id, from_org_id, to_org_id,"
	    " moved_on, actor_id, at, note) VALUES (?,?,?,?,?,?,?)", DB_I64(id), DB_I64(from),
	    DB_I64(to), DB_TEXT(today), w->user_id ? DB_I64(w->user_id) : DB_NULL,
	    DB_I64(time(NULL)), note ? DB_TEXT(note) : DB_NULL, DB_END);
}

enum err
member_load_whole(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct member *m, const char **org_path)
{
	return load(db, w, id, 1, a, m, org_path);
}

enum err
member_find_by_card(struct db *db, const char *id_card, int64_t *id, struct arena *a,
    const char **org_path)
{
	unsigned char idx[32];
	struct db_rows r;
	enum err e;

	crypto_blind_index(id_card, idx);
	e = db_query(db, &r, "SELECT id, org_path FROM member WHERE id_card_idx = ?",
	    DB_BLOB(idx, 32), DB_END);
	if (e)
		return e;
	e = db_next(&r);
	if (!e) {
		*id = db_i64(&r, 0);
		*org_path = arena_strdup(a, db_text(&r, 1));
	}
	db_rows_close(&r);
	return e;
}

enum err
member_update_in(struct db *db, const struct who *w, int64_t id,
    void (*patch)(void *ctx, struct member *m, struct arena *a), void *ctx, const char *note,
    struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct member old = { 0 }, m;
	const char *path;
	struct org o;
	enum err e = load(db, w, id, 1, &a, &old, &path);

	if (!e && !member_may_edit(w, path))
		e = ERR_FORBIDDEN;
	if (!e) {
		m = old;
		patch(ctx, &m, &a);
		e = member_validate(&m, date_today(), &a, pb);
		if (member_check_incoming(&old, &m, pb))
			e = ERR_INVALID;
	}
	if (!e)
		e = check_org(db, w, m.org_id, &a, &o, pb);
	if (!e)
		e = save(db, &m, o.path, &id, pb);
	if (!e && m.org_id != old.org_id)
		e = note_move(db, w, id, old.org_id, m.org_id, note);
	if (!e)
		e = recount(db, old.org_id, m.org_id);
	if (!e)
		e = load(db, w, id, 1, &a, &m, NULL);
	if (!e)
		e = audit_write(db, w, m.org_id != old.org_id ? "transfer" : "update", "member", id,
		    masked_json(&old, &a), masked_json(&m, &a), 1);
	arena_release(&a);
	return e;
}

enum err
member_update(struct db *db, const struct who *w, int64_t id,
    void (*patch)(void *ctx, struct member *m, struct arena *a), void *ctx, struct problem *pb)
{
	int64_t org_id = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = member_update_in(db, w, id, patch, ctx, NULL, pb);
	if (e == ERR_CONFLICT)	/* the branch the refusal is audited under */
		db_get_i64(db, &org_id, "SELECT org_id FROM member WHERE id = ?", DB_I64(id),
		    DB_END);
	return audit_refused_card(db, w, "update", id, org_id, db_end(db, e), pb);
}

enum err
member_history(struct db *db, int64_t id, void (*fn)(void *ctx, int64_t from, int64_t to,
    const char *on), void *ctx)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT COALESCE(from_org_id, 0), to_org_id, moved_on FROM"
	    " member_org_history WHERE member_id = ? ORDER BY id", DB_I64(id), DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		fn(ctx, db_i64(&r, 0), db_i64(&r, 1), db_text(&r, 2));
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* Where clause for a list: scope (or the org filter's subtree) and filters. */
static void
list_where(const struct who *w, const struct member_filter *f, const char *root,
    struct buf *sql, struct db_args *a, char (*up)[256], int *plain)
{
	const char *state = f->state ? f->state : "active";

	*plain = !f->q && !f->status && !f->category && !f->joined_from && !f->joined_to &&
	    !strcmp(state, "active") && w->role != ROLE_MEMBER;
	buf_adds(sql, " WHERE 1=1");
	if (strcmp(state, "all")) {
		buf_adds(sql, " AND m.state = ?");
		db_args_add(a, DB_TEXT(state));
	}
	if (w->role == ROLE_MEMBER) {
		buf_adds(sql, " AND m.id = ?");
		db_args_add(a, DB_I64(w->member_id));
	} else if (root) {
		scope_member_subtree_sql(sql, a, "m.org_path", root, up[0]);
	} else {
		scope_member_sql(sql, a, w, "m.org_path", up);
	}
	if (f->q) {
		buf_adds(sql, " AND m.name LIKE ? ESCAPE '!'");
		db_args_add(a, DB_TEXT(f->q));
	}
	if (f->status) {
		buf_adds(sql, " AND m.status = ?");
		db_args_add(a, DB_TEXT(f->status));
	}
	if (f->category) {
		buf_adds(sql, " AND m.category = ?");
		db_args_add(a, DB_TEXT(f->category));
	}
	if (f->joined_from) {
		buf_adds(sql, " AND m.joined_on >= ?");
		db_args_add(a, DB_TEXT(f->joined_from));
	}
	if (f->joined_to) {
		buf_adds(sql, " AND m.joined_on <= ?");
		db_args_add(a, DB_TEXT(f->joined_to));
	}
}

/* Active members of a subtree, from the kept per-organization counts rather
 * than counting the member rows on every page (issue 2, benchmark b). */
static enum err
count_fast(struct db *db, const struct who *w, const char *root, int64_t *total)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	enum err e;

	buf_adds(&sql, "SELECT COALESCE(SUM(o.member_count), 0) FROM org o WHERE 1=1");
	if (root) {
		scope_path_upper(root, up[0]);
		buf_adds(&sql, " AND o.path >= ? AND o.path < ?");
		db_args_add(&a, DB_TEXT(root));
		db_args_add(&a, DB_TEXT(up[0]));
	} else {
		scope_sql(&sql, &a, w, "o.path", up);
	}
	e = db_get_i64v(db, total, buf_str(&sql), &a);
	buf_release(&sql);
	return e;
}

static enum err
count_rows(struct db *db, const char *where, const struct db_args *a, int64_t *total)
{
	struct buf sql = BUF_INIT(8192);
	enum err e;

	buf_addf(&sql, "SELECT COUNT(*) FROM member m%s", where);
	e = db_get_i64v(db, total, buf_str(&sql), a);
	buf_release(&sql);
	return e;
}

enum err
member_list(struct db *db, const struct who *w, const struct member_filter *f,
    void (*fn)(void *ctx, const struct member *m), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192), sql = BUF_INIT(8192);
	struct db_args a = { 0 };
	char up[SCOPE_MAX][256];
	struct arena ar = ARENA_INIT;
	const char *root = NULL;	/* the org filter's path, or the scope */
	struct db_rows r;
	struct org o;
	int plain;
	enum err e;

	if (f->org_id && w->role != ROLE_MEMBER) {
		if ((e = org_get(db, w, f->org_id, &ar, &o)))
			goto out;
		root = o.path;
	}
	list_where(w, f, root, &where, &a, up, &plain);
	e = plain ? count_fast(db, w, root, total) : count_rows(db, buf_str(&where), &a, total);
	if (e)
		goto out;
	/* Choose the page's ids first, then join their organizations: skipped
	 * rows cost an index step, not a join. */
	buf_addf(&sql, "SELECT " MEMBER_LIST_COLS " FROM (SELECT m.id AS pid FROM member m%s"
	    " ORDER BY %s %s, m.id %s LIMIT ? OFFSET ?) p JOIN member m ON m.id = p.pid"
	    " JOIN org o ON o.id = m.org_id ORDER BY %s %s, m.id %s", buf_str(&where), f->sort_col,
	    f->desc ? "DESC" : "ASC", f->desc ? "DESC" : "ASC", f->sort_col, f->desc ? "DESC" : "ASC",
	    f->desc ? "DESC" : "ASC");
	db_args_add(&a, DB_I64(f->per_page));
	db_args_add(&a, DB_I64((f->page - 1) * f->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &a)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct arena row = ARENA_INIT;
		struct member m;

		member_from_row(&r, &row, &m);
		fn(ctx, &m);
		arena_release(&row);
	}
	db_rows_close(&r);
	e = e == ERR_NOT_FOUND ? ERR_OK : e;
out:
	arena_release(&ar);
	buf_release(&where);
	buf_release(&sql);
	return e;
}
