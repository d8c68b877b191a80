/* transfer_store.c: the SQL of transfers: creation, the transitions with
 * their effects on the member (XFER-01: the member moves only when the
 * receiving side receives), event and audit rows, and scoped reads. A
 * transfer is visible to whoever sees either of its sides. */
#include "core/common.h"
#include "party/transfer.h"
#include "auth/audit.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "desk/notify.h"
#include "http/json_out.h"
#include "party/member.h"
#include "party/org.h"

#define XFER_COLS "t.id, t.member_id, m.name, t.direction, COALESCE(t.from_org_id, 0), fo.name," \
	" COALESCE(t.to_org_id, 0), tg.name, t.outside_org, t.state, t.reason, t.letter_no," \
	" t.valid_until, t.sent_on, t.received_on, t.receipt_due, t.returned_reason," \
	" COALESCE(t.dues_paid_to, 0), t.created_at, t.updated_at, t.from_org_path, t.to_org_path," \
	" t.new_member"
#define XFER_FROM " FROM transfer t JOIN member m ON m.id = t.member_id" \
	" LEFT JOIN org fo ON fo.id = t.from_org_id LEFT JOIN org tg ON tg.id = t.to_org_id"
#define OPEN_STATES "('draft', 'approved', 'in_transit', 'received')"

static void
from_row(struct db_rows *r, struct arena *a, struct transfer *t)
{
	const char **s[] = { &t->member_name, &t->direction, NULL, &t->from_org_name, NULL,
		&t->to_org_name, &t->outside_org, &t->state, &t->reason, &t->letter_no,
		&t->valid_until, &t->sent_on, &t->received_on, &t->receipt_due, &t->returned_reason };

	memset(t, 0, sizeof(*t));
	t->id = db_i64(r, 0);
	t->member_id = db_i64(r, 1);
	for (size_t i = 0; i < ARRAY_SIZE(s); i++)
		if (s[i])
			*s[i] = arena_strdup(a, db_text(r, (int)i + 2));
	t->from_org_id = db_i64(r, 4);
	t->to_org_id = db_i64(r, 6);
	t->dues_paid_to = db_i64(r, 17);
	t->created_at = db_i64(r, 18);
	t->updated_at = db_i64(r, 19);
	t->new_member = db_i64(r, 22) != 0;
	t->overdue = transfer_overdue(t->state, t->valid_until, t->receipt_due, date_today());
}

/* Loads a transfer whatever the scope, with its sides' paths (NULL when
 * that side is outside the district). */
static enum err
load(struct db *db, int64_t id, struct arena *a, struct transfer *t, const char **from_path,
    const char **to_path)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT " XFER_COLS XFER_FROM " WHERE t.id = ?", DB_I64(id),
	    DB_END);

	if (e)
		return e;
	if (!(e = db_next(&r))) {
		from_row(&r, a, t);
		*from_path = arena_strdup(a, db_text(&r, 20));
		*to_path = arena_strdup(a, db_text(&r, 21));
	}
	db_rows_close(&r);
	return e;
}

static int
sees(const struct who *w, const char *from_path, const char *to_path)
{
	return w->all || (from_path && scope_contains(w, from_path)) ||
	    (to_path && scope_contains(w, to_path));
}

/* Admin and district act for either side; a secretary for a side in scope. */
static int
may_act_for(const struct who *w, const char *path)
{
	return path && member_may_edit(w, path);
}

enum err
transfer_get(struct db *db, const struct who *w, int64_t id, struct arena *a, struct transfer *t)
{
	const char *fp, *tp;
	enum err e = load(db, id, a, t, &fp, &tp);

	if (e)
		return e;
	return sees(w, fp, tp) ? ERR_OK : ERR_NOT_FOUND;
}

