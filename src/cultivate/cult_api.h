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

#endif
