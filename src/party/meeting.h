/* meeting.h: meetings and activities of party organizations (issue 3): the
 * pure rules (kinds and where they may be held, themes, quorum ORG-11, the
 * appraisal cap ORG-16, talk pairs ORG-17, the QR sign-in window and its
 * signed token) over plain values, and the scoped operations on records,
 * attendance, committees, files and plans (meeting_store.c). */
#ifndef HY_MEETING_H
#define HY_MEETING_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"

extern const char *const meeting_kinds[], *const meeting_themes[],
    *const meeting_att_statuses[], *const meeting_grades[], *const meeting_pair_kinds[],
    *const meeting_posts[];

/* How many kinds meeting_kinds names. */
#define MEETING_NKINDS 9
/* The position of kind in meeting_kinds, or -1. */
int meeting_kind_index(const char *kind);
/* Chinese names ("支部党员大会", "政治生日"), or NULL for an unknown code. */
const char *meeting_kind_label(const char *kind);
const char *meeting_theme_label(const char *theme);

/* Minutes a meeting lasts when no end is given (the QR window's end). */
#define MEETING_DEFAULT_MIN 120
/* A meeting may be scheduled at most this many days ahead. */
#define MEETING_AHEAD_DAYS 366

/* Pure: may a meeting of kind be held by an organization of org_kind?
 * committee: branch, general branch or party committee; group: a party
 * group only; branch_assembly: branch or general branch; the rest: any
 * organization below the district committee except a group. */
int meeting_kind_org_ok(const char *kind, const char *org_kind);

struct meeting {
	int64_t id, org_id, host_id, recorder_id;
	const char *org_name, *org_path, *kind, *theme, *place, *topic, *lecturer, *minutes;
	int64_t held_at, ends_at;	/* minutes, China time (core/dates.h) */
	int64_t expected, present;
	int quorum;			/* -1: not a committee meeting; 0/1 */
	int64_t committee_n, committee_present;
	int64_t created_at, updated_at;
	const char *host_name, *recorder_name;	/* "" when none */
	const char *my_status;	/* the caller's own attendance status, "" when none */
};

/* Pure: checks a whole record (after a PATCH is merged) against now (minutes)
 * and names every bad field: kind/theme/lecturer consistency, ends_at after
 * held_at within a day, held_at at most MEETING_AHEAD_DAYS ahead. Fills a
 * missing ends_at (0) with held_at + MEETING_DEFAULT_MIN. */
enum err meeting_validate(struct meeting *m, int64_t now, struct problem *pb);

/* ORG-11: a committee meeting is valid only if more than half of the
 * committee is present. 0 with no committee at all. */
int meeting_quorum_ok(int64_t committee_n, int64_t present_n);
/* ORG-05, a soft rule ("一般"): advice on a branch's committee of current
 * members given its full members (min_full: 7), written into out, or ""
 * when the committee fits. Never blocks a change. */
void meeting_committee_advice(int64_t current, int64_t full_members, int64_t min_full,
    char *out, size_t n);
/* The Chinese explanation of the quorum result (static or arena). */
const char *meeting_quorum_message(int64_t committee_n, int64_t present_n, struct arena *a);
/* ORG-16: at most graded / div excellent grades (div 3: one third). */
int meeting_excellent_ok(int64_t excellent, int64_t graded, long div);
/* "scheduled", "open" (between held_at and ends_at) or "held". */
const char *meeting_status(const struct meeting *m, int64_t now);
/* The sign-in window [held_at - early, ends_at]: 0 inside, -1 before, 1 after. */
int meeting_window(int64_t held_at, int64_t ends_at, long early, int64_t now);

/* The sign-in token of a meeting: "<id>.<expires>.<mac>" with an HMAC
 * (auth/crypto.h) over the id and the window's end. out holds 80 bytes. */
#define MEETING_TOKEN_MAX 80
void meeting_token_make(int64_t id, int64_t expires, char out[MEETING_TOKEN_MAX]);
/* ERR_OK with *id and *expires when the token is well formed and its MAC
 * matches; ERR_INVALID when malformed or tampered with. Expiry is the
 * caller's check. */
enum err meeting_token_check(const char *tok, int64_t *id, int64_t *expires);

/* --- scoped operations (meeting_store.c); out of scope is ERR_NOT_FOUND --- */

enum err meeting_create(struct db *db, const struct who *w, struct meeting *m,
    struct problem *pb, int64_t *id);
/* Loads the record, lets patch() overlay the request, validates, saves. */
enum err meeting_update(struct db *db, const struct who *w, int64_t id,
    void (*patch)(void *ctx, struct meeting *m), void *ctx, struct problem *pb);
