/* cache.h: a small per-worker-thread cache of reply bodies for list
 * requests, valid for one database generation (db_generation()): any
 * write, here or in another process, makes every entry stale. Keys must
 * name everything the reply depends on (the caller's visibility and every
 * query parameter). Thread-local, so lookups take no lock. */
#ifndef HY_CACHE_H
#define HY_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Appends the cached body for key at generation gen to out; 1 on a hit. */
int cache_get(const char *key, uint64_t gen, struct buf *out);
/* Stores a copy of body under key for generation gen (bodies over
 * CACHE_BODY_MAX and generation 0 are not stored). */
void cache_put(const char *key, uint64_t gen, const char *body, size_t len);
/* Frees every thread's entries (after the workers have stopped). */
void cache_free_all(void);

#define CACHE_BODY_MAX (64u << 10)

#endif
