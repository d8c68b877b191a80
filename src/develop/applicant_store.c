/* applicant_store.c: the SQL of the development pipeline: people scoped by
 * their branch's path, steps with their people, the effects of admission,
 * conversion and disqualification on the member rows, and audit rows, one
 * transaction per write. */
#include "core/common.h"
#include "develop/applicant.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/scope.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "core/xalloc.h"
#include "develop/holiday.h"
#include "party/birth.h"
#include "party/dues.h"
#include "party/member.h"
#include "party/org.h"

/* No birth date: the mask beside it would give the whole number (PI-06);
 * the sealed date (column 25) is opened only for DEV-01 in load(). */
#define AP_COLS "a.id, a.org_id, o.name, a.name, a.gender, a.id_card_mask," \
	" a.ethnicity, a.education, a.post, a.category, a.status, a.end_reason, a.applied_on," \
	" a.probation_end, a.next_due, a.step, COALESCE(a.next_step, 0), a.extended," \
	" COALESCE(a.member_id, 0), a.created_at, a.updated_at, a.org_path," \
	" (SELECT MIN(c.id) FROM cultivation c WHERE c.applicant_id = a.id)," \
	" (SELECT MIN(c.year) FROM cultivation c WHERE c.applicant_id = a.id)"
#define AP_FROM " FROM applicant a JOIN org o ON o.id = a.org_id"

static void
from_row(struct db_rows *r, struct arena *a, struct applicant *ap)
{
	const char **s[] = { &ap->org_name, &ap->name, &ap->gender, &ap->id_card, &ap->ethnicity, &ap->education, &ap->post, &ap->category, &ap->status,
		&ap->end_reason, &ap->applied_on, &ap->probation_end, &ap->next_due };

	memset(ap, 0, sizeof(*ap));
	ap->id = db_i64(r, 0);
	ap->org_id = db_i64(r, 1);
	for (size_t i = 0; i < ARRAY_SIZE(s); i++)
		*s[i] = arena_strdup(a, db_text(r, (int)i + 2));
	ap->step = (int)db_i64(r, 15);
	ap->next_step = (int)db_i64(r, 16);
	ap->extended = (int)db_i64(r, 17);
	ap->member_id = db_i64(r, 18);
	ap->created_at = db_i64(r, 19);
	ap->updated_at = db_i64(r, 20);
	ap->cultivation_id = db_is_null(r, 22) ? 0 : db_i64(r, 22);
	ap->cultivation_year = db_is_null(r, 23) ? 0 : db_i64(r, 23);
}

static int32_t
day_of(const char *s)
{
	int32_t d = 0;

	if (s)
		date_parse(s, &d);
	return d;
}

/* The rules' view: the row's state plus each step's latest date and step
 * 23's decision. */
