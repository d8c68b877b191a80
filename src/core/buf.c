#include "core/common.h"
#include "core/buf.h"
#include "core/xalloc.h"

static enum err
buf_grow(struct buf *b, size_t extra)
{
	size_t want;

	if (b->len + extra + 1 > b->max)
		return ERR_TOO_BIG;
	want = b->len + extra + 1;
	if (want <= b->cap)
		return ERR_OK;
	if (want < b->cap * 2)
		want = b->cap * 2;
	if (want < 256)
		want = 256;
	if (want > b->max)
		want = b->max;
	b->p = xrealloc(b->p, want);
	b->cap = want;
	return ERR_OK;
}

enum err
buf_add(struct buf *b, const void *p, size_t n)
{
	enum err e = buf_grow(b, n);

	if (e)
		return e;
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
	return ERR_OK;
}

enum err
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

enum err
buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

enum err
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;
	enum err e;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return ERR_INVALID;
	if ((size_t)n < sizeof(small))
		return buf_add(b, small, (size_t)n);
	e = buf_grow(b, (size_t)n);
	if (e)
		return e;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return ERR_OK;
}

const char *
buf_str(const struct buf *b)
{
	return b->p ? b->p : "";
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *p = b->p ? b->p : xstrdup("");

	if (len)
		*len = b->len;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_release(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->p[len] = '\0';
	}
}
