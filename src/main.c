/* main.c: the hongyan command: init, serve, user, audit, backup, export, version.
 * Settings come from flags, then HONGYAN_* variables, then defaults
 * (core/config.h). Bad arguments exit 2 with a one-line reason. */
#include "core/common.h"
#include "supervise/indicator_defaults.h"
#include "auth/audit.h"
#include "auth/audit_anchor.h"
#include "auth/mfa.h"
#include "auth/crypto.h"
#include "auth/user.h"
#include "core/config.h"
#include "core/dates.h"
#include "core/log.h"
#include "core/version.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "db/migrate.h"
#include "http/server.h"
#include "party/demo.h"
#include "report/ledger.h"
#include "roster/roster_cli.h"
#include "party/demo_life.h"
#include "cultivate/demo_cultivate.h"
#include "study/demo_study.h"
#include "develop/demo_pipeline.h"
#include "create/demo_create.h"
#include "supervise/demo_supervise.h"
#include "supervise/demo_review.h"
#include "party/demo_dues.h"
#include "party/demo_transfers.h"
#include "principal/demo_principal.h"
#include "desk/notify.h"
#include "desk/notify_out.h"
#include "develop/applicant_notify.h"
#include "supervise/finding_digest.h"

#include <jansson.h>
#include <sodium.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>


struct opts {
	const char *db, *key, *listen, *web, *today, *username, *role, *scope, *to, *scale;
	const char *kind, *org, *year, *checkpoints;
	int demo;
};

static const char usage[] =
    "usage: hongyan <command> [options]\n"
    "  init    --db PATH [--key FILE] [--demo [--scale district|city]]\n"
    "  serve   --db PATH [--key FILE] [--listen 127.0.0.1:8080] [--web DIR] [--today YYYY-MM-DD]\n"
    "          [--threads N] [--session-idle S] [--lockout-threshold N] [--lockout-seconds S]\n"
    "          [--body-max BYTES] [--password-min-length N] [--password-history N]\n"
    "          [--pwhash-memory-kib K] [--list-cache N] [--audit-checkpoint-seconds S]\n"
    "          [--checkpoints FILE] [--connection-limit N] [--per-address-limit N]\n"
    "          [--head-timeout S] [--idle-timeout S] [--heavy-per-user N] [--heavy-total N]\n"
    "          [--trusted-proxies ADDR,...] [--metrics-token T] [--mfa-roles ROLE,...]\n"
    "          [--password-max-age-days N] [--password-warn-days N] [--notify-keep-days N]\n"
    "          [--notify-attempts N] [--notify-retry-seconds S] [--notify-timeout S]\n"
    "          [--notify-webhooks ORG_ID=URL,...] [--notify-digest-days N] [--notify-robot-events 0|1]\n"
    "          [--smtp-url smtp://HOST:PORT]\n"
    "          [--smtp-from ADDR] [--smtp-user U]   (each also HONGYAN_<NAME>)\n"
    "  user add     --db PATH --username U --role R [--scope ID,...]\n"
    "               (R: admin, security_admin, audit_admin, district, inspector, secretary,\n"
    "                principal, member, institution)\n"
    "  user passwd  --db PATH --username U\n"
    "  user disable --db PATH --username U\n"
    "  user totp-reset --db PATH --username U\n"
    "  user list    --db PATH\n"
    "  audit verify --db PATH [--checkpoints FILE]\n"
    "  audit checkpoint --db PATH [--checkpoints FILE]\n"
    "  backup  --db PATH --to FILE\n"
    "  export ledger --db PATH --kind meetings|dues --org ID --year YYYY --to FILE.xlsx\n"
    "  import members --db PATH --file roster.xlsx|.csv [--map COLUMN=FIELD ...] [--dry-run]\n"
    "               [--valid-only] [--create-orgs]\n"
    "               (exit 0 committed or clean, 1 problems, 2 bad arguments)\n"
    "  version\n";

