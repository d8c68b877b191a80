/* member.c: the rules of a member record (pure) and its JSON. */
#include "core/common.h"
#include "party/member.h"
#include "auth/scope.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/id_card.h"
#include "http/json_out.h"

const char *const member_genders[] = { "male", "female", NULL };
const char *const member_categories[] = { "in_service", "retired", "other", NULL };
const char *const member_statuses[] = { "probationary", "full", NULL };
const char *const member_states[] = { "active", "transferred_out", "stopped", "removed",
	"deceased", "incoming", NULL };

static int32_t
day_of(const char *s)
{
	int32_t d = 0;

	if (s)
		date_parse(s, &d);
	return d;
}

static void
check_id_card(struct member *m, int32_t today, struct arena *a, struct problem *pb)
{
	struct id_card ic;
	enum id_card_status st;
	char birth[11];

	if (!m->id_card || !*m->id_card) {
		m->id_card = NULL;
		return;
	}
	st = id_card_parse(m->id_card, today, &ic);
	if (st) {
		problem_field(pb, "id_card", "%s", id_card_message(st));
		return;
	}
	m->id_card = arena_strdup(a, ic.number);	/* normalised (x -> X) */
	date_format(ic.birth, birth);
	if (!m->birth_date)
		m->birth_date = arena_strdup(a, birth);
	else if (strcmp(m->birth_date, birth))
		problem_field(pb, "birth_date", "出生日期与身份证号不一致（应为 %s）", birth);
	if (m->gender && strcmp(m->gender, ic.male ? "male" : "female"))
		problem_field(pb, "gender", "性别与身份证号不一致");
}

static void
check_status(const struct member *m, struct problem *pb)
{
	if (!strcmp(m->status, "full")) {
		if (!m->full_on)
			problem_field(pb, "full_on", "正式党员须填写转正日期");
		else if (m->joined_on && day_of(m->full_on) < day_of(m->joined_on))
			problem_field(pb, "full_on", "转正日期不能早于入党日期");
	} else if (m->full_on) {
		problem_field(pb, "full_on", "预备党员不应有转正日期");
	}
}

static void
check_dates(const struct member *m, int32_t today, struct problem *pb)
{
	if (m->birth_date && day_of(m->birth_date) > today)
		problem_field(pb, "birth_date", "出生日期不能晚于今天");
	if (m->joined_on && day_of(m->joined_on) > today)
		problem_field(pb, "joined_on", "入党日期不能晚于今天");
	if (m->joined_on && m->birth_date && day_of(m->joined_on) <= day_of(m->birth_date))
		problem_field(pb, "joined_on", "入党日期应晚于出生日期");
	if (m->full_on && day_of(m->full_on) > today)
		problem_field(pb, "full_on", "转正日期不能晚于今天");
	if (strcmp(m->state, "active") && !m->state_on)
		problem_field(pb, "state_on", "非正常状态须填写变动日期");
	if (!strcmp(m->state, "active") && m->state_on)
		problem_field(pb, "state_on", "正常状态不应有变动日期");
}

enum err
member_validate(struct member *m, int32_t today, struct arena *a, struct problem *pb)
{
	check_id_card(m, today, a, pb);
	if (m->phone && *m->phone && !phone_valid(m->phone))
		problem_field(pb, "phone", "手机号应为 11 位中国大陆手机号");
	if (m->phone && !*m->phone)
		m->phone = NULL;
	check_status(m, pb);
	check_dates(m, today, pb);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

enum err
member_check_incoming(const struct member *old, const struct member *m, struct problem *pb)
{
	int was = old && !strcmp(old->state, "incoming"), is = !strcmp(m->state, "incoming");

	if (was && !is)
		return problem_field(pb, "state", "待转入党员在组织关系转接接收后成为正常党员"
		    "（XFER-01），请在转接中接收或退回");
	if (!was && is)
		return problem_field(pb, "state", "待转入状态只能由区外转入的组织关系转接产生");
	if (was && m->org_id != old->org_id)
		return problem_field(pb, "org_id", "待转入党员的所在支部由转接的转入支部决定");
	return ERR_OK;
}

int
member_may_edit(const struct who *w, const char *org_path)
{
	if (w->role == ROLE_DISTRICT)
		return 1;
	return w->role == ROLE_SECRETARY && scope_contains(w, org_path);
}

void
member_write_fields(struct jw *w, const struct member *m)
{
	jw_kint(w, "id", m->id);
	jw_kint(w, "org_id", m->org_id);
	jw_kstr(w, "org_name", m->org_name);
	jw_kstr(w, "name", m->name);
	jw_kstr(w, "gender", m->gender);
	jw_kstr(w, "ethnicity", m->ethnicity);
	/* PI-06: the mask hides exactly the birth date, so the date goes out
	 * only with the whole number (an audited read), never beside a mask. */
	if (m->pii_whole)
		jw_kstr(w, "birth_date", m->birth_date);
	jw_kstr(w, "id_card", m->id_card);
	jw_kstr(w, "phone", m->phone);
	jw_kstr(w, "education", m->education);
	jw_kstr(w, "title", m->title);
	jw_kstr(w, "post", m->post);
	jw_kstr(w, "category", m->category);
	jw_kstr(w, "status", m->status);
	jw_kstr(w, "full_on", m->full_on);
	jw_kstr(w, "state", m->state);
	jw_kstr(w, "state_on", m->state_on);
	jw_kstr(w, "state_reason", m->state_reason);
	jw_kstr(w, "joined_on", m->joined_on);
	jw_kbool(w, "backbone", m->backbone);
	jw_kbool(w, "dual_leader", m->dual_leader);
	jw_ktime(w, "created_at", m->created_at);
	jw_ktime(w, "updated_at", m->updated_at);
}

char *
member_json(const struct member *m, struct arena *a)
{
	struct buf b = BUF_INIT(1 << 16);
	struct jw w;
	char *out;

	jw_init(&w, &b);
	jw_obj(&w);
	member_write_fields(&w, m);
	jw_obj_end(&w);
	out = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return out;
}
