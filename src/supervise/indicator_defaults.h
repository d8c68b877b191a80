/* indicator_defaults.h: the indicator systems we ship (issue 4), written
 * in our own words from RULES.md CL-01 and the seed: the clean-school
 * sheet (6/19/58 plus bonus and veto items), the quarterly
 * party-building inspection sheet, the instructor's visit sheet, the
 * secretary review sheet and the three principal-tenure sheets (PRIN-01,
 * principal/sheet_rows.h). */
#ifndef HY_INDICATOR_DEFAULTS_H
#define HY_INDICATOR_DEFAULTS_H

#include "core/arena.h"
#include "db/db.h"
#include "supervise/indicator.h"

struct ind_default {
	const char *code, *name, *kind;
	const char *stage;	/* principal_tenure: indicator_stages[]; else NULL */
};

/* The number of shipped systems and the i-th one's header. */
int indicator_defaults_count(void);
const struct ind_default *indicator_defaults_get(int i);
/* Builds the i-th system's tree in tree order into an arena array; returns
 * its length. Codes follow position ("1", "1.2", "1.2.3"); a parent's max
 * points are its children's sum. */
int indicator_defaults_tree(int i, struct arena *a, struct indicator **out);

/* Installs each shipped system (as published, for the current year)
 * whose code no system has yet: idempotent, for `hongyan init` and for
 * existing databases. One transaction with an audit row per system. */
enum err indicator_install_defaults(struct db *db);

#endif
