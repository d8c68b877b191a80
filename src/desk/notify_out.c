/* notify_out.c: the sender thread of the outbound channels (notify_out.h). */
#include "core/common.h"
#include "desk/notify_out.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>

#define BATCH 16		/* rows tried per pass */
#define REPLY_MAX 4096		/* bytes of a webhook's answer kept */
#define BACKOFF_MAX_S 86400	/* retries are at most a day apart */

static pthread_t sender;
static atomic_int stopping;
static int started;

/* ---- one webhook POST ---- */

static size_t
keep_reply(char *p, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;

	if (b->len + size * n <= REPLY_MAX)
		buf_add(b, p, size * n);
	return size * n;
}

/* libcurl's progress hook: a stop request ends a transfer in flight. */
static int
abort_on_stop(void *ctx, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	(void)ctx, (void)a, (void)b, (void)c, (void)d;
	return atomic_load(&stopping);
}

static CURL *
easy(void)
{
	CURL *c = curl_easy_init();

	if (!c)
		return NULL;
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, cfg.notify_timeout_s);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, cfg.notify_timeout_s);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, abort_on_stop);
	return c;
}

/* 企业微信 and 钉钉 answer 200 with {"errcode":0,...}; another errcode is a
 * refusal (bad key, rate limit) and counts as a failure. */
static int
robot_refused(const struct buf *reply, char *err, size_t errlen)
{
	json_t *j = json_loadb(buf_str(reply), reply->len, 0, NULL);
	json_t *code = json_object_get(j, "errcode");
	int refused = json_is_integer(code) && json_integer_value(code) != 0;

	if (refused)
		snprintf(err, errlen, "robot errcode %" JSON_INTEGER_FORMAT,
		    json_integer_value(code));
	json_decref(j);
	return refused;
}

static int
send_webhook(const char *url, const char *body, char *err, size_t errlen)
{
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
	struct buf reply = BUF_INIT(REPLY_MAX);
	CURL *c = easy();
	long status = 0;
	CURLcode rc;
	int ok = 0;

	if (!c || !h) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_reply);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
	if ((rc = curl_easy_perform(c)) != CURLE_OK) {
		snprintf(err, errlen, "%s", curl_easy_strerror(rc));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status > 299)
		snprintf(err, errlen, "HTTP %ld", status);
	else
		ok = !robot_refused(&reply, err, errlen);
out:
	curl_slist_free_all(h);
	if (c)
		curl_easy_cleanup(c);
	buf_release(&reply);
	return ok;
}

/* ---- one mail over SMTP ---- */

struct upload {
	const char *p;
	size_t left;
};

static size_t
read_mail(char *out, size_t size, size_t n, void *ctx)
{
	struct upload *u = ctx;
	size_t k = size * n < u->left ? size * n : u->left;

	memcpy(out, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

/* RFC 5322 message: UTF-8 subject as an encoded word, CRLF line ends. */
static void
mail_text(struct buf *m, const char *to, const char *subject, const char *body)
{
	size_t n = strlen(subject);
	char *b64 = malloc(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL));
	char date[64];
	struct tm tm;
	time_t now = time(NULL);

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_addf(m, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\n", date, cfg.smtp_from, to);
	if (b64) {
		sodium_bin2base64(b64, sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL),
		    (const unsigned char *)subject, n, sodium_base64_VARIANT_ORIGINAL);
		buf_addf(m, "Subject: =?UTF-8?B?%s?=\r\n", b64);
		free(b64);
	}
	buf_adds(m, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	for (const char *p = body; *p; p++) {
		if (*p == '\n')
			buf_addc(m, '\r');
		buf_addc(m, *p);
	}
	buf_adds(m, "\r\n");
}

static int
send_mail(const char *to, const char *subject, const char *body, char *err, size_t errlen)
{
	struct curl_slist *rcpt = NULL;
	struct buf msg = BUF_INIT(4096);
	struct upload up;
	char addr[300];
	CURL *c;
	CURLcode rc;
	int ok = 0;

	if (!cfg.smtp_url || !*cfg.smtp_url) {
		snprintf(err, errlen, "no SMTP server configured");
		return 0;
	}
	if (!(c = easy())) {
		snprintf(err, errlen, "out of memory");
		return 0;
	}
	mail_text(&msg, to, subject, body);
	up = (struct upload){ buf_str(&msg), msg.len };
	snprintf(addr, sizeof(addr), "<%s>", to);
	rcpt = curl_slist_append(NULL, addr);
	snprintf(addr, sizeof(addr), "<%s>", cfg.smtp_from);
	curl_easy_setopt(c, CURLOPT_URL, cfg.smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_mail);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	/* A password never crosses the network in clear (SEC-03): with a
	 * login, TLS is required (smtps:// or STARTTLS); without one, it is
	 * used when the server offers it. */
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(cfg.smtp_user && *cfg.smtp_user ?
	    CURLUSESSL_ALL : CURLUSESSL_TRY));
	if (cfg.smtp_user && *cfg.smtp_user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg.smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg.smtp_password ? cfg.smtp_password : "");
	}
	if ((rc = curl_easy_perform(c)) != CURLE_OK)
		snprintf(err, errlen, "%s", curl_easy_strerror(rc));
	else
		ok = 1;
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_release(&msg);
	return ok;
}

