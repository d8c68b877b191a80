#include "core/common.h"
#include "http/listq.h"
#include "core/config.h"
#include "core/dates.h"
#include "http/json_in.h"

static enum err
int_arg(struct req *rq, struct problem *pb, const char *name, int64_t lo, int64_t hi,
    int64_t def, int64_t *out)
{
	const char *s = req_arg(rq, name);
	long v;

	*out = def;
	if (!s)
		return ERR_OK;
	if (config_parse_long(s, (long)lo, (long)hi, &v))
		return problem_field(pb, name, "应为 %" PRId64 " 到 %" PRId64 " 之间的整数", lo, hi);
	*out = v;
	return ERR_OK;
}

enum err
listq_parse(struct req *rq, struct problem *pb, const struct sort_key *sorts, int nsorts,
    struct listq *q)
{
	const char *s = req_arg(rq, "sort");

	int_arg(rq, pb, "page", 1, 1000000, 1, &q->page);
	int_arg(rq, pb, "per_page", 1, 100, 20, &q->per_page);
	q->sort_col = sorts[0].col;
	q->desc = 0;
	if (s) {
		const char *name = s[0] == '-' ? s + 1 : s;
		int found = 0;

		for (int i = 0; i < nsorts && !found; i++) {
			if (!strcmp(sorts[i].name, name)) {
				q->sort_col = sorts[i].col;
				q->desc = s[0] == '-';
				found = 1;
			}
		}
		if (!found)
			problem_field(pb, "sort", "不支持按该字段排序");
	}
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

enum err
listq_id(struct req *rq, struct problem *pb, const char *name, int64_t *id)
{
	return int_arg(rq, pb, name, 1, INT32_MAX, 0, id);
}

enum err
listq_date(struct req *rq, struct problem *pb, const char *name, const char **out)
{
	const char *s = req_arg(rq, name);
	int32_t d;

	*out = NULL;
	if (!s)
		return ERR_OK;
	if (date_parse(s, &d))
		return problem_field(pb, name, "应为有效日期，格式 YYYY-MM-DD");
	*out = s;
	return ERR_OK;
}

enum err
listq_enum(struct req *rq, struct problem *pb, const char *name, const char *const *allowed,
    const char **out)
{
	const char *s = req_arg(rq, name);

	*out = NULL;
	if (!s)
		return ERR_OK;
	for (int i = 0; allowed[i]; i++) {
		if (!strcmp(allowed[i], s)) {
			*out = allowed[i];
			return ERR_OK;
		}
	}
	return problem_field(pb, name, "取值无效");
}

enum err
listq_text(struct req *rq, struct problem *pb, const char *name, int max, const char **out)
{
	const char *s = req_arg(rq, name);

	*out = NULL;
	if (!s || !*s)
		return ERR_OK;
	if (utf8_len(s) > (size_t)max)
		return problem_field(pb, name, "长度不能超过 %d 个字符", max);
	*out = s;
	return ERR_OK;
}

void
listq_begin(struct jw *w)
{
	jw_obj(w);
	jw_key(w, "items");
	jw_arr(w);
}

void
listq_items_end(struct jw *w)
{
	jw_arr_end(w);
	jw_obj_end(w);
}

void
listq_end(struct jw *w, const struct listq *q, int64_t total)
{
	jw_arr_end(w);
	jw_kint(w, "total", total);
	jw_kint(w, "page", q->page);
	jw_kint(w, "per_page", q->per_page);
	jw_obj_end(w);
}

const char *
listq_like(struct arena *a, const char *s)
{
	char *p = arena_alloc(a, strlen(s) * 2 + 3), *o = p;

	*o++ = '%';
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '!')
			*o++ = '!';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}
