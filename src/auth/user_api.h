/* user_api.h: /api/v1/users, for administrators (SEC-05). */
#ifndef HY_USER_API_H
#define HY_USER_API_H

#include "http/req.h"

enum err api_users_list(struct req *rq, struct reply *rp);
enum err api_users_create(struct req *rq, struct reply *rp);
enum err api_users_get(struct req *rq, struct reply *rp);
enum err api_users_update(struct req *rq, struct reply *rp);
/* DELETE /api/v1/users/{id}/totp: resets the user's second factor (SEC-04). */
enum err api_users_totp_reset(struct req *rq, struct reply *rp);

#endif