/* ---- the queue ---- */

struct job {
	int64_t id, attempts;
	const char *channel, *target, *subject, *body;
};

/* The outcome of one try, in a transaction of its own (NOTIFY-03: retries
 * with doubling waits, then a dead letter). */
static enum err
record(struct db *db, const struct job *j, int ok, const char *error, int64_t now)
{
	struct who sys = WHO_SYSTEM;
	int64_t tries = j->attempts + 1, wait;
	enum err e = db_begin(db);

	if (e)
		return e;
	if (ok) {
		e = db_exec(db, "UPDATE notify_outbox SET state = 'sent', attempts = ?, done_at = ?,"
		    " last_error = '' WHERE id = ?", DB_I64(tries), DB_I64(now), DB_I64(j->id), DB_END);
	} else if (tries >= cfg.notify_attempts) {
		e = db_exec(db, "UPDATE notify_outbox SET state = 'dead', attempts = ?, done_at = ?,"
		    " last_error = ? WHERE id = ?", DB_I64(tries), DB_I64(now), DB_TEXT(error),
		    DB_I64(j->id), DB_END);
		if (!e)
			e = audit_write(db, &sys, "dead", "notify_outbox", j->id, NULL,
			    j->channel[0] == 'w' ? "{\"channel\":\"webhook\"}" : "{\"channel\":\"email\"}", 0);
		log_warn("notify: %s message %" PRId64 " dead after %" PRId64 " attempts: %s",
		    j->channel, j->id, tries, error);
	} else {
		wait = cfg.notify_retry_s;
		for (int64_t k = 1; k < tries && wait < BACKOFF_MAX_S; k++)
			wait *= 2;
		if (wait > BACKOFF_MAX_S)
			wait = BACKOFF_MAX_S;
		e = db_exec(db, "UPDATE notify_outbox SET attempts = ?, next_at = ?, last_error = ?"
		    " WHERE id = ?", DB_I64(tries), DB_I64(now + wait), DB_TEXT(error), DB_I64(j->id),
		    DB_END);
	}
	return db_end(db, e);
}

int
notify_out_run(struct db *db, int64_t now)
{
	struct arena a = ARENA_INIT;
	struct job jobs[BATCH];
	struct db_rows r;
	int n = 0;

	if (db_query(db, &r, "SELECT id, attempts, channel, target, subject, body FROM notify_outbox"
	    " WHERE state = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT ?", DB_I64(now),
	    DB_I64(BATCH), DB_END))
		return 0;
	while (n < BATCH && db_next(&r) == ERR_OK) {
		jobs[n] = (struct job){ db_i64(&r, 0), db_i64(&r, 1), arena_strdup(&a, db_text(&r, 2)),
			arena_strdup(&a, db_text(&r, 3)), arena_strdup(&a, db_text(&r, 4)),
			arena_strdup(&a, db_text(&r, 5)) };
		n++;
	}
	db_rows_close(&r);
	for (int i = 0; i < n && !atomic_load(&stopping); i++) {
		char err[256] = "";
		int ok = !strcmp(jobs[i].channel, "webhook") ?
		    send_webhook(jobs[i].target, jobs[i].body, err, sizeof(err)) :
		    send_mail(jobs[i].target, jobs[i].subject, jobs[i].body, err, sizeof(err));

		if (!atomic_load(&stopping) && record(db, &jobs[i], ok, err, time(NULL)))
			log_error("notify: cannot record the outcome of message %" PRId64, jobs[i].id);
	}
	arena_release(&a);
	return n;
}

