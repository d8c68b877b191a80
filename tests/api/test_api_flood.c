/* test_api_flood.c: one client must not make the server unreachable (issue
 * 10 hole 3), and the network-facing settings around it (issue 10): floods
 * from 127.0.0.2 (a slowloris of more sockets than the per-address and the
 * total connection limits, and a heavy-export loop of one user) while
 * /healthz and another user's member list from 127.0.0.1 must answer 200
 * within 5 s; the 429 of a refused heavy request carries Retry-After;
 * X-Forwarded-For / X-Forwarded-Proto believed only from trusted proxies
 * (the audit's address, the cookie's Secure); /metrics behind its token.
 * Everything runs on loopback, bounded in sockets and seconds. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "api.h"
#include "db/db.h"

#define FLOOD_ADDR "127.0.0.2"
#define SLOW_SOCKETS 4200	/* above the default connection limit, 4096 */
#define FLOOD_SECONDS 8
#define HEAVY_LOOPS 16
#define MAX_WAIT_S 5.0
#define PW "Flood#Pass2026"
#define METRICS_TOKEN "0123456789abcdef0123456789abcdef-metrics"

static struct srv S;
static long long district_org;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
port_of(const struct srv *s)
{
	const char *colon = strrchr(s->base, ':');

	return colon ? atoi(colon + 1) : 0;
}

/* Adds a user of role with the CLI, logs c in (from iface, NULL:
 * 127.0.0.1) and makes the forced password change. A district user signs
 * in with TOTP (the harness); an inspector's login sets the cookie at once,
 * which the proxy tests read. */
static void
user_client(struct client *c, const char *name, const char *iface, const char *role)
{
	char out[512], scope[32];
	char *args[] = { getenv("HONGYAN_BIN") ? getenv("HONGYAN_BIN") : "build/asan/hongyan", "user",
		"add", "--db", S.db, "--username", (char *)name, "--role", (char *)role, "--scope",
		scope, NULL };

	snprintf(scope, sizeof(scope), "%lld", district_org);
	setenv("HONGYAN_PASSWORD", PW "0", 1);
	assert_int_equal(srv_cli(&S, args, out, sizeof(out)), 0);
	unsetenv("HONGYAN_PASSWORD");
	client_init(c, &S);
	if (iface)
		curl_easy_setopt(c->curl, CURLOPT_INTERFACE, iface);
	assert_int_equal(api_login(c, name, PW "0"), 200);
	assert_int_equal(api_call(c, "POST", "/api/v1/session/password",
	    "{\"old_password\":\"" PW "0\",\"new_password\":\"" PW "1\"}", NULL), 200);
}

static long long
top_org(void)
{
	struct db *db;
	int64_t v = 0;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	assert_int_equal(db_get_i64(db, &v, "SELECT id FROM org WHERE parent_id IS NULL ORDER BY id"
	    " LIMIT ?", DB_I64(1), DB_END), 0);
	db_close(db);
	return v;
}

static long long
audit_rows(const char *actor, const char *address)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	assert_int_equal(db_get_i64(db, &v, "SELECT COUNT(*) FROM audit WHERE actor = ? AND address = ?",
	    DB_TEXT(actor), DB_TEXT(address), DB_END), 0);
	db_close(db);
	return v;
}

static int
setup(void **state)
{
	struct rlimit rl;

	(void)state;
	/* The slowloris needs its sockets, the server as many: both inherit. */
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	setenv("HONGYAN_THREADS", "2", 1);
	setenv("HONGYAN_PER_ADDRESS_LIMIT", "64", 1);	/* the production default */
	setenv("HONGYAN_HEAD_TIMEOUT", "3", 1);
	if (srv_start(&S, 1, NULL))
		return -1;
	district_org = top_org();
	return district_org > 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	srv_stop(&S);
	return 0;
}

/* One request on a fresh connection from 127.0.0.1: its status (0 if none
 * came within MAX_WAIT_S), and its time in *secs. */
static long
probe(struct client *c, const char *path, double *secs)
{
	double t0 = now_s();
	long st;

	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, (long)(MAX_WAIT_S * 1000));
	curl_easy_setopt(c->curl, CURLOPT_FRESH_CONNECT, 1L);
	st = api_call(c, "GET", path, NULL, NULL);
	*secs = now_s() - t0;
	return st;
}