static char *
transfer_json(const struct transfer *t, struct arena *a)
{
	struct buf b = BUF_INIT(1 << 16);
	struct jw w;
	char *s;

	jw_init(&w, &b);
	jw_obj(&w);
	transfer_write_fields(&w, t);
	jw_obj_end(&w);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

static enum err
add_event(struct db *db, const struct who *w, int64_t id, const char *state, const char *note)
{
	return db_exec(db, "INSERT INTO transfer_event (transfer_id, state, note, actor_id, at)"
	    " VALUES (?,?,?,?,?)", DB_I64(id), DB_TEXT(state), DB_TEXT(note ? note : ""),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
}

/* ---- creation ---- */

struct side {
	int64_t org_id;
	const char *path, *kind;
	const char *state;	/* the member's */
};

/* The member (and their branch), whatever the scope: ERR_INVALID naming
 * member_id when unknown or not w's to transfer. */
static enum err
check_member(struct db *db, const struct who *w, int64_t member_id, struct arena *a,
    struct side *m, struct problem *pb)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT org_id, org_path, state FROM member WHERE id = ?",
	    DB_I64(member_id), DB_END);

	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		m->org_id = db_i64(&r, 0);
		m->path = arena_strdup(a, db_text(&r, 1));
		m->state = arena_strdup(a, db_text(&r, 2));
	}
	db_rows_close(&r);
	if (e == ERR_NOT_FOUND || (!e && !scope_contains(w, m->path)))
		return problem_field(pb, "member_id", "党员不存在");
	if (e)
		return e;
	if (strcmp(m->state, "active"))
		return problem_field(pb, "member_id", "只有正常状态的党员可以转接组织关系");
	return ERR_OK;
}

/* The receiving branch, anywhere in the district (a sender does not see it). */
static enum err
check_target(struct db *db, int64_t org_id, struct arena *a, struct side *o, struct problem *pb)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT path, kind FROM org WHERE id = ?", DB_I64(org_id),
	    DB_END);

	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		o->org_id = org_id;
		o->path = arena_strdup(a, db_text(&r, 0));
		o->kind = arena_strdup(a, db_text(&r, 1));
	}
	db_rows_close(&r);
	if (e == ERR_NOT_FOUND)
		return problem_field(pb, "to_org_id", "组织不存在");
	if (!e && strcmp(o->kind, "branch"))
		return problem_field(pb, "to_org_id", "党员只能转入党支部");
	return e;
}

/* The member: exactly one of member_id and (for "in" only) the arriving
 * record. */
static void
check_who(const struct transfer_in *in, struct problem *pb)
{
	if (strcmp(in->direction, "in")) {
		if (in->with_member)
			problem_field(pb, "member", "只有区外转入可以填写新党员档案");
		if (!in->member_id)
			problem_field(pb, "member_id", "必填");
	} else if (in->member_id && in->with_member) {
		problem_field(pb, "member", "已选择已有党员（member_id），不能同时填写新党员档案");
	} else if (!in->member_id && !in->with_member) {
		problem_field(pb, "member_id", "请选择已有党员，或填写新党员档案（member）");
	}
}

/* Which fields each direction needs; names every misfit. */
static void
check_shape(const struct transfer_in *in, struct problem *pb)
{
	int outside = in->outside_org && *in->outside_org;

	check_who(in, pb);

	if (!strcmp(in->direction, "internal")) {
		if (!in->to_org_id)
			problem_field(pb, "to_org_id", "区内转接须选择转入支部");
		if (outside)
			problem_field(pb, "outside_org", "区内转接不填外部组织");
	} else {
		if (!outside)
			problem_field(pb, "outside_org", "请填写%s组织名称",
			    !strcmp(in->direction, "out") ? "转入" : "转出");
		if (!strcmp(in->direction, "out") && in->to_org_id)
			problem_field(pb, "to_org_id", "转出区外不选择区内支部");
		if (!strcmp(in->direction, "in") && !in->to_org_id)
			problem_field(pb, "to_org_id", "请选择转入支部");
	}
}

/* The arriving record (create on arrival): the checks of a new member,
 * named member.*, for the receiving branch in the incoming state. */
static enum err
check_arriving(const struct transfer_in *in, struct arena *a, struct problem *pb)
{
	struct problem own = { 0 };
	char today[11];
	enum err e;

	date_format(date_today(), today);
	in->member->org_id = in->to_org_id;
	in->member->state = "incoming";
	in->member->state_on = arena_strdup(a, today);	/* recorded; active on receipt */
	in->member->state_reason = "";
	e = member_validate(in->member, date_today(), a, &own);
	problem_nest(pb, &own, "member");
	return e;
}

