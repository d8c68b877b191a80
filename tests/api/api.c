#include "api.h"
#include "auth/totp.h"
#include "db/db.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *
bin(void)
{
	const char *b = getenv("HONGYAN_BIN");

	return b ? b : "build/asan/hongyan";
}

static int
free_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *)&sa, &len);
	port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

int
srv_cli(const struct srv *s, char *const args[], char *out, size_t outlen)
{
	int p[2], status;
	pid_t pid;
	size_t got = 0;
	ssize_t n;

	(void)s;
	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execv(bin(), args);
		_exit(127);
	}
	close(p[1]);
	while (out && got + 1 < outlen && (n = read(p[0], out + got, outlen - got - 1)) > 0)
		got += (size_t)n;
	if (out)
		out[got] = '\0';
	close(p[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static size_t
sink(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	(void)ud;
	return size * n;
}

static int
wait_healthy(const char *base)
{
	char url[128];

	snprintf(url, sizeof(url), "%s/healthz", base);
	for (int i = 0; i < 200; i++) {
		CURL *c = curl_easy_init();
		long code = 0;

		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
		if (curl_easy_perform(c) == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		curl_easy_cleanup(c);
		if (code == 200)
			return 0;
		usleep(50000);
	}
	return -1;
}

static int
serve(struct srv *s, const char *extra_env, const char *flag, const char *value)
{
	char listen[64];
	int port = free_port();

	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
	snprintf(s->base, sizeof(s->base), "http://%s", listen);
	s->pid = fork();
	if (s->pid == 0) {
		char logf[320];
		int fd;

		snprintf(logf, sizeof(logf), "%s/serve.log", s->dir);
		fd = open(logf, O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(fd, 2);
		if (extra_env)
			putenv((char *)extra_env);
		execl(bin(), bin(), "serve", "--db", s->db, "--listen", listen, "--web", "web", flag,
		    value, (char *)NULL);	/* flag NULL ends the list there */
		_exit(127);
	}
	return wait_healthy(s->base);
}

/* The password on the line "<user> password: …" of out into dst; 0 if found. */
static int
read_password(const char *out, const char *user, char dst[64])
{
	char label[64];
	const char *p;

	snprintf(label, sizeof(label), "\n%s password: ", user);
	p = strstr(out, label);
	if (!p || sscanf(p + strlen(label), "%63s", dst) != 1)
		return -1;
	return 0;
}

/* Without the demo, the district account for business work comes from the
 * CLI, as an operator would make it. */
static int
add_district(struct srv *s)
{
	char out[1024];
	char *args[] = { (char *)bin(), "user", "add", "--db", s->db, "--username",
		API_DISTRICT_USER, "--role", "district", NULL };
	const char *p;

	if (srv_cli(s, args, out, sizeof(out)) != 0 || !(p = strstr(out, "\npassword: ")))
		return -1;
	return sscanf(p + 11, "%63s", s->district_pw) == 1 ? 0 : -1;
}

int
srv_start(struct srv *s, int demo, const char *extra_env)
{
	char out[4096] = "\n";
	char *args[] = { (char *)bin(), "init", "--db", s->db, demo ? "--demo" : NULL, NULL };

	memset(s->admin_pw, 0, sizeof(s->admin_pw));
	memset(s->district_pw, 0, sizeof(s->district_pw));
	s->totp = calloc(API_TOTP_MAX, sizeof(*s->totp));	/* s may be uninitialised */
	snprintf(s->dir, sizeof(s->dir), "/tmp/hy-api-XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->db, sizeof(s->db), "%s/t.db", s->dir);
	args[3] = s->db;
	setenv("HONGYAN_PWHASH_MEMORY_KIB", "8192", 1);
	/* Every test client comes from 127.0.0.1, some suites with many
	 * connections at once: above the production per-address limit (64).
	 * test_api_flood sets it back to test the limit itself. */
	setenv("HONGYAN_PER_ADDRESS_LIMIT", "1024", 0);
	unsetenv("HONGYAN_ADMIN_PASSWORD");
	if (srv_cli(s, args, out + 1, sizeof(out) - 1) != 0)
		return -1;
	if (read_password(out, "admin", s->admin_pw) ||
	    read_password(out, "secadmin", s->secadmin_pw) ||
	    read_password(out, "auditadmin", s->auditadmin_pw))
		return -1;
	if (demo && read_password(out, "ducha01", s->inspector_pw))
		s->inspector_pw[0] = '\0';
	if (demo ? read_password(out, API_DISTRICT_USER, s->district_pw) : add_district(s))
		return -1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return serve(s, extra_env, NULL, NULL);
}

static void
stop_pid(pid_t pid)
{
	int status;

	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
}

int
srv_restart(struct srv *s, const char *extra_env)
{
	stop_pid(s->pid);
	return serve(s, extra_env, NULL, NULL);
}

int
srv_restart_flag(struct srv *s, const char *extra_env, const char *flag, const char *value)
{
	stop_pid(s->pid);
	return serve(s, extra_env, flag, value);
}

void
srv_stop(struct srv *s)
{
	char cmd[400];

	stop_pid(s->pid);
	free(s->totp);
	s->totp = NULL;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", s->dir);
	curl_global_cleanup();
}

void
client_init(struct client *c, const struct srv *s)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->curl = curl_easy_init();
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");
	/* Send paths as written, so tests can try "/../x" on the server. */
	curl_easy_setopt(c->curl, CURLOPT_PATH_AS_IS, 1L);
}

void
client_release(struct client *c)
{
	curl_easy_cleanup(c->curl);
}

struct grow {
	char *p;
	size_t n;
};

static size_t
collect(char *p, size_t size, size_t n, void *ud)
{
	struct grow *g = ud;

	g->p = realloc(g->p, g->n + size * n + 1);
	memcpy(g->p + g->n, p, size * n);
	g->n += size * n;
	g->p[g->n] = '\0';
	return size * n;
}

long
api_call_h(struct client *c, const char *method, const char *path, const char *body,
    json_t **json, char *headers, size_t hlen)
{
	struct grow out = { 0 }, hdr = { 0 };
	struct curl_slist *h = NULL;
	char url[512], tok[128];
	long code = 0;

	snprintf(url, sizeof(url), "%s%s", c->s->base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, method);
	if (body) {
		curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	}
	h = curl_slist_append(h, "Content-Type: application/json");
	if (c->csrf[0]) {
		snprintf(tok, sizeof(tok), "X-CSRF-Token: %s", c->csrf);
		h = curl_slist_append(h, tok);
	}
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &out);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, &hdr);
	if (curl_easy_perform(c->curl) == CURLE_OK)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(h);
	if (json)
		*json = out.p ? json_loads(out.p, 0, NULL) : NULL;
	if (headers && hlen)
		snprintf(headers, hlen, "%s", hdr.p ? hdr.p : "");
	free(out.p);
	free(hdr.p);
	return code;
}

long
api_call(struct client *c, const char *method, const char *path, const char *body, json_t **json)
{
	return api_call_h(c, method, path, body, json, NULL, 0);
}

static struct api_totp *
totp_entry(const struct srv *s, const char *user, int add)
{
	for (int i = 0; s->totp && i < API_TOTP_MAX; i++) {
		struct api_totp *t = &s->totp[i];

		if (!strcmp(t->user, user))
			return t;
		if (!t->user[0]) {
			if (!add)
				return NULL;
			snprintf(t->user, sizeof(t->user), "%s", user);
			return t;
		}
	}
	return NULL;
}

const char *
api_totp_secret(const struct srv *s, const char *user)
{
	struct api_totp *t = totp_entry(s, user, 0);

	return t && t->secret[0] ? t->secret : NULL;
}

void
api_totp_forget(const struct srv *s, const char *user)
{
	struct api_totp *t = totp_entry(s, user, 0);

	if (t) {
		t->secret[0] = '\0';
		t->last_step = 0;
	}
}

void
api_totp_used(const struct srv *s, const char *user, long long step)
{
	struct api_totp *t = totp_entry(s, user, 0);

	if (t && step > t->last_step)
		t->last_step = step;
}

long
api_mfa(struct client *c, const char *user, const char *token)
{
	struct api_totp *t = totp_entry(c->s, user, 0);
	unsigned char key[64];
	char code[8], body[256];
	long long now, step;
	json_t *j = NULL;
	long st;
	int n;

	if (!t || (n = totp_b32_decode(t->secret, key, sizeof(key))) <= 0)
		return -1;
	/* The server takes a code of the step before, this one or the next,
	 * and never one at or before the last it took: use the earliest
	 * unused of them, or wait for the clock. The step before only early
	 * in a step, so that it is still in the window when the server
	 * checks it. */
	for (;;) {
		time_t tnow = time(NULL);
		long long first;

		now = totp_step(tnow);
		first = tnow % TOTP_PERIOD < TOTP_PERIOD - 10 ? now - 1 : now;
		step = t->last_step + 1 > first ? t->last_step + 1 : first;
		if (step <= now + 1)
			break;
		usleep(250000);
	}
	totp_code(key, (size_t)n, step, TOTP_DIGITS, code);
	snprintf(body, sizeof(body), "{\"mfa_token\":\"%s\",\"code\":\"%s\"}", token, code);
	st = api_call(c, "POST", "/api/v1/session/mfa", body, &j);
	if (st == 200) {
		t->last_step = step;
		snprintf(c->csrf, sizeof(c->csrf), "%s",
		    json_string_value(json_object_get(j, "csrf_token")));
	}
	json_decref(j);
	return st;
}

long
api_login(struct client *c, const char *user, const char *password)
{
	char body[512], token[64] = "";
	const char *mfa;
	json_t *j = NULL;
	long code;

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
	code = api_call(c, "POST", "/api/v1/session", body, &j);
	mfa = json_string_value(json_object_get(j, "mfa"));
	if (code == 200 && mfa) {
		struct api_totp *t = totp_entry(c->s, user, 1);

		snprintf(token, sizeof(token), "%s",
		    json_string_value(json_object_get(j, "mfa_token")));
		if (t && !strcmp(mfa, "enroll")) {
			snprintf(t->secret, sizeof(t->secret), "%s",
			    json_string_value(json_object_get(j, "secret")));
			t->last_step = 0;
		}
		json_decref(j);
		return api_mfa(c, user, token);
	}
	if (code == 200)
		snprintf(c->csrf, sizeof(c->csrf), "%s",
		    json_string_value(json_object_get(j, "csrf_token")));
	json_decref(j);
	return code;
}

/* Logs c in as user: with newpw, or the first time with first and the
 * forced change to newpw. */
static void
login_changed(struct client *c, const char *user, const char *first, const char *newpw)
{
	char body[256];

	if (api_login(c, user, newpw) == 200)
		return;
	api_login(c, user, first);
	snprintf(body, sizeof(body), "{\"old_password\":\"%s\",\"new_password\":\"%s\"}",
	    first, newpw);
	api_call(c, "POST", "/api/v1/session/password", body, NULL);
}

void
api_admin(struct client *c, const char *newpw)
{
	login_changed(c, API_DISTRICT_USER, c->s->district_pw, newpw);
}

void
api_sysadmin(struct client *c)
{
	login_changed(c, "admin", c->s->admin_pw, "Sys#Admin2026x");
}

void
api_security_admin(struct client *c)
{
	login_changed(c, "secadmin", c->s->secadmin_pw, "Sec#Admin2026x");
}

void
api_audit_admin(struct client *c)
{
	login_changed(c, "auditadmin", c->s->auditadmin_pw, "Aud#Admin2026x");
}

void
api_fill_id(const char *pattern, const char *id, char *out, size_t len)
{
	size_t n = 0, idlen = strlen(id);

	while (*pattern && n + idlen + 1 < len) {
		if (!strncmp(pattern, ":id", 3)) {
			memcpy(out + n, id, idlen);
			n += idlen;
			pattern += 3;
		} else {
			out[n++] = *pattern++;
		}
	}
	out[n] = '\0';
}

const char *
api_code(json_t *j)
{
	const char *s = json_string_value(json_object_get(json_object_get(j, "error"), "code"));

	return s ? s : "";
}

int
api_has_field(json_t *j, const char *field)
{
	return json_object_get(json_object_get(json_object_get(j, "error"), "fields"), field) != NULL;
}

int
api_user_client(struct client *admin, struct client *c, const char *body, const char *name)
{
	struct client sec;
	json_t *j = NULL;
	char pw[64] = "", change[256];
	long st;

	client_init(&sec, admin->s);
	api_security_admin(&sec);
	st = api_call(&sec, "POST", "/api/v1/users", body, &j);
	client_release(&sec);

	if (st == 201 && json_string_value(json_object_get(j, "password")))
		snprintf(pw, sizeof(pw), "%s", json_string_value(json_object_get(j, "password")));
	json_decref(j);
	client_init(c, admin->s);
	if (st != 201 || !pw[0] || api_login(c, name, pw) != 200)
		return -1;
	snprintf(change, sizeof(change), "{\"old_password\":\"%s\",\"new_password\":\"New#Pass2026x\"}",
	    pw);
	return api_call(c, "POST", "/api/v1/session/password", change, NULL) == 200 ? 0 : -1;
}

long
api_get_file(struct client *c, const char *path, const char *file)
{
	char url[512];
	long code = 0;
	FILE *f = fopen(file, "wb");

	if (!f)
		return -1;
	snprintf(url, sizeof(url), "%s%s", c->s->base, path);
	curl_easy_setopt(c->curl, CURLOPT_URL, url);
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, NULL);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, NULL);
	curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, NULL);
	if (curl_easy_perform(c->curl) == CURLE_OK)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	fclose(f);
	return code;
}

