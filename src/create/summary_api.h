/* summary_api.h: /api/v1/creation/summary (issue 6): the year-end ledger. */
#ifndef HY_SUMMARY_API_H
#define HY_SUMMARY_API_H

#include "http/router.h"

extern const struct route summary_routes[];

#endif
