/* meeting.c: the pure rules of meetings (ORG-11, ORG-16, the sign-in
 * window and token) and their JSON. */
#include "core/common.h"
#include "party/meeting.h"
#include "auth/crypto.h"
#include "core/dates.h"
#include "core/filestore.h"
#include "http/json_out.h"

const char *const meeting_kinds[] = { "branch_assembly", "committee", "group", "lecture",
	"theme_day", "org_life", "appraisal", "talk", "activity", NULL };
const char *const meeting_themes[] = { "political_birthday", "oath", "constitution",
	"vanguard_day", "warning_day", "chosen", NULL };
/* Chinese names, in the order of meeting_kinds and meeting_themes. */
static const char *const kind_labels[MEETING_NKINDS] = { "支部党员大会", "支部委员会会议", "党小组会", "党课",
	"主题党日", "组织生活会", "民主评议党员", "谈心谈话", "主题活动" };
static const char *const theme_labels[] = { "政治生日", "重温入党誓词", "学习党章", "先锋日",
	"警示教育日", "自选动作" };

static int
index_of(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return i;
	return -1;
}

int
meeting_kind_index(const char *kind)
{
	return index_of(meeting_kinds, kind);
}

const char *
meeting_kind_label(const char *kind)
{
	int i = index_of(meeting_kinds, kind);

	return i < 0 ? NULL : kind_labels[i];
}

const char *
meeting_theme_label(const char *theme)
{
	int i = index_of(meeting_themes, theme);

	return i < 0 ? NULL : theme_labels[i];
}

const char *const meeting_att_statuses[] = { "present", "absent", "late", NULL };
const char *const meeting_grades[] = { "excellent", "qualified", "basically_qualified",
	"unqualified", NULL };
const char *const meeting_pair_kinds[] = { "committee_committee", "committee_member",
	"member_member", NULL };
const char *const meeting_posts[] = { "secretary", "deputy", "organization", "propaganda",
	"discipline", "member", NULL };

static int
is(const char *s, const char *t)
{
	return s && !strcmp(s, t);
}

int
meeting_kind_org_ok(const char *kind, const char *org_kind)
{
	if (is(kind, "committee"))
		return is(org_kind, "branch") || is(org_kind, "general_branch") ||
		    is(org_kind, "party_committee");
	if (is(kind, "group"))
		return is(org_kind, "group");
	if (is(kind, "branch_assembly"))
		return is(org_kind, "branch") || is(org_kind, "general_branch");
	return is(org_kind, "branch") || is(org_kind, "general_branch") ||
	    is(org_kind, "party_committee");
}

static void
check_theme(const struct meeting *m, struct problem *pb)
{
	if (is(m->kind, "activity") && (!m->theme || !*m->theme))
		problem_field(pb, "theme", "主题活动须选择活动类型");
	else if (m->theme && *m->theme && !is(m->kind, "activity") && !is(m->kind, "theme_day"))
		problem_field(pb, "theme", "只有主题活动和主题党日可以填写活动类型");
	if (is(m->kind, "lecture") && (!m->lecturer || !*m->lecturer))
		problem_field(pb, "lecturer", "党课须填写授课人");
	else if (!is(m->kind, "lecture") && m->lecturer && *m->lecturer)
		problem_field(pb, "lecturer", "只有党课填写授课人");
}

