/* study_api.h: /api/v1/study (library, plans, records, reading sessions),
 * /api/v1/points and /api/v1/exchange (issue 6, exchange and study). */
#ifndef HY_STUDY_API_H
#define HY_STUDY_API_H

#include "http/router.h"

extern const struct route study_routes[];
extern const struct route points_routes[];
extern const struct route exchange_routes[];
extern const struct route study_edit_routes[];

/* Replies status with library item id as GET /api/v1/study/library/{id}
 * shows it (study_api.c). */
enum err study_item_reply(struct req *rq, struct reply *rp, int status, int64_t id);	/* study_edit_api.c */

#endif
