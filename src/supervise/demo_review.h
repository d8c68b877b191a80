/* demo_review.h: last year's secretaries' report-and-review round
 * (述职评议, EVAL-01…04) for the demo district, with the accounts it
 * needs: secretaries shuji01…36, one per school in path order (the first
 * 64 schools at city scale), all under review; district staff quwei01/02,
 * the first eight secretaries and member representatives dangyuan01…04
 * score them (a secretary never themself). The round is scored by every
 * evaluator, closed (talks and rectification findings for its 一般 and
 * 差) and published, so last year's assessment has a review score for
 * every school. */
#ifndef HY_DEMO_REVIEW_H
#define HY_DEMO_REVIEW_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* Writes the accounts and the round through the user and review stores
 * (each write its own transaction with its audit row) into a database
 * filled by demo_generate(). The accounts' passwords are generated,
 * never shown, and must be changed at first login: admin resets one to
 * sign in as that user. Ballot scores come from one seeded splitmix64:
 * the same database and today give the same round. ERR_CONFLICT when a
 * review round or one of the accounts exists already; ERR_NOT_FOUND when
 * the district has fewer than eight schools or a school has no active
 * member to represent. */
enum err demo_review_generate(struct db *db, int32_t today);

#endif