static enum err
load_state(struct db *db, struct applicant *ap, struct arena *a)
{
	struct pipe_state *s = &ap->st;
	struct db_rows r;
	enum err e;

	memset(s, 0, sizeof(*s));
	s->status = ap->status;
	s->step = ap->step;
	s->birth = day_of(ap->birth_date);
	s->probation_end = day_of(ap->probation_end);
	s->extended = ap->extended;
	if ((e = db_query(db, &r, "SELECT step, done_on, outcome, COALESCE(extend_months, 0) FROM"
	    " applicant_step WHERE applicant_id = ? ORDER BY id", DB_I64(ap->id), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		int no = (int)db_i64(&r, 0);

		if (no < 1 || no > PIPE_STEPS)
			continue;
		s->on[no] = day_of(db_text(&r, 1));
		if (no == 23) {
			s->decision = arena_strdup(a, db_text(&r, 2));
			s->extend_months = (int)db_i64(&r, 3);
		}
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The person in scope, whatever the caller may do; *path gets the branch's. */
static enum err
load(struct db *db, const struct who *w, int64_t id, struct arena *a, struct applicant *ap,
    const char **path)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT " AP_COLS AP_FROM " WHERE a.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "a.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		from_row(&r, a, ap);
		ap->birth_date = birth_open(&r, 24, a);	/* for DEV-01 only, never shown */
		if (path)
			*path = arena_strdup(a, db_text(&r, 21));
	}
	db_rows_close(&r);
	return e ? e : load_state(db, ap, a);
}

enum err
applicant_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct applicant *ap)
{
	return load(db, w, id, a, ap, NULL);
}

/* Keeps the row in step with the rules' state: status, step, the dates
 * the board shows, and the next step with its due day. */
static enum err
save_progress(struct db *db, int64_t id, const struct pipe_state *s)
{
	int next = pipe_next(s);
	int32_t earliest = 0, due = 0;
	const char *rule;
	char pe[11], nd[11];

	if (next)
		pipe_due(s, next, &earliest, &due, &rule);
	if (s->probation_end)
		date_format(s->probation_end, pe);
	if (due)
		date_format(due, nd);
	return db_exec(db, "UPDATE applicant SET status = ?, step = ?, probation_end = ?,"
	    " extended = ?, next_step = ?, next_due = ?, updated_at = ? WHERE id = ?",
	    DB_TEXT(s->status), DB_I64(s->step), s->probation_end ? DB_TEXT(pe) : DB_NULL,
	    DB_I64(s->extended), next ? DB_I64(next) : DB_NULL, due ? DB_TEXT(nd) : DB_NULL,
	    DB_I64(time(NULL)), DB_I64(id), DB_END);
}

static char *
progress_json(const struct pipe_state *s, int64_t member_id, struct arena *a)
{
	return arena_printf(a, "{\"status\":\"%s\",\"step\":%d,\"extended\":%d,\"member_id\":%"
	    PRId64 "}", s->status, s->step, s->extended, member_id);
}

/* ---- the step row ---- */

static enum err
insert_step(struct db *db, const struct who *w, int64_t id, const struct applicant_step_in *in,
    const struct pipe_result *r, int64_t *step_id)
{
	char rules[64] = "", warning[4 * 260] = "";
	enum err e;

	for (int i = 0; i < r->nwarn; i++) {
		snprintf(rules + strlen(rules), sizeof(rules) - strlen(rules), "%s%s", i ? "," : "",
		    r->warn[i].rule);
		snprintf(warning + strlen(warning), sizeof(warning) - strlen(warning), "%s%s（%s）",
		    i ? "；" : "", r->warn[i].msg, r->warn[i].rule);
	}
#define OPT(v) ((v) >= 0 ? DB_I64(v) : DB_NULL)
	e = db_exec(db, "INSERT INTO applicant_step (applicant_id, step, done_on, note, outcome,"
	    " rule, warning, days, hours, expected, present, yes_votes, written, extend_months,"
	    " notice_from, notice_to, actor_id, at, meeting_id)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    DB_I64(id), DB_I64(in->step), DB_TEXT(in->date), DB_TEXT(in->note ? in->note : ""),
	    DB_TEXT(in->outcome ? in->outcome : ""), DB_TEXT(rules), DB_TEXT(warning),
	    OPT(in->days), OPT(in->hours), OPT(in->expected), OPT(in->present),
	    OPT(in->yes_votes), OPT(in->written), in->extend_months > 0 ?
	    DB_I64(in->extend_months) : DB_NULL, DB_TEXT(in->notice_from), DB_TEXT(in->notice_to),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)),
	    in->meeting_id > 0 ? DB_I64(in->meeting_id) : DB_NULL, DB_END);
#undef OPT
	if (!e)
		*step_id = db_last_id(db);
	return e;
}

static enum err
insert_people(struct db *db, int64_t id, int64_t step_id, const char *role, const int64_t *v,
    int n)
{
	enum err e = ERR_OK;

	for (int i = 0; !e && i < n; i++)
		e = db_exec(db, "INSERT INTO applicant_person (step_id, applicant_id, member_id, role)"
		    " VALUES (?,?,?,?)", DB_I64(step_id), DB_I64(id), DB_I64(v[i]), DB_TEXT(role),
		    DB_END);
	return e;
}

/* People must be active members the caller sees; *not_full counts those
 * who are not full members (DEV-05, DEV-09). */
static enum err
check_people(struct db *db, const struct who *w, const char *field, const int64_t *v, int n,
    int *not_full, struct problem *pb)
{
	for (int i = 0; i < n; i++) {
		struct db_rows r;
		int ok = 0;
		enum err e = db_query(db, &r, "SELECT status, state, org_path FROM member WHERE id = ?",
		    DB_I64(v[i]), DB_END);

		if (e)
			return e;
		if (db_next(&r) == ERR_OK) {
			ok = !strcmp(db_text(&r, 1), "active") && scope_contains(w, db_text(&r, 2));
			*not_full += ok && strcmp(db_text(&r, 0), "full");
		}
		db_rows_close(&r);
		for (int k = 0; k < i; k++)
			if (v[k] == v[i])
				return problem_field(pb, field, "同一党员不能重复填写");
		if (!ok)
			return problem_field(pb, field, "党员%" PRId64 "不存在或不是正常状态", v[i]);
	}
	return ERR_OK;
}

