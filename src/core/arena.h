/* arena.h: a bump allocator for one request's short-lived strings and
 * structs; everything is freed at once by arena_release(). */
#ifndef HY_ARENA_H
#define HY_ARENA_H

struct arena_block;

struct arena {
	struct arena_block *head;
};

#define ARENA_INIT { NULL }

void *arena_alloc(struct arena *a, size_t n);	/* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);	/* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_release(struct arena *a);

#endif
