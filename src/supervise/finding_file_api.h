/* finding_file_api.h: the routes of findings' evidence files. */
#ifndef HY_FINDING_FILE_API_H
#define HY_FINDING_FILE_API_H

#include "http/router.h"

extern const struct route finding_file_routes[];

#endif
