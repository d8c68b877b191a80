/* member.h: party members: the validation rules over a plain record
 * (ID-01, SEC-09, status and date consistency), and the scoped operations.
 * ID-card and phone numbers are stored sealed with a keyed blind index
 * (auth/crypto.h) and shown masked except to those who may edit the member
 * and to the member; each such read is audited. */
#ifndef HY_MEMBER_H
#define HY_MEMBER_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "db/db.h"

extern const char *const member_genders[], *const member_categories[],
    *const member_statuses[], *const member_states[];

struct member {
	int64_t id, org_id;
	const char *org_name;
	const char *name, *gender, *ethnicity, *birth_date, *id_card, *phone;
	const char *education, *title, *post, *category, *status, *full_on;
	const char *state, *state_on, *state_reason, *joined_on;
	int backbone, dual_leader;
	int64_t created_at, updated_at;
	int pii_whole;	/* id_card/phone hold whole numbers, not masks; birth_date is
			 * loaded (sealed at rest) and shown only then (PI-06) */
};

/* Pure: checks a whole record (after a PATCH is merged) and names every bad
 * field. today bounds dates. May fill birth_date from the ID number and
 * normalise the ID number (strings from a). */
enum err member_validate(struct member *m, int32_t today, struct arena *a, struct problem *pb);
/* Pure (XFER-01): "incoming" (待转入) is the state of a member whose record
 * arrived with an incoming transfer; only the transfer makes or ends it.
 * old is NULL on create. ERR_INVALID naming state (or org_id) when m would
 * enter or leave it, or move, by hand. */
enum err member_check_incoming(const struct member *old, const struct member *m,
    struct problem *pb);

enum err member_create(struct db *db, const struct who *w, struct member *m, struct problem *pb,
    int64_t *id);
/* Inside the caller's transaction: inserts m (validated by the caller) into
 * the branch at org_path, recounts it and writes the member's audit row
 * (numbers masked). ERR_CONFLICT naming id_card for a number already
 * registered. */
enum err member_insert(struct db *db, const struct who *w, const struct member *m,
    const char *org_path, struct problem *pb, int64_t *id);
/* member_insert() without the recount, for many rows in one transaction
 * (a roster import): the caller runs member_recount() once for each
 * organization it inserted into. */
enum err member_insert_batch(struct db *db, const struct who *w, const struct member *m,
    const char *org_path, struct problem *pb, int64_t *id);
/* A member's personal numbers sealed ahead of the write (IMP-10: a roster
 * import seals before taking the write lock): the ID and phone numbers and
 * the birth date encrypted, the ID number's blind index, both masks. The
 * blobs are the struct's own: member_seal_release() frees them. */
struct member_seal {
	unsigned char *idc, *ph, *bd, idx[32];
	size_t idn, phn, bdn;
	char idm[19], pm[12];
};
void member_seal(const struct member *m, struct member_seal *s);
void member_seal_release(struct member_seal *s);
/* member_insert_batch() with m's numbers sealed in s beforehand. */
enum err member_insert_sealed(struct db *db, const struct who *w, const struct member *m,
    const struct member_seal *s, const char *org_path, struct problem *pb, int64_t *id);
/* Recounts the active members directly in org_id (org.member_count). */
enum err member_recount(struct db *db, int64_t org_id);
/* Its statement (two org ids), for the test of its query plan (IMP-10):
 * the unary + on state keeps SQLite on member_org (org_id = ?); left to
 * itself it chose the covering index member_full_org (state = ?) and
 * walked every active member of the database per organization (a
 * 200,000-member roster import spent 50 s of its write lock there). */
#define MEMBER_RECOUNT_SQL "UPDATE org SET member_count = (SELECT COUNT(*) FROM member" \
	" WHERE member.org_id = org.id AND +member.state = 'active') WHERE id IN (?, ?)"
/* Loads the member whole, lets patch() overlay the request, validates and
 * saves; a changed org_id is kept in the history. */
enum err member_update(struct db *db, const struct who *w, int64_t id,
    void (*patch)(void *ctx, struct member *m, struct arena *a), void *ctx, struct problem *pb);
/* member_update() inside the caller's transaction, with a note kept in
 * the history beside a move (NULL: none); no refusal is audited here. */
enum err member_update_in(struct db *db, const struct who *w, int64_t id,
    void (*patch)(void *ctx, struct member *m, struct arena *a), void *ctx, const char *note,
    struct problem *pb);
/* The member in w's scope with whole numbers, for comparing a re-imported
 * row (issue 16): no audit row, so the caller must not show the numbers. */
enum err member_load_whole(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct member *m, const char **org_path);
/* The member holding id_card, anywhere (by the blind index: nothing is
 * decrypted): its id and org path (a). ERR_NOT_FOUND when none. The caller
 * checks the path against the scope and answers ID_CARD_NOT_HERE. */
enum err member_find_by_card(struct db *db, const char *id_card, int64_t *id, struct arena *a,
    const char **org_path);
/* The member as the caller may see it: whole numbers only for editors and
 * the member, with an audit row for that read. */
enum err member_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct member *m);

struct member_filter {
	int64_t org_id;
	const char *q;	/* LIKE pattern */
	const char *status, *category, *state;	/* state NULL: active; "all": any */
	const char *joined_from, *joined_to;
	const char *sort_col;
	int desc;
	int64_t page, per_page;
};

/* One page of members in w's scope (masked), through fn; *total counts
 * every match. ERR_NOT_FOUND if org_id is outside the scope. */
enum err member_list(struct db *db, const struct who *w, const struct member_filter *f,
    void (*fn)(void *ctx, const struct member *m), void *ctx, int64_t *total);

/* History of the member's branches, oldest first, through fn. */
enum err member_history(struct db *db, int64_t id, void (*fn)(void *ctx, int64_t from,
    int64_t to, const char *on), void *ctx);

struct jw;
/* Writes m's fields as keys of an object the caller has opened; birth_date
 * only with the whole numbers (pii_whole). */
void member_write_fields(struct jw *w, const struct member *m);
/* JSON text of m (arena). */
char *member_json(const struct member *m, struct arena *a);
/* Whether w may edit members of the org at path. */
int member_may_edit(const struct who *w, const char *org_path);

#endif