static enum err
check_create(struct db *db, const struct who *w, const struct transfer_in *in, struct arena *a,
    struct side *m, struct side *to, struct problem *pb, const char **valid_until)
{
	int64_t other;
	enum err e;

	check_shape(in, pb);
	if (pb->nfields)	/* with any the caller found (member.*) */
		return ERR_INVALID;
	if (in->with_member && !in->member)
		return problem_field(pb, "member", "新党员档案无效");
	if (in->member)
		e = check_arriving(in, a, pb);
	else
		e = check_member(db, w, in->member_id, a, m, pb);
	if (e)
		return e;
	if (in->to_org_id && (e = check_target(db, in->to_org_id, a, to, pb)))
		return e;
	if (!strcmp(in->direction, "in") ? !may_act_for(w, to->path) : !may_act_for(w, m->path))
		return ERR_FORBIDDEN;
	if (!strcmp(in->direction, "internal") && to->org_id == m->org_id)
		return problem_field(pb, "to_org_id", "转入支部与现所在支部相同");
	if (!strcmp(in->direction, "in") && (e = transfer_check_letter(in->letter_no, in->sent_on,
	    valid_until, in->dues_paid_to, in->cross_province, date_today(), a, pb)))
		return e;
	if (in->member)
		return ERR_OK;	/* a new record has no other transfer */
	e = db_get_i64(db, &other, "SELECT id FROM transfer WHERE member_id = ? AND state IN "
	    OPEN_STATES, DB_I64(in->member_id), DB_END);
	if (e == ERR_NOT_FOUND)
		return ERR_OK;
	if (!e)
		return problem_set(pb, ERR_CONFLICT, "transfer_open", "该党员已有未办结的组织关系转接");
	return e;
}

/* Stores the arriving record as "incoming" in the receiving branch. */
static enum err
arrive_record(struct db *db, const struct who *w, const struct member *rec, const char *to_path,
    struct problem *pb, int64_t *member_id)
{
	struct problem own = { 0 };
	enum err e = member_insert(db, w, rec, to_path, &own, member_id);

	problem_nest(pb, &own, "member");
	return e;
}

static int64_t
month_int(const char *s)
{
	return s ? strtoll(s, NULL, 10) * 100 + strtoll(s + 5, NULL, 10) : 0;
}

static enum err
insert(struct db *db, const struct who *w, const struct transfer_in *in, int64_t member_id,
    const struct side *m, const struct side *to, const char *valid_until, int64_t *id)
{
	int is_in = !strcmp(in->direction, "in");
	int64_t now = time(NULL);
	char today[11];
	enum err e;

	date_format(date_today(), today);
	e = db_exec(db, "INSERT INTO transfer (member_id, direction, from_org_id, from_org_path,"
	    " to_org_id, to_org_path, outside_org, state, reason, letter_no, valid_until,"
	    " dues_paid_to, sent_on, created_by, created_at, updated_at, new_member)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", DB_I64(member_id),
	    DB_TEXT(in->direction), is_in ? DB_NULL : DB_I64(m->org_id),
	    is_in ? DB_NULL : DB_TEXT(m->path), to->org_id ? DB_I64(to->org_id) : DB_NULL,
	    to->org_id ? DB_TEXT(to->path) : DB_NULL, DB_TEXT(in->outside_org ? in->outside_org : ""),
	    DB_TEXT(transfer_initial(in->direction)), DB_TEXT(in->reason ? in->reason : ""),
	    DB_TEXT(is_in ? in->letter_no : ""), is_in ? DB_TEXT(valid_until) : DB_NULL,
	    is_in && in->dues_paid_to ? DB_I64(month_int(in->dues_paid_to)) : DB_NULL,
	    is_in ? DB_TEXT(in->sent_on ? in->sent_on : today) : DB_NULL,
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(now), DB_I64(now),
	    DB_I64(in->member != NULL), DB_END);
	if (!e)
		*id = db_last_id(db);
	return e;
}