static void *
sender_main(void *arg)
{
	struct db *db = NULL;

	(void)arg;
	if (db_open(cfg.db_path, 0, &db)) {
		log_error("notify: the sender cannot open the database; outbound messages wait");
		return NULL;
	}
	while (!atomic_load(&stopping)) {
		if (notify_out_run(db, time(NULL)) > 0)
			continue;
		for (int i = 0; i < 20 && !atomic_load(&stopping); i++)
			nanosleep(&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
	}
	db_close(db);
	return NULL;
}

int
notify_out_start(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		log_error("notify: libcurl cannot start");
		return -1;
	}
	atomic_store(&stopping, 0);
	if (pthread_create(&sender, NULL, sender_main, NULL)) {
		curl_global_cleanup();
		return -1;
	}
	started = 1;
	return 0;
}

void
notify_out_stop(void)
{
	if (!started)
		return;
	atomic_store(&stopping, 1);
	pthread_join(sender, NULL);
	curl_global_cleanup();
	started = 0;
}

/* ---- the dead-letter list ---- */

/* "s***@example.cn"; "https://host/…" (a robot's key is in its path or query). */
static const char *
mask(struct arena *a, const char *channel, const char *target)
{
	if (!strcmp(channel, "email")) {
		const char *at = strchr(target, '@');

		return arena_printf(a, "%c***%s", target[0], at ? at : "");
	}
	const char *host = strstr(target, "://");
	size_t n = host ? strcspn(host + 3, "/?#") + (size_t)(host + 3 - target) : strlen(target);

	return arena_printf(a, "%.*s%s", (int)n, target, target[n] ? "/…" : "");
}

enum err
notify_dead_list(struct db *db, int64_t page, int64_t per_page,
    void (*fn)(void *ctx, const struct notify_dead *d), void *ctx, int64_t *total)
{
	struct db_rows r;
	enum err e = db_get_i64(db, total, "SELECT COUNT(*) FROM notify_outbox WHERE state = 'dead'",
	    DB_END);

	if (!e)
		e = db_query(db, &r, "SELECT id, attempts, created_at, COALESCE(done_at, 0), channel,"
		    " target, last_error FROM notify_outbox WHERE state = 'dead' ORDER BY id DESC"
		    " LIMIT ? OFFSET ?", DB_I64(per_page), DB_I64((page - 1) * per_page), DB_END);
	if (e)
		return e;
	while ((e = db_next(&r)) == ERR_OK) {
		struct arena a = ARENA_INIT;
		struct notify_dead d = { db_i64(&r, 0), db_i64(&r, 1), db_i64(&r, 2), db_i64(&r, 3),
			db_text(&r, 4), NULL, db_text(&r, 6) };

		d.target = mask(&a, d.channel, db_text(&r, 5));
		fn(ctx, &d);
		arena_release(&a);
	}
	db_rows_close(&r);
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

enum err
notify_dead_retry(struct db *db, const struct who *w, int64_t id)
{
	enum err e = db_begin(db);

	if (e)
		return e;
	e = db_exec(db, "UPDATE notify_outbox SET state = 'pending', attempts = 0, next_at = ?,"
	    " done_at = NULL WHERE id = ? AND state = 'dead'", DB_I64(time(NULL)), DB_I64(id), DB_END);
	if (!e && db_changes(db) == 0)
		e = ERR_NOT_FOUND;
	if (!e)
		e = audit_write(db, w, "retry", "notify_outbox", id, "{\"state\":\"dead\"}",
		    "{\"state\":\"pending\"}", 1);
	return db_end(db, e);
}
