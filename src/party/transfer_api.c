/* transfer_api.c: the HTTP handlers of transfers (issue 3, XFER-01..04)
 * and of member accounts in bulk ("Members on their phones"). */
#include "core/common.h"
#include "party/transfer_api.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"
#include "party/member.h"
#include "party/member_accounts.h"
#include "party/member_api.h"
#include "party/transfer.h"
#include "report/xlsx.h"

#define WRITERS (ROLE_DISTRICT | ROLE_SECRETARY)

struct transfer_body {
	struct json_present p;
	int64_t member_id, to_org_id;
	const char *direction, *outside_org, *reason, *letter_no, *sent_on, *valid_until;
	const char *dues_paid_to;
	int cross_province;
	const char *member;	/* in: the arriving member's record (JSON text) */
};

#define OFF(f) offsetof(struct transfer_body, f)
static const struct json_field transfer_fields[] = {
	{ "member_id", JF_ID, 0, 0, 0, OFF(member_id), NULL },
	{ "direction", JF_ENUM, JF_REQUIRED, 0, 0, OFF(direction), transfer_directions },
	{ "to_org_id", JF_ID, 0, 0, 0, OFF(to_org_id), NULL },
	{ "outside_org", JF_STR, 0, 0, 100, OFF(outside_org), NULL },
	{ "reason", JF_STR, 0, 0, 200, OFF(reason), NULL },
	{ "letter_no", JF_STR, 0, 0, 40, OFF(letter_no), NULL },
	{ "sent_on", JF_DATE, 0, 0, 0, OFF(sent_on), NULL },
	{ "valid_until", JF_DATE, 0, 0, 0, OFF(valid_until), NULL },
	{ "dues_paid_to", JF_STR, 0, 0, 7, OFF(dues_paid_to), NULL },
	{ "cross_province", JF_BOOL, 0, 0, 0, OFF(cross_province), NULL },
	{ "member", JF_OBJECT, 0, 0, 0, OFF(member), NULL },
};
#undef OFF

struct act_body {
	struct json_present p;
	const char *note, *letter_no, *sent_on, *valid_until, *dues_paid_to, *received_on, *reason;
	int cross_province;
};

#define OFF(f) offsetof(struct act_body, f)
static const struct json_field act_fields[] = {
	{ "note", JF_STR, 0, 0, 200, OFF(note), NULL },
	{ "letter_no", JF_STR, 0, 0, 40, OFF(letter_no), NULL },
	{ "sent_on", JF_DATE, 0, 0, 0, OFF(sent_on), NULL },
	{ "valid_until", JF_DATE, 0, 0, 0, OFF(valid_until), NULL },
	{ "dues_paid_to", JF_STR, 0, 0, 7, OFF(dues_paid_to), NULL },
	{ "received_on", JF_DATE, 0, 0, 0, OFF(received_on), NULL },
	{ "reason", JF_STR, 0, 0, 200, OFF(reason), NULL },
	{ "cross_province", JF_BOOL, 0, 0, 0, OFF(cross_province), NULL },
};
#undef OFF

static void
emit_event(void *ctx, const char *state, const char *note, int64_t actor_id, int64_t at)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kstr(w, "state", state);
	jw_kstr(w, "state_label", transfer_state_label(state));
	jw_kstr(w, "note", note);
	jw_kid(w, "actor_id", actor_id);
	jw_ktime(w, "at", at);
	jw_obj_end(w);
}

