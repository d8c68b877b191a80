#include "core/common.h"
#include "core/err.h"

int
problem_has(const struct problem *pb, const char *field)
{
	for (int i = 0; i < pb->nfields; i++)
		if (!strcmp(pb->fields[i].field, field))
			return 1;
	return 0;
}

enum err
problem_field(struct problem *pb, const char *field, const char *fmt, ...)
{
	va_list ap;
	struct problem_field *f;

	if (problem_has(pb, field) || pb->nfields >= PROBLEM_MAX_FIELDS)
		return ERR_INVALID;
	f = &pb->fields[pb->nfields++];
	snprintf(f->field, sizeof(f->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
	return ERR_INVALID;
}

enum err
problem_set(struct problem *pb, enum err e, const char *code, const char *message)
{
	pb->code = code;
	pb->message = message;
	return e;
}

void
problem_nest(struct problem *dst, const struct problem *src, const char *prefix)
{
	char name[sizeof(src->fields[0].field)];

	for (int i = 0; i < src->nfields; i++) {
		snprintf(name, sizeof(name), "%s.%s", prefix, src->fields[i].field);
		problem_field(dst, name, "%s", src->fields[i].msg);
	}
	if (src->code)
		dst->code = src->code;
	if (src->message)
		dst->message = src->message;
}
