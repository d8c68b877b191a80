/* exchange.c: the pure rules of the experience exchange: states, sides. */
#include "core/common.h"
#include "study/exchange.h"

const char *const exchange_states[] = { "draft", "submitted", "published", "rejected", NULL };

int
exchange_state_parse(const char *s)
{
	for (int i = 0; s && exchange_states[i]; i++)
		if (!strcmp(exchange_states[i], s))
			return i;
	return -1;
}

int
exchange_moderator(enum role r)
{
	return (r & (ROLE_DISTRICT)) != 0;
}

/* next[state][action], -1: illegal. */
static const int next_of[XS_N][XA_N] = {
	[XS_DRAFT] = { XS_DRAFT, XS_SUBMITTED, -1, -1 },
	[XS_SUBMITTED] = { -1, -1, XS_PUBLISHED, XS_REJECTED },
	[XS_PUBLISHED] = { -1, -1, -1, -1 },
	[XS_REJECTED] = { XS_REJECTED, XS_SUBMITTED, -1, -1 },
};

enum err
exchange_step(enum exchange_state state, enum exchange_action a, enum role r,
    enum exchange_state *next)
{
	int mod = exchange_moderator(r);

	if ((unsigned)state >= XS_N || (unsigned)a >= XA_N)
		return ERR_CONFLICT;
	if ((a == XA_PUBLISH || a == XA_REJECT) && !mod)
		return ERR_FORBIDDEN;
	/* District staff write cases as the administrator did before SEC-05. */
	if ((a == XA_EDIT || a == XA_SUBMIT) && !(r & (ROLE_DISTRICT | ROLE_SECRETARY | ROLE_PRINCIPAL)))
		return ERR_FORBIDDEN;
	if (next_of[state][a] < 0)
		return ERR_CONFLICT;
	*next = (enum exchange_state)next_of[state][a];
	return ERR_OK;
}

const char *
exchange_conflict_message(enum exchange_state state)
{
	static const char *const msgs[XS_N] = {
		[XS_DRAFT] = "案例当前状态为“草稿”，不能进行此操作",
		[XS_SUBMITTED] = "案例当前状态为“待审核”，不能进行此操作",
		[XS_PUBLISHED] = "案例当前状态为“已发布”，不能进行此操作",
		[XS_REJECTED] = "案例当前状态为“已退回”，不能进行此操作",
	};

	return (unsigned)state < XS_N ? msgs[state] : "案例当前状态不允许此操作";
}
