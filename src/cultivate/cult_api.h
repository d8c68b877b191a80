/* cult_api.h: the route tables of the cultivation area (issue 5) and the
 * small request helpers their handlers share. */
#ifndef HY_CULT_API_H
#define HY_CULT_API_H

#include "http/router.h"

extern const struct route cultivation_routes[];	/* /api/v1/cultivation */
extern const struct route leader_routes[];	/* /api/v1/leaders */
extern const struct route programme_routes[];	/* /api/v1/programmes */
extern const struct route studio_routes[];	/* /api/v1/studios */

/* The ?year= argument (four digits, 2000–2100); *year keeps its value
 * when absent. Names "year" in pb when bad. */
void cult_year_arg(struct req *rq, struct problem *pb, int64_t *year);

struct db;
struct jw;

/* Replies status with the object get writes for id (one of the
 * registers' *_get_json); its error (e.g. ERR_NOT_FOUND) otherwise. */
enum err cult_reply(struct req *rq, struct reply *rp, int status, int64_t id,
    enum err (*get)(struct db *db, const struct who *w, int64_t id, struct jw *j));

#endif
