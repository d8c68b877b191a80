/* test_api_notify.c: notifications (消息, issue 12 item 3): delivered once
 * to the people concerned and never outside the scope (a secretary of
 * another school gets nothing; a foreign id is 404 on read), the unread
 * count, read-all, the user's channel settings (400/422 naming the field),
 * the overdue-step pass that never repeats itself, and the outbound
 * channels after commit: a group-robot webhook receiver this test starts
 * that fails twice (HTTP 500) then succeeds gets the message exactly once;
 * a tiny SMTP receiver written here gets the mail; an unreachable webhook
 * never makes the finding's issue fail and ends in the dead-letter list. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "api.h"
#include "db/db.h"

#define ADMIN_PW "Hongyan#Admin2026"
#define ATTEMPTS "4"		/* HONGYAN_NOTIFY_ATTEMPTS: 500, 500, then 200 fits */

static struct srv S;
static struct client A;		/* district staff quwei01 */
static struct client SA, SB;	/* secretaries of school a and school b */
static struct client ADM;	/* the system administrator (dead letters) */
static long long pc_a, pc_b, br_a;

/* ---- a loopback receiver: a group robot (HTTP) or an SMTP server ---- */

struct rx {
	int fd, port, smtp;
	atomic_int fails_left;	/* HTTP: answer 500 this many times first */
	atomic_int hits, got;	/* requests (or connections), messages accepted */
	atomic_int auth;	/* SMTP: AUTH commands received */
	char last[16384];	/* the last accepted body (HTTP) or DATA (SMTP) */
	char rcpt[256];
	pthread_mutex_t mu;
	atomic_int stop;
	pthread_t th;
};

static struct rx HOOK, MAIL;

static void
send_all(int fd, const char *s)
{
	size_t n = strlen(s);

	while (n) {
		ssize_t k = send(fd, s, n, MSG_NOSIGNAL);

		if (k <= 0)
			return;
		s += k;
		n -= (size_t)k;
	}
}

/* Reads until the buffer holds stop (or the peer closes); returns length. */
static size_t
recv_until(int fd, char *buf, size_t cap, size_t have, const char *stop)
{
	while (have + 1 < cap) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t k;

		buf[have] = '\0';
		if (strstr(buf, stop))
			break;
		if (poll(&p, 1, 5000) <= 0)
			break;
		if ((k = recv(fd, buf + have, cap - 1 - have, 0)) <= 0)
			break;
		have += (size_t)k;
	}
	buf[have] = '\0';
	return have;
}

static void
serve_http(struct rx *r, int c)
{
	char buf[32768];
	size_t have = recv_until(c, buf, sizeof(buf), 0, "\r\n\r\n");
	char *body = strstr(buf, "\r\n\r\n"), *cl = strcasestr(buf, "Content-Length:");
	size_t want = cl ? (size_t)atol(cl + 15) : 0;

	atomic_fetch_add(&r->hits, 1);
	if (body) {
		body += 4;
		while ((size_t)(buf + have - body) < want && have + 1 < sizeof(buf)) {
			struct pollfd p = { c, POLLIN, 0 };
			ssize_t k;

			if (poll(&p, 1, 5000) <= 0 ||
			    (k = recv(c, buf + have, sizeof(buf) - 1 - have, 0)) <= 0)
				break;
			have += (size_t)k;
			buf[have] = '\0';
		}
	}
	if (atomic_load(&r->fails_left) > 0) {
		atomic_fetch_sub(&r->fails_left, 1);
		send_all(c, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n"
		    "Connection: close\r\n\r\n");
		return;
	}
	pthread_mutex_lock(&r->mu);
	snprintf(r->last, sizeof(r->last), "%s", body ? body : "");
	pthread_mutex_unlock(&r->mu);
	atomic_fetch_add(&r->got, 1);
	send_all(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n"
	    "Connection: close\r\n\r\n{\"errcode\":0,\"errmsg\":\"ok\"}");
}

