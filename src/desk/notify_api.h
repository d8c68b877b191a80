/* notify_api.h: /api/v1/notifications (the caller's own messages: list,
 * unread count, read, read-all), /api/v1/session/notify-settings (the
 * caller's e-mail address and e-mail per kind) and the system
 * administrator's dead-letter list of outbound messages. */
#ifndef HY_NOTIFY_API_H
#define HY_NOTIFY_API_H

#include "http/router.h"

extern const struct route notify_routes[];

#endif