/* A meeting in w's scope; w NULL: any meeting (after a QR sign-in proved
 * the caller belongs to it). my_status is w's member's attendance. */
enum err meeting_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct meeting *m);

struct meeting_filter {
	int64_t org_id;
	const char *kind;
	int32_t from, to;	/* days, 0: open */
	int32_t year, month_key;
	const char *sort_col;
	int desc;
	int64_t page, per_page;
};
enum err meeting_list(struct db *db, const struct who *w, const struct meeting_filter *f,
    void (*fn)(void *ctx, const struct meeting *m), void *ctx, int64_t *total);

/* One row of a list body: attendance, committee, grades or pairs. */
struct meeting_item {
	int64_t member_id, b_member_id;
	const char *status, *reason, *via, *post, *from_on, *to_on, *grade, *pair_kind,
	    *member_name;
	int64_t signed_at;
};

/* Replaces the attendance list (each member active in the meeting's
 * subtree, absent needs a reason), recounts and checks quorum (ORG-11). */
enum err meeting_set_attendance(struct db *db, const struct who *w, int64_t id,
    const struct meeting_item *it, int n, struct problem *pb);
/* ORG-16: replaces the grades of an appraisal meeting. */
enum err meeting_set_grades(struct db *db, const struct who *w, int64_t id,
    const struct meeting_item *it, int n, struct problem *pb);
/* ORG-17: replaces the pairs of a talk meeting. */
enum err meeting_set_pairs(struct db *db, const struct who *w, int64_t id,
    const struct meeting_item *it, int n, struct problem *pb);
/* Lists of a meeting: what is "attendance", "grades" or "pairs". */
enum err meeting_items(struct db *db, int64_t id, const char *what, struct arena *a,
    void (*fn)(void *ctx, const struct meeting_item *it), void *ctx);

/* The committee of an organization (ORG-05), for quorum. */
/* The committee members serving today and the branch's active full members. */
enum err meeting_committee_counts(struct db *db, int64_t org_id, int64_t *current,
    int64_t *full_members);
enum err meeting_committee_get(struct db *db, const struct who *w, int64_t org_id,
    struct arena *a, void (*fn)(void *ctx, const struct meeting_item *it), void *ctx);
enum err meeting_committee_set(struct db *db, const struct who *w, int64_t org_id,
    const struct meeting_item *it, int n, struct problem *pb);

/* QR sign-in by a member user: ERR_INVALID (bad, tampered or expired
 * token; outside the window), ERR_FORBIDDEN (not a member of the
 * meeting's organization), ERR_CONFLICT (already signed). *id gets the
 * meeting. problem.code says which. */
enum err meeting_checkin(struct db *db, const struct who *w, const char *token,
    struct problem *pb, int64_t *id);
/* The token for a meeting in w's scope. */
enum err meeting_token(struct db *db, const struct who *w, int64_t id,
    char out[MEETING_TOKEN_MAX]);

/* Pure: the MIME type of an allowed file from its first bytes (JPEG, PNG,
 * PDF; a zip as .docx/.xlsx by the name's extension), or NULL: the
 * FILESTORE_DOCUMENTS of core/filestore.h. */
const char *meeting_file_type(const void *p, size_t n, const char *name);
/* The attachment owner of meetings' files (attach.h; meeting_files.c). */
extern const struct attach_owner meeting_files;

struct meeting_plan {
	int64_t id, org_id, meeting_id;
	const char *org_name, *kind, *theme, *planned_on, *topic;
};
enum err meeting_plan_create(struct db *db, const struct who *w, const struct meeting_plan *p,
    struct problem *pb, int64_t *id);
/* Plans in scope (org_id's subtree when given), in a year or a month (0: any). */
enum err meeting_plan_list(struct db *db, const struct who *w, int64_t org_id, int32_t year,
    int32_t month_key, struct arena *a, void (*fn)(void *ctx, const struct meeting_plan *p),
    void *ctx);

/* One calendar entry: kind "planned", "held" or "missing" on day. */
struct meeting_day {
	int32_t day;
	const char *what, *kind, *topic;
	int64_t id;
};
/* The month's planned, held and missing meetings of org_id's subtree, by
 * day. Missing: a plan whose day has passed with no meeting of its kind by
 * its organization in that month. */
enum err meeting_calendar(struct db *db, const struct who *w, int64_t org_id, int32_t month_key,
    struct arena *a, void (*fn)(void *ctx, const struct meeting_day *d), void *ctx);

struct jw;
void meeting_write_fields(struct jw *jw, const struct meeting *m, int64_t now, struct arena *a);
char *meeting_json(const struct meeting *m, struct arena *a);

#endif
