/* notice_api.h: the routes of announcements (通知公告、党务公开). */
#ifndef HY_NOTICE_API_H
#define HY_NOTICE_API_H

#include "http/router.h"

extern const struct route notice_routes[];

#endif
