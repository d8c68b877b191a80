/* principal_api.h: the principal-tenure platform's routes (issue 13). */
#ifndef HY_PRINCIPAL_API_H
#define HY_PRINCIPAL_API_H

#include "http/router.h"

extern const struct route principal_routes[];

#endif
