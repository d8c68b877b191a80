/* json_in.h: decodes a JSON request body into a plain struct, field by
 * field from a table (after lwan's and kore's validators), naming every
 * bad, missing or unknown field in the problem. Strings are copied into the
 * request arena. */
#ifndef HY_JSON_IN_H
#define HY_JSON_IN_H

#include <stddef.h>
#include <stdint.h>

#include "http/req.h"

enum jf_type {
	JF_STR,		/* const char *, trimmed; max chars (UTF-8 code points) */
	JF_TEXT,	/* const char *, not trimmed (passwords) */
	JF_INT,		/* int64_t within [min, max] */
	JF_BOOL,	/* int 0/1 */
	JF_DATE,	/* const char * YYYY-MM-DD, a real day */
	JF_DATETIME,	/* const char * YYYY-MM-DDTHH:MM (China Standard Time) */
	JF_ENUM,	/* const char * one of enums[] */
	JF_ID,		/* int64_t > 0 */
	JF_ID_LIST,	/* struct id_list of ids > 0, at most max */
	JF_OBJECT,	/* const char *: a nested object as compact JSON text, for
			 * json_in_text() with that object's own table */
};

#define JF_REQUIRED 1u	/* must be present on create */
#define JF_NULLABLE 2u	/* null is accepted (sets the null bit) */
#define JF_NONEMPTY 4u	/* a string must not be blank */

struct json_field {
	const char *name;
	enum jf_type type;
	unsigned flags;
	int64_t min, max;	/* string max length in characters; int range; list size */
	size_t off;		/* offsetof the value in the target struct */
	const char *const *enums;	/* NULL-terminated, for JF_ENUM */
};

/* Every input struct starts with this: bit i is fields[i]. */
struct json_present {
	uint64_t set;	/* the key was present */
	uint64_t null;	/* ... and was null */
};

struct id_list {
	int n;
	int64_t *v;
};

enum json_mode { JSON_CREATE, JSON_PATCH };

/* Parses rq->body as one object into out (which begins with struct
 * json_present). ERR_BAD_JSON for malformed JSON, ERR_INVALID with fields
 * named otherwise. In JSON_PATCH mode required fields may be absent. */
enum err json_in_object(struct req *rq, struct problem *pb, const struct json_field *fields,
    size_t nfields, enum json_mode mode, void *out);

/* Like json_in_object over text (len bytes), e.g. a JF_OBJECT field's
 * value; the caller names the nested fields (problem_nest). */
enum err json_in_text(struct req *rq, struct problem *pb, const char *text, size_t len,
    const struct json_field *fields, size_t nfields, enum json_mode mode, void *out);

/* A body that is one object with one array member, {"key":[...]} (sheets
 * of scores or indicators): *root is the parsed body (caller decrefs, also
 * on error), *arr the array. ERR_BAD_JSON when the body is not a JSON
 * object; ERR_INVALID naming each other key ("未知字段") and naming key
 * when it is missing, not an array, or longer than max. */
struct json_t;
enum err json_in_array_body(struct req *rq, struct problem *pb, const char *key, size_t max,
    struct json_t **root, struct json_t **arr);

/* Whether field i of a decoded struct was present (and not null). */
int json_in_has(const void *in, int i);
int json_in_null(const void *in, int i);

/* Number of UTF-8 code points in s (bytes that are not continuation bytes). */
size_t utf8_len(const char *s);

#endif