enum err
transfer_create(struct db *db, const struct who *w, const struct transfer_in *in,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct side m = { 0 }, to = { 0 };
	const char *valid_until = in->valid_until, *fp, *tp;
	int64_t member_id = in->member_id;
	struct transfer t;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = check_create(db, w, in, &a, &m, &to, pb, &valid_until);
	if (!e && in->member)
		e = arrive_record(db, w, in->member, to.path, pb, &member_id);
	if (!e)
		e = insert(db, w, in, member_id, &m, &to, valid_until, id);
	if (!e)
		e = add_event(db, w, *id, transfer_initial(in->direction), "创建");
	if (!e)
		e = load(db, *id, &a, &t, &fp, &tp);
	if (!e)
		e = audit_write(db, w, "create", "transfer", *id, NULL, transfer_json(&t, &a), 1);
	arena_release(&a);
	e = db_end(db, e);
	/* An arriving record whose ID number is registered (anywhere): the
	 * attempt is audited, ok=0, in a transaction of its own (issue 10). */
	if (e == ERR_CONFLICT && problem_has(pb, "member.id_card")) {
		char after[96];

		snprintf(after, sizeof(after), "{\"to_org_id\":%" PRId64 ",\"refused\":"
		    "\"member.id_card\"}", in->to_org_id);
		audit_write_alone(db, w, "create", "transfer", 0, after, 0);
	}
	return e;
}

/* ---- transitions ---- */

static enum err
recount(struct db *db, int64_t a, int64_t b)
{
	/* member.h's one recount (by the member_org index, not state's). */
	return db_exec(db, MEMBER_RECOUNT_SQL, DB_I64(a), DB_I64(b), DB_END);
}

/* The foundation's move (member_update): branch and path, a history row,
 * both counts. */
static enum err
move_member(struct db *db, const struct who *w, const struct transfer *t, const char *to_path,
    const char *on)
{
	int64_t from;
	enum err e = db_get_i64(db, &from, "SELECT org_id FROM member WHERE id = ?",
	    DB_I64(t->member_id), DB_END);

	if (e || from == t->to_org_id)
		return e;
	e = db_exec(db, "UPDATE member SET org_id = ?, org_path = ?, updated_at = ? WHERE id = ?",
	    DB_I64(t->to_org_id), DB_TEXT(to_path), DB_I64(time(NULL)), DB_I64(t->member_id),
	    DB_END);
	if (!e)
		e = db_exec(db, "INSERT INTO member_org_history (member_id, from_org_id, to_org_id,"
		    " moved_on, actor_id, at) VALUES (?,?,?,?,?,?)", DB_I64(t->member_id),
		    DB_I64(from), DB_I64(t->to_org_id), DB_TEXT(on),
		    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
	return e ? e : recount(db, from, t->to_org_id);
}

/* The member's state now (within the transaction). */
static enum err
member_state(struct db *db, int64_t id, struct arena *a, const char **state)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT state FROM member WHERE id = ?", DB_I64(id), DB_END);

	if (e)
		return e;
	if (!(e = db_next(&r)))
		*state = arena_strdup(a, db_text(&r, 0));
	db_rows_close(&r);
	return e;
}

/* in, a record that came with the letter (XFER-01): the member becomes
 * active in the receiving branch on the day received, arriving from outside
 * the district (a history row without a from_org_id). */
static enum err
member_arrives(struct db *db, const struct who *w, const struct transfer *t, const char *on)
{
	enum err e = db_exec(db, "UPDATE member SET state = 'active', state_on = NULL,"
	    " updated_at = ? WHERE id = ? AND state = 'incoming'", DB_I64(time(NULL)),
	    DB_I64(t->member_id), DB_END);

	if (!e)
		e = db_exec(db, "INSERT INTO member_org_history (member_id, from_org_id, to_org_id,"
		    " moved_on, actor_id, at) VALUES (?,NULL,?,?,?,?)", DB_I64(t->member_id),
		    DB_I64(t->to_org_id), DB_TEXT(on), w->user_id ? DB_I64(w->user_id) : DB_NULL,
		    DB_I64(time(NULL)), DB_END);
	return e ? e : recount(db, t->to_org_id, t->to_org_id);
}

