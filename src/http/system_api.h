/* system_api.h: GET /api/v1/system, the system administrator's view of the
 * system's own health (SEC-05): version, schema, uptime, database size,
 * accounts by role, sessions, audit rows and record counts. Counts only:
 * no business record is read. */
#ifndef HY_SYSTEM_API_H
#define HY_SYSTEM_API_H

#include "http/req.h"

enum err api_system_get(struct req *rq, struct reply *rp);

#endif
