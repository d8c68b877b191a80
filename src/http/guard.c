#include "core/common.h"
#include "http/guard.h"
#include "core/config.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <pthread.h>
#include <sys/socket.h>

/* Counts by key (an address or a user id as text). One table per use,
 * each under its own lock; an entry goes away when its count drops to 0,
 * so a flood of distinct addresses leaves nothing behind. */
#define COUNT_BUCKETS 1024

struct count_entry {
	struct count_entry *next;
	long n;
	char key[64];
};

struct counts {
	pthread_mutex_t lock;
	long total;
	struct count_entry *buckets[COUNT_BUCKETS];
};

static struct counts by_socket = { .lock = PTHREAD_MUTEX_INITIALIZER };
static struct counts by_forwarded = { .lock = PTHREAD_MUTEX_INITIALIZER };
static struct counts by_user = { .lock = PTHREAD_MUTEX_INITIALIZER };

static struct count_entry **
count_slot(struct counts *t, const char *key)
{
	uint64_t h = UINT64_C(14695981039346656037);
	struct count_entry **p;

	for (const char *s = key; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	for (p = &t->buckets[h % COUNT_BUCKETS]; *p; p = &(*p)->next)
		if (!strcmp((*p)->key, key))
			break;
	return p;
}

/* Adds one to key's count unless that would pass limit or the table's
 * total would pass total_limit (<= 0: no total limit). Caller holds t->lock. */
static int
count_enter_locked(struct counts *t, const char *key, long limit, long total_limit)
{
	struct count_entry **p = count_slot(t, key);

	if ((*p && (*p)->n >= limit) || limit <= 0 || (total_limit > 0 && t->total >= total_limit))
		return -1;
	if (!*p) {
		*p = xcalloc(1, sizeof(**p));
		snprintf((*p)->key, sizeof((*p)->key), "%s", key);
	}
	(*p)->n++;
	t->total++;
	return 0;
}

static void
count_leave_locked(struct counts *t, const char *key)
{
	struct count_entry **p = count_slot(t, key), *e = *p;

	if (!e)
		return;
	t->total--;
	if (--e->n > 0)
		return;
	*p = e->next;
	free(e);
}

static int
count_enter(struct counts *t, const char *key, long limit, long total_limit)
{
	int r;

	pthread_mutex_lock(&t->lock);
	r = count_enter_locked(t, key, limit, total_limit);
	pthread_mutex_unlock(&t->lock);
	return r;
}

static void
count_leave(struct counts *t, const char *key)
{
	pthread_mutex_lock(&t->lock);
	count_leave_locked(t, key);
	pthread_mutex_unlock(&t->lock);
}

/* --- connections and the head deadline ---------------------------------- */

struct guard_conn {
	struct guard_conn *prev, *next;	/* the watch list, under watch_lock */
	int fd;
	int counted;		/* holds one of its address's connection slots */
	int waiting_head;	/* a request head is due by deadline_ns */
	int shut;		/* the watchdog has shut it down */
	uint64_t deadline_ns;
	char address[64];
};

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watch_cond = PTHREAD_COND_INITIALIZER;
static struct guard_conn *watch_head;
static pthread_t watchdog;
static int watchdog_running, watchdog_stop;

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t
head_deadline(void)
{
	return now_ns() + (uint64_t)cfg.head_timeout_s * 1000000000u;
}

struct guard_conn *
guard_conn_open(int fd, const char *address, int trusted)
{
	struct guard_conn *gc = xcalloc(1, sizeof(*gc));
	long limit = trusted ? cfg.connection_limit - cfg.per_address_limit : cfg.per_address_limit;

	gc->fd = fd;
	snprintf(gc->address, sizeof(gc->address), "%s", address);
	gc->counted = !count_enter(&by_socket, gc->address, limit, 0);
	if (!gc->counted) {
		/* Over the address's share: refuse by ending the connection now. */
		shutdown(fd, SHUT_RDWR);
		gc->shut = 1;
	}
	gc->waiting_head = 1;
	gc->deadline_ns = head_deadline();
	pthread_mutex_lock(&watch_lock);
	gc->next = watch_head;
	if (watch_head)
		watch_head->prev = gc;
	watch_head = gc;
	pthread_mutex_unlock(&watch_lock);
	return gc;
}

void
guard_conn_head_done(struct guard_conn *gc)
{
	if (!gc)
		return;
	pthread_mutex_lock(&watch_lock);
	gc->waiting_head = 0;
	pthread_mutex_unlock(&watch_lock);
}

void
guard_conn_idle(struct guard_conn *gc)
{
	if (!gc)
		return;
	pthread_mutex_lock(&watch_lock);
	gc->waiting_head = 1;
	gc->deadline_ns = head_deadline();
	pthread_mutex_unlock(&watch_lock);
}

void
guard_conn_close(struct guard_conn *gc)
{
	if (!gc)
		return;
	pthread_mutex_lock(&watch_lock);
	if (gc->prev)
		gc->prev->next = gc->next;
	else
		watch_head = gc->next;
	if (gc->next)
		gc->next->prev = gc->prev;
	pthread_mutex_unlock(&watch_lock);
	if (gc->counted)
		count_leave(&by_socket, gc->address);
	free(gc);
}

/* Shuts down every connection whose head is overdue; MHD sees the end of
 * the stream and closes it (its CLOSED notification unlists it). */
static void
watch_sweep(void)
{
	uint64_t now = now_ns();
	int n = 0;

	for (struct guard_conn *gc = watch_head; gc; gc = gc->next) {
		if (!gc->waiting_head || gc->shut || now < gc->deadline_ns)
			continue;
		shutdown(gc->fd, SHUT_RDWR);
		gc->shut = 1;
		n++;
	}
	if (n)
		log_info("closed %d connection(s) that did not send a request head within %ld s", n,
		    cfg.head_timeout_s);
}

static void *
watchdog_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&watch_lock);
	while (!watchdog_stop) {
		struct timespec ts;

		watch_sweep();
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 250000000;	/* four sweeps a second */
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&watch_cond, &watch_lock, &ts);
	}
	pthread_mutex_unlock(&watch_lock);
	return NULL;
}

int
guard_start(void)
{
	watchdog_stop = 0;
	if (pthread_create(&watchdog, NULL, watchdog_main, NULL))
		return -1;
	watchdog_running = 1;
	return 0;
}

void
guard_stop(void)
{
	if (!watchdog_running)
		return;
	pthread_mutex_lock(&watch_lock);
	watchdog_stop = 1;
	pthread_cond_signal(&watch_cond);
	pthread_mutex_unlock(&watch_lock);
	pthread_join(watchdog, NULL);
	watchdog_running = 0;
}

/* --- requests in flight per forwarded address ----------------------------- */

int
guard_forwarded_enter(const char *address)
{
	return count_enter(&by_forwarded, address, cfg.per_address_limit, 0);
}

void
guard_forwarded_leave(const char *address)
{
	count_leave(&by_forwarded, address);
}

/* --- heavy requests ---------------------------------------------------------- */

int
guard_heavy_enter(int64_t user_id)
{
	char key[24];

	snprintf(key, sizeof(key), "%" PRId64, user_id);
	return count_enter(&by_user, key, cfg.heavy_per_user, cfg.heavy_total);
}

void
guard_heavy_leave(int64_t user_id)
{
	char key[24];

	snprintf(key, sizeof(key), "%" PRId64, user_id);
	count_leave(&by_user, key);
}