/* 220, then EHLO/HELO, MAIL, RCPT, DATA ... ".", QUIT, one line each. */
static void
serve_smtp(struct rx *r, int c)
{
	char line[1024];
	size_t have = 0;

	atomic_fetch_add(&r->hits, 1);
	send_all(c, "220 test.local ESMTP\r\n");
	for (;;) {
		char *eol;
		size_t n;

		have = recv_until(c, line, sizeof(line), have, "\r\n");
		if (!(eol = strstr(line, "\r\n")))
			return;
		*eol = '\0';
		n = (size_t)(eol + 2 - line);
		if (!strncasecmp(line, "EHLO", 4) || !strncasecmp(line, "HELO", 4) ||
		    !strncasecmp(line, "MAIL", 4) || !strncasecmp(line, "RSET", 4) ||
		    !strncasecmp(line, "NOOP", 4))
			send_all(c, "250 ok\r\n");
		else if (!strncasecmp(line, "RCPT", 4)) {
			pthread_mutex_lock(&r->mu);
			snprintf(r->rcpt, sizeof(r->rcpt), "%.200s", line);
			pthread_mutex_unlock(&r->mu);
			send_all(c, "250 ok\r\n");
		} else if (!strncasecmp(line, "DATA", 4)) {
			static char data[16384];
			size_t dn;

			send_all(c, "354 end with .\r\n");
			memmove(data, line + n, have - n);
			dn = recv_until(c, data, sizeof(data), have - n, "\r\n.\r\n");
			pthread_mutex_lock(&r->mu);
			snprintf(r->last, sizeof(r->last), "%.*s", (int)dn, data);
			pthread_mutex_unlock(&r->mu);
			atomic_fetch_add(&r->got, 1);
			send_all(c, "250 queued\r\n");
			have = 0;
			continue;
		} else if (!strncasecmp(line, "AUTH", 4)) {
			atomic_fetch_add(&r->auth, 1);
			send_all(c, "235 ok\r\n");
		} else if (!strncasecmp(line, "QUIT", 4)) {
			send_all(c, "221 bye\r\n");
			return;
		} else
			send_all(c, "502 unknown\r\n");
		memmove(line, line + n, have - n);
		have -= n;
	}
}

static void *
rx_main(void *arg)
{
	struct rx *r = arg;

	while (!atomic_load(&r->stop)) {
		struct pollfd p = { r->fd, POLLIN, 0 };
		int c;

		if (poll(&p, 1, 100) <= 0 || (c = accept(r->fd, NULL, NULL)) < 0)
			continue;
		if (r->smtp)
			serve_smtp(r, c);
		else
			serve_http(r, c);
		close(c);
	}
	return NULL;
}

static int
rx_start(struct rx *r, int smtp, int fails)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);

	memset(r, 0, sizeof(*r));
	r->smtp = smtp;
	atomic_store(&r->fails_left, fails);
	pthread_mutex_init(&r->mu, NULL);
	if ((r->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 || bind(r->fd, (void *)&a, sizeof(a)) ||
	    listen(r->fd, 16) || getsockname(r->fd, (void *)&a, &len))
		return -1;
	r->port = ntohs(a.sin_port);
	return pthread_create(&r->th, NULL, rx_main, r);
}

static void
rx_stop(struct rx *r)
{
	atomic_store(&r->stop, 1);
	pthread_join(r->th, NULL);
	close(r->fd);
	pthread_mutex_destroy(&r->mu);
}

/* Waits up to secs for *n to reach want. */
static int
wait_for(atomic_int *n, int want, int secs)
{
	for (int i = 0; i < secs * 20 && atomic_load(n) < want; i++)
		nanosleep(&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
	return atomic_load(n);
}

static size_t
discard(char *p, size_t size, size_t n, void *ctx)
{
	(void)p, (void)ctx;
	return size * n;
}

/* ---- the server ---- */

static long long
q1(const char *sql, long long arg)
{
	struct db *db;
	int64_t v = -1;

	assert_int_equal(db_open(S.db, 0, &db), 0);
	if (db_get_i64(db, &v, sql, DB_I64(arg), DB_END))
		v = -1;
	db_close(db);
	return v;
}

static void
user_client(struct client *c, const char *name, const char *role, long long org)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"role\":\"%s\",\"scope\":[%lld]}", name,
	    role, org);
	assert_int_equal(api_user_client(&A, c, body, name), 0);
}

