/* roster_cli.c: `hongyan import members` (issue 16). */
#include "core/common.h"
#include "roster/roster_cli.h"
#include "core/config.h"
#include "core/xalloc.h"

#include <pwd.h>
#include <unistd.h>

static int
usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "hongyan: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	return 2;
}

int
roster_cli_parse(int argc, char **argv, struct roster_cli *c)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *eq;

		if (!strcmp(a, "--dry-run")) {
			c->dry_run = 1;
		} else if (!strcmp(a, "--valid-only")) {
			c->valid_only = 1;
		} else if (!strcmp(a, "--create-orgs")) {
			c->create_orgs = 1;
		} else if (!v || !*v) {
			return usage_error("needs a value", a);
		} else if (!strcmp(a, "--db")) {
			c->db = argv[++i];
		} else if (!strcmp(a, "--key")) {
			c->key = argv[++i];
		} else if (!strcmp(a, "--file")) {
			c->file = argv[++i];
		} else if (!strcmp(a, "--map")) {
			if (!(eq = strchr(v, '=')) || eq == v || !eq[1] || c->nmap == ROSTER_COLS)
				return usage_error("--map wants COLUMN=FIELD (a letter or header, "
				    "and a field such as id_card or none)", v);
			if (roster_field_by_key(eq + 1) == RF_NONE && strcmp(eq + 1, "none"))
				return usage_error("--map: unknown field (name, gender, ethnicity, "
				    "id_card, birth_date, education, joined_on, full_on, status, "
				    "category, org, phone, post, title, none)", eq + 1);
			*eq = 0;	/* argv is ours to cut */
			c->map[c->nmap].col = v;
			c->map[c->nmap++].field = eq + 1;
			i++;
		} else {
			return usage_error("unknown argument (see hongyan --help)", a);
		}
	}
	if (!c->file)
		return usage_error("import members needs --file roster.xlsx", NULL);
	if (c->dry_run && c->valid_only)
		return usage_error("--dry-run and --valid-only do not go together", NULL);
	return 0;
}

/* The file, at most cfg.import_max bytes; NULL after a message. */
static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (!f) {
		fprintf(stderr, "hongyan: cannot open %s\n", path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > cfg.import_max ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "hongyan: %s is larger than the import limit (%ld bytes)\n", path,
		    cfg.import_max);
		fclose(f);
		return NULL;
	}
	p = xmalloc((size_t)n + 1);
	if (fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "hongyan: cannot read %s\n", path);
		free(p);
		p = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void
print_run(const struct roster_run *run)
{
	for (int i = 0; i < run->nproblems; i++) {
		const struct roster_problem *p = &run->problems[i];
		char col[4] = "-";

		if (p->col >= 0)
			roster_col_name(p->col, col);
		printf("row %d\tcolumn %s\t%s\t%s\n", p->row, col, p->col >= 0 &&
		    p->col < run->map.ncols ? run->map.header[p->col] : "", p->reason);
	}
	for (int i = 0; i < run->new_orgs; i++)
		printf("new organization\t%s\t%s\tunder %s\n", run->plans[i].name,
		    run->plans[i].kind, run->plans[i].parent);
	printf("rows %d, with problems %d, new %d, changed %d, unchanged %d, organizations %s %d\n",
	    run->rows, run->bad_rows, run->created, run->updated, run->unchanged,
	    run->orgs_created ? "created" : "planned", run->orgs_created ? run->orgs_created :
	    run->new_orgs);
	printf("import: %" PRId64 " ms in all, write lock held %" PRId64 " ms\n", run->total_ms,
	    run->lock_ms);
}

int
roster_cli_run(const struct roster_cli *c, struct db *db)
{
	struct who w = WHO_SYSTEM;
	struct roster_opts o = { .commit = !c->dry_run, .valid_only = c->valid_only,
		.create_orgs = c->create_orgs, .map = c->map, .nmap = c->nmap };
	struct passwd *pw = getpwuid(getuid());
	struct roster_run run;
	struct problem pb = { 0 };
	const char *base = strrchr(c->file, '/');
	char user[96];
	size_t len;
	char *data = read_file(c->file, &len);
	enum err e;
	int rc;

	if (!data)
		return 2;
	snprintf(user, sizeof(user), "cli:%s", pw ? pw->pw_name : "unknown");
	w.username = user;
	o.file_name = base ? base + 1 : c->file;
	e = roster_import(db, &w, data, len, &o, &run, &pb);
	print_run(&run);
	if (e) {
		fprintf(stderr, "hongyan: %s\n", pb.nfields ? pb.fields[0].msg : "import failed");
		rc = e == ERR_INVALID || e == ERR_TOO_BIG ? 1 : 2;
	} else if (run.committed) {
		printf("committed\n");
		rc = 0;
	} else {
		printf(c->dry_run ? (run.nproblems ? "problems found\n" : "dry run: no problems\n") :
		    "problems found: nothing written (fix them, or use --valid-only)\n");
		rc = run.nproblems ? 1 : 0;
	}
	roster_run_release(&run);
	free(data);
	return rc;
}
