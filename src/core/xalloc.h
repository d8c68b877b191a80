/* xalloc.h: allocation that aborts on out-of-memory (as redis, git, tmux do),
 * so callers never check for NULL. Free results with free(). */
#ifndef HY_XALLOC_H
#define HY_XALLOC_H

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