/* Probes /healthz and the member list as other until the flood stops.
 * Returns how many answers were not 200 within MAX_WAIT_S (the caller
 * asserts after its flood threads are joined, so a failure never leaves
 * them running). */
static int
probe_until(struct client *other, atomic_int *flood_done, const char *what)
{
	char members[96];
	double t, worst = 0;
	int n = 0, bad = 0;

	snprintf(members, sizeof(members), "/api/v1/members?org_id=%lld&per_page=20", district_org);
	while (!atomic_load(flood_done)) {
		struct client h;

		client_init(&h, &S);
		bad += probe(&h, "/healthz", &t) != 200 || t >= MAX_WAIT_S;
		worst = t > worst ? t : worst;
		client_release(&h);
		bad += probe(other, members, &t) != 200 || t >= MAX_WAIT_S;
		worst = t > worst ? t : worst;
		n++;
		usleep(300000);
	}
	printf("# during the %s: %d probe pairs from 127.0.0.1, %d failed, slowest %.3f s\n", what,
	    n, bad, worst);
	return n >= 3 ? bad : bad + 1;
}

/* --- slowloris ------------------------------------------------------------ */

struct slow {
	int fds[SLOW_SOCKETS];
	int n;
	atomic_int done;
};

static int
connect_from(const char *from, int port)
{
	struct sockaddr_in src = { .sin_family = AF_INET }, dst = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	inet_pton(AF_INET, from, &src.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
	dst.sin_port = htons((uint16_t)port);
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)) ||
	    connect(fd, (struct sockaddr *)&dst, sizeof(dst))) {
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

/* Opens the sockets, starts a request head on each, then sends one more
 * header line on each every second (never the blank line that ends the
 * head), for FLOOD_SECONDS. */
static void *
slowloris(void *arg)
{
	struct slow *sl = arg;
	double end;

	for (int i = 0; i < SLOW_SOCKETS; i++) {
		int fd = connect_from(FLOOD_ADDR, port_of(&S));

		if (fd < 0)
			continue;
		sl->fds[sl->n++] = fd;
		(void)!send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n", 32, MSG_NOSIGNAL);
	}
	end = now_s() + FLOOD_SECONDS;
	while (now_s() < end) {
		for (int i = 0; i < sl->n; i++)
			(void)!send(sl->fds[i], "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
		usleep(1000000);
	}
	atomic_store(&sl->done, 1);
	return NULL;
}

/* Whether the server has closed fd (end of stream or an error). */
static int
closed_by_server(int fd)
{
	char b[256];
	ssize_t r;

	while ((r = recv(fd, b, sizeof(b), 0)) > 0)
		;
	return r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

static void
test_flood_slowloris(void **state)
{
	static struct slow sl;
	struct client other;
	pthread_t t;
	int open_left = 0, bad;

	(void)state;
	user_client(&other, "flood_other", NULL, "district");
	memset(&sl, 0, sizeof(sl));
	assert_int_equal(pthread_create(&t, NULL, slowloris, &sl), 0);
	usleep(1500000);	/* the sockets are open and their heads started */
	bad = probe_until(&other, &sl.done, "slowloris");
	pthread_join(t, NULL);
	printf("# slowloris: %d sockets from %s\n", sl.n, FLOOD_ADDR);
	assert_true(sl.n > 4096);
	/* Each kept sending, so only the head deadline (3 s here) can have
	 * closed them: none may still be open after FLOOD_SECONDS. */
	for (int i = 0; i < sl.n; i++) {
		open_left += !closed_by_server(sl.fds[i]);
		close(sl.fds[i]);
	}
	printf("# slowloris sockets still open after %d s: %d\n", FLOOD_SECONDS, open_left);
	assert_int_equal(bad, 0);
	assert_int_equal(open_left, 0);
	client_release(&other);
}

/* --- heavy exports ---------------------------------------------------------- */

struct heavy {
	struct client *c;
	atomic_int *stop;
	char path[128];
	int ok, busy, retry_after_missing, other;
};

static void *
heavy_loop(void *arg)
{
	struct heavy *h = arg;

	while (!atomic_load(h->stop)) {
		char hdr[4096] = "";
		json_t *j = NULL;
		long st = api_call_h(h->c, "GET", h->path, NULL, &j, hdr, sizeof(hdr));

		if (st == 200) {
			h->ok++;
		} else if (st == 429) {
			/* A JSON error with a code, and when to come back. */
			h->busy++;
			if (!strcasestr(hdr, "\nRetry-After: ") || strcmp(api_code(j), "busy"))
				h->retry_after_missing++;
			usleep(20000);
		} else {
			h->other++;
		}
		json_decref(j);
	}
	return NULL;
}

static void *
stop_after(void *arg)
{
	sleep(FLOOD_SECONDS);
	atomic_store((atomic_int *)arg, 1);
	return NULL;
}

static void
test_flood_heavy(void **state)
{
	static struct client flooders[HEAVY_LOOPS];
	static struct heavy loops[HEAVY_LOOPS];
	struct client other;
	pthread_t t[HEAVY_LOOPS], timer;
	static atomic_int stop;
	int ok = 0, busy = 0, missing = 0, other_st = 0, bad;

	(void)state;
	atomic_store(&stop, 0);
	user_client(&other, "heavy_other", NULL, "district");
	user_client(&flooders[0], "heavy_user", FLOOD_ADDR, "district");
	/* One user's session on every connection (a login each would wait
	 * for a TOTP step of its own). */
	for (int i = 1; i < HEAVY_LOOPS; i++) {
		client_init(&flooders[i], &S);
		curl_easy_setopt(flooders[i].curl, CURLOPT_INTERFACE, FLOOD_ADDR);
		api_share_session(&flooders[i], &flooders[0]);
	}
	for (int i = 0; i < HEAVY_LOOPS; i++) {
		loops[i] = (struct heavy){ .c = &flooders[i], .stop = &stop };
		snprintf(loops[i].path, sizeof(loops[i].path),
		    "/api/v1/ledgers/meetings.xlsx?org_id=%lld&year=2026", district_org);
		assert_int_equal(pthread_create(&t[i], NULL, heavy_loop, &loops[i]), 0);
	}
	assert_int_equal(pthread_create(&timer, NULL, stop_after, &stop), 0);
	usleep(500000);
	bad = probe_until(&other, &stop, "heavy-export loop");
	pthread_join(timer, NULL);
	for (int i = 0; i < HEAVY_LOOPS; i++) {
		pthread_join(t[i], NULL);
		ok += loops[i].ok;
		busy += loops[i].busy;
		missing += loops[i].retry_after_missing;
		other_st += loops[i].other;
		client_release(&flooders[i]);
	}
	printf("# heavy loop: %d exports, %d answered 429, %d other\n", ok, busy, other_st);
	assert_int_equal(bad, 0);
	assert_true(ok > 0);
	assert_true(busy > 0);		/* one user may not run 16 at once */
	assert_int_equal(missing, 0);	/* every 429 says when to come back */
	assert_int_equal(other_st, 0);
	client_release(&other);
}

/* --- trusted proxies, the Secure cookie ------------------------------------- */

struct grow {
	char *p;
	size_t n;
};

static size_t
keep(char *p, size_t size, size_t n, void *ud)
{
	struct grow *g = ud;
	size_t add = size * n;

	g->p = realloc(g->p, g->n + add + 1);
	memcpy(g->p + g->n, p, add);
	g->n += add;
	g->p[g->n] = '\0';
	return add;
}

/* POST /api/v1/session from iface with extra headers; returns the status
 * and the response headers in *hdrs (caller frees). */
static long
login_with(const char *iface, const char *user, const char *xff, const char *proto, char **hdrs)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	struct grow body = { 0 }, head = { 0 };
	char url[160], line[256], json[160];
	long st = 0;

	snprintf(url, sizeof(url), "%s/api/v1/session", S.base);
	snprintf(json, sizeof(json), "{\"username\":\"%s\",\"password\":\"%s\"}", user, PW "1");
	h = curl_slist_append(h, "Content-Type: application/json");
	if (xff) {
		snprintf(line, sizeof(line), "X-Forwarded-For: %s", xff);
		h = curl_slist_append(h, line);
	}
	if (proto) {
		snprintf(line, sizeof(line), "X-Forwarded-Proto: %s", proto);
		h = curl_slist_append(h, line);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (iface)
		curl_easy_setopt(c, CURLOPT_INTERFACE, iface);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &head);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &st);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(body.p);
	*hdrs = head.p ? head.p : strdup("");
	return st;
}

static int
cookie_secure(const char *hdrs)
{
	const char *sc = strcasestr(hdrs, "\nSet-Cookie: ");
	const char *eol = sc ? strchr(sc + 1, '\n') : NULL;
	const char *sec = sc ? strstr(sc, "; Secure") : NULL;

	assert_non_null(sc);
	return sec && sec < eol;
}

static void
test_trusted_proxies(void **state)
{
	struct client u;
	char *hdrs;

	(void)state;
	user_client(&u, "proxied", NULL, "inspector");
	client_release(&u);
	/* No trusted proxy configured: the headers are anybody's words. */
	assert_int_equal(login_with(FLOOD_ADDR, "proxied", "203.0.113.7", "https", &hdrs), 200);
	assert_false(cookie_secure(hdrs));
	free(hdrs);
	assert_int_equal(audit_rows("proxied", "203.0.113.7"), 0);
	assert_true(audit_rows("proxied", FLOOD_ADDR) >= 1);

	assert_int_equal(srv_restart(&S, "HONGYAN_TRUSTED_PROXIES=" FLOOD_ADDR ", 10.9.9.9"), 0);
	/* A peer that is not a trusted proxy still cannot forge them. */
	assert_int_equal(login_with(NULL, "proxied", "203.0.113.8", "https", &hdrs), 200);
	assert_false(cookie_secure(hdrs));
	free(hdrs);
	assert_int_equal(audit_rows("proxied", "203.0.113.8"), 0);
	/* Through the trusted proxy: the right-most untrusted entry is the
	 * client (the left one is the client's own forgery), and https. */
	assert_int_equal(login_with(FLOOD_ADDR, "proxied", "198.51.100.1, 203.0.113.9, 10.9.9.9",
	    "https", &hdrs), 200);
	assert_true(cookie_secure(hdrs));
	free(hdrs);
	assert_int_equal(audit_rows("proxied", "203.0.113.9"), 1);
	assert_int_equal(audit_rows("proxied", "198.51.100.1"), 0);
	/* The proxy says plain http: no Secure. */
	assert_int_equal(login_with(FLOOD_ADDR, "proxied", "203.0.113.10", "http", &hdrs), 200);
	assert_false(cookie_secure(hdrs));
	free(hdrs);
	assert_int_equal(audit_rows("proxied", "203.0.113.10"), 1);
	assert_int_equal(srv_restart(&S, NULL), 0);
}

/* Behind a trusted proxy the per-address limit counts the forwarded
 * client's requests in flight: with a limit of 2, two requests whose body
 * never comes hold the address; a third from it gets 429 with
 * Retry-After, another client behind the same proxy is served, and the
 * slots come back when those requests end. */
static void
test_forwarded_in_flight_limit(void **state)
{
	static const char head[] = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
	    "X-Forwarded-For: 203.0.113.50\r\nContent-Type: application/json\r\n"
	    "Content-Length: 100\r\n\r\n{";
	struct client u;
	int fds[2];
	char *hdrs;

	(void)state;
	user_client(&u, "forwarded", NULL, "inspector");
	client_release(&u);
	setenv("HONGYAN_PER_ADDRESS_LIMIT", "2", 1);
	assert_int_equal(srv_restart(&S, "HONGYAN_TRUSTED_PROXIES=" FLOOD_ADDR), 0);
	setenv("HONGYAN_PER_ADDRESS_LIMIT", "64", 1);
	for (int i = 0; i < 2; i++) {
		fds[i] = connect_from(FLOOD_ADDR, port_of(&S));
		assert_true(fds[i] >= 0);
		assert_int_equal(send(fds[i], head, sizeof(head) - 1, MSG_NOSIGNAL),
		    (ssize_t)sizeof(head) - 1);
	}
	usleep(500000);
	assert_int_equal(login_with(FLOOD_ADDR, "forwarded", "203.0.113.50", NULL, &hdrs), 429);
	assert_non_null(strcasestr(hdrs, "\nRetry-After: 1"));
	free(hdrs);
	assert_int_equal(login_with(FLOOD_ADDR, "forwarded", "203.0.113.51", NULL, &hdrs), 200);
	free(hdrs);
	close(fds[0]);
	close(fds[1]);
	usleep(500000);
	assert_int_equal(login_with(FLOOD_ADDR, "forwarded", "203.0.113.50", NULL, &hdrs), 200);
	free(hdrs);
	assert_int_equal(srv_restart(&S, NULL), 0);
}

/* --- /metrics --------------------------------------------------------------- */

static long
metrics_get(const char *auth)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	struct grow body = { 0 };
	char url[160];
	long st = 0;

	snprintf(url, sizeof(url), "%s/metrics", S.base);
	if (auth)
		h = curl_slist_append(h, auth);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &st);
	if (st == 200)
		assert_non_null(strstr(body.p, "hongyan_"));
	free(body.p);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return st;
}

