/* ideology_api.h: /api/v1/ideology (issue 6): the big ideological course
 * (大思政课): a school's plan per year, its teacher pool (双轨师资) and
 * walking lessons (行走的思政课), all plain records (rec.h). */
#ifndef HY_IDEOLOGY_API_H
#define HY_IDEOLOGY_API_H

#include "http/router.h"

extern const struct route ideology_routes[];

#endif
