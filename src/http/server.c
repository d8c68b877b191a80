#include "core/common.h"
#include "http/server.h"
#include "core/config.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "auth/crypto.h"
#include "http/cache.h"
#include "http/guard.h"
#include "http/metrics.h"
#include "http/reply.h"
#include "http/router.h"
#include "http/static.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct server {
	struct MHD_Daemon *d;
	int port;
};

/* Every worker's connection, so server_stop() can close them all. */
static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *dbs[512];
static int ndbs;
static _Thread_local struct db *thread_db;
/* Requests begun and not yet completed, so a stop can let them finish. */
static _Atomic int inflight;

static struct db *
worker_db(void)
{
	if (thread_db)
		return thread_db;
	if (db_open(cfg.db_path, 0, &thread_db))
		return NULL;
	pthread_mutex_lock(&dbs_lock);
	assert(ndbs < (int)ARRAY_SIZE(dbs));
	dbs[ndbs++] = thread_db;
	pthread_mutex_unlock(&dbs_lock);
	return thread_db;
}

const char *
req_arg(struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *
req_header(struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *
req_cookie(struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

static uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int
req_is_https(const struct req *rq)
{
	return rq->https;
}

/* The configured trusted proxies (cfg.trusted_proxies), parsed once. */
struct ipaddr {
	int family;
	unsigned char a[16];
};

static struct ipaddr proxies[CONFIG_PROXIES_MAX];
static int nproxies;

static int
ip_parse(const char *s, struct ipaddr *ip)
{
	memset(ip, 0, sizeof(*ip));
	ip->family = AF_INET;
	if (inet_pton(AF_INET, s, ip->a) == 1)
		return 0;
	ip->family = AF_INET6;
	return inet_pton(AF_INET6, s, ip->a) == 1 ? 0 : -1;
}

static void
ip_text(const struct ipaddr *ip, char *out, size_t len)
{
	if (!inet_ntop(ip->family, ip->a, out, (socklen_t)len))
		snprintf(out, len, "-");
}

static int
ip_from_sockaddr(const struct sockaddr *sa, struct ipaddr *ip)
{
	memset(ip, 0, sizeof(*ip));
	if (sa && sa->sa_family == AF_INET) {
		ip->family = AF_INET;
		memcpy(ip->a, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		return 0;
	}
	if (sa && sa->sa_family == AF_INET6) {
		ip->family = AF_INET6;
		memcpy(ip->a, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
		return 0;
	}
	return -1;
}

static int
ip_trusted(const struct ipaddr *ip)
{
	for (int i = 0; i < nproxies; i++)
		if (proxies[i].family == ip->family && !memcmp(proxies[i].a, ip->a, 16))
			return 1;
	return 0;
}

static void
proxies_load(void)
{
	const char *s = cfg.trusted_proxies ? cfg.trusted_proxies : "";

	nproxies = 0;
	while (*s && nproxies < CONFIG_PROXIES_MAX) {
		char one[INET6_ADDRSTRLEN];
		size_t len;

		s += strspn(s, " ,");
		len = strcspn(s, ", ");
		if (!len || len >= sizeof(one))
			break;
		memcpy(one, s, len);
		one[len] = '\0';
		if (!ip_parse(one, &proxies[nproxies]))
			nproxies++;
		s += len;
	}
}

/* The last of a header's repeated values (a proxy appends; a client's own
 * copy comes first). */
struct last_header {
	const char *name;
	const char *value;
};

static enum MHD_Result
take_last(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct last_header *h = cls;

	(void)kind;
	if (key && value && !strcasecmp(key, h->name))
		h->value = value;
	return MHD_YES;
}

static const char *
header_last(struct MHD_Connection *c, const char *name)
{
	struct last_header h = { name, NULL };

	MHD_get_connection_values(c, MHD_HEADER_KIND, take_last, &h);
	return h.value;
}

/* Copies the list entry of s that ends at end (exclusive) into out,
 * trimmed; returns where that entry starts. */
static const char *
entry_before(const char *s, const char *end, char *out, size_t len)
{
	const char *start = end, *e = end;

	while (start > s && start[-1] != ',')
		start--;
	while (start < e && *start == ' ')
		start++;
	while (e > start && e[-1] == ' ')
		e--;
	if ((size_t)(e - start) >= len)
		e = start;	/* too long to be an address */
	memcpy(out, start, (size_t)(e - start));
	out[e - start] = '\0';
	while (start > s && start[-1] != ',')
		start--;
	return start > s ? start - 1 : s;
}

/* The client behind a trusted peer: walking X-Forwarded-For from the right,
 * the first entry that is not a trusted proxy. An entry that is not an
 * address ends the walk (nothing left of it can be believed); if no
 * untrusted address is found, the peer itself stands. */
static void
forwarded_client(struct MHD_Connection *c, struct ipaddr *client)
{
	const char *xff = header_last(c, "X-Forwarded-For");
	const char *end;

	if (!xff)
		return;
	end = xff + strlen(xff);
	while (end > xff) {
		char one[INET6_ADDRSTRLEN];
		struct ipaddr ip;

		end = entry_before(xff, end, one, sizeof(one));
		if (ip_parse(one, &ip))
			return;
		*client = ip;
		if (!ip_trusted(&ip))
			return;
	}
}

/* Sets rq->address (and rq->https): the socket's peer, or behind a
 * configured trusted proxy the client it forwards for. Headers from any
 * other peer are ignored: anybody can write X-Forwarded-For. */
static void
client_address(struct req *rq)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct ipaddr peer, client;

	rq->https = 0;
	if (ip_from_sockaddr(ci ? ci->client_addr : NULL, &peer)) {
		snprintf(rq->address, sizeof(rq->address), "%s", "-");
		return;
	}
	client = peer;
	if (ip_trusted(&peer)) {
		const char *proto = header_last(rq->conn, "X-Forwarded-Proto");
		char last[16];

		forwarded_client(rq->conn, &client);
		if (proto) {
			entry_before(proto, proto + strlen(proto), last, sizeof(last));
			rq->https = !strcasecmp(last, "https");
		}
	}
	ip_text(&client, rq->address, sizeof(rq->address));
	if (ip_trusted(&peer) && !ip_trusted(&client)) {
		/* Behind the proxy the per-address limit counts requests in
		 * flight, as connections are the proxy's. */
		if (guard_forwarded_enter(rq->address))
			rq->over_limit = 1;
		else
			rq->forwarded = 1;
	}
}

static enum MHD_Result
queue_reply(struct req *rq, struct reply *rp)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	struct stat st;
	size_t len;
	char *body;

	/* A file answer (an export) is sent from its descriptor, never held whole. */
	if (rp->file_fd > 0 && !fstat(rp->file_fd, &st)) {
		r = MHD_create_response_from_fd((uint64_t)st.st_size, rp->file_fd);
		rp->file_fd = 0;	/* MHD closes it */
	} else {
		body = buf_detach(&rp->body, &len);
		r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
	    rp->content_type ? rp->content_type : "application/json; charset=utf-8");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	/* No API answer (a downloaded file included) may run or be framed. */
	MHD_add_response_header(r, "Content-Security-Policy",
	    "default-src 'none'; frame-ancestors 'none'; sandbox");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	if (rp->set_cookie)
		MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rp->set_cookie);
	if (rp->disposition)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, rp->disposition);
	if ((rp->status == 429 || rp->status == 503) && rp->problem.retry_after > 0) {
		char ra[24];

		snprintf(ra, sizeof(ra), "%ld", rp->problem.retry_after);
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, ra);
	}
	ret = MHD_queue_response(rq->conn, (unsigned)rp->status, r);
	MHD_destroy_response(r);
	metrics_observe(rp->status, mono_ns() - rq->t0_ns);
	return ret;
}