static int __attribute__((format(printf, 1, 2)))
bad(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "hongyan: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 2;
}

struct flag {
	const char *name;
	size_t off;
};

static const struct flag flags[] = {
	{ "--db", offsetof(struct opts, db) }, { "--key", offsetof(struct opts, key) },
	{ "--listen", offsetof(struct opts, listen) }, { "--web", offsetof(struct opts, web) },
	{ "--today", offsetof(struct opts, today) },
	{ "--username", offsetof(struct opts, username) },
	{ "--role", offsetof(struct opts, role) }, { "--scope", offsetof(struct opts, scope) },
	{ "--to", offsetof(struct opts, to) }, { "--scale", offsetof(struct opts, scale) },
	{ "--kind", offsetof(struct opts, kind) }, { "--org", offsetof(struct opts, org) },
	{ "--year", offsetof(struct opts, year) },
	{ "--checkpoints", offsetof(struct opts, checkpoints) },
};

/* Parses --flag VALUE pairs (and --demo); 0, or 2 after a message. */
static int
parse_flags(int argc, char **argv, struct opts *o)
{
	for (int i = 0; i < argc; i++) {
		const struct flag *f = NULL;

		if (!strcmp(argv[i], "--demo")) {
			o->demo = 1;
			continue;
		}
		for (size_t k = 0; k < ARRAY_SIZE(flags); k++)
			if (!strcmp(argv[i], flags[k].name))
				f = &flags[k];
		if (!strncmp(argv[i], "--", 2) && (i + 1 >= argc || !argv[i + 1][0]))
			return bad("%s needs a value", argv[i]);
		if (f) {
			*(const char **)((char *)o + f->off) = argv[++i];
			continue;
		}
		switch (i + 1 < argc ? config_flag(argv[i], argv[i + 1]) : 1) {
		case 0:
			i++;
			continue;
		case -1:
			return 2;
		}
		return bad("unknown argument '%s' (see hongyan --help)", argv[i]);
	}
	return 0;
}

static const char *
key_path(const struct opts *o)
{
	static char beside[4096];

	if (o->key)
		return o->key;
	if (cfg.key_path)
		return cfg.key_path;
	snprintf(beside, sizeof(beside), "%s.key", o->db);
	return beside;
}

/* A database made before files were owner-only (0644) is made so now:
 * the file and its -wal/-shm lose group and other bits (issue 10). */
static void
owner_only(const char *db)
{
	const char *const suffix[] = { "", "-wal", "-shm" };
	char path[4096];
	struct stat st;

	for (size_t i = 0; i < ARRAY_SIZE(suffix); i++) {
		snprintf(path, sizeof(path), "%s%s", db, suffix[i]);
		if (stat(path, &st) || !(st.st_mode & 077))
			continue;
		if (chmod(path, st.st_mode & 0700))
			log_warn("%s can be read by other users; chmod 600 it", path);
		else
			log_warn("%s could be read by other users; it is now 0600", path);
	}
}

/* Opens the database, loads the key and brings the schema up to date. */
static int
open_db(const struct opts *o, struct db **db)
{
	const char *kp;

	if (!o->db)
		return bad("%s", "--db PATH is required");
	if (access(o->db, F_OK))
		return bad("no database at %s (create one with hongyan init)", o->db);
	owner_only(o->db);
	kp = key_path(o);
	if (crypto_key_load(kp))
		return bad("cannot use key file %s (it must be the one made by hongyan init)", kp);
	/* The files folder before the migrations: one reads stored files
	 * (0033, the reports' sizes), whatever command opened the database. */
	if (!cfg.files_dir) {
		static char beside[4096];

		snprintf(beside, sizeof(beside), "%s.files", o->db ? o->db : "hongyan.db");
		cfg.files_dir = beside;
	}
	if (db_open(o->db, 0, db))
		return 1;
	if (migrate_run(*db) || indicator_install_defaults(*db)) {
		db_close(*db);
		return 1;
	}
	return 0;
}

