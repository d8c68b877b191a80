/* review.h: secretaries' report-and-review (述职评议, EVAL-01…04): the
 * round's state machine (open → closed → published), the combination of
 * evaluator groups' ballots into a final score, grade and ranking (pure,
 * below), and the scoped store (review_store.c): each write one
 * transaction with its audit row. Scores are tenths of a point, weights
 * and shares permille. */
#ifndef HY_REVIEW_H
#define HY_REVIEW_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "core/err.h"

struct db;

enum review_state { RS_OPEN, RS_CLOSED, RS_PUBLISHED, RS_N };
/* EVAL-03: the evaluator groups of a round. */
enum review_group { RG_DISTRICT, RG_SECRETARY, RG_MEMBER, RG_N };
/* EVAL-02: the four grades, best first. */
enum review_grade { RGR_GOOD, RGR_FAIR, RGR_AVERAGE, RGR_POOR, RGR_N };

extern const char *const review_states[];	/* "open"…, NULL-terminated */
extern const char *const review_groups[];	/* "district", "secretary", "member", NULL */
extern const char *const review_grades[];	/* "好", "较好", "一般", "差", NULL */

/* Pure. A name from one of the lists above to its index; -1 if unknown. */
int review_parse(const char *const *names, const char *s);
/* Pure. Whether the round may go from state to next: open → closed →
 * published only. ERR_CONFLICT otherwise. */
enum err review_step(enum review_state state, enum review_state next);
/* Pure. The static Chinese 409 message naming the current state. */
const char *review_conflict_message(enum review_state state);

/* The configurable rules of a round (EVAL-04): group weights (permille,
 * summing to 1000), grade bands (tenths: 好, 较好, 一般 minimums; below
 * the last 差) and the share of 一般/差 votes (permille) at or above which
 * the final grade is at most 一般. */
struct review_rules {
	int64_t weight[RG_N];
	int64_t band_min[3];
	int64_t poor_share;
};
/* From configuration: 500/300/200, 90/80/60 points, 500‰. */
void review_rules_default(struct review_rules *r);
/* Pure. Names each bad field: "weight_district"… (0..1000, sum 1000),
 * "band_good"… (0..1000 points, strictly decreasing), "poor_share"
 * (0..1001; 1001 turns the cap off). ERR_INVALID or ERR_OK. */
enum err review_rules_check(const struct review_rules *r, struct problem *pb);
/* Pure. The band grade of a score (tenths). */
enum review_grade review_band(const struct review_rules *r, int64_t score);

/* The ballots of one group for one secretary. */
struct review_tally {
	int64_t n;		/* ballots */
	int64_t sum;		/* of their totals, tenths */
	int64_t votes[RGR_N];	/* grade votes */
};

struct review_outcome {
	int64_t score;		/* tenths */
	enum review_grade grade;
	int64_t avg[RG_N];	/* per group, tenths; -1 when the group gave no ballot */
	int64_t ballots;
	int64_t votes[RGR_N];	/* all ballots */
	int64_t poor_share;	/* permille, weighted like the scores */
};

/* Pure (EVAL-02/04). Each group's average of ballot totals (half up);
 * the final score is the groups' averages weighted by r->weight, a group
 * without ballots (or with weight 0) left out and the others' weights
 * scaled to the whole (half up). The grade is the band of the score,
 * lowered to 一般 when the weighted share of 一般/差 votes reaches
 * r->poor_share. ERR_NOT_FOUND when no weighted group gave a ballot. */
enum err review_combine(const struct review_tally t[RG_N], const struct review_rules *r,
    struct review_outcome *out);

/* ---- store (review_store.c) ---- */

struct review_round {
	int64_t id, year, system_id, created_at, updated_at, closed_at, published_at;
	const char *name, *system_name;
	enum review_state state;
	struct review_rules rules;
	/* The caller's part: manager (admin, district), the evaluator group
	 * (-1: none) and whether they are under review. */
	int manager, group, subject;
	int64_t secretaries, evaluators, ballots;	/* counts */
};

struct review_in {
	int64_t year, system_id;	/* system_id 0: the newest published secretary_review sheet */
	const char *name;
	struct review_rules rules;
};

struct review_subject {
	int64_t secretary_id, org_id, report_at;
	const char *secretary, *org_name, *report;
	int64_t my_ballot;	/* the caller's ballot id on this secretary, 0: none */
	const char *file_name;	/* the report's attached file, NULL: none */
	int64_t id, file_id;	/* the subject row (owner of review_reports), the file (0: none) */
};

struct review_evaluator {
	int64_t user_id;
	const char *username, *role;
	enum review_group group;
	int64_t ballots;
};

struct review_score {
	const char *code;
	int64_t points;
};

struct review_ballot {
	int64_t id, round_id, secretary_id, total, created_at, updated_at;
	const char *secretary, *grade, *note, *group;
	int nscores;
	struct review_score *scores;
};

struct review_ballot_in {
	int64_t secretary_id;
	const char *grade, *note;
	int nscores;
	const struct review_score *scores;
};

struct review_result {
	int64_t id, secretary_id, org_id, score, rank, ballots, poor_share;
	int64_t votes[RGR_N], avg[RG_N];
	const char *secretary, *org_name, *grade;
	int64_t talk_id, finding_id;
	const char *talk_due;
	int talk_done;
};

struct review_talk {
	int64_t id, round_id, secretary_id, org_id, finding_id;
	const char *round_name, *secretary, *org_name, *due, *note, *done_on, *grade;
	int done;
};

/* Rounds the caller takes part in (managers: all), newest first; year 0:
 * any. */