static void
serve_api(struct req *rq, struct reply *rp)
{
	enum err e;

	if (rq->body_too_big) {
		reply_error(rp, ERR_TOO_BIG);
		return;
	}
	rq->db = worker_db();
	e = rq->db ? router_dispatch(rq, rp) : ERR_STORE;
	if (e)
		reply_error(rp, e);
}

/* --- heavy requests: run off the MHD threads ------------------------------
 * A heavy handler (an export of many seconds) run on an MHD pool thread
 * would stall every other connection that thread serves. So the router
 * only takes a heavy slot (guard_heavy_enter) and leaves the handler in
 * rq->heavy_fn; the connection is suspended and one of cfg.heavy_total
 * heavy threads runs it, at a lower CPU priority, then resumes it. There
 * are as many heavy threads as slots, so a request never waits in the
 * queue, and the MHD threads are always free for ordinary requests. */
static pthread_mutex_t heavy_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t heavy_cond = PTHREAD_COND_INITIALIZER;
static struct req *heavy_head, *heavy_tail;
static int heavy_stop;
static pthread_t heavy_threads[256];
static int nheavy;

static void
heavy_run(struct req *rq)
{
	enum err e;

	rq->db = worker_db();
	e = rq->db ? rq->heavy_fn(rq, rq->reply) : ERR_STORE;
	if (e)
		reply_error(rq->reply, e);
	guard_heavy_leave(rq->who.user_id);
	rq->heavy_fn = NULL;
	MHD_resume_connection(rq->conn);
}

