#include "core/common.h"
#include "http/metrics.h"
#include "db/db.h"

#include <stdatomic.h>

static const double bucket_le[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
	0.25, 0.5, 1, 2.5 };
#define NBUCKETS ARRAY_SIZE(bucket_le)

static _Atomic uint64_t by_class[6];	/* 1xx..5xx by first digit */
static _Atomic uint64_t buckets[NBUCKETS];
static _Atomic uint64_t count, sum_ns;

void
metrics_observe(int status, uint64_t ns)
{
	int cls = status / 100;
	double s = (double)ns / 1e9;

	by_class[cls >= 1 && cls <= 5 ? cls : 0]++;
	count++;
	sum_ns += ns;
	for (size_t i = 0; i < NBUCKETS; i++)
		if (s <= bucket_le[i])
			buckets[i]++;
}

void
metrics_render(struct buf *b)
{
	buf_adds(b, "# HELP hongyan_http_requests_total HTTP requests by status class.\n"
	    "# TYPE hongyan_http_requests_total counter\n");
	for (int c = 1; c <= 5; c++)
		buf_addf(b, "hongyan_http_requests_total{code=\"%dxx\"} %" PRIu64 "\n", c,
		    (uint64_t)by_class[c]);
	buf_addf(b, "# HELP hongyan_http_errors_total Requests answered 5xx.\n"
	    "# TYPE hongyan_http_errors_total counter\nhongyan_http_errors_total %" PRIu64 "\n",
	    (uint64_t)by_class[5]);
	buf_adds(b, "# HELP hongyan_http_request_seconds Request latency.\n"
	    "# TYPE hongyan_http_request_seconds histogram\n");
	for (size_t i = 0; i < NBUCKETS; i++)
		buf_addf(b, "hongyan_http_request_seconds_bucket{le=\"%g\"} %" PRIu64 "\n",
		    bucket_le[i], (uint64_t)buckets[i]);
	buf_addf(b, "hongyan_http_request_seconds_bucket{le=\"+Inf\"} %" PRIu64 "\n"
	    "hongyan_http_request_seconds_sum %.6f\nhongyan_http_request_seconds_count %" PRIu64 "\n",
	    (uint64_t)count, (double)sum_ns / 1e9, (uint64_t)count);
	buf_addf(b, "# HELP hongyan_db_seconds_total Time spent in database calls.\n"
	    "# TYPE hongyan_db_seconds_total counter\nhongyan_db_seconds_total %.6f\n",
	    (double)db_time_ns() / 1e9);
}
