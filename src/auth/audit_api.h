/* audit_api.h: GET /api/v1/audit, filtered by actor, entity, entity_id and
 * time: the whole log for the audit administrator, the business rows (not
 * the administrators') for district staff (SEC-05). */
#ifndef HY_AUDIT_API_H
#define HY_AUDIT_API_H

#include "http/req.h"

enum err api_audit_list(struct req *rq, struct reply *rp);

#endif
