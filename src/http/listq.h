/* listq.h: the query-string conventions every list shares: page (from 1),
 * per_page (default 20, at most 100), sort=field or -field from an allowed
 * set, and typed filters, each validated with the parameter named. */
#ifndef HY_LISTQ_H
#define HY_LISTQ_H

#include "http/json_out.h"
#include "http/req.h"

struct listq {
	int64_t page, per_page;
	const char *sort_col;	/* SQL column text for the chosen sort (from the table) */
	int desc;
};

struct sort_key {
	const char *name;	/* as the client writes it */
	const char *col;	/* as SQL orders by it */
};

/* Parses page, per_page and sort; sorts[0] is the default. */
enum err listq_parse(struct req *rq, struct problem *pb, const struct sort_key *sorts, int nsorts,
    struct listq *q);
/* A positive id filter: ERR_OK and *id=0 when absent. */
enum err listq_id(struct req *rq, struct problem *pb, const char *name, int64_t *id);
/* A date filter (YYYY-MM-DD), NULL when absent. */
enum err listq_date(struct req *rq, struct problem *pb, const char *name, const char **out);
/* An enum filter from a NULL-terminated list, NULL when absent. */
enum err listq_enum(struct req *rq, struct problem *pb, const char *name,
    const char *const *allowed, const char **out);
/* A free-text filter of at most max characters, NULL when absent/blank. */
enum err listq_text(struct req *rq, struct problem *pb, const char *name, int max,
    const char **out);

/* A LIKE pattern (ESCAPE '!') matching text that contains s (arena). */
const char *listq_like(struct arena *a, const char *s);

/* Opens {"items":[ ... and closes with ],"total","page","per_page"}. */
void listq_begin(struct jw *w);
/* Closes what listq_begin() opened, for a list without paging fields. */
void listq_items_end(struct jw *w);
void listq_end(struct jw *w, const struct listq *q, int64_t total);

#endif
