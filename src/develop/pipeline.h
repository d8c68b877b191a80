/* pipeline.h: the pure rules of membership development (RULES.md section
 * 2, 中国共产党发展党员工作细则): the 25 steps in 5 stages as a table, the
 * order and time checks of one step (each names its rule: DEV-NN is step
 * NN of the section's table, DEV-T1..T4 its time rules), the state a step
 * leaves behind, and every step's due date. Soft rules ("一般", local
 * rules without a stated consequence) pass with a recorded warning. */
#ifndef HY_PIPELINE_H
#define HY_PIPELINE_H

#include <stdint.h>

#include "core/err.h"

struct holiday_cal;

#define PIPE_STEPS 25

/* What a step asks for (flags of struct pipe_step_def). */
#define PF_TALKER 1u	/* one to three talkers (members) */
#define PF_CONTACTS 2u	/* DEV-05: 1-2 full members */
#define PF_SPONSORS 4u	/* DEV-09: 2 full members */
#define PF_VOTE 8u	/* DEV-15/23: the branch assembly's vote */
#define PF_TRAINING 16u	/* DEV-11: days or hours */
#define PF_NOTICE 32u	/* DEV-13: the 公示 period */
#define PF_OUTCOME 64u	/* step 10: passed|failed; step 23: convert|extend|disqualify */

struct pipe_step_def {
	int no, stage;
	const char *name;	/* 递交入党申请书 ... */
	const char *decides;	/* who decides or acts: 支部委员会, 上级党委 ... */
	const char *needs;	/* the documents and people, in Chinese */
	const char *rule;	/* "DEV-02" */
	const char *limit;	/* the time limit or condition, in Chinese ("" none) */
	unsigned flags;
};

extern const struct pipe_step_def pipe_steps[PIPE_STEPS];	/* [i].no == i + 1 */
extern const char *const pipe_statuses[];	/* pipeline, probationary, full, ... */
extern const char *const pipe_step_statuses[];	/* done, due, overdue, not_yet */

/* Chinese name of stage 1..5. */
const char *pipe_stage_name(int stage);
/* The step's definition, or NULL outside 1..25. */
const struct pipe_step_def *pipe_step(int no);

/* Pure date arithmetic: calendar months clamped to the month's end
 * (2024-02-29 + 12 = 2025-02-28). */
int32_t pipe_add_months(int32_t day, int n);
/* DEV-01: the day someone born on birth completes years full years: a
 * 29 February birthday is completed on 1 March of a common year. */
int32_t pipe_years_completed(int32_t birth, int years);

/* Where a person stands: the last step done, each step's latest date, and
 * what step 23 decided for step 24 to approve. */
struct pipe_state {
	const char *status;	/* pipe_statuses */
	int step;		/* 0..25 */
	int32_t birth;
	int32_t on[PIPE_STEPS + 1];	/* on[n]: the day step n was last done, 0: never */
	int32_t probation_end;	/* DEV-T1/T2: set at admission (step 17) */
	int extended;		/* DEV-T2: the one extension was granted */
	const char *decision;	/* step 23's outcome: convert, extend, disqualify */
	int extend_months;	/* step 23's extension */
};

/* One step as recorded. Counts of people are of valid members (the store
 * checks they exist); *_not_full counts those who are not full members. */
struct pipe_in {
	int step;
	int32_t date;
	int talkers, contacts, sponsors;
	int contacts_not_full, sponsors_not_full;
	int64_t days, hours;		/* -1: absent */
	int64_t expected, present, yes_votes, written;	/* -1: absent */
	const char *outcome;		/* NULL: absent */
	int64_t extend_months;		/* 0: absent */
	int32_t notice_from, notice_to;	/* 0: absent */
	int leaving;			/* DEV-13: leaves the unit within 3 months */
};

#define PIPE_WARN_MAX 4
struct pipe_warning {
	const char *rule;
	char msg[240];
};

struct pipe_result {
	int nwarn;
	struct pipe_warning warn[PIPE_WARN_MAX];
};

/* Pure: the step the person must do next (0: none, the pipeline is over). */
int pipe_next(const struct pipe_state *s);

/* Pure: checks step in against s as of today (cal for working days, may be
 * NULL: weekends only). ERR_CONFLICT (code invalid_transition) when the
 * step is not the next one, field "step" naming the current step;
 * ERR_INVALID with pb->code the rule ID and the field named when a hard
 * rule fails, or with code validation_failed for malformed input; else
 * ERR_OK with the soft rules' warnings in r. */
enum err pipe_check(const struct pipe_state *s, const struct pipe_in *in,
    const struct holiday_cal *cal, int32_t today, struct pipe_result *r, struct problem *pb);

/* What applying a step did beyond recording it. */
enum pipe_effect {
	PE_NONE,
	PE_ADMIT,	/* step 17: a probationary member from the assembly date */
	PE_CONVERT,	/* step 24 approving conversion: a full member */
	PE_EXTEND,	/* step 24 approving an extension: back to step 21 */
	PE_DISQUALIFY,	/* step 24 approving disqualification: the pipeline ends */
	PE_END,		/* step 10 failed: cannot join */
};

/* Pure: s after a checked step. */
enum pipe_effect pipe_apply(struct pipe_state *s, const struct pipe_in *in);

/* Pure: the earliest day and the due day (0: none) of step no for s, with
 * the rule that sets them (NULL: none). */
void pipe_due(const struct pipe_state *s, int no, int32_t *earliest, int32_t *due,
    const char **rule);

/* Pure: a step's status today: "done", "due" (the next step, in time),
 * "overdue" (the next step past its due day) or "not_yet". */
const char *pipe_step_status(const struct pipe_state *s, int no, int32_t today);

/* Pure: the alert text for a person whose next step no is due on due:
 * "预备期将于…届满（30天后）：请准备转正" and the like. */
void pipe_alert_message(const char *name, int no, int32_t due, int32_t today, char *out,
    size_t n);

#endif