/* The calendar of the years a 公示 spans (DEV-13). */
static enum err
calendar_for(struct db *db, const struct pipe_in *pi, struct arena *a, struct holiday_cal *cal)
{
	int edited;
	enum err e = ERR_OK;

	if (!pi->notice_from || !pi->notice_to)
		return ERR_OK;
	for (int y = date_year(pi->notice_from); !e && y <= date_year(pi->notice_to) &&
	    y <= date_year(pi->notice_from) + 1; y++)
		e = holiday_load(db, y, cal, a, &edited);
	holiday_sort(cal);
	return e;
}

static void
to_pipe_in(const struct applicant_step_in *in, struct pipe_in *pi)
{
	memset(pi, 0, sizeof(*pi));
	pi->step = in->step;
	pi->date = day_of(in->date);
	pi->talkers = in->ntalkers;
	pi->contacts = in->ncontacts;
	pi->sponsors = in->nsponsors;
	pi->days = in->days;
	pi->hours = in->hours;
	pi->expected = in->expected;
	pi->present = in->present;
	pi->yes_votes = in->yes_votes;
	pi->written = in->written;
	pi->outcome = in->outcome;
	pi->extend_months = in->extend_months > 0 ? in->extend_months : 0;
	pi->notice_from = day_of(in->notice_from);
	pi->notice_to = day_of(in->notice_to);
	pi->leaving = in->leaving;
}

/* ---- effects on the member rows ---- */

static enum err
recount(struct db *db, int64_t org_id)
{
	/* member.h's one recount (by the member_org index, not state's). */
	return db_exec(db, MEMBER_RECOUNT_SQL, DB_I64(org_id), DB_I64(org_id), DB_END);
}

/* DEV-T3: dues owed from the month of the assembly. */
static enum err
dues_from_assembly(struct db *db, const struct who *w, int64_t member_id,
    const struct applicant *ap, int64_t base_fen, struct problem *pb)
{
	const char *cat = dues_category_for_member(ap->category), *rule;
	int64_t fen, rate;
	enum err e;

	if (base_fen < 0 && (!strcmp(cat, "in_service") || !strcmp(cat, "retired")))
		return problem_field(pb, "dues_base_fen", "请填写党费计算基数（分），党费自支部大会"
		    "通过之日起交纳（DEV-T3）");
	if ((e = dues_monthly(&cfg.dues, cat, base_fen < 0 ? 0 : base_fen, &fen, &rule, &rate, pb)))
		return problem_field(pb, "dues_base_fen", "党费计算基数无效");
	return db_exec(db, "INSERT INTO dues_setting (member_id, category, base_fen, from_month,"
	    " monthly_fen, rule, created_by, created_at) VALUES (?,?,?,?,?,?,?,?)",
	    DB_I64(member_id), DB_TEXT(cat), DB_I64(base_fen < 0 ? 0 : base_fen),
	    DB_I64(date_month_key(ap->st.on[15])), DB_I64(fen), DB_TEXT(rule),
	    w->user_id ? DB_I64(w->user_id) : DB_NULL, DB_I64(time(NULL)), DB_END);
}

/* Step 17 approved: a probationary member from the assembly date. */
static enum err
admit(struct db *db, const struct who *w, struct applicant *ap, int64_t base_fen,
    struct arena *a, struct problem *pb)
{
	char joined[11];
	int64_t now = time(NULL), mid;
	enum err e;

