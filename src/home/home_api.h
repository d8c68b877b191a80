/* home_api.h: the HTTP route of the home page's figures (首页, issue 12). */
#ifndef HY_HOME_API_H
#define HY_HOME_API_H

#include "http/router.h"

extern const struct route home_routes[];

#endif
