#include "core/common.h"
#include "http/server.h"
#include "core/config.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "http/cache.h"
#include "http/metrics.h"
#include "http/reply.h"
#include "http/router.h"
#include "http/static.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
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

static void
client_address(struct req *rq)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(rq->address, sizeof(rq->address), "%s", "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, rq->address,
		    sizeof(rq->address));
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, rq->address,
		    sizeof(rq->address));
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
	if (rp->set_cookie)
		MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rp->set_cookie);
	if (rp->disposition)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, rp->disposition);
	if (rp->status == 429 && rp->problem.retry_after > 0) {
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

static enum MHD_Result
dispatch(struct req *rq)
{
	struct reply rp = { .status = 200, .body = BUF_INIT(64u << 20) };
	enum MHD_Result ret;

	client_address(rq);
	rq->who.address = rq->address;
	if (!strncmp(rq->url, "/api/", 5)) {
		serve_api(rq, &rp);
	} else if (!strcmp(rq->url, "/healthz")) {
		rq->db = worker_db();
		rp.status = rq->db ? 200 : 503;
		rp.content_type = "text/plain; charset=utf-8";
		buf_adds(&rp.body, rq->db ? "ok\n" : "database unavailable\n");
	} else if (!strcmp(rq->url, "/metrics")) {
		rp.content_type = "text/plain; version=0.0.4";
		metrics_render(&rp.body);
	} else {
		buf_release(&rp.body);
		return static_serve(rq->conn, rq->method, rq->url, cfg.web_dir);
	}
	ret = queue_reply(rq, &rp);
	buf_release(&rp.body);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload, size_t *upload_size, void **req_cls)
{
	struct req *rq = *req_cls;

	(void)cls;
	(void)version;
	if (!rq) {
		/* Answer on a later call: a response queued on the first one goes
		 * out with Connection: close (DESIGN.md, measured). */
		rq = xcalloc(1, sizeof(*rq));
		rq->conn = c;
		rq->url = url;
		rq->method = method;
		rq->body = (struct buf)BUF_INIT(router_body_limit(method, url) + 1);
		rq->t0_ns = mono_ns();
		*req_cls = rq;
		inflight++;
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
	(void)c;
	(void)toe;
	if (!rq)
		return;
	arena_release(&rq->arena);
	buf_release(&rq->body);
	free(rq);
	*req_cls = NULL;
	inflight--;
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
	s = xcalloc(1, sizeof(*s));
	s->d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    on_request, NULL, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)60, MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096, MHD_OPTION_END);
	if (!s->d) {
		log_error("cannot listen on %s", cfg.listen);
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
	MHD_stop_daemon(s->d);
	cache_free_all();
	pthread_mutex_lock(&dbs_lock);
	for (int i = 0; i < ndbs; i++)
		db_close(dbs[i]);
	ndbs = 0;
	pthread_mutex_unlock(&dbs_lock);
	free(s);
}
