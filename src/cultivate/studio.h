/* studio.h: studios of famous teachers, principals and class teachers
 * (三名工作室, issue 5): host, level, focus, members with join and leave
 * dates, activities (seminars, lessons, joint lesson preparation, courses
 * developed) and outputs (papers, courses, awards), with per-studio and
 * district statistics counted in SQL. A studio belongs to its host
 * school's organization, which scopes it. */
#ifndef HY_STUDIO_H
#define HY_STUDIO_H

#include <stdint.h>

#include "auth/who.h"
#include "db/db.h"

struct jw;

struct studio_in {
	int64_t org_id, host_member_id;	/* host_member_id 0: none */
	const char *name, *kind, *host_name, *level, *focus, *founded_on;
};

struct studio_member_in {
	int64_t member_id;	/* 0: not a party member */
	const char *name, *unit, *joined_on;
};

/* An activity or an output: kind, title, date (held_on / made_on), and
 * participants (activities) or level (outputs). */
struct studio_item_in {
	const char *kind, *title, *date, *level, *note;
	int64_t participants;
};

enum err studio_create(struct db *db, const struct who *w, const struct studio_in *in,
    struct problem *pb, int64_t *id);
enum err studio_member_add(struct db *db, const struct who *w, int64_t studio_id,
    const struct studio_member_in *in, struct problem *pb);
/* Sets the leave date of a studio member (studio_member.id); ERR_CONFLICT
 * when already left, ERR_INVALID when before joining. */
enum err studio_member_leave(struct db *db, const struct who *w, int64_t id, const char *left_on,
    struct problem *pb);
enum err studio_activity_add(struct db *db, const struct who *w, int64_t studio_id,
    const struct studio_item_in *in, struct problem *pb);
enum err studio_output_add(struct db *db, const struct who *w, int64_t studio_id,
    const struct studio_item_in *in, struct problem *pb);
/* Replaces a studio's fields (checks as studio_create). A closed studio
 * refuses every write: ERR_CONFLICT, code studio_closed. */
enum err studio_update(struct db *db, const struct who *w, int64_t id, const struct studio_in *in,
    struct problem *pb);
/* Closes (撤销) a studio on closed_on (not before founding nor after
 * today); its current members leave that day. */
enum err studio_close(struct db *db, const struct who *w, int64_t id, const char *closed_on,
    struct problem *pb);
/* Reopens (恢复) a closed studio; ERR_CONFLICT (invalid_transition) when
 * it is open. Members who left with it stay left. */
enum err studio_reopen(struct db *db, const struct who *w, int64_t id, struct problem *pb);
/* Replaces a studio member's name, member, unit and join date (not after
 * their leave date); *studio_id gets the studio. */
enum err studio_member_update(struct db *db, const struct who *w, int64_t id,
    const struct studio_member_in *in, struct problem *pb, int64_t *studio_id);
/* Replaces (in) or deletes (in NULL) activity or output (output 1) id;
 * *studio_id gets the studio. */
enum err studio_item_edit(struct db *db, const struct who *w, int64_t id, int output,
    const struct studio_item_in *in, struct problem *pb, int64_t *studio_id);
/* The studio with its members, activities and outputs. */
enum err studio_get_json(struct db *db, const struct who *w, int64_t id, struct jw *j);
/* Every studio in scope with its counts (current members, activities by
 * kind, outputs), then the district totals under "totals". */
enum err studio_list_json(struct db *db, const struct who *w, struct jw *j);

#endif
