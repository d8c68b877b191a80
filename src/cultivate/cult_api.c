/* cult_api.c: request helpers shared by the cultivation handlers. */
#include "core/common.h"
#include "cultivate/cult_api.h"

void
cult_year_arg(struct req *rq, struct problem *pb, int64_t *year)
{
	const char *s = req_arg(rq, "year");
	long v;

	if (!s)
		return;
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4 || (v = strtol(s, NULL, 10)) < 2000
	    || v > 2100) {
		problem_field(pb, "year", "应为四位年份（2000–2100）");
		return;
	}
	*year = v;
}
