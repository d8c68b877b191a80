/* roster.h: importing members from a roster sheet (issue 16). One pass
 * reads the rows (roster_read.h), recognises the header, turns each row
 * into a member record, checks it with exactly the member form's rules
 * (member_validate: ID-01, dates, status) plus what an import adds (the
 * organization by path or unique name in the caller's scope, duplicate
 * numbers in the file, a number registered elsewhere), and matches it to
 * an existing member through the ID number's blind index. A dry run only
 * counts and lists problems; a commit does the same work first, outside
 * any transaction, then writes in one short transaction: all rows, or
 * with valid_only the valid ones, unchanged members untouched and
 * unaudited, one audited import event. */
#ifndef HY_ROSTER_H
#define HY_ROSTER_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "db/db.h"
#include "roster/roster_parse.h"
#include "roster/roster_read.h"

#define ROSTER_COLS 64

/* The first line a masked export writes in A1; a file starting with it is
 * refused (issue 16 item 5). */
#define ROSTER_MASKED_MARK "【脱敏导出，不能用于导入】"

/* The template's example row carries this in its name; such a row is a
 * problem until deleted. */
#define ROSTER_EXAMPLE_MARK "（示例行，导入前请删除）"

/* Which field each column holds, from the header row, then the user's
 * corrections. */
struct roster_map {
	int ncols, header_row;	/* 1-based sheet row; -1: none read yet */
	enum roster_field field[ROSTER_COLS];
	char header[ROSTER_COLS][96];
};

/* A correction: the column (its header text or its letter, "D") and the
 * field's key ("id_card", or "none" to ignore the column). */
struct roster_override {
	const char *col, *field;
};

struct roster_problem {
	int row;	/* 1-based as the sheet shows it; 0: the file as a whole */
	int col;	/* 0-based; -1: the row as a whole */
	char *reason;	/* arena of the run */
};

/* An organization the import would create (create_orgs): its name, kind
 * (org_kinds) and its parent's name. Strings in the run's arena. */
struct roster_new_org {
	const char *name, *kind, *parent;
};

struct roster_opts {
	int commit;	/* 0: dry run */
	int valid_only;	/* commit the valid rows, skip the bad ones */
	int create_orgs;	/* a path below a known organization plans the rest
				 * (kinds from the names' endings, IMP-06) */
	const char *file_name;	/* for the audit event */
	const struct roster_override *map;
	int nmap;
};

struct roster_run {
	struct arena a;
	struct roster_map map;
	struct roster_problem *problems;
	int nproblems, capproblems;
	int rows, bad_rows;	/* data rows read; rows with a problem */
	int created, updated, unchanged;	/* what the commit did (or would do) */
	int committed;		/* the commit wrote (or had nothing to write) */
	int new_orgs;		/* organizations planned (create_orgs) */
	struct roster_new_org *plans;	/* new_orgs of them, parents first */
	int orgs_created;	/* by the commit */
	int64_t audit_id;	/* the import event's audit row, after a commit */
	int64_t lock_ms;	/* the commit's write transaction (IMP-10), 0 if none */
	int64_t total_ms;	/* the whole import: read, check, write */
	/* private to roster.c */
	void *priv;
};

/* Runs one pass over the file (data, len) for w. ERR_OK when the pass ran
 * (even with problems: run->nproblems; a commit then wrote only when
 * committed is set); ERR_INVALID naming "file" in pb when the file cannot
 * be read or its header is unusable (also listed as a problem at row 0);
 * ERR_FORBIDDEN for a caller who may not import; ERR_STORE. The caller
 * releases run with roster_run_release() in every case. */
enum err roster_import(struct db *db, const struct who *w, const void *data, size_t len,
    const struct roster_opts *opts, struct roster_run *run, struct problem *pb);
void roster_run_release(struct roster_run *run);

/* "A", "B" … "BL" for a 0-based column. out has 4 bytes. */
void roster_col_name(int col, char out[4]);
/* Whether w may import members at all (secretaries and district staff, as
 * for the member form). */
int roster_may_import(const struct who *w);

#endif
