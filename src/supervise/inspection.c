/* inspection.c: the pure rules of inspections: states, sheet checks and
 * the evidence keyword table. */
#include "core/common.h"
#include "supervise/inspection.h"
#include "http/json_in.h"

const char *const inspection_states[] = { "draft", "submitted", "confirmed", NULL };
const char *const inspection_kinds[] = { "quarterly_inspection", "instructor_visit",
	"clean_school", NULL };
const char *const inspection_evidence_keys[] = { "compliance", "dues", "transfers", "findings",
	NULL };

int
inspection_state_parse(const char *s)
{
	for (int i = 0; s && inspection_states[i]; i++)
		if (!strcmp(inspection_states[i], s))
			return i;
	return -1;
}

enum err
inspection_step(enum insp_state state, int superseded, enum insp_action a)
{
	switch (a) {
	case INSP_EDIT:
	case INSP_SUBMIT:
		return state == INSP_DRAFT ? ERR_OK : ERR_CONFLICT;
	case INSP_CONFIRM:
		return state == INSP_SUBMITTED ? ERR_OK : ERR_CONFLICT;
	case INSP_REVISE:
		return state == INSP_CONFIRMED && !superseded ? ERR_OK : ERR_CONFLICT;
	}
	return ERR_CONFLICT;
}

const char *
inspection_conflict_message(enum insp_state state, int superseded, enum insp_action a)
{
	static const char *const msg[INSP_N][4] = {
		[INSP_DRAFT] = { "", "", "当前状态为“草稿”，须先提交才能确认",
			"当前状态为“草稿”，只有已确认的督查才能修订" },
		[INSP_SUBMITTED] = { "当前状态为“已提交”，不能再修改", "当前状态为“已提交”，不能重复提交",
			"", "当前状态为“已提交”，只有已确认的督查才能修订" },
		[INSP_CONFIRMED] = { "当前状态为“已确认”，只读；更正请修订", "当前状态为“已确认”，不能提交",
			"当前状态为“已确认”，不能重复确认", "" },
	};

	if (superseded && a == INSP_REVISE)
		return "当前状态为“已确认”，且已有更新的修订版本，请修订最新版本";
	if ((unsigned)state >= INSP_N || !*msg[state][a])
		return "当前状态不允许该操作";
	return msg[state][a];
}

static int
find(const struct indicator *v, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (!strcmp(v[i].code, code))
			return i;
	return -1;
}

enum err
inspection_check_notes(const struct insp_score *s, int ns, struct problem *pb)
{
	char f[48];

	for (int k = 0; k < ns; k++) {
		snprintf(f, sizeof(f), "scores[%d].note", k);
		if (s[k].note && utf8_len(s[k].note) > 500)
			problem_field(pb, f, "备注最多500个字符");
	}
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

/* The keywords of each evidence kind, matched in indicator names (and
 * their ancestors'). Documented in docs/api.md. */
static const char *const keywords[EV_N][9] = {
	[EV_COMPLIANCE] = { "组织生活", "三会一课", "党员大会", "支委会", "党小组", "党课",
		"主题党日", "民主生活会", NULL },
	[EV_DUES] = { "党费", NULL },
	[EV_TRANSFERS] = { "组织关系", "转接", "党员管理", NULL },
	[EV_FINDINGS] = { "整改", "纠正", NULL },
};

static int
name_matches(const char *name, enum insp_evidence k)
{
	for (int i = 0; name && keywords[k][i]; i++)
		if (strstr(name, keywords[k][i]))
			return 1;
	return 0;
}

int
inspection_evidence_matches(const struct indicator *v, int n, int i, enum insp_evidence k)
{
	/* Walk up the parents; a tree has at most IND_LEVEL_MAX levels. */
	for (int depth = 0; i >= 0 && i < n && depth < IND_LEVEL_MAX; depth++) {
		if (name_matches(v[i].name, k))
			return 1;
		i = v[i].parent_code && *v[i].parent_code ? find(v, i, v[i].parent_code) : -1;
	}
	return 0;
}