static int checkpoint_now(const char *db_path, struct db *db);

static int
print_password_line(const char *label, const char *pw)
{
	printf("%s: %s\n", label, pw);
	fflush(stdout);
	return 0;
}

/* The administrators init makes (SEC-05: 三员分立). The system administrator
 * keeps the name "admin" that earlier versions gave the only administrator. */
static const struct {
	const char *username;
	enum role role;
} init_admins[] = {
	{ "admin", ROLE_ADMIN },
	{ "secadmin", ROLE_SECURITY_ADMIN },
	{ "auditadmin", ROLE_AUDIT_ADMIN },
};

/* The demo's accounts whose passwords init prints (each changed at first
 * login): the district account for business work, the inspectors of
 * demo_supervise.c, and the principal-tenure platform's office, 督学 and
 * principal of demo_principal.c. */
static const char *const demo_printed[] = { "quwei01", "ducha01", "ducha02", "ducha03",
	"dudao01", "duxue01", "xiaozhang01" };
#define DEMO_PRINTED ARRAY_SIZE(demo_printed)

/* Creates the three administrators; each gets a generated password in pw[i]
 * unless HONGYAN_ADMIN_PASSWORD chooses the system administrator's. */
static enum err
create_admins(struct db *db, const char *chosen, char pw[][17])
{
	struct who sys = { .username = "system" };
	enum err e = ERR_OK;

	for (size_t i = 0; !e && i < ARRAY_SIZE(init_admins); i++) {
		struct user_in in = { .username = init_admins[i].username,
			.role = init_admins[i].role, .password = i == 0 ? chosen : NULL };
		struct problem pb = { 0 };
		int64_t id;

		e = user_create(db, &sys, &in, in.password != NULL, &pb, &id, pw[i]);
		if (e == ERR_INVALID && pb.nfields)
			fprintf(stderr, "hongyan: HONGYAN_ADMIN_PASSWORD: %s\n", pb.fields[0].msg);
	}
	return e;
}

/* The demo's accounts have generated passwords nobody saw; give username
 * a new one to print, to be changed at first login. */
static enum err
demo_password(struct db *db, const char *username, char pw[17])
{
	struct who sys = { .username = "system" };
	struct user_in in = { .password = pw };
	struct problem pb = { 0 };
	struct arena a = ARENA_INIT;
	struct user u;
	enum err e = user_get_by_name(db, username, &a, &u);

	arena_release(&a);
	crypto_random_password(pw);
	return e ? e : user_update(db, &sys, u.id, &in, &pb);
}

static enum err
demo_all(struct db *db, const struct demo_scale *scale)
{
	struct who sys = { .username = "system" };
	enum err e = demo_generate(db, scale);

	if (!e)
		e = demo_life_generate(db, scale, date_today());
	if (!e)
		e = demo_cultivate_generate(db, date_today());
	if (!e)
		e = demo_study_generate(db, date_today());
	if (!e)
		e = demo_pipeline_generate(db, date_today());
	if (!e)
		e = demo_create_generate(db, date_today());
	if (!e)
		e = demo_review_generate(db, date_today());
	if (!e)
		e = demo_supervise_generate(db, date_today());
	if (!e)
		e = demo_dues_generate(db, date_today());
	if (!e)
		e = demo_transfers_generate(db, date_today());
	if (!e)	/* last: it reads what every part above wrote */
		e = demo_assessment_generate(db, date_today());
	if (!e)	/* after it: the baselines read the assessment */
		e = demo_principal_generate(db, date_today());
	if (!e)
		e = db_begin(db);
	if (!e)
		e = db_end(db, audit_write(db, &sys, "demo_generate", "database", 0, NULL, NULL, 1));
	return e;
}

