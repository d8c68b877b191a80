/* home.h: the figures of the home page (首页, issue 12 item 1): for district
 * staff the cockpit of their whole scope or of one organization's subtree,
 * for a secretary or principal their school's. Each figure comes from ONE
 * grouped query over its table (no loop per school or per row); 三会一课
 * reuses the compliance engine (one board load for all its periods) and
 * dues the dues summary, so the home page shows the numbers of the pages
 * its cards link to. The trends run over the 12 months ending this month. */
#ifndef HY_HOME_H
#define HY_HOME_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "db/db.h"
#include "party/compliance.h"

#define HOME_MONTHS 12
/* Organization kinds in home.org_kinds order (org.c's kinds). */
#define HOME_KINDS 5
extern const char *const home_org_kinds[HOME_KINDS];
/* Assessment grades in home.grades order; the last slot: no grade. */
#define HOME_GRADES 5
extern const char *const home_grades[HOME_GRADES];
/* Months of the 三会一课 trend: this one and the one before (this year).
 * Each is one more evaluation of the board, ~30-40 ms on the city. */
#define HOME_C_MONTHS 2
/* Development stages 1..5 (pipe_stage_name) in slots 0..4. */
#define HOME_STAGES 5

/* One month of a trend: month_key YYYYMM and up to three values. */
struct home_point {
	int32_t month;
	int64_t v[3];
};

struct home {
	int64_t org_id;		/* the subtree's root; 0: the caller's whole scope */
	const char *org_name;	/* arena */
	int32_t today;
	struct period month, quarter;

	/* members: active now, and active at each month's end (by join date and
	 * the date of leaving: state_on of a member no longer active) */
	int64_t members, full, probationary;
	struct home_point members_trend[HOME_MONTHS];	/* v[0] active at the month's end */

	int64_t orgs, org_kinds[HOME_KINDS];

	/* 三会一课 by the compliance engine (ORG-10…17): this month, this
	 * quarter, and the last HOME_C_MONTHS months of this year up to this
	 * one (from month c_first_month) */
	struct compliance_tally c_month, c_quarter, c_months[HOME_C_MONTHS];
	int c_first_month, n_c_months;

	/* dues: this month's ledger totals (the dues page's), and payments per
	 * month (v[0] fen collected without voluntary extras, as paid_fen; v[1] payments) */
	int64_t dues_members, dues_due_fen, dues_paid_fen, dues_unpaid_fen;
	int64_t dues_arrears, dues_warnings, dues_flags;
	struct home_point dues_trend[HOME_MONTHS];

	/* findings now, and per month v[0] issued, v[1] closed, v[2] closed on time */
	int64_t f_total, f_open, f_overdue, f_closed, f_closed_on_time;
	struct home_point findings_trend[HOME_MONTHS];

	/* development: people in stages 1..5 (pipeline and probationary), their
	 * next steps overdue and due within cfg.dev.alert_days */
	int64_t stages[HOME_STAGES], steps_overdue, steps_due;

	/* the latest assessment in scope (0: none) and the one before */
	int assess_year;
	int64_t grades[HOME_GRADES], prev_grades[HOME_GRADES], bands[5], rectify;

	/* study per month: v[0] records, v[1] points counted, v[2] members */
	struct home_point study_trend[HOME_MONTHS];
};

/* Gathers every figure of the subtree of org_id (0: w's whole scope) as of
 * today; strings in a. ERR_NOT_FOUND when org_id is outside w's scope. */
enum err home_gather(struct db *db, const struct who *w, int64_t org_id, int32_t today,
    struct arena *a, struct home *out);

#endif