/* The bytes GET path answers as c (malloc'd in *p, *n), or the status. */
static long
get_bytes(struct client *c, const char *path, const char *tmp, char **p, size_t *n)
{
	long st = api_get_file(c, path, tmp);
	FILE *f = fopen(tmp, "rb");
	long len;

	*p = NULL;
	*n = 0;
	if (f && !fseek(f, 0, SEEK_END) && (len = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET)) {
		*p = malloc((size_t)len + 1);
		*n = *p ? fread(*p, 1, (size_t)len, f) : 0;
	}
	if (f)
		fclose(f);
	unlink(tmp);
	return st;
}

int
api_same_bytes(struct client *c, const char *a, const char *b, const void *want, size_t n)
{
	char tmp[320], *pa, *pb;
	size_t na, nb;
	int same;

	snprintf(tmp, sizeof(tmp), "%s/same-bytes", c->s->dir);
	same = get_bytes(c, a, tmp, &pa, &na) == 200;
	same &= get_bytes(c, b, tmp, &pb, &nb) == 200;
	same = same && pa && pb && na == n && nb == n && !memcmp(pa, want, n) &&
	    !memcmp(pb, want, n);
	free(pa);
	free(pb);
	return same;
}

int
api_count_files(const struct srv *s)
{
	char dir[320];
	DIR *d;
	struct dirent *de;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s.files", s->db);
	if (!(d = opendir(dir)))
		return 0;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

long long
api_count_rows(const struct srv *s, const char *table)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	return api_db_i64(s, sql);
}

