#include "core/common.h"
#include "http/json_out.h"

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

static void
put(struct jw *w, const char *s, size_t n)
{
	if (!w->err)
		w->err = buf_add(w->b, s, n);
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

static void
escaped(struct jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	put(w, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(w, s + run, i - run);
		run = i + 1;
		if (c == '"' || c == '\\') {
			char two[2] = { '\\', (char)c };

			put(w, two, 2);
		} else if (c == '\n') {
			put(w, "\\n", 2);
		} else {
			put(w, esc, 6);
		}
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

void
jw_ktime(struct jw *w, const char *k, int64_t t)
{
	char s[32];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	jw_kstr(w, k, s);
}
