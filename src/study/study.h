/* study.h: exchange and study (交流学习, issue 6): the study library
 * (documents, links, videos by link, with topics), study plans per
 * organization, reading sessions (书香红岩) and members' study records.
 * Library items and plans published at an organization are read by everyone
 * at or below it; everything else is scoped like the rest of the platform.
 * Each write runs in one transaction with its audit row (study_store.c,
 * record_store.c). Out of scope is ERR_NOT_FOUND. */
#ifndef HY_STUDY_H
#define HY_STUDY_H

#include <stdint.h>

#include "auth/who.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"

struct arena;

extern const char *const study_item_kinds[];	/* document, link, video, NULL */

/* Appends " AND <col> is in w's subtrees or is an ancestor of one of
 * them" (what a reader may see of published material). up as in scope_sql. */
void study_visible_sql(struct buf *sql, struct db_args *a, const struct who *w,
    const char *col, char (*up)[256]);

/* Counts the rows of where (" FROM … WHERE …", parameters in args) into
 * *total, then opens r on "SELECT cols <where> ORDER BY order" limited to
 * page (from 1) of per_page rows; args gets the two paging parameters.
 * The caller closes r (study_page.c). */
enum err study_page_open(struct db *db, const char *cols, const char *where, const char *order,
    struct db_args *args, int64_t page, int64_t per_page, int64_t *total, struct db_rows *r);

/* --- library --- */
struct study_item {
	int64_t id, org_id, minutes, created_at;
	int64_t meeting_file_id;	/* the meeting's attachment it names, 0: none */
	int64_t file_id, file_size;	/* its own attachment (library_files), 0: none */
	const char *org_name, *kind, *title, *topic, *summary, *url, *file_name, *file_mime;
};

struct study_item_in {
	int64_t org_id, meeting_file_id, minutes;
	const char *kind, *title, *topic, *summary, *url;
};

struct study_item_filter {
	const char *kind, *topic, *q;	/* NULL: any; q matches title or summary */
	int64_t page, per_page;
};

/* Publishes an item at in->org_id (in w's scope). A link or video needs an
 * http(s) url; a document may name a meeting's file w may read, or gets
 * its own file later (library_files). */
enum err study_item_create(struct db *db, const struct who *w, const struct study_item_in *in,
    struct problem *pb, int64_t *id);
/* A document's own file: an owner of attachments (attach.h; "library",
 * one file, a new upload replaces it; study_store.c). When it has one, it
 * is the item's file, before any meeting's file the item names. */
extern const struct attach_owner library_files;
/* Deletes an item published in w's scope (ERR_CONFLICT while a plan or a
 * record refers to it) with its own file (the bytes after the commit). */
enum err study_item_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* One visible item (strings in a). */
enum err study_item_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct study_item *it);
enum err study_item_list(struct db *db, const struct who *w, const struct study_item_filter *f,
    void (*fn)(void *ctx, const struct study_item *it), void *ctx, int64_t *total);
/* The distinct topics of visible items, in order. */
enum err study_topics(struct db *db, const struct who *w,
    void (*fn)(void *ctx, const char *topic, int64_t n), void *ctx);
/* Opens a visible item's file (its own upload or its meeting's file): *fd
 * is the caller's (filestore_open()); name and mime in a. ERR_NOT_FOUND
 * when it has none. */
enum err study_item_file(struct db *db, const struct who *w, int64_t id, struct arena *a,
    const char **name, const char **mime, int *fd);

/* Whether u is an http(s) address of at most 500 bytes without spaces or
 * quotes (a link or video item's url). */
int study_url_ok(const char *u);

/* Changes to an item (study_edit_store.c): NULL / has_* 0 keep a value. */
struct study_item_patch {
	const char *title, *topic, *summary, *url;	/* url "" or NULL with has_url: none */
	int64_t minutes;
	int has_url, has_minutes;
};
/* Edits an item published inside w's scope (ERR_NOT_FOUND otherwise); a
 * document takes no url, a link or video needs one (ERR_INVALID naming
 * url). Audited with before and after. */
enum err study_item_update(struct db *db, const struct who *w, int64_t id,
    const struct study_item_patch *p, struct problem *pb);
/* Renames a plan published inside w's scope. */
enum err study_plan_update(struct db *db, const struct who *w, int64_t id, const char *title);
/* Deletes a plan published inside w's scope; ERR_CONFLICT (code in_use)
 * while it has entries. */
