/* audit_api.h: GET /api/v1/audit, the audit log for administrators and
 * district staff, filtered by actor, entity, entity_id and time. */
#ifndef HY_AUDIT_API_H
#define HY_AUDIT_API_H

#include "http/req.h"

enum err api_audit_list(struct req *rq, struct reply *rp);

#endif
