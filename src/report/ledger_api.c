#include "core/common.h"
#include "report/ledger_api.h"

const struct route ledger_routes[] = {
	ROUTES_END,
};
