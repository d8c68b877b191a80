/* json_out.h: a small streaming JSON writer into a struct buf, for replies
 * (DESIGN.md: ~30% faster than building jansson trees). Commas are tracked
 * per nesting level; the caller pairs begin/end calls. Buffer overflow
 * (ERR_TOO_BIG) is sticky and reported by jw_error(). */
#ifndef HY_JSON_OUT_H
#define HY_JSON_OUT_H

#include <stdint.h>

#include "core/buf.h"

#define JW_DEPTH 32

struct jw {
	struct buf *b;
	int depth;
	enum err err;
	unsigned char started[JW_DEPTH];	/* a value was written at this level */
	unsigned char after_key;
};

void jw_init(struct jw *w, struct buf *b);
enum err jw_error(const struct jw *w);

void jw_obj(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *k);
void jw_str(struct jw *w, const char *s);	/* NULL writes null */
void jw_strn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, int64_t v);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);
/* Writes already-encoded JSON text as one value (trusted input only). */
void jw_raw(struct jw *w, const char *json);

/* Key-value shorthands. */
void jw_kstr(struct jw *w, const char *k, const char *s);
void jw_kint(struct jw *w, const char *k, int64_t v);
void jw_kbool(struct jw *w, const char *k, int v);
/* An id that may be absent: 0 writes null. */
void jw_kid(struct jw *w, const char *k, int64_t v);
/* Unix seconds as an ISO 8601 UTC string. */
void jw_ktime(struct jw *w, const char *k, int64_t unix_seconds);

#endif