static int
setup(void **state)
{
	char hooks[256], smtp[96];

	(void)state;
	if (rx_start(&HOOK, 0, 2) || rx_start(&MAIL, 1, 0))
		return -1;
	if (srv_start(&S, 1, NULL))
		return -1;
	pc_a = q1("SELECT MIN(id) FROM org WHERE kind = 'party_committee' AND id > ?", 0);
	pc_b = q1("SELECT MIN(id) FROM org WHERE kind = 'party_committee' AND id > ?", pc_a);
	br_a = q1("SELECT MIN(id) FROM org WHERE kind = 'branch' AND parent_id = ?", pc_a);
	if (pc_a < 0 || pc_b < 0 || br_a < 0)
		return -1;
	/* School a's group robot is the receiver; school b's is unreachable
	 * (port 1 on loopback refuses at once). */
	snprintf(hooks, sizeof(hooks), "%lld=http://127.0.0.1:%d/cgi-bin/webhook/send?key=k1,"
	    "%lld=http://127.0.0.1:1/robot/send?access_token=t2", pc_a, HOOK.port, pc_b);
	snprintf(smtp, sizeof(smtp), "smtp://127.0.0.1:%d", MAIL.port);
	setenv("HONGYAN_NOTIFY_WEBHOOKS", hooks, 1);
	setenv("HONGYAN_SMTP_URL", smtp, 1);
	setenv("HONGYAN_SMTP_FROM", "dangjian@example.cn", 1);
	setenv("HONGYAN_NOTIFY_RETRY_SECONDS", "1", 1);
	setenv("HONGYAN_NOTIFY_ATTEMPTS", ATTEMPTS, 1);
	setenv("HONGYAN_NOTIFY_DIGEST_DAYS", "0", 1);	/* test_notify_digest turns it on */
	if (srv_restart(&S, NULL))
		return -1;
	client_init(&A, &S);
	api_admin(&A, ADMIN_PW);
	user_client(&SA, "notify_sec_a", "secretary", pc_a);
	user_client(&SB, "notify_sec_b", "secretary", pc_b);
	client_init(&ADM, &S);
	api_sysadmin(&ADM);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&SA);
	client_release(&SB);
	client_release(&ADM);
	srv_stop(&S);
	rx_stop(&HOOK);
	rx_stop(&MAIL);
	return 0;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static long long
num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static long long
issue(long long org, const char *title)
{
	json_t *j = NULL;
	char body[512];
	long long id;

	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"%s\",\"detail\":\"现场检查发现\","
	    "\"severity\":\"major\",\"deadline\":\"2099-12-31\",\"evidence_required\":\"会议记录\"}",
	    org, title);
	assert_int_equal(api_call(&A, "POST", "/api/v1/findings", body, &j), 201);
	id = num(j, "id");
	json_decref(j);
	return id;
}

