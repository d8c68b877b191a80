/* common.h: the system headers every Hongyan file needs; include it first.
 * It ends with banned.h, so unsafe libc calls fail to compile (git's rule). */
#ifndef HY_COMMON_H
#define HY_COMMON_H

#define _GNU_SOURCE 1

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
