/* points.h: study points (学习积分, issue 6): the pure engine. Rules per
 * kind of study give points per record and per block of minutes, with a
 * daily cap (STUDY-01); anti-gaming checks refuse duplicates, overlapping
 * times, more minutes than a day has, records in the future or too far in
 * the past (STUDY-02..05), and flag bursts so they are never counted
 * (STUDY-06). No I/O: the store (points_store.c) loads and saves. */
#ifndef HY_POINTS_H
#define HY_POINTS_H

#include <stdint.h>

#include "core/err.h"

/* The kinds of study a record may be; NULL-terminated. */
extern const char *const points_kinds[];
const char *points_kind_label(const char *kind);

/* One rule (a row of study_point_rule). */
struct points_rule {
	const char *kind;
	int64_t per_record;	/* points for the record itself */
	int64_t block_minutes;	/* 0: no points for time */
	int64_t per_block;	/* points per full block of minutes */
	int64_t daily_cap;	/* at most this many points of this kind a day; 0: no cap */
	int enabled;		/* 0: records of this kind earn nothing */
};

/* Pure. Validates a rule as district staff edit it: names each bad field
 * (per_record 0..100, block_minutes 0..1440, per_block 0..100, daily_cap
 * 0..1000). ERR_INVALID or ERR_OK. */
enum err points_rule_check(const struct points_rule *r, struct problem *pb);

/* A study record as the engine sees it: minutes since 1970-01-01 00:00 CST. */
struct points_rec {
	int64_t start, minutes;	/* when it started, how long it lasted */
	int64_t created;	/* when it was entered (same clock) */
	const char *key;	/* what was studied: "item:<id>" or the title */
};

/* Thresholds (configuration, core/config.h). */
struct points_limits {
	int64_t backdate_days;	/* STUDY-05: a record may start at most this many days ago */
	int64_t burst_n;	/* STUDY-06: more than burst_n records entered ... */
	int64_t burst_minutes;	/* ... within burst_minutes are flagged */
};

enum points_reason {
	PR_OK,
	PR_DUPLICATE,	/* STUDY-02: the same thing at the same start */
	PR_OVERLAP,	/* STUDY-02: overlaps another record of the member */
	PR_DAY_FULL,	/* STUDY-03: the day's minutes would exceed 1440 */
	PR_FUTURE,	/* STUDY-04: ends after now */
	PR_TOO_OLD,	/* STUDY-05: starts more than backdate_days ago */
	PR_BURST,	/* STUDY-06: flagged, stored, never counted */
	PR_N
};

/* Pure. Checks rec against the member's other records have[0..n) at time
 * now. Returns the first reason that applies (in the enum's order of
 * checks: future, too old, day full, duplicate, overlap, burst) and sets
 * *field to the input field it concerns. */
enum points_reason points_check(const struct points_limits *lim, const struct points_rec *rec,
    const struct points_rec *have, int n, int64_t now, const char **field);
/* Pure. Whether a reason refuses the record (422) rather than flagging it. */
int points_refuses(enum points_reason r);
/* Pure. The reason's code ("overlap", …) and its Chinese message (static). */
const char *points_reason_code(enum points_reason r);
const char *points_reason_message(enum points_reason r);

/* Pure. Points a record of minutes earns under rule when the member has
 * already earned earned_today points of this kind on its day (STUDY-01):
 * per_record + per_block * (minutes / block_minutes), limited to what the
 * daily cap leaves; 0 when the rule is disabled. */
int64_t points_award(const struct points_rule *rule, int64_t minutes, int64_t earned_today);

/* Pure. Competition ranks ("1,1,3") of points sorted in descending order:
 * rank[i] = 1 + the number of entries with more points. */
void points_rank(const int64_t *points, int n, int64_t *rank);

#endif