static void *
heavy_main(void *arg)
{
	(void)arg;
	/* Ordinary requests win the CPU over exports. */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
	pthread_mutex_lock(&heavy_lock);
	for (;;) {
		struct req *rq = heavy_head;

		if (!rq) {
			if (heavy_stop)
				break;
			pthread_cond_wait(&heavy_cond, &heavy_lock);
			continue;
		}
		heavy_head = rq->heavy_next;
		if (!heavy_head)
			heavy_tail = NULL;
		pthread_mutex_unlock(&heavy_lock);
		heavy_run(rq);
		pthread_mutex_lock(&heavy_lock);
	}
	pthread_mutex_unlock(&heavy_lock);
	return NULL;
}

static enum MHD_Result
heavy_defer(struct req *rq, struct reply *rp)
{
	rq->reply = xmalloc(sizeof(*rq->reply));
	*rq->reply = *rp;	/* the body buffer moves with it */
	MHD_suspend_connection(rq->conn);
	pthread_mutex_lock(&heavy_lock);
	rq->heavy_next = NULL;
	if (heavy_tail)
		heavy_tail->heavy_next = rq;
	else
		heavy_head = rq;
	heavy_tail = rq;
	pthread_cond_signal(&heavy_cond);
	pthread_mutex_unlock(&heavy_lock);
	return MHD_YES;
}

static void
heavy_threads_stop(void)
{
	pthread_mutex_lock(&heavy_lock);
	heavy_stop = 1;
	pthread_cond_broadcast(&heavy_cond);
	pthread_mutex_unlock(&heavy_lock);
	for (int i = 0; i < nheavy; i++)
		pthread_join(heavy_threads[i], NULL);
	nheavy = 0;
	heavy_stop = 0;
}

static int
heavy_threads_start(void)
{
	for (long i = 0; i < cfg.heavy_total && nheavy < (int)ARRAY_SIZE(heavy_threads); i++) {
		if (pthread_create(&heavy_threads[nheavy], NULL, heavy_main, NULL))
			return -1;
		nheavy++;
	}
	return 0;
}

static void
reply_free(struct reply *rp)
{
	if (!rp)
		return;
	if (rp->file_fd > 0)
		close(rp->file_fd);
	buf_release(&rp->body);
	free(rp);
}

/* /metrics: only with "Authorization: Bearer <cfg.metrics_token>" (the
 * token compared in constant time); with no token configured it does not
 * exist (404). */
static int
metrics_allowed(struct req *rq, struct reply *rp)
{
	const char *auth = req_header(rq, MHD_HTTP_HEADER_AUTHORIZATION);

	if (!cfg.metrics_token || !*cfg.metrics_token) {
		rp->status = 404;
		buf_adds(&rp->body, "not found\n");
		return 0;
	}
	if (auth && !strncmp(auth, "Bearer ", 7) && crypto_str_equal(auth + 7, cfg.metrics_token))
		return 1;
	rp->status = 401;
	buf_adds(&rp->body, "unauthorized\n");
	return 0;
}

static enum MHD_Result
dispatch(struct req *rq)
{
	struct reply rp = { .status = 200, .body = BUF_INIT(64u << 20) };
	enum MHD_Result ret;

	if (rq->reply) {
		/* Resumed after its heavy handler ran. */
		ret = queue_reply(rq, rq->reply);
		reply_free(rq->reply);
		rq->reply = NULL;
		return ret;
	}
	rq->who.address = rq->address;
	if (rq->over_limit) {
		rp.problem.retry_after = 1;
		problem_set(&rp.problem, ERR_LOCKED, "too_many_requests",
		    "来自您所在地址的请求过多，请稍后再试");
		reply_error(&rp, ERR_LOCKED);
	} else if (!strncmp(rq->url, "/api/", 5)) {
		serve_api(rq, &rp);
		if (rq->heavy_fn)
			return heavy_defer(rq, &rp);
	} else if (!strcmp(rq->url, "/healthz")) {
		rq->db = worker_db();
		rp.status = rq->db ? 200 : 503;
		rp.content_type = "text/plain; charset=utf-8";
		buf_adds(&rp.body, rq->db ? "ok\n" : "database unavailable\n");
	} else if (!strcmp(rq->url, "/metrics")) {
		rp.content_type = "text/plain; version=0.0.4";
		if (metrics_allowed(rq, &rp))
			metrics_render(&rp.body);
	} else {
		buf_release(&rp.body);
		return static_serve(rq->conn, rq->method, rq->url, cfg.web_dir);
	}
	ret = queue_reply(rq, &rp);
	buf_release(&rp.body);
	return ret;
}

