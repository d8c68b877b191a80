/* roster_cli.h: `hongyan import members` (issue 16 item 7): the same pass
 * as the console's import, for an operator's script. Exit codes: 0
 * committed (or a clean dry run), 1 problems found (listed on stdout,
 * nothing written unless --valid-only), 2 bad arguments. */
#ifndef HY_ROSTER_CLI_H
#define HY_ROSTER_CLI_H

#include "db/db.h"
#include "roster/roster.h"

struct roster_cli {
	const char *db, *key, *file;
	struct roster_override map[ROSTER_COLS];
	int nmap, dry_run, valid_only, create_orgs;
};

/* Parses the arguments after "import members"; 0, or 2 after a message
 * on stderr. The strings are argv's. */
int roster_cli_parse(int argc, char **argv, struct roster_cli *c);
/* Reads the file and runs the import as "cli:<operating-system user>"
 * with the district's reach; prints the outcome. Returns the exit code. */
int roster_cli_run(const struct roster_cli *c, struct db *db);

#endif
