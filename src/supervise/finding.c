/* finding.c: the pure rules of findings: transitions, sides, overdue. */
#include "core/common.h"
#include "supervise/finding.h"

const char *const finding_states[] = { "issued", "rectifying", "submitted", "verified",
	"returned", NULL };
const char *const finding_sources[] = { "inspection", "review", "alert", "manual",
	"assessment", "prin_visit", NULL };
_Static_assert(ARRAY_SIZE(finding_sources) == FINDING_NSOURCES + 1, "FINDING_NSOURCES");
const char *const finding_severities[] = { "minor", "major", "critical", NULL };

int
finding_state_parse(const char *s)
{
	for (int i = 0; s && finding_states[i]; i++)
		if (!strcmp(finding_states[i], s))
			return i;
	return -1;
}

enum finding_side
finding_side_of(enum role r)
{
	if (r & (ROLE_DISTRICT | ROLE_INSPECTOR))
		return FSIDE_SUPERVISOR;
	if (r & ROLE_SECRETARY)
		return FSIDE_RESPONSIBLE;
	return FSIDE_NONE;
}

/* next[state][action], -1: illegal. returned behaves like rectifying. */
static const int next_of[FS_N][FA_N] = {
	[FS_ISSUED] = { FS_RECTIFYING, -1, -1, -1 },
	[FS_RECTIFYING] = { -1, FS_SUBMITTED, -1, -1 },
	[FS_SUBMITTED] = { -1, -1, FS_VERIFIED, FS_RETURNED },
	[FS_VERIFIED] = { -1, -1, -1, -1 },
	[FS_RETURNED] = { FS_RECTIFYING, FS_SUBMITTED, -1, -1 },
};

/* The side each action belongs to. */
static const enum finding_side side_of_action[FA_N] = {
	[FA_START] = FSIDE_RESPONSIBLE,
	[FA_SUBMIT] = FSIDE_RESPONSIBLE,
	[FA_VERIFY] = FSIDE_SUPERVISOR,
	[FA_RETURN] = FSIDE_SUPERVISOR,
};

enum err
finding_step(enum finding_state state, enum finding_action a, enum finding_side side,
    enum finding_state *next)
{
	if ((unsigned)state >= FS_N || (unsigned)a >= FA_N)
		return ERR_CONFLICT;
	if (side != side_of_action[a])
		return ERR_FORBIDDEN;
	if (next_of[state][a] < 0)
		return ERR_CONFLICT;
	*next = (enum finding_state)next_of[state][a];
	return ERR_OK;
}

const char *
finding_conflict_message(enum finding_state state)
{
	static const char *const msgs[FS_N] = {
		[FS_ISSUED] = "整改事项当前状态为“已下发”，不能进行此操作",
		[FS_RECTIFYING] = "整改事项当前状态为“整改中”，不能进行此操作",
		[FS_SUBMITTED] = "整改事项当前状态为“已提交”，不能进行此操作",
		[FS_VERIFIED] = "整改事项当前状态为“已销号”，不能进行此操作",
		[FS_RETURNED] = "整改事项当前状态为“已退回”，不能进行此操作",
	};

	return (unsigned)state < FS_N ? msgs[state] : "整改事项当前状态不允许此操作";
}

int
finding_overdue(enum finding_state state, int32_t deadline, int32_t today)
{
	return state != FS_VERIFIED && today > deadline;
}