	date_format(ap->st.on[15], joined);
	e = db_exec(db, "INSERT INTO member (org_id, org_path, name, gender, ethnicity, birth_enc,"
	    " id_card_enc, id_card_idx, id_card_mask, education, title, post, category, status,"
	    " state, joined_on, backbone, dual_leader, created_at, updated_at)"
	    " SELECT org_id, org_path, name, gender, ethnicity, birth_enc, id_card_enc,"
	    " id_card_idx, id_card_mask, education, '', post, category, 'probationary', 'active',"
	    " ?, 0, 0, ?, ? FROM applicant WHERE id = ?", DB_TEXT(joined), DB_I64(now),
	    DB_I64(now), DB_I64(ap->id), DB_END);
	if (e == ERR_CONFLICT)
		return problem_field(pb, "id_card", ID_CARD_NOT_HERE);
	if (e)
		return e;
	mid = db_last_id(db);
	ap->member_id = mid;
	e = db_exec(db, "UPDATE applicant SET member_id = ?, admitted_on = ? WHERE id = ?",
	    DB_I64(mid), DB_TEXT(joined), DB_I64(ap->id), DB_END);
	if (!e)
		e = dues_from_assembly(db, w, mid, ap, base_fen, pb);
	if (!e)
		e = recount(db, ap->org_id);
	if (!e)
		e = audit_write(db, w, "create", "member", mid, NULL, arena_printf(a,
		    "{\"applicant_id\":%" PRId64 ",\"status\":\"probationary\",\"joined_on\":\"%s\"}",
		    ap->id, joined), 1);
	return e;
}

static enum err
convert(struct db *db, const struct who *w, const struct applicant *ap, struct arena *a)
{
	char full[11];
	enum err e;

	date_format(ap->st.probation_end, full);	/* DEV-T1: 党龄 from the conversion */
	e = db_exec(db, "UPDATE member SET status = 'full', full_on = ?, updated_at = ? WHERE id = ?",
	    DB_TEXT(full), DB_I64(time(NULL)), DB_I64(ap->member_id), DB_END);
	if (!e)
		e = db_exec(db, "UPDATE applicant SET converted_on = ? WHERE id = ?", DB_TEXT(full),
		    DB_I64(ap->id), DB_END);
	if (!e)
		e = audit_write(db, w, "convert", "member", ap->member_id,
		    "{\"status\":\"probationary\"}", arena_printf(a, "{\"status\":\"full\","
		    "\"full_on\":\"%s\"}", full), 1);
	return e;
}

static enum err
disqualify(struct db *db, const struct who *w, const struct applicant *ap, const char *on)
{
	enum err e = db_exec(db, "UPDATE member SET state = 'removed', state_on = ?,"
	    " state_reason = '取消预备党员资格', updated_at = ? WHERE id = ?", DB_TEXT(on),
	    DB_I64(time(NULL)), DB_I64(ap->member_id), DB_END);

	if (!e)
		e = db_exec(db, "UPDATE applicant SET end_reason = '取消预备党员资格' WHERE id = ?",
		    DB_I64(ap->id), DB_END);
	if (!e)
		e = recount(db, ap->org_id);
	if (!e)
		e = audit_write(db, w, "disqualify", "member", ap->member_id, "{\"state\":\"active\"}",
		    "{\"state\":\"removed\"}", 1);
	return e;
}

static enum err
effect(struct db *db, const struct who *w, struct applicant *ap, enum pipe_effect fx,
    const struct applicant_step_in *in, struct arena *a, struct problem *pb)
{
	switch (fx) {
	case PE_ADMIT:
		return admit(db, w, ap, in->dues_base_fen, a, pb);
	case PE_CONVERT:
		return convert(db, w, ap, a);
	case PE_DISQUALIFY:
		return disqualify(db, w, ap, in->date);
	case PE_END:
		return db_exec(db, "UPDATE applicant SET end_reason = '政治审查不合格' WHERE id = ?",
		    DB_I64(ap->id), DB_END);
	case PE_EXTEND:
	case PE_NONE:
		break;
	}
	return ERR_OK;
}

/* ---- recording a step ---- */

/* The meeting in w's scope: its kind, organization and day. */
static enum err
meeting_row(struct db *db, const struct who *w, int64_t id, char kind[32], int64_t *org_id,
    int64_t *day)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e;

	buf_adds(&sql, "SELECT m.kind, m.org_id, m.day FROM meeting m WHERE m.id = ?");
	db_args_add(&args, DB_I64(id));
	scope_sql(&sql, &args, w, "m.org_path", up);
	e = db_queryv(db, &r, buf_str(&sql), &args);
	buf_release(&sql);
	if (e)
		return e;
	if ((e = db_next(&r)) == ERR_OK) {
		snprintf(kind, 32, "%s", db_text(&r, 0));
		*org_id = db_i64(&r, 1);
		*day = db_i64(&r, 2);
	}
	db_rows_close(&r);
	return e;
}

