/* transfer_api.h: the HTTP routes of transfers (issue 3). */
#ifndef HY_TRANSFER_API_H
#define HY_TRANSFER_API_H

#include "http/router.h"

extern const struct route transfer_routes[];

#endif
