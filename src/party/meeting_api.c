#include "core/common.h"
#include "party/meeting_api.h"

const struct route meeting_routes[] = {
	ROUTES_END,
};