/* DEV-15/DEV-23 with a meeting record: those entitled to vote are the
 * branch's active full members (预备党员 have no vote, DEV-T1), present are
 * those of them the attendance marks present or late. */
static enum err
meeting_counts(struct db *db, const char *path, int64_t meeting_id, int64_t *expected,
    int64_t *present)
{
	char up[256];
	enum err e;

	scope_path_upper(path, up);
	e = db_get_i64(db, expected, "SELECT COUNT(*) FROM member WHERE state = 'active' AND"
	    " status = 'full' AND org_path >= ? AND org_path < ?", DB_TEXT(path), DB_TEXT(up),
	    DB_END);
	if (!e)
		e = db_get_i64(db, present, "SELECT COUNT(*) FROM attendance t JOIN member m ON"
		    " m.id = t.member_id WHERE t.meeting_id = ? AND t.status IN ('present', 'late')"
		    " AND m.status = 'full' AND m.state = 'active' AND m.org_path >= ?"
		    " AND m.org_path < ?", DB_I64(meeting_id), DB_TEXT(path), DB_TEXT(up), DB_END);
	return e;
}

/* The deciding meeting of a vote step: a branch assembly of the person's
 * branch held on the step's date, in scope; its attendance gives expected
 * and present (flat values sent too must agree). 422 naming meeting_id. */
static enum err
check_meeting(struct db *db, const struct who *w, const struct applicant *ap, const char *path,
    struct applicant_step_in *in, struct problem *pb)
{
	const struct pipe_step_def *d = pipe_step(in->step);
	int64_t org_id = 0, day = 0, expected, present;
	char kind[32] = "";
	int32_t on = 0;
	enum err e;

	if (!in->meeting_id)
		return ERR_OK;
	if (!d || !(d->flags & PF_VOTE))
		return problem_field(pb, "meeting_id", "只有支部大会表决的步骤关联会议");
	e = meeting_row(db, w, in->meeting_id, kind, &org_id, &day);
	if (e == ERR_NOT_FOUND)
		return problem_field(pb, "meeting_id", "会议不存在或不在管理范围内");
	if (e)
		return e;
	if (strcmp(kind, "branch_assembly"))
		return problem_field(pb, "meeting_id", "应关联支部党员大会");
	if (org_id != ap->org_id)
		return problem_field(pb, "meeting_id", "应为该发展对象所在支部的党员大会");
	if (!in->date || date_parse(in->date, &on) || on != day)
		return problem_field(pb, "meeting_id", "会议日期应与本步骤日期相同");
	if ((e = meeting_counts(db, path, in->meeting_id, &expected, &present)))
		return e;
	if (in->expected >= 0 && in->expected != expected)
		return problem_field(pb, "expected", "与会议记录不符：应到会有表决权的正式党员%" PRId64
		    "人", expected);
	if (in->present >= 0 && in->present != present)
		return problem_field(pb, "present", "与会议签到不符：到会有表决权的正式党员%" PRId64 "人",
		    present);
	in->expected = expected;
	in->present = present;
	return ERR_OK;
}

static enum err
check_record(struct db *db, const struct who *w, struct applicant *ap,
    struct applicant_step_in *in, const char *path, struct pipe_in *pi, struct pipe_result *r,
    struct arena *a, struct problem *pb)
{
	struct holiday_cal *cal;
	enum err e;

	if ((e = check_meeting(db, w, ap, path, in, pb)))
		return e;
	if (in->step != 17 && in->dues_base_fen >= 0)
		return problem_field(pb, "dues_base_fen", "只在上级党委审批（接收预备党员）时填写");
	to_pipe_in(in, pi);
	if ((e = check_people(db, w, "talkers", in->talkers, in->ntalkers, &pi->talkers, pb)) ||
	    (e = check_people(db, w, "contacts", in->contacts, in->ncontacts,
	    &pi->contacts_not_full, pb)) ||
	    (e = check_people(db, w, "sponsors", in->sponsors, in->nsponsors,
	    &pi->sponsors_not_full, pb)))
		return e;
	pi->talkers = in->ntalkers;
	cal = xcalloc(1, sizeof(*cal));
	e = calendar_for(db, pi, a, cal);
	if (!e)
		e = pipe_check(&ap->st, pi, cal, date_today(), r, pb);
	free(cal);
	return e;
}

