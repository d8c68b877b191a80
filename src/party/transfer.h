/* transfer.h: formal transfers of membership records (RULES.md XFER-01,
 * 03, 04): the state machine and letter dates as pure rules, and the
 * scoped operations. internal: between two branches of the district;
 * out: to an organization outside it; in: arriving from outside (no
 * sending side here, so it starts in transit). Until the receiving side
 * receives, the member stays where they were (XFER-01). */
#ifndef HY_TRANSFER_H
#define HY_TRANSFER_H

#include <stdint.h>

#include "auth/who.h"
#include "core/arena.h"
#include "db/db.h"

extern const char *const transfer_directions[];	/* internal, out, in */
extern const char *const transfer_states[];	/* draft ... done */

enum transfer_action {
	XFER_APPROVE,	/* the sending side approves (draft -> approved) */
	XFER_SEND,	/* the letter goes out (approved -> in_transit) */
	XFER_RECEIVE,	/* the receiving side accepts */
	XFER_RETURN,	/* the receiving side sends it back (in_transit -> returned) */
	XFER_CONFIRM,	/* out: the receipt came back (received -> done) */
};

/* Which side may act: the sending organization or the receiving one. */
enum transfer_side { XFER_SENDER, XFER_RECEIVER };

/* Pure (XFER-04): the state after action from state for a direction, or
 * NULL when the action is not allowed there. internal/in: receive goes
 * straight to done (the receiving side is here; it moves the member); out:
 * receive -> received, and confirm -> done once the receipt is back. */
const char *transfer_next(const char *direction, const char *state, enum transfer_action act);
/* Pure: who acts for action on a direction (out: the sender records both
 * the outside side's receipt and its return). */
enum transfer_side transfer_actor(const char *direction, enum transfer_action act);
/* The first state of a new transfer: in_transit for "in", else draft. */
const char *transfer_initial(const char *direction);
/* Chinese names for messages. */
const char *transfer_state_label(const char *state);
const char *transfer_action_label(enum transfer_action act);

/* Pure: day plus n calendar months, clamped to the month's end
 * (2026-01-31 + 1 = 2026-02-28). */
int32_t transfer_add_months(int32_t day, int n);
/* XFER-03: the longest validity of a letter sent on day (3 months, 6
 * across provinces; cfg.xfer_valid_months[_cross]). */
int32_t transfer_valid_max(int32_t sent_on, int cross_province);
/* XFER-03: the receipt is due 1 month after receipt (cfg.xfer_receipt_months). */
int32_t transfer_receipt_due(int32_t received_on);
/* Pure: in transit past valid_until, or received and not done past
 * receipt_due (dates as YYYY-MM-DD or NULL). */
int transfer_overdue(const char *state, const char *valid_until, const char *receipt_due,
    int32_t today);

struct member;

struct transfer_in {
	int64_t member_id, to_org_id;
	/* in: the member's record as it arrives with the letter, instead of
	 * member_id (create on arrival); with_member says one was sent (member
	 * stays NULL when it was for another direction, and is refused). */
	struct member *member;
	int with_member;
	const char *direction, *outside_org, *reason;
	/* in: the letter as it arrived */
	const char *letter_no, *sent_on, *valid_until, *dues_paid_to;
	int cross_province;
};

/* The fields of a transition; each action reads its own. */
struct transfer_act_in {
	const char *note;			/* approve, confirm */
	const char *letter_no, *sent_on, *valid_until, *dues_paid_to;	/* send */
	int cross_province;			/* send */
	const char *received_on;		/* receive */
	const char *reason;			/* return */
};

/* Pure: checks a letter (letter_no required; sent_on not in the future;
 * valid_until after sent_on and within the XFER-03 limit, defaulting to
 * it; dues_paid_to YYYY-MM). Fills *valid_until when absent (arena). */
enum err transfer_check_letter(const char *letter_no, const char *sent_on, const char **valid_until,
    const char *dues_paid_to, int cross_province, int32_t today, struct arena *a,
    struct problem *pb);

/* Creates a transfer for a member w may edit (internal, out) or receive
 * into (in). ERR_CONFLICT when the member already has one open. For "in"
 * with in->member, the record is validated (fields named member.*), stored
 * in the receiving branch as "incoming" (not counted, not listed as
 * active) in the same transaction; ERR_CONFLICT naming member.id_card when
 * the number is already registered. On receipt the member becomes active
 * there (with a history row); on return they are kept as removed
 * ("转入退回") with the ID number's index cleared, so the person may arrive
 * again with a corrected letter. */
enum err transfer_create(struct db *db, const struct who *w, const struct transfer_in *in,
    struct problem *pb, int64_t *id);
/* Applies one transition in one transaction with its event and audit
 * rows. ERR_NOT_FOUND outside the scope, ERR_FORBIDDEN for the wrong side,
 * ERR_CONFLICT (with a Chinese message) from the wrong state. */
enum err transfer_act(struct db *db, const struct who *w, int64_t id, enum transfer_action act,
    const struct transfer_act_in *in, struct problem *pb);

struct transfer {
	int64_t id, member_id, from_org_id, to_org_id, created_by, created_at, updated_at;
	const char *member_name, *direction, *from_org_name, *to_org_name, *outside_org, *state;
	const char *reason, *letter_no, *valid_until, *sent_on, *received_on, *receipt_due;
	const char *returned_reason;
	int64_t dues_paid_to;	/* YYYYMM or 0 */
	int overdue;
	int new_member;		/* in: the member's record came with the letter */
};

struct transfer_filter {
	int64_t org_id, member_id;	/* org_id: either side under it */
	const char *state, *direction;
	int overdue;
	int64_t page, per_page;
};

/* ERR_NOT_FOUND unless one side lies in w's scope. */
enum err transfer_get(struct db *db, const struct who *w, int64_t id, struct arena *a,
    struct transfer *t);
/* The events of a transfer, oldest first. */
enum err transfer_events(struct db *db, int64_t id, void (*fn)(void *ctx, const char *state,
    const char *note, int64_t actor_id, int64_t at), void *ctx);
/* One page, newest first, of the transfers with a side in w's scope. */
enum err transfer_list(struct db *db, const struct who *w, const struct transfer_filter *f,
    void (*fn)(void *ctx, const struct transfer *t), void *ctx, int64_t *total);

struct jw;
void transfer_write_fields(struct jw *w, const struct transfer *t);

#endif