static int
cmd_init(const struct opts *o)
{
	const char *kp, *chosen = getenv("HONGYAN_ADMIN_PASSWORD");
	char pw[ARRAY_SIZE(init_admins)][17] = { "" }, demo_pw[DEMO_PRINTED][17] = { "" }, cp[4096];
	const struct demo_scale *scale = &DEMO_DISTRICT;
	struct db *db;
	enum err e;

	if (!o->db)
		return bad("%s", "--db PATH is required");
	if (o->scale && strcmp(o->scale, "district") && strcmp(o->scale, "city"))
		return bad("--scale must be district or city, not '%s'", o->scale);
	if (o->scale && !strcmp(o->scale, "city"))
		scale = &DEMO_CITY;
	if (!access(o->db, F_OK))
		return bad("%s already exists; refusing to overwrite it", o->db);
	kp = key_path(o);
	if (crypto_key_create(kp) || crypto_key_load(kp))
		return bad("cannot create key file %s", kp);
	if (db_open(o->db, 1, &db))
		return 1;
	/* A checkpoint file left by an earlier database here was signed with
	 * its key, not the one just made: start a new one. */
	unlink(anchor_path(o->db, cp, sizeof(cp)));
	e = migrate_run(db);
	if (!e)
		e = indicator_install_defaults(db);
	if (!e)
		e = create_admins(db, chosen, pw);
	if (!e && o->demo)
		e = demo_all(db, scale);
	for (size_t i = 0; !e && o->demo && i < DEMO_PRINTED; i++)
		e = demo_password(db, demo_printed[i], demo_pw[i]);
	if (!e && checkpoint_now(o->db, db))
		e = ERR_STORE;
	db_close(db);
	if (e) {
		unlink(o->db);
		unlink(kp);
		unlink(cp);
		return 1;
	}
	printf("database: %s\nkey file: %s (keep it safe; back it up apart from the database)\n",
	    o->db, kp);
	/* One line each, "<username> password: …", shown once (SEC-05). */
	for (size_t i = 0; i < ARRAY_SIZE(init_admins); i++) {
		char label[64];

		if (i == 0 && chosen)
			continue;
		snprintf(label, sizeof(label), "%s password", init_admins[i].username);
		print_password_line(label, pw[i]);
	}
	for (size_t i = 0; o->demo && i < DEMO_PRINTED; i++) {
		char label[64];

		snprintf(label, sizeof(label), "%s password", demo_printed[i]);
		print_password_line(label, demo_pw[i]);
	}
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(demo_pw, sizeof(demo_pw));
	return 0;
}

static volatile sig_atomic_t stop_requested;

/* The serve loop's notification housekeeping, hourly: retention
 * (cfg.notify_keep_days), the group robots' digest when due
 * (cfg.notify_digest_days) and, once per day, the overdue-step pass. */
#define NOTIFY_HOUSEKEEP_S 3600

