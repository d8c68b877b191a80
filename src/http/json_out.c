#include "core/common.h"
#include "http/json_out.h"
#include "core/dates.h"

void
jw_init(struct jw *w, struct buf *b)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
}

enum err
jw_error(const struct jw *w)
{
	return w->err;
}

/* The common case (room in the buffer) copies inline; buf_add grows. */
static inline void
put(struct jw *w, const char *s, size_t n)
{
	struct buf *b = w->b;

	if (b->p && b->len + n < b->cap) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
		b->p[b->len] = '\0';
		return;
	}
	if (!w->err)
		w->err = buf_add(b, s, n);
}

/* Separates this value from the previous one at the same level. */
static void
sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->started[w->depth])
		put(w, ",", 1);
	w->started[w->depth] = 1;
}

static void
open_level(struct jw *w, const char *c)
{
	sep(w);
	put(w, c, 1);
	assert(w->depth + 1 < JW_DEPTH);
	w->started[++w->depth] = 0;
}

void
jw_obj(struct jw *w)
{
	open_level(w, "{");
}

void
jw_arr(struct jw *w)
{
	open_level(w, "[");
}

void
jw_obj_end(struct jw *w)
{
	w->depth--;
	put(w, "}", 1);
}

void
jw_arr_end(struct jw *w)
{
	w->depth--;
	put(w, "]", 1);
}

/* 1 for the bytes JSON strings must escape: controls, '"' and '\\'. */
static const unsigned char needs_escape[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

static void
escape_one(struct jw *w, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

	if (c == '"' || c == '\\') {
		esc[1] = (char)c;
		put(w, esc, 2);
	} else if (c == '\n') {
		put(w, "\\n", 2);
	} else {
		put(w, esc, 6);
	}
}

/* Writes s as a JSON string: runs of plain bytes go out in one copy. */
static void
escaped(struct jw *w, const char *s, size_t n)
{
	size_t run = 0;

	put(w, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		if (!needs_escape[(unsigned char)s[i]])
			continue;
		put(w, s + run, i - run);
		escape_one(w, (unsigned char)s[i]);
		run = i + 1;
	}
	put(w, s + run, n - run);
	put(w, "\"", 1);
}

void
jw_key(struct jw *w, const char *k)
{
	sep(w);
	escaped(w, k, strlen(k));
	put(w, ":", 1);
	w->after_key = 1;
}

void
jw_strn(struct jw *w, const char *s, size_t n)
{
	sep(w);
	escaped(w, s, n);
}

void
jw_str(struct jw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	jw_strn(w, s, strlen(s));
}

void
jw_int(struct jw *w, int64_t v)
{
	char n[24];

	sep(w);
	put(w, n, (size_t)snprintf(n, sizeof(n), "%" PRId64, v));
}

void
jw_bool(struct jw *w, int v)
{
	sep(w);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void
jw_null(struct jw *w)
{
	sep(w);
	put(w, "null", 4);
}

void
jw_raw(struct jw *w, const char *json)
{
	sep(w);
	put(w, json, strlen(json));
}

void
jw_kstr(struct jw *w, const char *k, const char *s)
{
	jw_key(w, k);
	jw_str(w, s);
}

void
jw_kint(struct jw *w, const char *k, int64_t v)
{
	jw_key(w, k);
	jw_int(w, v);
}

void
jw_kbool(struct jw *w, const char *k, int v)
{
	jw_key(w, k);
	jw_bool(w, v);
}

void
jw_kid(struct jw *w, const char *k, int64_t v)
{
	jw_key(w, k);
	if (v)
		jw_int(w, v);
	else
		jw_null(w);
}

/* ISO 8601 UTC by hand: gmtime_r and strftime take glibc's locks on every
 * call, measurably on list replies. */
void
jw_ktime(struct jw *w, const char *k, int64_t t)
{
	int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400, sec = t - day * 86400;
	char s[21];

	date_format((int32_t)day, s);
	s[10] = 'T';
	s[11] = (char)('0' + sec / 36000);
	s[12] = (char)('0' + sec / 3600 % 10);
	s[13] = ':';
	s[14] = (char)('0' + sec % 3600 / 600);
	s[15] = (char)('0' + sec % 600 / 60);
	s[16] = ':';
	s[17] = (char)('0' + sec % 60 / 10);
	s[18] = (char)('0' + sec % 10);
	s[19] = 'Z';
	s[20] = '\0';
	jw_key(w, k);
	jw_strn(w, s, 20);
}