enum err
applicant_record(struct db *db, const struct who *w, int64_t id,
    const struct applicant_step_in *sin, struct problem *pb)
{
	struct applicant_step_in vin = *sin, *in = &vin;
	struct arena a = ARENA_INIT;
	struct applicant ap;
	struct pipe_in pi;
	struct pipe_result r;
	const char *path, *before = NULL;
	int64_t step_id = 0;
	enum err e = db_begin(db);

	if (e)
		return e;
	e = load(db, w, id, &a, &ap, &path);
	if (!e && !member_may_edit(w, path))
		e = ERR_FORBIDDEN;
	if (!e) {
		before = progress_json(&ap.st, ap.member_id, &a);
		e = check_record(db, w, &ap, in, path, &pi, &r, &a, pb);
	}
	if (!e)
		e = insert_step(db, w, id, in, &r, &step_id);
	if (!e)
		e = insert_people(db, id, step_id, "talker", in->talkers,
		    in->ntalkers);
	if (!e)
		e = insert_people(db, id, step_id, "contact", in->contacts, in->ncontacts);
	if (!e)
		e = insert_people(db, id, step_id, "sponsor", in->sponsors, in->nsponsors);
	if (!e)
		e = effect(db, w, &ap, pipe_apply(&ap.st, &pi), in, &a, pb);
	if (!e)
		e = save_progress(db, id, &ap.st);
	if (!e)
		e = audit_write(db, w, arena_printf(&a, "step_%d", in->step), "applicant", id, before,
		    progress_json(&ap.st, ap.member_id, &a), 1);
	arena_release(&a);
	return db_end(db, e);
}

/* ---- creation ---- */

static enum err
check_branch(struct db *db, const struct who *w, int64_t org_id, struct arena *a, struct org *o,
    struct problem *pb)
{
	if (org_get(db, w, org_id, a, o))
		return problem_field(pb, "org_id", "组织不存在");
	if (strcmp(o->kind, "branch"))
		return problem_field(pb, "org_id", "入党申请人应在党支部登记");
	return member_may_edit(w, o->path) ? ERR_OK : ERR_FORBIDDEN;
}

