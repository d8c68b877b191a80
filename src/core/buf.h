/* buf.h: a growable byte string with a hard maximum size (git's strbuf,
 * curl's dynbuf). The contents are always NUL-terminated. The owner calls
 * buf_release(), or takes the memory with buf_detach() and frees it. */
#ifndef HY_BUF_H
#define HY_BUF_H

#include "core/err.h"

struct buf {
	char *p;	/* NULL until the first add */
	size_t len;
	size_t cap;
	size_t max;	/* adds that would pass this return ERR_TOO_BIG */
};

#define BUF_INIT(maxbytes) { NULL, 0, 0, (maxbytes) }

enum err buf_add(struct buf *b, const void *p, size_t n);
enum err buf_adds(struct buf *b, const char *s);
enum err buf_addc(struct buf *b, char c);
enum err buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents ("" when empty); borrowed until the next add or release. */
const char *buf_str(const struct buf *b);
void buf_reset(struct buf *b);
/* Shortens the contents to len bytes (no-op when already shorter). */
void buf_truncate(struct buf *b, size_t len);
/* Hands the memory (never NULL) to the caller, who frees it; b is emptied. */
char *buf_detach(struct buf *b, size_t *len);
void buf_release(struct buf *b);

#endif
