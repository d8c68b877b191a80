#include "core/common.h"
#include "party/transfer_api.h"

const struct route transfer_routes[] = {
	ROUTES_END,
};
