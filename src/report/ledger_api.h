/* ledger_api.h: the HTTP routes of ledgers (issue 3). */
#ifndef HY_LEDGER_API_H
#define HY_LEDGER_API_H

#include "http/router.h"

extern const struct route ledger_routes[];

#endif
