#include "core/common.h"
#include "party/alert_api.h"

const struct route alert_routes[] = {
	ROUTES_END,
};
