/* assessment_gather.h: reads the five components of the annual assessment
 * for every school-level party organization in a caller's scope, each
 * with one grouped query (or, for organizational life, the compliance
 * roll-up of party/compliance.h), attributing rows to organizations by
 * path prefix. Internal to the assessment store. */
#ifndef HY_ASSESSMENT_GATHER_H
#define HY_ASSESSMENT_GATHER_H

#include "core/arena.h"
#include "supervise/assessment.h"

/* One organization being assessed. */
struct assess_unit {
	int64_t id, parent_id;
	const char *path, *name;
	struct assess_input in;
	struct assess_component comp[AC_N];
	struct assess_result res;
	int rank;
	int64_t carried;	/* findings of earlier years still open */
	int64_t row_id, finding_id;	/* the existing row, 0: none */
	const char *mark;		/* the existing mark, "none" for a new row */
};

struct assess_units {
	struct arena a;
	struct assess_unit *v;
	int n;
	int64_t year;
	int32_t first, last;	/* the year's days */
	int32_t cutoff;		/* the last day counted: min(Dec 31, yesterday) */
	int32_t month_cut;	/* the last month key counted (dues) */
};

/* Loads the organizations of w's scope (kind party_committee, by path)
 * and every component for u->year. Caller releases with
 * assess_units_release(). */
enum err assess_gather(struct db *db, const struct who *w, struct assess_units *u);
void assess_units_release(struct assess_units *u);

#endif