void
api_share_session(struct client *to, const struct client *from)
{
	struct curl_slist *list = NULL;

	curl_easy_getinfo(from->curl, CURLINFO_COOKIELIST, &list);
	for (struct curl_slist *l = list; l; l = l->next)
		curl_easy_setopt(to->curl, CURLOPT_COOKIELIST, l->data);
	curl_slist_free_all(list);
	snprintf(to->csrf, sizeof(to->csrf), "%s", from->csrf);
}

int
api_signed_in(struct client *c)
{
	json_t *j = NULL;
	int state = -1;

	if (api_call(c, "GET", "/api/v1/session", NULL, &j) == 200 &&
	    json_is_boolean(json_object_get(j, "authenticated")))
		state = json_is_true(json_object_get(j, "authenticated"));
	json_decref(j);
	return state;
}

long long
api_db_i64(const struct srv *s, const char *sql)
{
	struct db *db;
	int64_t v = -1;

	if (db_open(s->db, 0, &db))
		return -1;
	if (db_get_i64(db, &v, sql, DB_END))
		v = -1;
	db_close(db);
	return v;
}

int
api_secretary(struct client *admin, struct client *c, const char *name, long long org)
{
	char body[200];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"secretary\","
	    "\"scope\":[%lld]}", name, org);
	return api_user_client(admin, c, body, name);
}