enum err
meeting_validate(struct meeting *m, int64_t now, struct problem *pb)
{
	if (!m->ends_at && m->held_at)
		m->ends_at = m->held_at + MEETING_DEFAULT_MIN;
	check_theme(m, pb);
	if (m->held_at > now + (int64_t)MEETING_AHEAD_DAYS * 1440)
		problem_field(pb, "held_at", "会议时间不能晚于一年以后");
	if (m->ends_at <= m->held_at)
		problem_field(pb, "ends_at", "结束时间须晚于开始时间");
	else if (m->ends_at - m->held_at > 1440)
		problem_field(pb, "ends_at", "会议时长不能超过24小时");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

int
meeting_quorum_ok(int64_t committee_n, int64_t present_n)
{
	/* ORG-11: "超过半数" is strictly more than half. */
	return committee_n > 0 && present_n * 2 > committee_n;
}

const char *
meeting_quorum_message(int64_t committee_n, int64_t present_n, struct arena *a)
{
	if (committee_n <= 0)
		return "未设置支部委员会委员，无法核验到会人数（ORG-11）";
	if (meeting_quorum_ok(committee_n, present_n))
		return arena_printf(a, "支部委员%" PRId64 "人，到会%" PRId64 "人，超过半数，会议有效"
		    "（ORG-11）", committee_n, present_n);
	return arena_printf(a, "支部委员%" PRId64 "人，到会%" PRId64 "人，未超过半数，会议无效"
	    "（ORG-11）", committee_n, present_n);
}

int
meeting_excellent_ok(int64_t excellent, int64_t graded, long div)
{
	/* ORG-16: excellent <= graded / div, in integers. */
	return excellent * div <= graded;
}

int
meeting_window(int64_t held_at, int64_t ends_at, long early, int64_t now)
{
	if (now < held_at - early)
		return -1;
	return now > ends_at ? 1 : 0;
}

const char *
meeting_status(const struct meeting *m, int64_t now)
{
	if (now < m->held_at)
		return "scheduled";
	return now <= m->ends_at ? "open" : "held";
}

/* The MAC part: 32 hex digits (128 bits) keep the QR code small. */
static void
token_mac(int64_t id, int64_t expires, char mac[CRYPTO_MAC_HEX])
{
	char text[64];

	snprintf(text, sizeof(text), "checkin:%" PRId64 ":%" PRId64, id, expires);
	crypto_sign_text(text, mac);
	mac[32] = '\0';
}

void
meeting_token_make(int64_t id, int64_t expires, char out[MEETING_TOKEN_MAX])
{
	char mac[CRYPTO_MAC_HEX];

	token_mac(id, expires, mac);
	snprintf(out, MEETING_TOKEN_MAX, "%" PRId64 ".%" PRId64 ".%s", id, expires, mac);
}

enum err
meeting_token_check(const char *tok, int64_t *id, int64_t *expires)
{
	char mac[CRYPTO_MAC_HEX], *end;
	long long a, b;

	if (!tok || strlen(tok) >= MEETING_TOKEN_MAX || *tok < '1' || *tok > '9')
		return ERR_INVALID;
	errno = 0;
	a = strtoll(tok, &end, 10);
	if (errno || *end != '.' || end[1] < '0' || end[1] > '9')
		return ERR_INVALID;
	b = strtoll(end + 1, &end, 10);
	if (errno || *end != '.' || a <= 0 || b <= 0)
		return ERR_INVALID;
	token_mac(a, b, mac);
	if (!crypto_str_equal(end + 1, mac))
		return ERR_INVALID;
	*id = a;
	*expires = b;
	return ERR_OK;
}

const char *
meeting_file_type(const void *p, size_t n, const char *name)
{
	return filestore_type(p, n, name, FILESTORE_DOCUMENTS);
}

void
meeting_write_fields(struct jw *jw, const struct meeting *m, int64_t now, struct arena *a)
{
	char t[17];

	jw_kint(jw, "id", m->id);
	jw_kint(jw, "org_id", m->org_id);
	jw_kstr(jw, "org_name", m->org_name);
	jw_kstr(jw, "kind", m->kind);
	jw_kstr(jw, "theme", m->theme && *m->theme ? m->theme : NULL);
	datetime_format(m->held_at, t);
	jw_kstr(jw, "held_at", t);
	datetime_format(m->ends_at, t);
	jw_kstr(jw, "ends_at", t);
	jw_kstr(jw, "place", m->place);
	jw_kstr(jw, "topic", m->topic);
	jw_kid(jw, "host_id", m->host_id);
	jw_kstr(jw, "host_name", m->host_id && m->host_name ? m->host_name : NULL);
	jw_kid(jw, "recorder_id", m->recorder_id);
	jw_kstr(jw, "recorder_name", m->recorder_id && m->recorder_name ? m->recorder_name : NULL);
	jw_kstr(jw, "lecturer", m->lecturer);
	jw_kstr(jw, "minutes", m->minutes);
	jw_kint(jw, "expected", m->expected);
	jw_kint(jw, "present", m->present);
	jw_key(jw, "quorum_ok");
	if (m->quorum < 0)
		jw_null(jw);
	else
		jw_bool(jw, m->quorum);
	jw_kstr(jw, "quorum_message", m->quorum < 0 ? NULL :
	    meeting_quorum_message(m->committee_n, m->committee_present, a));
	jw_kstr(jw, "status", meeting_status(m, now));
	jw_ktime(jw, "created_at", m->created_at);
	jw_ktime(jw, "updated_at", m->updated_at);
}

char *
meeting_json(const struct meeting *m, struct arena *a)
{
	struct buf b = BUF_INIT(1 << 20);
	struct jw jw;
	char *s;

	jw_init(&jw, &b);
	jw_obj(&jw);
	meeting_write_fields(&jw, m, m->held_at, a);
	jw_obj_end(&jw);
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

void
meeting_committee_advice(int64_t current, int64_t full, int64_t min_full, char *out, size_t n)
{
	out[0] = '\0';
	if (full >= min_full && current < 3)
		snprintf(out, n, "正式党员%" PRId64 "人，应设支部委员会，委员一般为3至5人（ORG-05）", full);
	else if (full < min_full && current > 2)
		snprintf(out, n, "正式党员不足%" PRId64 "人的支部一般不设支部委员会，只设书记和副书记"
		    "（ORG-05）", min_full);
	else if (current > 7)
		snprintf(out, n, "支部委员会委员一般不超过7人，现有%" PRId64 "人（ORG-05）", current);
	else if (current > 5)
		snprintf(out, n, "支部委员会委员一般为3至5人，现有%" PRId64 "人（ORG-05）", current);
}
