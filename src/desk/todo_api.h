/* todo_api.h: the HTTP routes of the to-do list (待办) and its counts. */
#ifndef HY_TODO_API_H
#define HY_TODO_API_H

#include "http/router.h"

extern const struct route todo_routes[];

#endif
