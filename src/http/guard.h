/* guard.h: what keeps one client from making the server unreachable
 * (issue 10 hole 3; availability, no RULES.md ID): connections counted per socket address, the
 * deadline for receiving each request head (a watchdog shuts down the
 * connections that miss it), requests in flight counted per forwarded
 * address (behind trusted proxies), and the heavy-request slots (exports,
 * ledgers, city-wide boards) per user and in total. All functions are
 * thread-safe. Nothing here allocates for the caller to free. */
#ifndef HY_GUARD_H
#define HY_GUARD_H

#include <stdint.h>

struct guard_conn;

/* Starts the head-deadline watchdog (0, or -1 if no thread could start). */
int guard_start(void);
/* Stops the watchdog; every connection must have been closed first. */
void guard_stop(void);

/* A new connection from address (its text form) on socket fd. trusted: the
 * peer is a configured trusted proxy, which may hold up to
 * cfg.connection_limit - cfg.per_address_limit connections (the rest is
 * kept for everybody else); any other address holds cfg.per_address_limit.
 * Over its limit the socket is shut down at once (MHD then closes it).
 * Returns the record to pass to the calls below; guard_conn_close frees it. */
struct guard_conn *guard_conn_open(int fd, const char *address, int trusted);
/* The request head has arrived whole: no deadline until the next request. */
void guard_conn_head_done(struct guard_conn *gc);
/* The answer is sent: the next request's head is due within
 * cfg.head_timeout_s from now. */
void guard_conn_idle(struct guard_conn *gc);
/* The connection is closing. MHD calls its CLOSED notification before it
 * closes the descriptor, and the watchdog only shuts down descriptors of
 * records still listed (under the same lock), so it never touches a
 * descriptor that was closed and reused. gc may be NULL. */
void guard_conn_close(struct guard_conn *gc);

/* A request from forwarded client address begins: 0, or -1 when that
 * address already has cfg.per_address_limit requests in flight. Each 0
 * is paired with one guard_forwarded_leave. */
int guard_forwarded_enter(const char *address);
void guard_forwarded_leave(const char *address);

/* A heavy request of user_id begins: 0, or -1 when the user already runs
 * cfg.heavy_per_user of them or cfg.heavy_total run in all. Each 0 is
 * paired with one guard_heavy_leave. */
int guard_heavy_enter(int64_t user_id);
void guard_heavy_leave(int64_t user_id);

#endif
