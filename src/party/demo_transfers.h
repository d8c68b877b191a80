/* demo_transfers.h: membership transfers for the demo district (issue 3,
 * XFER-*), so 换届与转接 shows each kind and state: internal ones done and
 * overdue in transit, an outgoing one awaiting its receipt, and incoming
 * ones from outside the district whose records came with the letter (one
 * still 待转入, one received). */
#ifndef HY_DEMO_TRANSFERS_H
#define HY_DEMO_TRANSFERS_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* Writes the transfers above through the transfer store (each step its
 * own transaction with its event and audit rows), in the branches of the
 * last schools in path order, dated before today. ERR_NOT_FOUND when the
 * demo has too few branches or members there; ERR_STORE on failure. */
enum err demo_transfers_generate(struct db *db, int32_t today);

#endif