/* in, returned: the record that came with the letter is not kept as a
 * member. The row stays (the transfer, its events and audit rows name it)
 * as removed, and its ID number's index is cleared so that the person can
 * be recorded again when a corrected letter arrives. */
static enum err
member_not_kept(struct db *db, const struct transfer *t, const char *on)
{
	return db_exec(db, "UPDATE member SET state = 'removed', state_on = ?, state_reason ="
	    " '转入退回', id_card_idx = NULL, updated_at = ? WHERE id = ? AND state = 'incoming'",
	    DB_TEXT(on), DB_I64(time(NULL)), DB_I64(t->member_id), DB_END);
}

/* out, once the receipt is back: the member leaves the district. */
static enum err
member_leaves(struct db *db, const struct transfer *t, const char *on)
{
	int64_t org;
	enum err e = db_get_i64(db, &org, "SELECT org_id FROM member WHERE id = ?",
	    DB_I64(t->member_id), DB_END);

	if (!e)
		e = db_exec(db, "UPDATE member SET state = 'transferred_out', state_on = ?,"
		    " state_reason = ?, updated_at = ? WHERE id = ? AND state = 'active'", DB_TEXT(on),
		    DB_TEXT(t->outside_org), DB_I64(time(NULL)), DB_I64(t->member_id), DB_END);
	return e ? e : recount(db, org, org);
}

static enum err
check_receive(const struct transfer *t, const struct transfer_act_in *in, int32_t today,
    int32_t *day, struct problem *pb)
{
	int32_t sent = 0;

	*day = today;
	if (in->received_on && date_parse(in->received_on, day))
		return problem_field(pb, "received_on", "日期格式应为 YYYY-MM-DD");
	if (*day > today)
		return problem_field(pb, "received_on", "接收日期不能晚于今天");
	if (t->sent_on && !date_parse(t->sent_on, &sent) && *day < sent)
		return problem_field(pb, "received_on", "接收日期不能早于开出日期");
	return ERR_OK;
}

static enum err
do_send(struct db *db, const struct transfer *t, const struct transfer_act_in *in,
    struct arena *a, struct problem *pb)
{
	const char *until = in->valid_until;
	char today[11];
	enum err e = transfer_check_letter(in->letter_no, in->sent_on, &until, in->dues_paid_to,
	    in->cross_province, date_today(), a, pb);

	if (e)
		return e;
	date_format(date_today(), today);
	return db_exec(db, "UPDATE transfer SET state = 'in_transit', letter_no = ?, sent_on = ?,"
	    " valid_until = ?, dues_paid_to = ?, updated_at = ? WHERE id = ?",
	    DB_TEXT(in->letter_no), DB_TEXT(in->sent_on ? in->sent_on : today), DB_TEXT(until),
	    in->dues_paid_to ? DB_I64(month_int(in->dues_paid_to)) : DB_NULL, DB_I64(time(NULL)),
	    DB_I64(t->id), DB_END);
}

static enum err
do_receive(struct db *db, const struct who *w, const struct transfer *t, const char *next,
    const char *to_path, const struct transfer_act_in *in, struct arena *a, struct problem *pb)
{
	const char *state = "";
	char on[11], due[11];
	int32_t day;
	enum err e = check_receive(t, in, date_today(), &day, pb);

	if (e)
		return e;
	date_format(day, on);
	date_format(transfer_receipt_due(day), due);
	e = db_exec(db, "UPDATE transfer SET state = ?, received_on = ?, receipt_due = ?,"
	    " updated_at = ? WHERE id = ?", DB_TEXT(next), DB_TEXT(on), DB_TEXT(due),
	    DB_I64(time(NULL)), DB_I64(t->id), DB_END);
	if (!e && strcmp(t->direction, "out"))
		e = member_state(db, t->member_id, a, &state);
	if (!e && !strcmp(state, "incoming"))
		e = member_arrives(db, w, t, on);
	else if (!e && strcmp(t->direction, "out"))
		e = move_member(db, w, t, to_path, on);
	if (!e && !strcmp(next, "done"))
		e = add_event(db, w, t->id, "received", "");
	return e;
}

