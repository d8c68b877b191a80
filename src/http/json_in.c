#include "core/common.h"
#include "http/json_in.h"
#include "core/dates.h"

#include <jansson.h>

size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int
json_in_has(const void *in, int i)
{
	const struct json_present *p = in;

	return (p->set >> i & 1) && !(p->null >> i & 1);
}

int
json_in_null(const void *in, int i)
{
	const struct json_present *p = in;

	return (p->null >> i & 1) != 0;
}

static const char *
trimmed(struct arena *a, const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return arena_strndup(a, s, n);
}

static enum err
decode_string(struct req *rq, struct problem *pb, const struct json_field *f, json_t *v,
    void *slot)
{
	const char *s;

	if (!json_is_string(v))
		return problem_field(pb, f->name, "应为字符串");
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v))
		return problem_field(pb, f->name, "不能包含空字符");
	if (f->type != JF_TEXT)
		s = trimmed(&rq->arena, s);
	else
		s = arena_strdup(&rq->arena, s);
	if (f->max && (int64_t)utf8_len(s) > f->max)
		return problem_field(pb, f->name, "长度不能超过 %" PRId64 " 个字符", f->max);
	if ((f->flags & JF_NONEMPTY) && !*s)
		return problem_field(pb, f->name, "不能为空");
	if (f->type == JF_DATE) {
		int32_t d;

		if (date_parse(s, &d))
			return problem_field(pb, f->name, "应为有效日期，格式 YYYY-MM-DD");
	}
	if (f->type == JF_DATETIME) {
		int64_t t;

		if (datetime_parse(s, &t))
			return problem_field(pb, f->name, "应为有效时间，格式 YYYY-MM-DDTHH:MM");
	}
	if (f->type == JF_ENUM) {
		int ok = 0;

		for (int i = 0; f->enums[i]; i++)
			ok |= !strcmp(f->enums[i], s);
		if (!ok)
			return problem_field(pb, f->name, "取值无效");
	}
	*(const char **)slot = s;
	return ERR_OK;
}

static enum err
decode_int(struct problem *pb, const struct json_field *f, json_t *v, void *slot)
{
	json_int_t n;
	int64_t lo = f->type == JF_ID ? 1 : f->min;
	int64_t hi = f->type == JF_ID ? INT64_MAX : f->max;

	if (!json_is_integer(v))
		return problem_field(pb, f->name, "应为整数");
	n = json_integer_value(v);
	if (n < lo || n > hi) {
		if (f->type == JF_ID)
			return problem_field(pb, f->name, "应为有效编号");
		return problem_field(pb, f->name, "应在 %" PRId64 " 到 %" PRId64 " 之间", lo, hi);
	}
	*(int64_t *)slot = n;
	return ERR_OK;
}

static enum err
decode_list(struct req *rq, struct problem *pb, const struct json_field *f, json_t *v, void *slot)
{
	struct id_list *l = slot;
	size_t i, n;

	if (!json_is_array(v))
		return problem_field(pb, f->name, "应为编号数组");
	n = json_array_size(v);
	if ((int64_t)n > f->max)
		return problem_field(pb, f->name, "最多 %" PRId64 " 项", f->max);
	l->v = arena_alloc(&rq->arena, (n ? n : 1) * sizeof(int64_t));
	for (i = 0; i < n; i++) {
		json_t *e = json_array_get(v, i);

		if (!json_is_integer(e) || json_integer_value(e) < 1)
			return problem_field(pb, f->name, "第 %zu 项不是有效编号", i + 1);
		l->v[i] = json_integer_value(e);
	}
	l->n = (int)n;
	return ERR_OK;
}

static enum err
decode_object(struct req *rq, struct problem *pb, const struct json_field *f, json_t *v,
    void *slot)
{
	char *text;

	if (!json_is_object(v))
		return problem_field(pb, f->name, "应为对象");
	text = json_dumps(v, JSON_COMPACT);	/* NULL only for bad input, never memory */
	if (!text)
		return problem_field(pb, f->name, "无法识别");
	*(const char **)slot = arena_strdup(&rq->arena, text);
	free(text);
	return ERR_OK;
}

static enum err
decode_field(struct req *rq, struct problem *pb, const struct json_field *f, json_t *v, void *out)
{
	void *slot = (char *)out + f->off;

	switch (f->type) {
	case JF_STR:
	case JF_TEXT:
	case JF_DATE:
	case JF_DATETIME:
	case JF_ENUM:
		return decode_string(rq, pb, f, v, slot);
	case JF_INT:
	case JF_ID:
		return decode_int(pb, f, v, slot);
	case JF_BOOL:
		if (!json_is_boolean(v))
			return problem_field(pb, f->name, "应为 true 或 false");
		*(int *)slot = json_is_true(v);
		return ERR_OK;
	case JF_ID_LIST:
		return decode_list(rq, pb, f, v, slot);
	case JF_OBJECT:
		return decode_object(rq, pb, f, v, slot);
	}
	return problem_field(pb, f->name, "无法识别");
}

static int
field_index(const struct json_field *fields, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(fields[i].name, key))
			return (int)i;
	return -1;
}

static void
decode_members(struct req *rq, struct problem *pb, const struct json_field *fields, size_t nf,
    json_t *root, void *out)
{
	struct json_present *p = out;
	const char *key;
	json_t *v;

	json_object_foreach(root, key, v) {
		int i = field_index(fields, nf, key);

		if (i < 0) {
			problem_field(pb, key, "未知字段");
			continue;
		}
		p->set |= UINT64_C(1) << i;
		if (json_is_null(v)) {
			if (fields[i].flags & JF_NULLABLE)
				p->null |= UINT64_C(1) << i;
			else
				problem_field(pb, key, "不能为空");
			continue;
		}
		decode_field(rq, pb, &fields[i], v, out);
	}
}

enum err
json_in_array_body(struct req *rq, struct problem *pb, const char *key, size_t max, json_t **root,
    json_t **arr)
{
	const char *k;
	json_t *v;

	*arr = NULL;
	*root = json_loadb(buf_str(&rq->body), rq->body.len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(*root))
		return problem_set(pb, ERR_BAD_JSON, NULL, "请求体应为 JSON 对象");
	json_object_foreach(*root, k, v)
		if (strcmp(k, key))
			problem_field(pb, k, "未知字段");
	*arr = json_object_get(*root, key);
	if (!json_is_array(*arr))
		problem_field(pb, key, "请求体应为 {\"%s\":[...]}", key);
	else if (json_array_size(*arr) > max)
		problem_field(pb, key, "最多%zu项", max);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

enum err
json_in_object(struct req *rq, struct problem *pb, const struct json_field *fields, size_t nf,
    enum json_mode mode, void *out)
{
	return json_in_text(rq, pb, buf_str(&rq->body), rq->body.len, fields, nf, mode, out);
}

enum err
json_in_text(struct req *rq, struct problem *pb, const char *text, size_t len,
    const struct json_field *fields, size_t nf, enum json_mode mode, void *out)
{
	struct json_present *p = out;
	json_error_t jerr;
	json_t *root;

	assert(nf <= 64);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		pb->message = NULL;
		return ERR_BAD_JSON;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		return problem_set(pb, ERR_BAD_JSON, NULL, "请求体应为 JSON 对象");
	}
	decode_members(rq, pb, fields, nf, root, out);
	json_decref(root);
	for (size_t i = 0; mode == JSON_CREATE && i < nf; i++)
		if ((fields[i].flags & JF_REQUIRED) && !(p->set >> i & 1))
			problem_field(pb, fields[i].name, "必填");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}
