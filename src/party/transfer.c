/* transfer.c: the pure rules of transfers: the XFER-04 state machine and
 * the XFER-03 letter dates. */
#include "core/common.h"
#include "party/transfer.h"
#include "core/config.h"
#include "core/dates.h"
#include "http/json_out.h"

const char *const transfer_directions[] = { "internal", "out", "in", NULL };
const char *const transfer_states[] = { "draft", "approved", "in_transit", "received",
	"returned", "done", NULL };

struct step {
	const char *from;
	enum transfer_action act;
	const char *to;
	const char *only;	/* a direction, or NULL for every direction */
};

/* XFER-04: draft -> 转出审批 -> 在途 -> 接收 (or 退回) -> 完成. */
static const struct step steps[] = {
	{ "draft", XFER_APPROVE, "approved", NULL },
	{ "approved", XFER_SEND, "in_transit", NULL },
	{ "in_transit", XFER_RECEIVE, "done", "internal" },
	{ "in_transit", XFER_RECEIVE, "done", "in" },
	{ "in_transit", XFER_RECEIVE, "received", "out" },
	{ "in_transit", XFER_RETURN, "returned", NULL },
	{ "received", XFER_CONFIRM, "done", "out" },
};

const char *
transfer_next(const char *direction, const char *state, enum transfer_action act)
{
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
		if (steps[i].act == act && !strcmp(steps[i].from, state) &&
		    (!steps[i].only || !strcmp(steps[i].only, direction)))
			return steps[i].to;
	return NULL;
}

enum transfer_side
transfer_actor(const char *direction, enum transfer_action act)
{
	if (!strcmp(direction, "out"))
		return XFER_SENDER;	/* the receiving side is outside the system */
	return act == XFER_RECEIVE || act == XFER_RETURN ? XFER_RECEIVER : XFER_SENDER;
}

const char *
transfer_initial(const char *direction)
{
	return !strcmp(direction, "in") ? "in_transit" : "draft";
}

const char *
transfer_state_label(const char *state)
{
	static const char *const labels[] = { "草稿", "已审批", "在途", "已接收", "已退回",
		"已完成" };

	for (size_t i = 0; transfer_states[i]; i++)
		if (!strcmp(transfer_states[i], state))
			return labels[i];
	return state;
}

const char *
transfer_action_label(enum transfer_action act)
{
	static const char *const labels[] = { "审批", "开出介绍信", "接收", "退回", "确认回执" };

	return labels[act];
}

int32_t
transfer_add_months(int32_t day, int n)
{
	struct ymd t = date_to_ymd(day);
	int m0 = t.y * 12 + (t.m - 1) + n, y = m0 / 12, m = m0 % 12 + 1;
	int last = date_days_in_month(y, m);

	return date_from_ymd(y, m, t.d < last ? t.d : last);
}

int32_t
transfer_valid_max(int32_t sent_on, int cross_province)
{
	return transfer_add_months(sent_on, (int)(cross_province ? cfg.xfer_valid_months_cross :
	    cfg.xfer_valid_months));
}

int32_t
transfer_receipt_due(int32_t received_on)
{
	return transfer_add_months(received_on, (int)cfg.xfer_receipt_months);
}

int
transfer_overdue(const char *state, const char *valid_until, const char *receipt_due,
    int32_t today)
{
	int32_t d;

	if (!strcmp(state, "in_transit") && valid_until && !date_parse(valid_until, &d))
		return today > d;
	if (!strcmp(state, "received") && receipt_due && !date_parse(receipt_due, &d))
		return today > d;
	return 0;
}

/* "YYYY-MM" with a real month. */
static int
month_ok(const char *s)
{
	int y, m;
	char tail;

	return strlen(s) == 7 && s[4] == '-' && sscanf(s, "%4d-%2d%c", &y, &m, &tail) == 2 &&
	    y >= 1900 && y < 2200 && m >= 1 && m <= 12;
}

enum err
transfer_check_letter(const char *letter_no, const char *sent_on, const char **valid_until,
    const char *dues_paid_to, int cross_province, int32_t today, struct arena *a,
    struct problem *pb)
{
	int32_t sent = today, until, max;
	char buf[11];

	if (!letter_no || !*letter_no)
		problem_field(pb, "letter_no", "请填写介绍信编号");
	if (sent_on && (date_parse(sent_on, &sent) || sent > today))
		problem_field(pb, "sent_on", "开出日期不能晚于今天");
	if (dues_paid_to && !month_ok(dues_paid_to))
		problem_field(pb, "dues_paid_to", "党费交至月份应为 YYYY-MM");
	max = transfer_valid_max(sent, cross_province);
	if (*valid_until) {
		if (date_parse(*valid_until, &until) || until < sent)
			problem_field(pb, "valid_until", "有效期不能早于开出日期");
		else if (until > max)
			problem_field(pb, "valid_until", "介绍信有效期不能超过%ld个月（XFER-03）",
			    cross_province ? cfg.xfer_valid_months_cross : cfg.xfer_valid_months);
	} else {
		date_format(max, buf);
		*valid_until = arena_strdup(a, buf);
	}
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

void
transfer_write_fields(struct jw *w, const struct transfer *t)
{
	char month[24];

	jw_kint(w, "id", t->id);
	jw_kint(w, "member_id", t->member_id);
	jw_kstr(w, "member_name", t->member_name);
	jw_kstr(w, "direction", t->direction);
	jw_kid(w, "from_org_id", t->from_org_id);
	jw_kstr(w, "from_org_name", t->from_org_name);
	jw_kid(w, "to_org_id", t->to_org_id);
	jw_kstr(w, "to_org_name", t->to_org_name);
	jw_kstr(w, "outside_org", t->outside_org);
	jw_kstr(w, "state", t->state);
	jw_kstr(w, "state_label", transfer_state_label(t->state));
	jw_kstr(w, "reason", t->reason);
	jw_kstr(w, "letter_no", t->letter_no);
	jw_kstr(w, "sent_on", t->sent_on);
	jw_kstr(w, "valid_until", t->valid_until);
	if (t->dues_paid_to) {
		snprintf(month, sizeof(month), "%04d-%02d", (int)(t->dues_paid_to / 100),
		    (int)(t->dues_paid_to % 100));
		jw_kstr(w, "dues_paid_to", month);
	} else {
		jw_kstr(w, "dues_paid_to", NULL);
	}
	jw_kstr(w, "received_on", t->received_on);
	jw_kstr(w, "receipt_due", t->receipt_due);
	jw_kstr(w, "returned_reason", t->returned_reason);
	jw_kbool(w, "overdue", t->overdue);
	jw_kbool(w, "new_member", t->new_member);
	jw_ktime(w, "created_at", t->created_at);
	jw_ktime(w, "updated_at", t->updated_at);
}