static enum err
apply(struct db *db, const struct who *w, const struct transfer *t, enum transfer_action act,
    const char *next, const char *to_path, const struct transfer_act_in *in, struct arena *a,
    struct problem *pb)
{
	char today[11];

	date_format(date_today(), today);
	switch (act) {
	case XFER_SEND:
		return do_send(db, t, in, a, pb);
	case XFER_RECEIVE:
		return do_receive(db, w, t, next, to_path, in, a, pb);
	case XFER_RETURN:
		if (!in->reason || !*in->reason)
			return problem_field(pb, "reason", "请填写退回原因");
		if (t->new_member && member_not_kept(db, t, today))
			return ERR_STORE;
		return db_exec(db, "UPDATE transfer SET state = 'returned', returned_reason = ?,"
		    " updated_at = ? WHERE id = ?", DB_TEXT(in->reason), DB_I64(time(NULL)),
		    DB_I64(t->id), DB_END);
	case XFER_CONFIRM:
		if (member_leaves(db, t, t->received_on ? t->received_on : today))
			return ERR_STORE;
		/* fall through */
	case XFER_APPROVE:
		break;
	}
	return db_exec(db, "UPDATE transfer SET state = ?, updated_at = ? WHERE id = ?",
	    DB_TEXT(next), DB_I64(time(NULL)), DB_I64(t->id), DB_END);
}

/* Issue 12: the letter is on its way: the receiving organization's
 * secretary hears of it (who already sees the transfer in their list). */
static enum err
notify_arriving(struct db *db, const struct transfer *t)
{
	char title[400], link[48];

	snprintf(title, sizeof(title), "组织关系转入待接收：来自%.300s", t->from_org_name ?
	    t->from_org_name : "");
	snprintf(link, sizeof(link), "/transfers?open=%" PRId64, t->id);
	return notify_org(db, "transfer_arriving", t->to_org_id, ROLE_SECRETARY, title, link);
}

static const char *const action_names[] = { "approve", "send", "receive", "return", "confirm" };

/* 404 outside the scope, 409 from the wrong state, 403 for the wrong side. */
static enum err
check_act(const struct who *w, const struct transfer *t, enum transfer_action act,
    const char *fp, const char *tp, const char **next, struct problem *pb)
{
	enum transfer_side side = transfer_actor(t->direction, act);

	if (!sees(w, fp, tp))
		return ERR_NOT_FOUND;
	if (!(*next = transfer_next(t->direction, t->state, act))) {
		problem_field(pb, "state", "当前状态为“%s”，不能%s", transfer_state_label(t->state),
		    transfer_action_label(act));
		return problem_set(pb, ERR_CONFLICT, "wrong_state", "转接当前状态不允许此操作");
	}
	return may_act_for(w, side == XFER_SENDER ? fp : tp) ? ERR_OK : ERR_FORBIDDEN;
}