enum err study_plan_delete(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* Deletes one entry of a plan inside w's scope. */
enum err study_plan_entry_delete(struct db *db, const struct who *w, int64_t entry_id);

/* --- plans --- */
struct study_plan {
	int64_t id, org_id, year, created_at;
	const char *org_name, *title;
};
struct study_plan_item {
	int64_t id, plan_id, item_id;
	const char *topic, *title, *planned_on, *item_title;
};
enum err study_plan_create(struct db *db, const struct who *w, int64_t org_id, int64_t year,
    const char *title, struct problem *pb, int64_t *id);
/* Adds an entry; planned_on must lie in the plan's year; item_id (0: none)
 * must be a visible library item. */
enum err study_plan_add(struct db *db, const struct who *w, int64_t plan_id,
    const struct study_plan_item *in, struct problem *pb, int64_t *id);
/* Visible plans of year (0: any) with their entries (plan first, then its
 * entries, through two callbacks). */
enum err study_plan_list(struct db *db, const struct who *w, int64_t year, struct arena *a,
    void (*plan)(void *ctx, const struct study_plan *p),
    void (*entry)(void *ctx, const struct study_plan_item *it), void *ctx);

/* --- records (record_store.c) --- */
struct study_record {
	int64_t id, member_id, item_id, reading_id, minutes, points, created_at;
	const char *member_name, *title, *kind, *started_at, *day, *note, *status, *flag;
};

struct study_record_in {
	int64_t item_id, minutes;	/* item_id 0: free text */
	const char *title, *kind, *started_at, *note;
};

/* The outcome of the points engine for a new record. */
struct study_result {
	int64_t points;
	const char *status;	/* "counted" or "flagged" */
	const char *flag;	/* the reason code when flagged, else NULL */
};

/* Records study for the calling member (w->member_id), running the points
 * engine (points.h): a refused record is ERR_INVALID with the field named
 * and problem.code the reason (duplicate, overlap, day_full, future,
 * too_old); a burst is stored flagged with 0 points. */
enum err study_record_add(struct db *db, const struct who *w, const struct study_record_in *in,
    struct problem *pb, int64_t *id, struct study_result *res);

struct study_record_filter {
	int64_t member_id, org_id;	/* 0: any in scope */
	const char *from, *to, *kind, *status;
	int64_t page, per_page;
};
/* A member sees only their own records; staff those in their scope. */
enum err study_record_list(struct db *db, const struct who *w,
    const struct study_record_filter *f, void (*fn)(void *ctx, const struct study_record *r),
    void *ctx, int64_t *total);

/* --- reading sessions (书香红岩, record_store.c) --- */
struct study_reading {
	int64_t id, org_id, minutes, present, created_at;
	const char *org_name, *book, *host, *held_at, *summary;
};
struct study_reading_in {
	int64_t org_id, minutes;
	const char *book, *host, *held_at, *summary;
};
struct study_attendee {
	int64_t member_id, record_id, points;
	const char *name, *reflection, *status, *flag;
	int present;
};
enum err study_reading_create(struct db *db, const struct who *w,
    const struct study_reading_in *in, struct problem *pb, int64_t *id);
/* Records who attended: each present member (in the session's
 * organization) gets a reading_session study record through the points
 * engine; one the engine refuses is kept flagged with its reason. Once
 * set, attendance is final (ERR_CONFLICT). */
enum err study_reading_attend(struct db *db, const struct who *w, int64_t id,
    const int64_t *member_ids, int n, struct problem *pb);
/* The calling member's reflection on a session they attended. */
enum err study_reading_reflect(struct db *db, const struct who *w, int64_t id,
    const char *text, struct problem *pb);
enum err study_reading_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct study_reading *r);
enum err study_reading_attendees(struct db *db, int64_t id, struct arena *a,
    void (*fn)(void *ctx, const struct study_attendee *at), void *ctx);
enum err study_reading_list(struct db *db, const struct who *w, int64_t org_id, int64_t page,
    int64_t per_page, void (*fn)(void *ctx, const struct study_reading *r), void *ctx,
    int64_t *total);

/* --- points (points_store.c) --- */
struct points_rule;
enum err study_rules_list(struct db *db, void (*fn)(void *ctx, const struct points_rule *r,
    int64_t updated_at), void *ctx);
/* Replaces one kind's rule (district staff), audited with before and after. */
enum err study_rule_set(struct db *db, const struct who *w, const struct points_rule *r,
    struct problem *pb);

struct points_row {
	int64_t rank, member_id, points, records, minutes;
	const char *name, *org_name;
};
/* The members of org_id's subtree (in scope) ranked by counted points in
 * year, ties sharing a rank (1,1,3), in SQL. */
enum err points_leaderboard(struct db *db, const struct who *w, int64_t org_id, int64_t year,
    int64_t page, int64_t per_page, void (*fn)(void *ctx, const struct points_row *r),
    void *ctx, int64_t *total);

/* One organization on an organization leaderboard (STUDY-07). per_member
 * is counted points per active member in tenths, half up. */
struct points_org_row {
	int64_t rank, rank_total, org_id, members, studied, points, minutes, per_member;
	const char *name;
};
enum points_level { POINTS_LEVEL_BRANCH, POINTS_LEVEL_SCHOOL };
/* The branches (kind branch) or schools (depth 1) inside org_id's subtree
 * (default: the caller's first scope root, or the top; out of scope →
 * ERR_NOT_FOUND) ranked in SQL by points per member (by_total: by total
 * points) in year; rank and rank_total are competition ranks (1,1,3). */
enum err points_org_board(struct db *db, const struct who *w, enum points_level level,
    int64_t org_id, int64_t year, int by_total,
    void (*fn)(void *ctx, const struct points_org_row *r), void *ctx);

struct points_me {
	int64_t member_id, points, records, minutes, flagged;
	int64_t branch_id, branch_rank, branch_size, school_id, school_rank, school_size;
	const char *name, *branch_name, *school_name;
};
/* The calling member's points in year and their rank in their branch and
 * their school (the top organization of their school). */
enum err points_me(struct db *db, const struct who *w, int64_t year, struct arena *a,
    struct points_me *me);

#endif
