#include "core/common.h"
#include "cultivate/cult_api.h"
const struct route programme_routes[] = { ROUTES_END };
const struct route studio_routes[] = { ROUTES_END };