enum err
transfer_act(struct db *db, const struct who *w, int64_t id, enum transfer_action act,
    const struct transfer_act_in *in, struct problem *pb)
{
	struct arena a = ARENA_INIT;
	struct transfer t, after;
	const char *fp, *tp, *next = NULL, *note;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load(db, id, &a, &t, &fp, &tp);
	if (!e)
		e = check_act(w, &t, act, fp, tp, &next, pb);
	if (!e)
		e = apply(db, w, &t, act, next, tp, in, &a, pb);
	note = act == XFER_RETURN ? in->reason : in->note;
	if (!e)
		e = add_event(db, w, id, next, note);
	if (!e && act == XFER_SEND && t.to_org_id)
		e = notify_arriving(db, &t);
	if (!e)
		e = load(db, id, &a, &after, &fp, &tp);
	if (!e)
		e = audit_write(db, w, action_names[act], "transfer", id, transfer_json(&t, &a),
		    transfer_json(&after, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

/* ---- reads ---- */

enum err
transfer_events(struct db *db, int64_t id, void (*fn)(void *ctx, const char *state,
    const char *note, int64_t actor_id, int64_t at), void *ctx)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT state, note, COALESCE(actor_id, 0), at FROM"
	    " transfer_event WHERE transfer_id = ? ORDER BY id", DB_I64(id), DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK)
		fn(ctx, db_text(&r, 0), db_text(&r, 1), db_i64(&r, 2), db_i64(&r, 3));
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* Either side under one of w's scope roots (by id: one parameter each). */
static void
side_scope(struct buf *sql, struct db_args *a, const struct who *w)
{
	if (w->all)
		return;
	if (!w->nscope) {
		buf_adds(sql, " AND 1=0");
		return;
	}
	buf_adds(sql, " AND EXISTS (SELECT 1 FROM org so WHERE so.id IN (");
	for (int i = 0; i < w->nscope && i < SCOPE_MAX; i++) {
		buf_adds(sql, i ? ",?" : "?");
		db_args_add(a, DB_I64(w->scope_ids[i]));
	}
	buf_adds(sql, ") AND ((t.from_org_path >= so.path AND t.from_org_path <"
	    " substr(so.path, 1, length(so.path) - 1) || '0') OR (t.to_org_path >= so.path AND"
	    " t.to_org_path < substr(so.path, 1, length(so.path) - 1) || '0')))");
}

static enum err
list_where(struct db *db, const struct who *w, const struct transfer_filter *f, struct buf *sql,
    struct db_args *a, struct arena *ar, char up[256])
{
	char today[11];
	struct org o;
	enum err e;

	buf_adds(sql, " WHERE 1=1");
	side_scope(sql, a, w);
	if (f->org_id) {
		if ((e = org_get(db, w, f->org_id, ar, &o)))
			return e;
		scope_path_upper(o.path, up);
		buf_adds(sql, " AND ((t.from_org_path >= ? AND t.from_org_path < ?) OR"
		    " (t.to_org_path >= ? AND t.to_org_path < ?))");
		db_args_add(a, DB_TEXT(o.path));
		db_args_add(a, DB_TEXT(up));
		db_args_add(a, DB_TEXT(o.path));
		db_args_add(a, DB_TEXT(up));
	}
	if (f->member_id) {
		buf_adds(sql, " AND t.member_id = ?");
		db_args_add(a, DB_I64(f->member_id));
	}
	if (f->state) {
		buf_adds(sql, " AND t.state = ?");
		db_args_add(a, DB_TEXT(f->state));
	}
	if (f->direction) {
		buf_adds(sql, " AND t.direction = ?");
		db_args_add(a, DB_TEXT(f->direction));
	}
	if (f->overdue) {
		date_format(date_today(), today);
		buf_adds(sql, " AND ((t.state = 'in_transit' AND t.valid_until < ?) OR"
		    " (t.state = 'received' AND t.receipt_due < ?))");
		db_args_add(a, DB_TEXT(arena_strdup(ar, today)));
		db_args_add(a, DB_TEXT(arena_strdup(ar, today)));
	}
	return ERR_OK;
}

enum err
transfer_list(struct db *db, const struct who *w, const struct transfer_filter *f,
    void (*fn)(void *ctx, const struct transfer *t), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192), sql = BUF_INIT(16384);
	struct db_args a = { 0 };
	struct arena ar = ARENA_INIT;
	char up[256];
	struct db_rows r;
	enum err e = list_where(db, w, f, &where, &a, &ar, up);

	if (e)
		goto out;
	buf_addf(&sql, "SELECT COUNT(*) FROM transfer t%s", buf_str(&where));
	if ((e = db_queryv(db, &r, buf_str(&sql), &a)))
		goto out;
	e = db_next(&r);
	*total = e ? 0 : db_i64(&r, 0);
	db_rows_close(&r);
	buf_reset(&sql);
	buf_addf(&sql, "SELECT " XFER_COLS XFER_FROM "%s ORDER BY t.id DESC LIMIT ? OFFSET ?",
	    buf_str(&where));
	db_args_add(&a, DB_I64(f->per_page));
	db_args_add(&a, DB_I64((f->page - 1) * f->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &a)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct arena row = ARENA_INIT;
		struct transfer t;

		from_row(&r, &row, &t);
		fn(ctx, &t);
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
