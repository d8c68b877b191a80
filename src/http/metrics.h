/* metrics.h: process-wide request counters and a latency histogram,
 * written lock-free by workers and rendered in Prometheus text format. */
#ifndef HY_METRICS_H
#define HY_METRICS_H

#include <stdint.h>

#include "core/buf.h"

void metrics_observe(int status, uint64_t elapsed_ns);
void metrics_render(struct buf *b);

#endif