/* c's notifications of kind (NULL: all): how many, and the newest's id. */
static long long
count_kind(struct client *c, const char *kind, long long *newest)
{
	json_t *j = NULL, *it;
	long long n = 0;
	size_t i;

	assert_int_equal(api_call(c, "GET", "/api/v1/notifications?per_page=100", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		if (kind && strcmp(str(it, "kind"), kind))
			continue;
		if (!n && newest)
			*newest = num(it, "id");
		n++;
	}
	json_decref(j);
	return n;
}

static long long
unread(struct client *c)
{
	json_t *j = NULL;
	long long n;

	assert_int_equal(api_call(c, "GET", "/api/v1/notifications/unread", NULL, &j), 200);
	n = num(j, "unread");
	json_decref(j);
	return n;
}

/* ---- tests ---- */

/* The user's own settings: e-mail syntax and known kinds, each named
 * (NOTIFY-02: no header injection). */
static void
test_notify_settings_validated(void **state)
{
	json_t *j = NULL;

	(void)state;
	assert_int_equal(api_call(&SA, "PUT", "/api/v1/session/notify-settings",
	    "{\"email\":\"sec_a@\",\"email_kinds\":[]}", &j), 422);
	assert_true(api_has_field(j, "email"));
	json_decref(j);
	j = NULL;
	assert_int_equal(api_call(&SA, "PUT", "/api/v1/session/notify-settings",
	    "{\"email\":\"a\\r\\nBcc: x@evil.cn\",\"email_kinds\":[]}", &j), 422);
	assert_true(api_has_field(j, "email"));
	json_decref(j);
	j = NULL;
	assert_int_equal(api_call(&SA, "PUT", "/api/v1/session/notify-settings",
	    "{\"email\":\"\",\"email_kinds\":[\"finding_issued\",\"nope\"],\"sms\":1}", &j), 422);
	assert_true(api_has_field(j, "email_kinds[1]"));
	assert_true(api_has_field(j, "sms"));
	json_decref(j);
	j = NULL;
	assert_int_equal(api_call(&SA, "PUT", "/api/v1/session/notify-settings", "[1]", &j), 400);
	json_decref(j);
	j = NULL;
	assert_int_equal(api_call(&SA, "PUT", "/api/v1/session/notify-settings",
	    "{\"email\":\"sec_a@example.cn\",\"email_kinds\":[\"finding_issued\"]}", &j), 200);
	assert_string_equal(str(j, "email"), "sec_a@example.cn");
	assert_true(json_is_true(json_object_get(j, "email_channel")));
	json_decref(j);
	j = NULL;
	assert_int_equal(api_call(&SA, "GET", "/api/v1/session/notify-settings", NULL, &j), 200);
	{
		json_t *it;
		size_t i;
		int on = 0;

		json_array_foreach(json_object_get(j, "kinds"), i, it)
			if (json_is_true(json_object_get(it, "email")))
				on++, assert_string_equal(str(it, "kind"), "finding_issued");
		assert_int_equal(on, 1);
	}
	json_decref(j);
	/* The administrators have no business messages (SEC-05). */
	assert_int_equal(api_call(&ADM, "GET", "/api/v1/notifications", NULL, NULL), 403);
}

/* NOTIFY-02, NOTIFY-03. A finding issued to school a: its secretary (and
 * only they, of the two schools) hears of it once; the robot of school a gets "1 项" exactly
 * once after two 500s; the mail reaches the SMTP receiver. */
static void
test_notify_finding_issued_once_in_scope(void **state)
{
	long long id, nid = 0, before_b = count_kind(&SB, NULL, NULL);
	char link[64];
	json_t *j = NULL, *it;
	time_t t0 = time(NULL);

	(void)state;
	id = issue(pc_a, "三会一课记录不全");
	assert_true(time(NULL) - t0 <= 2);	/* the webhook is not waited for */
	snprintf(link, sizeof(link), "/findings?open=%lld", id);
	assert_int_equal(count_kind(&SA, "finding_issued", &nid), 1);
	assert_int_equal(count_kind(&SB, NULL, NULL), before_b);	/* another school: nothing */
	assert_int_equal(unread(&SA), 1);
	assert_int_equal(api_call(&SA, "GET", "/api/v1/notifications?unread=1", NULL, &j), 200);
	assert_int_equal(num(j, "total"), 1);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(str(it, "link"), link);
	assert_non_null(strstr(str(it, "title"), "三会一课记录不全"));
	assert_string_equal(str(it, "kind_label"), "整改事项下发");
	assert_true(json_is_false(json_object_get(it, "read")));
	json_decref(j);

	/* The robot: two 500s, then once, with a count and a link only. */
	assert_int_equal(wait_for(&HOOK.got, 1, 20), 1);
	assert_int_equal(atomic_load(&HOOK.hits), 3);
	pthread_mutex_lock(&HOOK.mu);
	assert_non_null(strstr(HOOK.last, "\"msgtype\":\"text\""));
	assert_non_null(strstr(HOOK.last, "新下发整改事项 1 项"));
	assert_non_null(strstr(HOOK.last, link));
	assert_null(strstr(HOOK.last, "三会一课记录不全"));	/* counts and links, no content */
	pthread_mutex_unlock(&HOOK.mu);
	nanosleep(&(struct timespec){ 3, 0 }, NULL);
	assert_int_equal(atomic_load(&HOOK.got), 1);	/* never again */
	assert_int_equal(atomic_load(&HOOK.hits), 3);

	/* The mail: sec_a chose e-mail for finding_issued. */
	assert_int_equal(wait_for(&MAIL.got, 1, 15), 1);
	pthread_mutex_lock(&MAIL.mu);
	assert_non_null(strstr(MAIL.rcpt, "<sec_a@example.cn>"));
	assert_non_null(strstr(MAIL.last, "To: <sec_a@example.cn>"));
	assert_non_null(strstr(MAIL.last, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(MAIL.last, link));
	pthread_mutex_unlock(&MAIL.mu);
	assert_int_equal(q1("SELECT COUNT(*) FROM notify_outbox WHERE state = 'sent' AND id > ?", 0),
	    2);
}

/* NOTIFY-02. Read: only one's own (a foreign id is 404 and stays unread), then
 * read-all. */
static void
test_notify_read_own_only(void **state)
{
	long long nid = 0;
	char path[96];
	json_t *j = NULL;

	(void)state;
	assert_int_equal(count_kind(&SA, "finding_issued", &nid), 1);
	snprintf(path, sizeof(path), "/api/v1/notifications/%lld/read", nid);
	assert_int_equal(api_call(&SB, "POST", path, NULL, &j), 404);
	json_decref(j);
	assert_int_equal(api_call(&SB, "POST", "/api/v1/notifications/99999999/read", NULL, NULL),
	    404);
	assert_int_equal(unread(&SA), 1);
	assert_int_equal(api_call(&SA, "POST", path, NULL, &j), 200);
	assert_int_equal(num(j, "unread"), 0);
	json_decref(j);
	assert_int_equal(api_call(&SA, "POST", path, NULL, NULL), 200);	/* idempotent */
	assert_int_equal(unread(&SA), 0);
	j = NULL;
	assert_int_equal(api_call(&SA, "GET", "/api/v1/notifications?unread=1", NULL, &j), 200);
	assert_int_equal(num(j, "total"), 0);
	json_decref(j);
	j = NULL;
	assert_int_equal(api_call(&SA, "GET", "/api/v1/notifications?unread=2", NULL, &j), 422);
	assert_true(api_has_field(j, "unread"));
	json_decref(j);
	assert_true(unread(&A) > 0);
	j = NULL;
	assert_int_equal(api_call(&A, "POST", "/api/v1/notifications/read-all", "{\"user_id\":1}",
	    &j), 422);
	assert_true(api_has_field(j, "user_id"));
	json_decref(j);
	assert_true(unread(&A) > 0);
	j = NULL;
	assert_int_equal(api_call(&A, "POST", "/api/v1/notifications/read-all", "{}", &j), 200);
	assert_true(num(j, "marked") > 0);
	json_decref(j);
	assert_int_equal(unread(&A), 0);
}

/* The rest of the loop: submitted (district staff), returned and verified
 * (the school). */
static void
test_notify_finding_steps(void **state)
{
	long long id = issue(pc_a, "发展党员材料不规范");
	char path[96];

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/findings/%lld/start", id);
	assert_int_equal(api_call(&SA, "POST", path, NULL, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/findings/%lld/submit", id);
	assert_int_equal(api_call(&SA, "POST", path, "{\"evidence\":\"已整改\"}", NULL), 200);
	assert_int_equal(count_kind(&A, "finding_submitted", NULL) >= 1, 1);
	assert_int_equal(unread(&A), 1);
	assert_int_equal(count_kind(&SB, "finding_submitted", NULL), 0);
	snprintf(path, sizeof(path), "/api/v1/findings/%lld/return", id);
	assert_int_equal(api_call(&A, "POST", path, "{\"reason\":\"缺少签到表\"}", NULL), 200);
	assert_int_equal(count_kind(&SA, "finding_returned", NULL), 1);
	snprintf(path, sizeof(path), "/api/v1/findings/%lld/submit", id);
	assert_int_equal(api_call(&SA, "POST", path, "{\"evidence\":\"补充签到表\"}", NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/findings/%lld/verify", id);
	assert_int_equal(api_call(&A, "POST", path, "{\"note\":\"整改到位\"}", NULL), 200);
	assert_int_equal(count_kind(&SA, "finding_verified", NULL), 1);
	assert_int_equal(count_kind(&SB, NULL, NULL), 0);
}

/* NOTIFY-03. An unreachable robot: the issue answers at once, the message ends dead
 * after its attempts, visible to the system administrator only, masked. */
static void
test_notify_dead_letter(void **state)
{
	time_t t0 = time(NULL);
	json_t *j = NULL, *it;
	long long dead = 0;

	(void)state;
	issue(pc_b, "党费收缴台账缺失");
	assert_true(time(NULL) - t0 <= 2);
	assert_int_equal(count_kind(&SB, "finding_issued", NULL), 1);
	for (int i = 0; i < 300 && dead < 1; i++) {
		nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
		dead = q1("SELECT COUNT(*) FROM notify_outbox WHERE state = 'dead' AND id > ?", 0);
	}
	assert_int_equal(dead, 1);
	assert_int_equal(q1("SELECT attempts FROM notify_outbox WHERE state = 'dead' AND id > ?", 0),
	    atoi(ATTEMPTS));
	assert_int_equal(api_call(&A, "GET", "/api/v1/system/dead-letters", NULL, NULL), 403);
	assert_int_equal(api_call(&ADM, "GET", "/api/v1/system/dead-letters", NULL, &j), 200);
	assert_int_equal(num(j, "total"), 1);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(str(it, "channel"), "webhook");
	assert_string_equal(str(it, "target"), "http://127.0.0.1:1/…");	/* the token hidden */
	assert_int_equal(num(it, "attempts"), atoi(ATTEMPTS));
	assert_true(strlen(str(it, "last_error")) > 0);
	json_decref(j);
	j = NULL;
	assert_int_equal(api_call(&ADM, "GET", "/api/v1/system", NULL, &j), 200);
	assert_int_equal(num(json_object_get(j, "counts"), "outbox_dead"), 1);
	json_decref(j);
}

/* NOTIFY-04. A development step overdue: the secretary of the applicant's school
 * hears of it from the daily pass, once, however often the pass runs. */
static void
test_notify_step_overdue_once(void **state)
{
	char body[320];
	json_t *j = NULL;
	long long ap, nid = 0;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"name\":\"林晓\",\"id_card\":"
	    "\"500103199505061233\",\"applied_on\":\"2024-01-10\",\"education\":\"本科\","
	    "\"post\":\"教师\"}", br_a);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/applicants", body, &j), 201);
	ap = num(j, "id");
	json_decref(j);
	assert_int_equal(count_kind(&SA, "step_overdue", NULL), 0);
	assert_int_equal(srv_restart(&S, NULL), 0);	/* the pass runs at start */
	assert_int_equal(count_kind(&SA, "step_overdue", &nid), 1);
	snprintf(body, sizeof(body), "/applicants?open=%lld", ap);
	j = NULL;
	assert_int_equal(api_call(&SA, "GET", "/api/v1/notifications?per_page=1", NULL, &j), 200);
	assert_string_equal(str(json_array_get(json_object_get(j, "items"), 0), "link"), body);
	assert_null(strstr(str(json_array_get(json_object_get(j, "items"), 0), "title"), "林晓"));
	json_decref(j);
	assert_int_equal(srv_restart(&S, NULL), 0);
	assert_int_equal(count_kind(&SA, "step_overdue", NULL), 1);
	assert_int_equal(count_kind(&SB, "step_overdue", NULL), 0);
	assert_int_equal(q1("SELECT COUNT(*) FROM notify_step_sent WHERE applicant_id = ?", ap), 1);
}

/* An exchange post approved and commented: its author hears, not of their
 * own comment. */
static void
test_notify_exchange_author(void **state)
{
	char body[256], path[96];
	json_t *j = NULL;
	long long id;

	(void)state;
	snprintf(body, sizeof(body), "{\"org_id\":%lld,\"title\":\"主题党日经验\","
	    "\"body\":\"我们的做法\"}", pc_a);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/exchange", body, &j), 201);
	id = num(j, "id");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/submit", id);
	assert_int_equal(api_call(&SA, "POST", path, NULL, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/publish", id);
	assert_int_equal(api_call(&A, "POST", path, NULL, NULL), 200);
	assert_int_equal(count_kind(&SA, "exchange_published", NULL), 1);
	snprintf(path, sizeof(path), "/api/v1/exchange/%lld/comments", id);
	assert_int_equal(api_call(&SA, "POST", path, "{\"body\":\"补充一点\"}", NULL), 201);
	assert_int_equal(count_kind(&SA, "exchange_commented", NULL), 0);
	assert_int_equal(api_call(&A, "POST", path, "{\"body\":\"很好的经验\"}", NULL), 201);
	assert_int_equal(count_kind(&SA, "exchange_commented", NULL), 1);
	assert_int_equal(count_kind(&SB, "exchange_commented", NULL), 0);
}

/* A transfer's letter sent: the receiving school's secretary hears of it,
 * the sending one does not. */
static void
test_notify_transfer_arriving(void **state)
{
	long long br_b = q1("SELECT MIN(id) FROM org WHERE kind = 'branch' AND parent_id = ?", pc_b);
	long long m = q1("SELECT MIN(id) FROM member WHERE org_id = ? AND state = 'active'", br_a);
	char body[200], path[96];
	json_t *j = NULL;
	long long id;

	(void)state;
	assert_true(br_b > 0 && m > 0);
	snprintf(body, sizeof(body), "{\"member_id\":%lld,\"direction\":\"internal\",\"to_org_id\":"
	    "%lld}", m, br_b);
	assert_int_equal(api_call(&SA, "POST", "/api/v1/transfers", body, &j), 201);
	id = num(j, "id");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/transfers/%lld/approve", id);
	assert_int_equal(api_call(&SA, "POST", path, NULL, NULL), 200);
	assert_int_equal(count_kind(&SB, "transfer_arriving", NULL), 0);
	snprintf(path, sizeof(path), "/api/v1/transfers/%lld/send", id);
	assert_int_equal(api_call(&SA, "POST", path, "{\"letter_no\":\"渝教转〔2026〕9号\"}", NULL),
	    200);
	assert_int_equal(count_kind(&SB, "transfer_arriving", NULL), 1);
	assert_int_equal(count_kind(&SA, "transfer_arriving", NULL), 0);
}

/* A review round: the evaluators added hear it is open, nobody else
 * (publication is checked in test_api_reviews.c, where ballots are cast). */
static void
test_notify_review_round(void **state)
{
	long long sa = q1("SELECT id FROM app_user WHERE username = 'notify_sec_a' AND id > ?", 0);
	long long sb = q1("SELECT id FROM app_user WHERE username = 'notify_sec_b' AND id > ?", 0);
	char body[160], path[96];
	json_t *j = NULL;
	long long id;

	(void)state;
	assert_int_equal(api_call(&A, "POST", "/api/v1/reviews", "{\"year\":2026,\"name\":"
	    "\"消息测试评议\"}", &j), 201);
	id = num(j, "id");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/secretaries", id);
	snprintf(body, sizeof(body), "{\"user_ids\":[%lld]}", sa);
	assert_int_equal(api_call(&A, "POST", path, body, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/reviews/%lld/evaluators", id);
	snprintf(body, sizeof(body), "{\"group\":\"secretary\",\"user_ids\":[%lld]}", sb);
	assert_int_equal(api_call(&A, "POST", path, body, NULL), 200);
	assert_int_equal(count_kind(&SB, "review_opened", NULL), 1);
	assert_int_equal(count_kind(&SA, "review_opened", NULL), 0);
}

/* GET /api/v1/notifications/unread as c's session with "X-Hongyan-Poll: 1",
 * as the console's bell sends it; the status. */
static long
poll_unread(struct client *c)
{
	struct curl_slist *cookies = NULL, *h = NULL;
	CURL *k = curl_easy_init();
	char url[256], cookie[512] = "";
	long code = 0;

	curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST, &cookies);
	for (struct curl_slist *it = cookies; it; it = it->next) {
		/* Netscape format: domain, flag, path, secure, expiry, name, value. */
		const char *f = it->data;

		for (int tabs = 0; tabs < 5 && f; tabs++)
			f = strchr(f, '\t') ? strchr(f, '\t') + 1 : NULL;
		if (f)
			snprintf(cookie + strlen(cookie), sizeof(cookie) - strlen(cookie), "%s%.*s=%s",
			    *cookie ? "; " : "", (int)strcspn(f, "\t"), f, strchr(f, '\t') + 1);
	}
	curl_slist_free_all(cookies);
	snprintf(url, sizeof(url), "%s/api/v1/notifications/unread", c->s->base);
	h = curl_slist_append(h, "X-Hongyan-Poll: 1");
	curl_easy_setopt(k, CURLOPT_URL, url);
	curl_easy_setopt(k, CURLOPT_COOKIE, cookie);
	curl_easy_setopt(k, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(k, CURLOPT_WRITEFUNCTION, discard);
	if (curl_easy_perform(k) == CURLE_OK)
		curl_easy_getinfo(k, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(h);
	curl_easy_cleanup(k);
	return code;
}

/* SEC-02: the bell's poll every minute must not keep an unattended
 * console logged in: a poll leaves the session's idle clock alone, a
 * request of the user's moves it. */
static void
test_notify_poll_is_not_activity(void **state)
{
	struct db *db;
	long long then = (long long)time(NULL) - 120, seen;

	(void)state;
	assert_int_equal(db_open(S.db, 0, &db), 0);
	assert_int_equal(db_exec(db, "UPDATE session SET last_seen = ? WHERE user_id = (SELECT id FROM"
	    " app_user WHERE username = 'notify_sec_b')", DB_I64(then), DB_END), 0);
	db_close(db);
	assert_int_equal(poll_unread(&SB), 200);
	seen = q1("SELECT MAX(last_seen) FROM session WHERE user_id = (SELECT id FROM app_user"
	    " WHERE username = 'notify_sec_b') AND ? = 1", 1);
	assert_int_equal(seen, then);
	assert_int_equal(unread(&SB) >= 0, 1);		/* the user's own request */
	seen = q1("SELECT MAX(last_seen) FROM session WHERE user_id = (SELECT id FROM app_user"
	    " WHERE username = 'notify_sec_b') AND ? = 1", 1);
	assert_true(seen >= then + 100);
}

/* NOTIFY-01. Retention: a notification older than HONGYAN_NOTIFY_KEEP_DAYS (180) is
 * gone after the serve loop's housekeeping (at start); a recent one stays. */
static void
test_notify_retention(void **state)
{
	struct db *db;
	long long before = count_kind(&SA, NULL, NULL);

	(void)state;
	assert_int_equal(db_open(S.db, 0, &db), 0);
	assert_int_equal(db_exec(db, "INSERT INTO notification (user_id, kind, title, link, created_at)"
	    " SELECT id, 'announcement', '很久以前的通知', '', ? FROM app_user"
	    " WHERE username = 'notify_sec_a'", DB_I64(time(NULL) - 181 * 86400LL), DB_END), 0);
	assert_int_equal(db_exec(db, "INSERT INTO notification (user_id, kind, title, link, created_at)"
	    " SELECT id, 'announcement', '上个月的通知', '', ? FROM app_user"
	    " WHERE username = 'notify_sec_a'", DB_I64(time(NULL) - 30 * 86400LL), DB_END), 0);
	db_close(db);
	assert_int_equal(count_kind(&SA, "announcement", NULL), 2);
	assert_int_equal(srv_restart(&S, NULL), 0);
	assert_int_equal(count_kind(&SA, "announcement", NULL), 1);
	assert_int_equal(count_kind(&SA, NULL, NULL), before + 1);
	assert_int_equal(q1("SELECT COUNT(*) FROM audit WHERE action = 'expire' AND entity = 'notification' AND id > ?", 0), 1);
}

/* The system administrator puts a dead letter back in the queue. */
static void
test_notify_dead_letter_retry(void **state)
{
	long long id = q1("SELECT MAX(id) FROM notify_outbox WHERE state = 'dead' AND id > ?", 0);
	char path[96];

	(void)state;
	assert_true(id > 0);
	snprintf(path, sizeof(path), "/api/v1/system/dead-letters/%lld/retry", id);
	assert_int_equal(api_call(&A, "POST", path, NULL, NULL), 403);
	assert_int_equal(api_call(&ADM, "POST", path, NULL, NULL), 200);
	assert_int_equal(q1("SELECT COUNT(*) FROM notify_outbox WHERE state = 'dead' AND id = ?", id), 0);
	assert_int_equal(api_call(&ADM, "POST", "/api/v1/system/dead-letters/99999999/retry", NULL,
	    NULL), 404);
}

/* NOTIFY-04. The group robots' digest: counts under the robot's school and a link,
 * once per period however often the server starts. */
static void
test_notify_digest(void **state)
{
	int got;

	(void)state;
	for (int i = 0; i < 100 && q1("SELECT COUNT(*) FROM notify_outbox WHERE state = 'pending'"
	    " AND target LIKE '%key=k1' AND id > ?", 0); i++)
		nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
	got = atomic_load(&HOOK.got);
	setenv("HONGYAN_NOTIFY_DIGEST_DAYS", "7", 1);
	assert_int_equal(srv_restart(&S, NULL), 0);
	assert_int_equal(wait_for(&HOOK.got, got + 1, 15), got + 1);
	pthread_mutex_lock(&HOOK.mu);
	{
		const char *p = strstr(HOOK.last, "近 7 天新下发整改事项 ");

		assert_non_null(p);
		assert_true(atoi(p + strlen("近 7 天新下发整改事项 ")) >= 2);	/* this file's two */
	}
	assert_non_null(strstr(HOOK.last, "/findings"));
	assert_null(strstr(HOOK.last, "三会一课"));
	pthread_mutex_unlock(&HOOK.mu);
	assert_int_equal(srv_restart(&S, NULL), 0);
	nanosleep(&(struct timespec){ 2, 0 }, NULL);
	assert_int_equal(atomic_load(&HOOK.got), got + 1);
}

/* SEC-03: with an SMTP login configured and a server that offers no TLS
 * (the test's receiver has no STARTTLS), the password is never sent: no
 * AUTH reaches the receiver, no mail goes out, the message ends dead. */
static void
test_notify_smtp_login_needs_tls(void **state)
{
	int got = atomic_load(&MAIL.got);
	long long dead = 0, before = q1("SELECT COALESCE(MAX(id), 0) FROM notify_outbox"
	    " WHERE id > ?", 0);

	(void)state;
	setenv("HONGYAN_SMTP_USER", "dangjian", 1);
	setenv("HONGYAN_SMTP_PASSWORD", "never-in-clear", 1);
	assert_int_equal(srv_restart(&S, NULL), 0);
	issue(pc_a, "制度上墙未落实");
	for (int i = 0; i < 300 && dead < 1; i++) {
		nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
		dead = q1("SELECT COUNT(*) FROM notify_outbox WHERE channel = 'email'"
		    " AND state = 'dead' AND id > ?", before);
	}
	assert_int_equal(dead, 1);
	assert_int_equal(atomic_load(&MAIL.auth), 0);
	assert_int_equal(atomic_load(&MAIL.got), got);
	unsetenv("HONGYAN_SMTP_USER");
	unsetenv("HONGYAN_SMTP_PASSWORD");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notify_settings_validated),
		cmocka_unit_test(test_notify_finding_issued_once_in_scope),
		cmocka_unit_test(test_notify_read_own_only),
		cmocka_unit_test(test_notify_finding_steps),
		cmocka_unit_test(test_notify_dead_letter),
		cmocka_unit_test(test_notify_step_overdue_once),
		cmocka_unit_test(test_notify_exchange_author),
		cmocka_unit_test(test_notify_transfer_arriving),
		cmocka_unit_test(test_notify_review_round),
		cmocka_unit_test(test_notify_poll_is_not_activity),
		cmocka_unit_test(test_notify_retention),
		cmocka_unit_test(test_notify_dead_letter_retry),
		cmocka_unit_test(test_notify_digest),
		cmocka_unit_test(test_notify_smtp_login_needs_tls),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
