/* alliance.c: the pure rules of the monthly four ones. */
#include "core/common.h"
#include "create/alliance.h"

const char *const alliance_kinds[] = { "joint_study", "shared_book", "hot_topic", "school_visit",
	NULL };

void
alliance_four_ones(const int64_t count[FO_N], struct four_ones *out)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < FO_N; i++) {
		out->count[i] = count[i] > 0 ? count[i] : 0;
		out->done[i] = count[i] > 0;
		out->ndone += out->done[i];
	}
	out->complete = out->ndone == FO_N;
}

int
alliance_month_valid(const char *s)
{
	int y, m;

	if (!s || strlen(s) != 7 || s[4] != '-' || strspn(s, "0123456789") != 4
	    || strspn(s + 5, "0123456789") != 2)
		return 0;
	y = (int)strtol(s, NULL, 10);
	m = (int)strtol(s + 5, NULL, 10);
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12;
}