enum err review_list(struct db *db, const struct who *w, int64_t year,
    void (*fn)(void *ctx, const struct review_round *r), void *ctx);
/* One round with the caller's part (strings in a). ERR_NOT_FOUND when
 * unknown or the caller takes no part in it. */
enum err review_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct review_round *r);
/* Creates an open round. ERR_INVALID naming the field (system_id not a
 * published secretary_review sheet, rules). */
enum err review_create(struct db *db, const struct who *w, const struct review_in *in,
    struct problem *pb, int64_t *id);
/* Changes the name or rules of an open round (in->year, system_id
 * ignored). ERR_CONFLICT invalid_transition when not open. */
enum err review_update(struct db *db, const struct who *w, int64_t id, const struct review_in *in,
    struct problem *pb);
/* The secretaries under review. Managers and evaluators see every one with
 * their reports; a secretary only themself. */
enum err review_subjects(struct db *db, const struct who *w, const struct review_round *r,
    struct arena *a, void (*fn)(void *ctx, const struct review_subject *s), void *ctx);
/* The evaluators (managers only; others get none). */
enum err review_evaluators(struct db *db, const struct review_round *r, struct arena *a,
    void (*fn)(void *ctx, const struct review_evaluator *e), void *ctx);
/* Adds users with the secretary role (their organization: their first
 * scope root) to an open round; present ones are kept. ERR_INVALID
 * "user_ids" naming the bad id, ERR_CONFLICT when not open. */
enum err review_add_subjects(struct db *db, const struct who *w, int64_t id, int n,
    const int64_t *users, struct problem *pb);
/* Adds users to a group of an open round (district: admin or district
 * staff; secretary: secretaries; member: members or principals); a user
 * already in the round moves to this group unless they have ballots. */
enum err review_add_evaluators(struct db *db, const struct who *w, int64_t id,
    enum review_group g, int n, const int64_t *users, struct problem *pb);
/* Active users who may take part in a round (secretaries, district
 * staff, members and principals) with their first organization; role
 * NULL: all of them. For managers choosing participants. */
struct review_candidate {
	int64_t id;
	const char *username, *role, *org_name;
};
enum err review_candidates(struct db *db, const char *role, struct arena *a,
    void (*fn)(void *ctx, const struct review_candidate *c), void *ctx);
/* Removes a secretary or an evaluator without ballots from an open round.
 * ERR_NOT_FOUND when not in it, ERR_CONFLICT when ballots exist. */
enum err review_remove(struct db *db, const struct who *w, int64_t id, int evaluator,
    int64_t user_id, struct problem *pb);
/* The caller's written report while the round is open (secretaries under
 * review only: ERR_FORBIDDEN otherwise). ERR_CONFLICT when not open. */
enum err review_report(struct db *db, const struct who *w, int64_t id, const char *text,
    struct problem *pb);
/* The attachment owner of the reports' files (attach.h; review_files.c):
 * owner id a review_subject row, one file each (ATTACH_ONE), typed by its
 * first bytes (FILESTORE_DOCUMENTS); added and deleted by the secretary
 * under review while the round is open (403 not_under_review, 409
 * invalid_transition), read by managers, evaluators and the secretary. */
extern const struct attach_owner review_reports;
/* The subject row of secretary_id in round round_id (the owner id of the
 * report's file); ERR_NOT_FOUND when not under review there. No scope
 * check: the caller checks the round (review_get) or the owner's may. */
enum err review_subject_id(struct db *db, int64_t round_id, int64_t secretary_id, int64_t *id);
/* Submits (or, while open, replaces) the caller's ballot on a secretary:
 * the scores are checked against the round's sheet (all regular leaves,
 * "scores[i].…"), grade one of review_grades. ERR_FORBIDDEN not an
 * evaluator or self_review; ERR_CONFLICT when not open. *replaced says
 * whether a ballot existed. */
enum err review_ballot_put(struct db *db, const struct who *w, int64_t id,
    const struct review_ballot_in *in, struct problem *pb, int64_t *ballot_id, int *replaced);
/* The caller's own ballots of a round (or only ballot_id when round_id is
 * 0). Another's ballot is ERR_NOT_FOUND. */
enum err review_ballots(struct db *db, const struct who *w, int64_t round_id, int64_t ballot_id,
    struct arena *a, void (*fn)(void *ctx, const struct review_ballot *b), void *ctx);
/* Closes an open round: computes each secretary's result (review_combine,
 * ranking with ties by indicator_rank) into review_result and, for 一般 or
 * 差, a talk and a finding (source review) in the same transaction
 * (EVAL-03). ERR_CONFLICT invalid_transition, or missing_ballots naming a
 * secretary without any weighted ballot. */
enum err review_close(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* Publishes a closed round. ERR_CONFLICT invalid_transition otherwise. */
enum err review_publish(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* Results ranked: managers see all once closed; a secretary under review
 * only their own, once published. ERR_NOT_FOUND otherwise (nothing to
 * see yet, or not theirs). */
enum err review_results(struct db *db, const struct who *w, const struct review_round *r,
    struct arena *a, void (*fn)(void *ctx, const struct review_result *x), void *ctx);
/* Talks: managers all (round_id 0: every round), secretaries their own. */
enum err review_talks(struct db *db, const struct who *w, int64_t round_id, struct arena *a,
    void (*fn)(void *ctx, const struct review_talk *t), void *ctx);
/* Marks a talk held, with a note (managers). ERR_CONFLICT when done. */
enum err review_talk_done(struct db *db, const struct who *w, int64_t talk_id, const char *note,
    struct problem *pb);

#endif