static enum err
reply_transfer(struct req *rq, struct reply *rp, int status, int64_t id)
{
	struct transfer t;
	struct jw w;
	enum err e = transfer_get(rq->db, &rq->who, id, &rq->arena, &t);

	if (e)
		return e;
	reply_json_begin(rp, status, &w);
	jw_obj(&w);
	transfer_write_fields(&w, &t);
	jw_key(&w, "events");
	jw_arr(&w);
	if ((e = transfer_events(rq->db, id, emit_event, &w)))
		return e;
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_transfers_create(struct req *rq, struct reply *rp)
{
	struct transfer_body b = { 0 };
	struct transfer_in in;
	struct member m;
	int64_t id;
	enum err e = json_in_object(rq, &rp->problem, transfer_fields, ARRAY_SIZE(transfer_fields),
	    JSON_CREATE, &b);

	if (e)
		return e;
	in = (struct transfer_in){ .member_id = b.member_id, .to_org_id = b.to_org_id,
		.direction = b.direction, .outside_org = b.outside_org, .reason = b.reason,
		.letter_no = b.letter_no, .sent_on = b.sent_on, .valid_until = b.valid_until,
		.dues_paid_to = b.dues_paid_to, .cross_province = b.cross_province,
		.with_member = b.member != NULL };
	/* The record is read only where it may be used: "in" without member_id.
	 * Its bad fields stay in the problem: transfer_create names them with
	 * the transfer's own and creates nothing. */
	if (b.member && !strcmp(b.direction, "in") && !b.member_id &&
	    !member_api_decode_arriving(rq, &rp->problem, "member", b.member, &m))
		in.member = &m;
	if ((e = transfer_create(rq->db, &rq->who, &in, &rp->problem, &id)))
		return e;
	return reply_transfer(rq, rp, 201, id);
}

static enum err
api_transfers_get(struct req *rq, struct reply *rp)
{
	return reply_transfer(rq, rp, 200, rq->id);
}

static void
emit(void *ctx, const struct transfer *t)
{
	struct jw *w = ctx;

	jw_obj(w);
	transfer_write_fields(w, t);
	jw_obj_end(w);
}

static enum err
api_transfers_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "id", "t.id" } };
	static const char *const flags[] = { "1", NULL };
	struct transfer_filter f = { 0 };
	struct problem *pb = &rp->problem;
	const char *overdue = NULL;
	struct listq lq;
	int64_t total;
	struct jw w;
	enum err e;

	listq_id(rq, pb, "org_id", &f.org_id);
	listq_id(rq, pb, "member_id", &f.member_id);
	listq_enum(rq, pb, "state", transfer_states, &f.state);
	listq_enum(rq, pb, "direction", transfer_directions, &f.direction);
	listq_enum(rq, pb, "overdue", flags, &overdue);
	if ((e = listq_parse(rq, pb, sorts, 1, &lq)))
		return e;
	f.overdue = overdue != NULL;
	f.page = lq.page;
	f.per_page = lq.per_page;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = transfer_list(rq->db, &rq->who, &f, emit, &w, &total)))
		return e;
	listq_end(&w, &lq, total);
	return reply_json_end(rp, &w);
}

static enum err
act(struct req *rq, struct reply *rp, enum transfer_action a)
{
	struct act_body b = { 0 };
	struct transfer_act_in in;
	enum err e = ERR_OK;

	if (rq->body.len)	/* approve and confirm need no body */
		e = json_in_object(rq, &rp->problem, act_fields, ARRAY_SIZE(act_fields), JSON_PATCH,
		    &b);
	if (e)
		return e;
	in = (struct transfer_act_in){ .note = b.note, .letter_no = b.letter_no,
		.sent_on = b.sent_on, .valid_until = b.valid_until, .dues_paid_to = b.dues_paid_to,
		.cross_province = b.cross_province, .received_on = b.received_on, .reason = b.reason };
	if ((e = transfer_act(rq->db, &rq->who, rq->id, a, &in, &rp->problem)))
		return e;
	return reply_transfer(rq, rp, 200, rq->id);
}

static enum err
api_transfers_approve(struct req *rq, struct reply *rp)
{
	return act(rq, rp, XFER_APPROVE);
}

static enum err
api_transfers_send(struct req *rq, struct reply *rp)
{
	return act(rq, rp, XFER_SEND);
}

static enum err
api_transfers_receive(struct req *rq, struct reply *rp)
{
	return act(rq, rp, XFER_RECEIVE);
}

static enum err
api_transfers_return(struct req *rq, struct reply *rp)
{
	return act(rq, rp, XFER_RETURN);
}

static enum err
api_transfers_confirm(struct req *rq, struct reply *rp)
{
	return act(rq, rp, XFER_CONFIRM);
}

/* The accounts created, as a printable sheet: the passwords appear here
 * once and nowhere else. */
static enum err
api_member_accounts_create(struct req *rq, struct reply *rp)
{
	enum err e = member_accounts_create(rq->db, &rq->who, rq->id, &rp->problem, &rp->body);

	if (e)
		return e;
	rp->status = 200;
	rp->content_type = XLSX_MIME;
	rp->disposition = arena_printf(&rq->arena, "attachment; filename=\"accounts-%" PRId64
	    ".xlsx\"", rq->id);
	return ERR_OK;
}

const struct route transfer_routes[] = {
	{ "GET", "/api/v1/transfers", api_transfers_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/transfers", api_transfers_create, WRITERS, 0 },
	{ "GET", "/api/v1/transfers/:id", api_transfers_get, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/transfers/:id/approve", api_transfers_approve, WRITERS, 0 },
	{ "POST", "/api/v1/transfers/:id/send", api_transfers_send, WRITERS, 0 },
	{ "POST", "/api/v1/transfers/:id/receive", api_transfers_receive, WRITERS, 0 },
	{ "POST", "/api/v1/transfers/:id/return", api_transfers_return, WRITERS, 0 },
	{ "POST", "/api/v1/transfers/:id/confirm", api_transfers_confirm, WRITERS, 0 },
	{ "POST", "/api/v1/orgs/:id/member-accounts", api_member_accounts_create, WRITERS, 0 },
	ROUTES_END,
};