static void
notify_housekeep(struct db *db, int32_t *pass_day)
{
	int64_t gone = 0;
	int sent = 0;

	if (notify_expire(db, time(NULL), &gone))
		log_error("notify: expiring old notifications failed");
	else if (gone)
		log_info("notify: %" PRId64 " notifications older than %ld days deleted", gone,
		    cfg.notify_keep_days);
	if (finding_digest(db, time(NULL), &sent))
		log_error("notify: the group robots' digest failed");
	else if (sent)
		log_info("notify: %d group-robot digests queued", sent);
	if (*pass_day == date_today())
		return;
	if (applicant_notify_overdue(db, &sent))
		log_error("notify: the overdue-step pass failed; it runs again within the hour");
	else {
		*pass_day = date_today();
		if (sent)
			log_info("notify: %d overdue development steps notified", sent);
	}
}

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int
cmd_serve(const struct opts *o)
{
	struct server *srv;
	struct db *db;
	char cp[4096];
	int64_t last_cp = 0, next_cp = 0, next_notify = 0;
	int32_t day, pass_day = 0;
	int rc;

	if (o->today) {
		if (date_parse(o->today, &day))
			return bad("--today must be a date YYYY-MM-DD, not '%s'", o->today);
		date_set_today(day);
		log_warn("--today fixes the date every rule sees to %s (tests and demos only)", o->today);
	}
	if (o->listen)
		cfg.listen = o->listen;
	if (o->web)
		cfg.web_dir = o->web;
	if ((rc = open_db(o, &db)))
		return rc;
	cfg.db_path = o->db;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	/* The first housekeeping before the first request: what it removes or
	 * adds (old notifications, overdue steps) is settled when serving starts. */
	notify_housekeep(db, &pass_day);
	next_notify = time(NULL) + NOTIFY_HOUSEKEEP_S;
	if (server_start(&srv)) {
		db_close(db);
		return 1;
	}
	if (notify_out_start())
		log_error("notify: no sender thread; outbound messages stay queued");
	/* Poll: a signal taken by a worker thread does not end pause() here.
	 * This thread keeps its connection for the audit checkpoints and the
	 * notification housekeeping. */
	anchor_path(o->db, cp, sizeof(cp));
	while (!stop_requested) {
		if (time(NULL) >= next_cp) {
			anchor_write(db, cp, &last_cp);
			next_cp = time(NULL) + cfg.audit_checkpoint_s;
		}
		if (time(NULL) >= next_notify) {
			notify_housekeep(db, &pass_day);
			next_notify = time(NULL) + NOTIFY_HOUSEKEEP_S;
		}
		nanosleep(&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
	}
	log_info("stopping: finishing requests in flight");
	server_stop(srv);
	notify_out_stop();
	anchor_write(db, cp, &last_cp);
	db_close(db);
	return 0;
}

static int
cmd_user_add(const struct opts *o, struct db *db)
{
	const char *pw = getenv("HONGYAN_PASSWORD");
	struct user_in in = { .username = o->username, .password = pw };
	struct who sys = { .username = "system" };
	struct problem pb = { 0 };
	int64_t scope[USER_SCOPE_MAX], id;
	char generated[17];
	const char *s = o->scope;
	enum err e;

	if (!o->username || !o->role)
		return bad("%s", "user add needs --username and --role");
	if (!(in.role = role_parse(o->role)))
		return bad("unknown role '%s' (admin, security_admin, audit_admin, district, inspector,"
		    " secretary, principal, member, institution)", o->role);
	while (s && *s) {
		char *end;
		long long v = strtoll(s, &end, 10);

		if (v < 1 || (*end && *end != ',') || in.nscope >= USER_SCOPE_MAX)
			return bad("--scope must be up to 16 organization ids separated by commas: '%s'",
			    o->scope);
		scope[in.nscope++] = v;
		s = *end ? end + 1 : end;
	}
	in.set_scope = in.nscope > 0;
	in.scope = scope;
	e = user_create(db, &sys, &in, 0, &pb, &id, generated);
	for (int i = 0; i < pb.nfields; i++)
		fprintf(stderr, "hongyan: %s: %s\n", pb.fields[i].field, pb.fields[i].msg);
	if (e)
		return e == ERR_INVALID ? 2 : 1;
	printf("user %s created (id %" PRId64 ")\n", o->username, id);
	if (!pw)
		print_password_line("password", generated);
	return 0;
}

static int
find_user(struct db *db, const char *name, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct user u;
	enum err e;

	if (!name)
		return bad("%s", "--username is required");
	e = user_get_by_name(db, name, &a, &u);
	arena_release(&a);
	if (e)
		return bad("no user '%s'", name);
	*id = u.id;
	return 0;
}

static int
cmd_user_change(const struct opts *o, struct db *db, int disable)
{
	const char *pw = getenv("HONGYAN_PASSWORD");
	struct who sys = { .username = "system" };
	struct user_in in = { .set_disabled = disable, .disabled = 1 };
	struct problem pb = { 0 };
	char generated[17];
	int64_t id = 0;
	int rc;
	enum err e;

	if ((rc = find_user(db, o->username, &id)))
		return rc;
	if (!disable) {
		if (!pw)
			crypto_random_password(generated);
		in.password = pw ? pw : generated;
	}
	e = user_update(db, &sys, id, &in, &pb);
	for (int i = 0; i < pb.nfields; i++)
		fprintf(stderr, "hongyan: %s: %s\n", pb.fields[i].field, pb.fields[i].msg);
	if (e)
		return e == ERR_INVALID ? 2 : 1;
	if (disable)
		printf("user %s disabled\n", o->username);
	else if (!pw)
		print_password_line("password", generated);
	return 0;
}

/* SEC-04: a lost device of any account, administrators' included (the
 * API leaves theirs to the server's operator, SEC-05). */
static int
cmd_user_totp_reset(const struct opts *o, struct db *db)
{
	struct who sys = { .username = "system" };
	int64_t id = 0;
	int rc;

	if ((rc = find_user(db, o->username, &id)))
		return rc;
	if (mfa_reset(db, &sys, id))
		return 1;
	printf("user %s: second factor reset; they enrol again at their next login\n", o->username);
	return 0;
}

static int
cmd_user_list(struct db *db)
{
	struct arena a = ARENA_INIT;
	struct user_page pg;
	int64_t page = 1;

	do {
		if (user_list(db, NULL, page, 100, &a, &pg)) {
			arena_release(&a);
			return 1;
		}
		for (int i = 0; i < pg.n; i++)
			printf("%" PRId64 "\t%s\t%s%s%s\n", pg.v[i].id, pg.v[i].username,
			    role_name(pg.v[i].role), pg.v[i].disabled ? "\tdisabled" : "",
			    pg.v[i].must_change ? "\tmust-change-password" : "");
		page++;
	} while ((page - 1) * 100 < pg.total);
	arena_release(&a);
	return 0;
}

static void
print_rechains(const struct audit_verdict *v)
{
	char when[32];

	for (int i = 0; i < v->nrechain; i++) {
		time_t t = (time_t)v->rechain[i].at;

		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", gmtime(&t));
		printf("re-chained rows %" PRId64 "-%" PRId64 " at %s: %s\n", v->rechain[i].from_id,
		    v->rechain[i].to_id, when, v->rechain[i].reason);
	}
}

/* The checkpoints half of `audit verify`: 0 anchored, 1 a fault, 3 no
 * checkpoint file (the tail cannot be checked). */
static int
verify_anchor(struct db *db, const struct audit_verdict *av, const char *path)
{
	struct anchor_verdict v;
	enum err e = anchor_check(db, path, av, &v);

	if (av->nrows == 0) {
		/* init writes the first rows, so a log is never empty. */
		fprintf(stderr, "the audit log is empty: every database has rows from its creation on,"
		    " so they were deleted\n");
		return 1;
	}
	if (e == ERR_NOT_FOUND || (!e && v.nlines == 0)) {
		fprintf(stderr, "no audit checkpoints in %s: deleting the log's tail cannot be"
		    " detected (give the checkpoint file with --checkpoints FILE)\n", path);
		return 3;
	}
	if (v.bad_line)
		fprintf(stderr, "checkpoint file %s: line %d is not signed by this key\n", path,
		    v.bad_line);
	if (v.truncated_seq)
		fprintf(stderr, "audit log truncated: a checkpoint names row %" PRId64
		    " but the log ends at row %" PRId64 "\n", v.truncated_seq, av->nrows);
	if (v.mismatch_seq)
		fprintf(stderr, "audit row %" PRId64 " differs from its checkpoint\n", v.mismatch_seq);
	if (e)
		return 1;
	printf("anchored by %d checkpoints in %s (the furthest at row %" PRId64 ")\n", v.nlines,
	    path, v.last_seq);
	return 0;
}

static int
cmd_audit_verify(const struct opts *o, struct db *db)
{
	struct audit_verdict v;
	char path[4096];
	enum err e = audit_verify(db, &v);

	if (e == ERR_CONFLICT && v.bad_id) {
		fprintf(stderr, "audit chain broken at row %" PRId64 "\n", v.bad_id);
		return 1;
	}
	if (e == ERR_CONFLICT) {
		fprintf(stderr, "audit re-chain record %" PRId64 " is not signed by this key\n",
		    v.bad_rechain);
		return 1;
	}
	if (e)
		return 1;
	printf("audit chain intact: %" PRId64 " rows\n", v.nrows);
	print_rechains(&v);
	return verify_anchor(db, &v, anchor_path(o->db, path, sizeof(path)));
}

/* Appends a checkpoint of db's audit log to its checkpoint file, if the
 * log has rows: after init and after every CLI command that may write. */
static int
checkpoint_now(const char *db_path, struct db *db)
{
	char path[4096];
	int64_t last = 0;

	return anchor_write(db, anchor_path(db_path, path, sizeof(path)), &last) ? 1 : 0;
}

/* The copy gets a checkpoint file of its own beside it, anchoring the
 * copy's log as it was copied. */
static int
cmd_backup(const struct opts *o, struct db *db)
{
	char path[4096];
	struct db *copy;
	int64_t last = 0;
	enum err e;

	(void)db;
	if (!o->to)
		return bad("%s", "backup needs --to FILE");
	if (!access(o->to, F_OK))
		return bad("%s already exists; refusing to overwrite it", o->to);
	if (db_backup(db, o->to)) {
		unlink(o->to);
		return 1;
	}
	snprintf(path, sizeof(path), "%s.audit-checkpoints", o->to);
	if ((e = db_open(o->to, 0, &copy)) == ERR_OK) {
		e = anchor_write(copy, path, &last);
		db_close(copy);
	}
	if (e)
		return 1;
	printf("backup written to %s with its audit checkpoint %s (copy the key file %s with"
	    " them)\n", o->to, path, key_path(o));
	return 0;
}

/* A percentage line on stderr, rewritten in place. */
static void
show_progress(void *ctx, int64_t done, int64_t total)
{
	(void)ctx;
	fprintf(stderr, "\rexporting: %3d%%", total ? (int)(done * 100 / total) : 100);
}

/* Runs as the system with full scope; ledger_export writes the audit row. */
static int
cmd_export_ledger(const struct opts *o, struct db *db)
{
	struct who sys = WHO_SYSTEM;
	struct problem pb = { 0 };
	enum ledger_kind kind;
	long org;
	int year, tty = isatty(2);
	enum err e;

	if (ledger_kind_parse(o->kind, &kind))
		return bad("--kind must be meetings or dues");
	if (config_parse_long(o->org, 1, LONG_MAX, &org))
		return bad("--org must be an organization id");
	if (ledger_check_year(o->year, &year, &pb))
		return bad("--year must be a year from 2000 to 2100");
	if (!o->to)
		return bad("%s", "export ledger needs --to FILE.xlsx");
	if (!access(o->to, F_OK))
		return bad("%s already exists; refusing to overwrite it", o->to);
	e = ledger_export(db, &sys, kind, org, year, o->to, tty ? show_progress : NULL, NULL);
	if (tty)
		fputc('\n', stderr);
	if (e) {
		unlink(o->to);
		return e == ERR_NOT_FOUND ? bad("no organization %ld", org) : 1;
	}
	printf("ledger written to %s\n", o->to);
	return 0;
}

/* Commands that work on an existing database. */
static int
with_db(const char *cmd, const char *sub, const struct opts *o)
{
	struct db *db;
	int rc = open_db(o, &db);

	if (rc)
		return rc;
	if (!strcmp(cmd, "backup"))
		rc = cmd_backup(o, db);
	else if (!strcmp(cmd, "audit") && !strcmp(sub, "verify"))
		rc = cmd_audit_verify(o, db);
	else if (!strcmp(cmd, "audit"))
		rc = checkpoint_now(o->db, db);
	else if (!strcmp(cmd, "export"))
		rc = cmd_export_ledger(o, db);
	else if (!strcmp(sub, "add"))
		rc = cmd_user_add(o, db);
	else if (!strcmp(sub, "passwd"))
		rc = cmd_user_change(o, db, 0);
	else if (!strcmp(sub, "totp-reset"))
		rc = cmd_user_totp_reset(o, db);
	else if (!strcmp(sub, "disable"))
		rc = cmd_user_change(o, db, 1);
	else
		rc = cmd_user_list(db);
	/* Commands that wrote leave the log anchored (audit_anchor.h). */
	if (!rc && (!strcmp(cmd, "user") || !strcmp(cmd, "export")) && checkpoint_now(o->db, db))
		rc = 1;
	db_close(db);
	return rc;
}

/* import members: roster_cli.h. */
static int
cmd_import(int argc, char **argv)
{
	struct roster_cli rc = { 0 };
	struct opts o = { 0 };
	struct db *db;
	int r;

	if (argc < 3 || strcmp(argv[2], "members"))
		return bad("unknown subcommand '%s' (see hongyan --help)", argc > 2 ? argv[2] : "");
	if ((r = roster_cli_parse(argc - 3, argv + 3, &rc)))
		return r;
	o.db = rc.db ? rc.db : cfg.db_path;
	o.key = rc.key;
	if ((r = open_db(&o, &db)))
		return r == 1 ? 2 : r;
	r = roster_cli_run(&rc, db);
	if (r != 2 && checkpoint_now(o.db, db))
		r = 2;
	db_close(db);
	return r;
}

static int
wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return argc < 2;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	const char *cmd = argc > 1 ? argv[1] : "", *sub = "";
	int skip = 2, rc;

	/* Every file this program makes holds personal data or can open it: the
	 * database and its -wal/-shm, backups, exports, uploaded files, the key.
	 * Owner only (0600, folders 0700), whatever the caller's umask
	 * (issue 10). */
	umask(077);
	if (wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(cmd, "version")) {
		printf("hongyan %s (schema %d)\n", HONGYAN_VERSION, migrate_latest());
		return 0;
	}
	if (!strcmp(cmd, "user") || !strcmp(cmd, "audit") || !strcmp(cmd, "export")) {
		sub = argc > 2 ? argv[2] : "";
		skip = 3;
		if (!strcmp(cmd, "user") ? !strstr(" add passwd disable list totp-reset ", sub) || !*sub ||
		    strchr(sub, ' ') : (!strcmp(cmd, "audit") ? strcmp(sub, "verify") && strcmp(sub, "checkpoint") :
		    strcmp(sub, "ledger")))
			return bad("unknown subcommand '%s' (see hongyan --help)", sub);
	}
	if (strcmp(cmd, "init") && strcmp(cmd, "serve") && strcmp(cmd, "user") &&
	    strcmp(cmd, "audit") && strcmp(cmd, "backup") && strcmp(cmd, "export") &&
	    strcmp(cmd, "import"))
		return bad("unknown command '%s' (see hongyan --help)", cmd);
	if (config_from_env() || crypto_init())
		return 2;
	db_global_init();
	json_set_alloc_funcs(xmalloc, free);
	if (!strcmp(cmd, "import")) {
		log_set_quiet(1);
		return cmd_import(argc, argv);
	}
	if ((rc = parse_flags(argc - skip, argv + skip, &o)))
		return rc;
	crypto_password_set_cost((size_t)cfg.pwhash_mem_kib);
	if (o.checkpoints)
		cfg.audit_checkpoints = o.checkpoints;
	if (!o.db)
		o.db = cfg.db_path;
	if (strcmp(cmd, "serve"))
		log_set_quiet(1);
	if (!strcmp(cmd, "init"))
		return cmd_init(&o);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(&o);
	return with_db(cmd, sub, &o);
}