/* 409 when the number is in the pipeline already or a member's. */
static enum err
check_unique(struct db *db, const unsigned char idx[32], struct problem *pb)
{
	int64_t other;
	enum err e = db_get_i64(db, &other, "SELECT id FROM applicant WHERE id_card_idx = ? AND"
	    " status IN ('pipeline', 'probationary')", DB_BLOB(idx, 32), DB_END);

	if (e == ERR_OK) {
		problem_field(pb, "id_card", ID_CARD_NOT_HERE);
		return problem_set(pb, ERR_CONFLICT, "duplicate", ID_CARD_NOT_HERE);
	}
	if (e != ERR_NOT_FOUND)
		return e;
	e = db_get_i64(db, &other, "SELECT id FROM member WHERE id_card_idx = ?", DB_BLOB(idx, 32),
	    DB_END);
	if (e == ERR_OK) {
		problem_field(pb, "id_card", ID_CARD_NOT_HERE);
		return problem_set(pb, ERR_CONFLICT, "duplicate", ID_CARD_NOT_HERE);
	}
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
insert_applicant(struct db *db, const struct applicant_in *in, const struct org *o,
    const struct id_card *ic, const unsigned char idx[32], int64_t *id)
{
	unsigned char *enc, *bd;
	size_t n, bdn;
	char mask[19], birth[11];
	int64_t now = time(NULL);
	enum err e;

	crypto_seal(ic->number, &enc, &n);
	id_card_mask(ic->number, mask);
	date_format(ic->birth, birth);
	birth_seal(birth, &bd, &bdn);
	e = db_exec(db, "INSERT INTO applicant (org_id, org_path, name, gender, birth_enc,"
	    " id_card_enc, id_card_idx, id_card_mask, ethnicity, education, post, category, status,"
	    " step, applied_on, created_at, updated_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'pipeline',0,?,?,?)", DB_I64(o->id), DB_TEXT(o->path),
	    DB_TEXT(in->name), DB_TEXT(ic->male ? "male" : "female"), DB_BLOB(bd, bdn),
	    DB_BLOB(enc, n), DB_BLOB(idx, 32), DB_TEXT(mask),
	    DB_TEXT(in->ethnicity ? in->ethnicity : ""), DB_TEXT(in->education ? in->education : ""),
	    DB_TEXT(in->post ? in->post : ""), DB_TEXT(in->category ? in->category : "in_service"),
	    DB_TEXT(in->applied_on), DB_I64(now), DB_I64(now), DB_END);
	free(enc);
	free(bd);
	if (!e)
		*id = db_last_id(db);
	return e;
}

static enum err
check_create(const struct applicant_in *in, struct id_card *ic, struct problem *pb)
{
	enum id_card_status st = id_card_parse(in->id_card, date_today(), ic);
	int32_t d;

	if (st)
		problem_field(pb, "id_card", "%s", id_card_message(st));
	if (date_parse(in->applied_on, &d) || d > date_today())
		problem_field(pb, "applied_on", "申请日期不能晚于今天");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

enum err
applicant_create_tx(struct db *db, const struct who *w, const struct applicant_in *in,
    struct problem *pb, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct applicant_step_in s1 = { .step = 1, .date = in->applied_on, .note = in->note,
		.days = -1, .hours = -1, .expected = -1, .present = -1, .yes_votes = -1,
		.written = -1, .dues_base_fen = -1 };
	struct pipe_state st = { .status = "pipeline" };
	struct id_card ic;
	unsigned char idx[32];
	struct pipe_in pi;
	struct pipe_result r;
	int64_t step_id;
	struct org o;
	enum err e = check_create(in, &ic, pb);

	if (e)
		return e;
	crypto_blind_index(ic.number, idx);
	st.birth = ic.birth;
	to_pipe_in(&s1, &pi);
	e = check_branch(db, w, in->org_id, &a, &o, pb);
	if (!e)
		e = check_unique(db, idx, pb);
	if (!e)
		e = pipe_check(&st, &pi, NULL, date_today(), &r, pb);
	if (!e)
		e = insert_applicant(db, in, &o, &ic, idx, id);
	if (!e)
		e = insert_step(db, w, *id, &s1, &r, &step_id);
	pipe_apply(&st, &pi);
	if (!e)
		e = save_progress(db, *id, &st);
	if (!e)
		e = audit_write(db, w, "create", "applicant", *id, NULL, arena_printf(&a,
		    "{\"org_id\":%" PRId64 ",\"applied_on\":\"%s\"}", o.id,
		    in->applied_on), 1);
	arena_release(&a);
	return e;
}

enum err
applicant_create(struct db *db, const struct who *w, const struct applicant_in *in,
    struct problem *pb, int64_t *id)
{
	char after[96];
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_end(db, applicant_create_tx(db, w, in, pb, id));
	/* A number refused as registered (anywhere) is audited, ok=0, in a
	 * transaction of its own (issue 10; core/id_card.h). */
	if (e == ERR_CONFLICT && problem_has(pb, "id_card")) {
		snprintf(after, sizeof(after), "{\"org_id\":%" PRId64 ",\"refused\":\"id_card\"}",
		    in->org_id);
		audit_write_alone(db, w, "create", "applicant", 0, after, 0);
	}
	return e;
}

enum err
applicant_find_card(struct db *db, const struct who *w, const char *id_card, int64_t *id)
{
	struct buf sql = BUF_INIT(4096);
	struct db_args args = { 0 };
	char up[SCOPE_MAX][256];
	unsigned char idx[32];
	struct id_card ic;
	enum err e;

	if (id_card_parse(id_card, date_today(), &ic))
		return ERR_NOT_FOUND;
	crypto_blind_index(ic.number, idx);
	buf_adds(&sql, "SELECT a.id FROM applicant a WHERE a.id_card_idx = ?"
	    " AND a.status IN ('pipeline', 'probationary', 'full')");
	db_args_add(&args, DB_BLOB(idx, 32));
	scope_sql(&sql, &args, w, "a.org_path", up);
	buf_adds(&sql, " ORDER BY a.id DESC");
	e = db_get_i64v(db, id, buf_str(&sql), &args);
	buf_release(&sql);
	return e;
}

/* ---- reads ---- */

enum err
applicant_steps(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct applicant_step *s), void (*person)(void *ctx,
    const struct applicant_person *p), void *ctx)
{
	struct db_rows r;
	enum err e = db_query(db, &r, "SELECT id, step, done_on, note, outcome, rule, warning,"
	    " notice_from, notice_to, COALESCE(days, -1), COALESCE(hours, -1),"
	    " COALESCE(expected, -1), COALESCE(present, -1), COALESCE(yes_votes, -1),"
	    " COALESCE(written, -1), COALESCE(extend_months, -1), COALESCE(actor_id, 0), at,"
	    " COALESCE(meeting_id, 0) FROM applicant_step WHERE applicant_id = ? ORDER BY id", DB_I64(id), DB_END);

	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct applicant_step s = { db_i64(&r, 0), (int)db_i64(&r, 1),
			arena_strdup(a, db_text(&r, 2)), arena_strdup(a, db_text(&r, 3)),
			arena_strdup(a, db_text(&r, 4)), arena_strdup(a, db_text(&r, 5)),
			arena_strdup(a, db_text(&r, 6)), arena_strdup(a, db_text(&r, 7)),
			arena_strdup(a, db_text(&r, 8)), db_i64(&r, 9), db_i64(&r, 10),
			db_i64(&r, 11), db_i64(&r, 12), db_i64(&r, 13), db_i64(&r, 14),
			db_i64(&r, 15), db_i64(&r, 16), db_i64(&r, 17), db_i64(&r, 18) };

		fn(ctx, &s);
	}
	db_rows_close(&r);
	if (e != ERR_NOT_FOUND)
		return e;
	if ((e = db_query(db, &r, "SELECT p.step_id, p.member_id, p.role, m.name FROM"
	    " applicant_person p JOIN member m ON m.id = p.member_id WHERE p.applicant_id = ?"
	    " ORDER BY p.id", DB_I64(id), DB_END)))
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct applicant_person p = { db_i64(&r, 0), db_i64(&r, 1),
			arena_strdup(a, db_text(&r, 2)), arena_strdup(a, db_text(&r, 3)) };

		person(ctx, &p);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

static enum err
list_where(struct db *db, const struct who *w, const struct applicant_filter *f,
    struct buf *sql, struct db_args *a, struct arena *ar, char (*up)[256])
{
	char *oup;
	struct org o;
	enum err e;

	buf_adds(sql, " WHERE 1=1");
	scope_sql(sql, a, w, "a.org_path", up);
	if (f->org_id) {
		if ((e = org_get(db, w, f->org_id, ar, &o)))
			return e;
		buf_adds(sql, " AND a.org_path >= ? AND a.org_path < ?");
		oup = arena_alloc(ar, strlen(o.path) + 1);
		scope_path_upper(o.path, oup);
		db_args_add(a, DB_TEXT(o.path));
		db_args_add(a, DB_TEXT(oup));
	}
	if (f->status) {
		buf_adds(sql, " AND a.status = ?");
		db_args_add(a, DB_TEXT(f->status));
	}
	if (f->q) {
		buf_adds(sql, " AND a.name LIKE ? ESCAPE '!'");
		db_args_add(a, DB_TEXT(f->q));
	}
	if (f->overdue) {
		char today[11];

		date_format(date_today(), today);
		buf_adds(sql, " AND a.next_due < ?");
		db_args_add(a, DB_TEXT(arena_strdup(ar, today)));
	}
	return ERR_OK;
}

enum err
applicant_list(struct db *db, const struct who *w, const struct applicant_filter *f,
    void (*fn)(void *ctx, const struct applicant *ap), void *ctx, int64_t *total)
{
	struct buf where = BUF_INIT(8192), sql = BUF_INIT(16384);
	struct db_args a = { 0 };
	struct arena ar = ARENA_INIT;
	char up[SCOPE_MAX][256];
	struct db_rows r;
	enum err e = list_where(db, w, f, &where, &a, &ar, up);

	if (e)
		goto out;
	buf_addf(&sql, "SELECT COUNT(*) FROM applicant a%s", buf_str(&where));
	if ((e = db_get_i64v(db, total, buf_str(&sql), &a)))
		goto out;
	buf_reset(&sql);
	buf_addf(&sql, "SELECT " AP_COLS AP_FROM "%s ORDER BY CASE WHEN a.next_due IS NULL THEN 1"
	    " ELSE 0 END, a.next_due, a.id LIMIT ? OFFSET ?", buf_str(&where));
	db_args_add(&a, DB_I64(f->per_page));
	db_args_add(&a, DB_I64((f->page - 1) * f->per_page));
	if ((e = db_queryv(db, &r, buf_str(&sql), &a)))
		goto out;
	while ((e = db_next(&r)) == ERR_OK) {
		struct arena row = ARENA_INIT;
		struct applicant ap;

		from_row(&r, &row, &ap);
		fn(ctx, &ap);
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
