#include "core/common.h"
#include "http/cache.h"
#include "core/config.h"
#include "core/xalloc.h"

#include <pthread.h>

struct cache_entry {
	uint64_t gen;
	char *key;
	char *body;
	size_t len;
};

/* One thread's slots, direct-mapped by key hash; all threads' tables are
 * linked so cache_free_all() can release them. */
struct cache_table {
	struct cache_table *next;
	long n;
	struct cache_entry *slots;
};

static pthread_mutex_t tables_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cache_table *tables;
static _Thread_local struct cache_table *mine;

static uint64_t
key_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

static struct cache_table *
table(void)
{
	if (mine || cfg.list_cache <= 0)
		return mine;
	mine = xcalloc(1, sizeof(*mine));
	mine->n = cfg.list_cache;
	mine->slots = xcalloc((size_t)mine->n, sizeof(struct cache_entry));
	pthread_mutex_lock(&tables_lock);
	mine->next = tables;
	tables = mine;
	pthread_mutex_unlock(&tables_lock);
	return mine;
}

int
cache_get(const char *key, uint64_t gen, struct buf *out)
{
	struct cache_table *t = table();
	struct cache_entry *e;

	if (!t || !gen)
		return 0;
	e = &t->slots[key_hash(key) % (uint64_t)t->n];
	if (!e->key || e->gen != gen || strcmp(e->key, key))
		return 0;
	return buf_add(out, e->body, e->len) == ERR_OK;
}

void
cache_put(const char *key, uint64_t gen, const char *body, size_t len)
{
	struct cache_table *t = table();
	struct cache_entry *e;

	if (!t || !gen || len > CACHE_BODY_MAX)
		return;
	e = &t->slots[key_hash(key) % (uint64_t)t->n];
	free(e->key);
	free(e->body);
	e->key = xstrdup(key);
	e->body = xmalloc(len);
	memcpy(e->body, body, len);
	e->len = len;
	e->gen = gen;
}

void
cache_free_all(void)
{
	pthread_mutex_lock(&tables_lock);
	while (tables) {
		struct cache_table *t = tables;

		tables = t->next;
		for (long i = 0; i < t->n; i++) {
			free(t->slots[i].key);
			free(t->slots[i].body);
		}
		free(t->slots);
		free(t);
	}
	pthread_mutex_unlock(&tables_lock);
}
