#include "core/common.h"
#include "party/dues_api.h"

const struct route dues_routes[] = {
	ROUTES_END,
};
