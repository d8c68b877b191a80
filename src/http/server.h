/* server.h: the HTTP server: libmicrohttpd with an epoll thread pool, one
 * database connection per pool thread, the route table for /api/v1, the
 * console's static files, /healthz and /metrics. */
#ifndef HY_SERVER_H
#define HY_SERVER_H

#include "core/err.h"

struct server;

/* Starts listening on cfg.listen with cfg.threads workers. On success
 * *out is running; the caller stops it with server_stop(). */
enum err server_start(struct server **out);
/* The port actually bound (useful with port 0). */
int server_port(const struct server *s);
/* Stops accepting, finishes in-flight requests, closes every connection. */
void server_stop(struct server *s);

#endif
