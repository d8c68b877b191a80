/* tenure.h: the pure rules of principals' tenures (issue 13 items 1-3):
 * the posts, how a tenure ends, the seven evaluation areas (PRIN-01), term
 * dates (PRIN-09), the district list's flags (PRIN-05, PRIN-09), the term
 * goals' and yearly reports' states, and when a yearly report is due
 * (PRIN-03). No I/O: plain values in, plain values out. */
#ifndef HY_TENURE_H
#define HY_TENURE_H

#include <stdint.h>

#include "core/err.h"

extern const char *const tenure_posts[];	/* principal, kindergarten_head, … NULL-ended */
extern const char *const tenure_post_labels[];	/* 校长, 园长, 书记兼校长, 执行校长 */
extern const char *const tenure_end_reasons[];	/* expired, transferred, left, retired, dismissed */
extern const char *const tenure_end_labels[];	/* 届满, 调任, 离任, 退休, 免职 */
extern const char *const tenure_areas[];	/* PRIN-01's seven areas, NULL-ended */
extern const char *const tenure_area_labels[];	/* 党的建设 … 满意度调查 */
extern const char *const tenure_genders[];	/* male, female */

/* The label of value in a NULL-ended names list with its parallel labels,
 * or value itself when unknown. */
const char *tenure_label(const char *const *names, const char *const *labels, const char *value);

/* The last day of a term of years begun on appointed (PRIN-09):
 * appointed + years years - 1 day. */
int32_t tenure_term_end(int32_t appointed, int years);
/* The term year today falls in (1 from the appointment day), 0 before it. */
int tenure_term_year(int32_t appointed, int32_t today);
/* The last day of term year year_no (1-based). */
int32_t tenure_year_end(int32_t appointed, int year_no);
/* PRIN-03: the day the self-report of year_no is due: due_days after the
 * year's last day. */
int32_t tenure_report_due(int32_t appointed, int year_no, int due_days);

/* The district list's flags (issue 13 item 1). */
enum tenure_flag {
	TF_NO_PRINCIPAL = 1 << 0,	/* a school with no principal recorded */
	TF_TERM_ENDING = 1 << 1,	/* PRIN-05: the term ends within warn_months (or
					 * has ended) with no supervision planned */
	TF_LEFT_MID_TERM = 1 << 2,	/* PRIN-05: a principal left before the term's end
					 * (not 届满): the supervision is still due */
	TF_ROTATION = 1 << 3,		/* PRIN-09: beyond max_terms consecutive terms */
};
extern const char *const tenure_flag_names[];	/* "no_principal" … in bit order, NULL-ended */

/* The last term-end day that is "ending soon" as of today (PRIN-05):
 * today + warn_months. The list's SQL compares term_end_on with it. */
int32_t tenure_warn_cutoff(int32_t today, int warn_months);

/* What the flags read from one school's row. */
struct tenure_facts {
	int has_tenure;			/* a current principal is recorded */
	int32_t term_end;		/* the current term's last day */
	int term_no;			/* the current term's number at this school */
	int planned;			/* a term-end supervision is planned for it */
	int left_mid_term;		/* an earlier tenure here ended early, unsupervised */
};
/* The flags of one school as of today (bits of enum tenure_flag). */
unsigned tenure_flags(const struct tenure_facts *f, int32_t today, int warn_months, int max_terms);
/* Whether a tenure that ended on ended for reason (one of
 * tenure_end_reasons) before its term's end leaves a supervision due
 * (PRIN-05): any reason but expired, ended before term_end, none planned. */
int tenure_left_early(const char *reason, int32_t ended, int32_t term_end, int planned);

/* Term goals: draft → submitted → approved, or submitted → returned (with
 * a reason) → submitted again; goals are edited in draft and returned. */
enum goal_action { GA_EDIT, GA_SUBMIT, GA_APPROVE, GA_RETURN };
extern const char *const goal_states[];		/* draft, submitted, approved, returned */
/* The state after action from state, or NULL when it is not allowed. */
const char *goal_next(const char *state, enum goal_action a);
/* A static Chinese 409 message naming state. */
const char *goal_conflict_message(const char *state);

/* Yearly reports: draft → submitted → graded. */
enum report_action { RA_EDIT, RA_SUBMIT, RA_GRADE };
const char *report_next(const char *state, enum report_action a);
const char *report_conflict_message(const char *state);

/* Whether s is one of the configured yearly grades (cfg.prin_grades:
 * comma-separated, PRIN-03). */
int tenure_grade_valid(const char *grades, const char *s);

/* One office-entered baseline figure of the configuration (issue 13 item
 * 2): "key:label" (a bare item is its own label). */
#define TENURE_FIGURES_MAX 8
struct tenure_figure {
	char key[49], label[49];
};
/* Parses cfg.prin_figures-style text into out (at most max); the count. */
int tenure_figures_parse(const char *text, struct tenure_figure *out, int max);

#endif
