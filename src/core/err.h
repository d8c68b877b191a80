/* err.h: the one error enum every fallible function returns, and the
 * problem record that tells a client which fields were wrong and why.
 * Building a problem allocates nothing. */
#ifndef HY_ERR_H
#define HY_ERR_H

enum err {
	ERR_OK = 0,
	ERR_INVALID,	/* input failed validation; struct problem says why */
	ERR_BAD_JSON,	/* body is not JSON at all */
	ERR_UNAUTH,	/* no or expired session, or bad credentials (problem.code) */
	ERR_FORBIDDEN,	/* role lacks the right; problem.code may say csrf etc. */
	ERR_NOT_FOUND,	/* unknown, or outside the caller's scope */
	ERR_CONFLICT,	/* duplicate, or a delete that would orphan */
	ERR_LOCKED,	/* account locked; problem.retry_after says how long */
	ERR_TOO_BIG,	/* body or buffer over its limit */
	ERR_METHOD,	/* route exists, method does not */
	ERR_STORE,	/* database failure; detail already logged */
	ERR_FULL,	/* the disk (or quota) is full: nothing was written (507) */
	ERR_BUSY,	/* another writer held the database past the busy timeout (a
			 * roster import's commit): nothing written; 503 with Retry-After */
};

#define PROBLEM_MAX_FIELDS 16

struct problem_field {
	char field[48];
	char msg[160];
};

struct problem {
	const char *code;	/* static string overriding the default code */
	const char *message;	/* static Chinese message overriding the default */
	long retry_after;	/* seconds, for ERR_LOCKED */
	int nfields;
	struct problem_field fields[PROBLEM_MAX_FIELDS];
};

/* Record one bad field (the first message per field wins; extra fields past
 * PROBLEM_MAX_FIELDS are dropped). Returns ERR_INVALID for tail calls. */
enum err problem_field(struct problem *pb, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Set code and message; returns e so a caller can write return problem_set(...). */
enum err problem_set(struct problem *pb, enum err e, const char *code, const char *message);

/* Whether field already has a message. */
int problem_has(const struct problem *pb, const char *field);

/* Copies src's fields into dst named prefix.field (a nested object's
 * fields: "member.id_card"), and its code and message when set. */
void problem_nest(struct problem *dst, const struct problem *src, const char *prefix);

#endif