static void
test_metrics_token(void **state)
{
	(void)state;
	/* No token configured: /metrics does not exist. */
	assert_int_equal(metrics_get(NULL), 404);
	assert_int_equal(metrics_get("Authorization: Bearer " METRICS_TOKEN), 404);
	assert_int_equal(srv_restart(&S, "HONGYAN_METRICS_TOKEN=" METRICS_TOKEN), 0);
	assert_int_equal(metrics_get(NULL), 401);
	assert_int_equal(metrics_get("Authorization: Bearer wrong"), 401);
	assert_int_equal(metrics_get("Authorization: Bearer " METRICS_TOKEN "x"), 401);
	assert_int_equal(metrics_get("Authorization: Basic " METRICS_TOKEN), 401);
	assert_int_equal(metrics_get("Authorization: Bearer " METRICS_TOKEN), 200);
	assert_int_equal(srv_restart(&S, NULL), 0);
}

/* --- the console's headers -------------------------------------------------- */

static void
test_console_csp(void **state)
{
	CURL *c = curl_easy_init();
	struct grow head = { 0 }, body = { 0 };
	char url[160], want[128], b64[64];
	unsigned char h[32];
	const char *map, *end;
	FILE *f = fopen("web/index.html", "r");
	static char html[1 << 16];
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(html, 1, sizeof(html) - 1, f);
	fclose(f);
	html[n] = '\0';
	/* The hash of the import map, as the browser computes it. */
	map = strstr(html, "<script type=\"importmap\">");
	assert_non_null(map);
	map = strchr(map, '>') + 1;
	end = strstr(map, "</script>");
	crypto_hash_sha256(h, (const unsigned char *)map, (unsigned long long)(end - map));
	sodium_bin2base64(b64, sizeof(b64), h, sizeof(h), sodium_base64_VARIANT_ORIGINAL);
	snprintf(want, sizeof(want), "'sha256-%s'", b64);
	snprintf(url, sizeof(url), "%s/", S.base);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &head);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	assert_non_null(strcasestr(head.p, "\nContent-Security-Policy: default-src 'self'; "
	    "script-src 'self' 'unsafe-eval' "));
	assert_non_null(strstr(head.p, want));
	assert_non_null(strstr(head.p, "frame-ancestors 'none'"));
	assert_non_null(strcasestr(head.p, "\nX-Content-Type-Options: nosniff"));
	assert_non_null(strcasestr(head.p, "\nReferrer-Policy: same-origin"));
	free(head.p);
	free(body.p);
	curl_easy_cleanup(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flood_slowloris),
		cmocka_unit_test(test_flood_heavy),
		cmocka_unit_test(test_trusted_proxies),
		cmocka_unit_test(test_forwarded_in_flight_limit),
		cmocka_unit_test(test_metrics_token),
		cmocka_unit_test(test_console_csp),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
