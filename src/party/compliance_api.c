#include "core/common.h"
#include "party/compliance_api.h"

const struct route compliance_routes[] = {
	ROUTES_END,
};