static struct guard_conn *
conn_guard(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload, size_t *upload_size, void **req_cls)
{
	struct req *rq = *req_cls;

	(void)cls;
	(void)version;
	if (!rq) {
		/* The head is whole (MHD calls us first once it has it). Answer on
		 * a later call: a response queued on the first one goes out with
		 * Connection: close (DESIGN.md, measured). */
		guard_conn_head_done(conn_guard(c));
		rq = xcalloc(1, sizeof(*rq));
		rq->conn = c;
		rq->url = url;
		rq->method = method;
		rq->body = (struct buf)BUF_INIT(router_body_limit(method, url) + 1);
		rq->t0_ns = mono_ns();
		*req_cls = rq;
		inflight++;
		client_address(rq);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!rq->body_too_big && buf_add(&rq->body, upload, *upload_size))
			rq->body_too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	return dispatch(rq);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req *rq = *req_cls;

	(void)cls;
	(void)toe;
	/* The next request's head is due from now. */
	guard_conn_idle(conn_guard(c));
	if (!rq)
		return;
	if (rq->forwarded)
		guard_forwarded_leave(rq->address);
	reply_free(rq->reply);
	arena_release(&rq->arena);
	buf_release(&rq->body);
	free(rq);
	*req_cls = NULL;
	inflight--;
}

/* Each connection is counted against its address and watched for the
 * head deadline from its start (guard.h) until MHD closes it. */
static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
    enum MHD_ConnectionNotificationCode code)
{
	const union MHD_ConnectionInfo *fd, *ad;
	struct ipaddr peer;
	char text[INET6_ADDRSTRLEN];

	(void)cls;
	if (code != MHD_CONNECTION_NOTIFY_STARTED) {
		guard_conn_close(*socket_ctx);
		*socket_ctx = NULL;
		return;
	}
	fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	ad = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ip_from_sockaddr(ad ? ad->client_addr : NULL, &peer))
		snprintf(text, sizeof(text), "-");
	else
		ip_text(&peer, text, sizeof(text));
	*socket_ctx = guard_conn_open(fd ? fd->connect_fd : -1, text, ip_trusted(&peer));
}

static int
parse_listen(const char *s, struct sockaddr_in *sa)
{
	const char *colon = strrchr(s, ':');
	char host[64];
	long port;

	if (!colon || (size_t)(colon - s) >= sizeof(host) ||
	    config_parse_long(colon + 1, 0, 65535, &port))
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

enum err
server_start(struct server **out)
{
	struct sockaddr_in sa;
	struct server *s;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = (unsigned)(cfg.threads > 0 ? cfg.threads : (ncpu > 0 ? ncpu : 2));
	const union MHD_DaemonInfo *di;

	if (parse_listen(cfg.listen, &sa)) {
		log_error("bad listen address %s (want IPv4:port)", cfg.listen);
		return ERR_INVALID;
	}
	if (cfg.per_address_limit >= cfg.connection_limit) {
		log_error("the per-address limit (%ld) must be below the connection limit (%ld)",
		    cfg.per_address_limit, cfg.connection_limit);
		return ERR_INVALID;
	}
	proxies_load();
	if (guard_start() || heavy_threads_start()) {
		log_error("cannot start the server's threads");
		heavy_threads_stop();
		guard_stop();
		return ERR_STORE;
	}
	s = xcalloc(1, sizeof(*s));
	s->d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME |
	    MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    on_request, NULL, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg.idle_timeout_s,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg.connection_limit, MHD_OPTION_END);
	if (!s->d) {
		log_error("cannot listen on %s", cfg.listen);
		heavy_threads_stop();
		guard_stop();
		free(s);
		return ERR_STORE;
	}
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : ntohs(sa.sin_port);
	log_info("listening on http://%s (port %d, %u threads)", cfg.listen, s->port, threads);
	*out = s;
	return ERR_OK;
}

int
server_port(const struct server *s)
{
	return s->port;
}

void
server_stop(struct server *s)
{
	MHD_socket fd = MHD_quiesce_daemon(s->d);

	/* No new connections; give requests in flight up to 10 s to finish. */
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	for (int i = 0; i < 1000 && inflight > 0; i++)
		usleep(10000);
	heavy_threads_stop();	/* runs what is queued, then resumes those connections */
	MHD_stop_daemon(s->d);
	guard_stop();
	cache_free_all();
	pthread_mutex_lock(&dbs_lock);
	for (int i = 0; i < ndbs; i++)
		db_close(dbs[i]);
	ndbs = 0;
	pthread_mutex_unlock(&dbs_lock);
	free(s);
}
