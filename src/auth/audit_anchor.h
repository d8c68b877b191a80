/* audit_anchor.h: checkpoints of the audit chain kept outside the database,
 * so that deleting the log's tail is caught (issue 10, hole 6). The chain
 * alone cannot see it: a log cut after row n is a whole chain of n rows.
 *
 * A checkpoint is one text line,
 *     hongyan-audit-checkpoint v1 seq=N mac=HEX at=UNIXTIME sig=HEX
 * naming the head row of the log and its mac, signed with the anchor key
 * (derived from the key file; the database never holds it). `serve`
 * appends one when the log has grown, every audit_checkpoint_s seconds and
 * when it stops; the CLI after a command that wrote. Each line is also
 * logged, so a copy reaches wherever the operator's logs go. A line is one
 * write(2) on a file opened O_APPEND, so several processes (on one file
 * system, or each with a file of its own) may record checkpoints of the
 * same database. The check reads lines anywhere in a file that contain the
 * marker, so a file extracted from the logs works too. */
#ifndef HY_AUDIT_ANCHOR_H
#define HY_AUDIT_ANCHOR_H

#include "auth/audit.h"

/* The checkpoint file of a database: cfg.audit_checkpoints when set, else
 * "<db>.audit-checkpoints". Returns buf. */
const char *anchor_path(const char *db_path, char *buf, size_t len);

/* Appends a checkpoint of the log's head to path when the head is past
 * *last_seq (pass a pointer to 0 to write whatever the head); updates
 * *last_seq. An empty log writes nothing. */
enum err anchor_write(struct db *db, const char *path, int64_t *last_seq);

struct anchor_verdict {
	int nlines;		/* checkpoints read and correctly signed */
	int64_t last_seq, last_at;	/* the furthest checkpoint */
	int bad_line;		/* first line (1-based) whose signature fails; 0: none */
	int64_t truncated_seq;	/* a checkpoint past the log's end (its tail was cut); 0: none */
	int64_t mismatch_seq;	/* a checkpoint whose row now has another mac; 0: none */
};

/* Checks path's checkpoints against the log, which av (audit_verify's
 * verdict) describes: every line signed by this key, none past the log's
 * last row, each row's mac as checkpointed unless a re-chain recorded
 * after the checkpoint rewrote it. ERR_NOT_FOUND when the file is
 * missing, ERR_CONFLICT when v names a fault. */
enum err anchor_check(struct db *db, const char *path, const struct audit_verdict *av,
    struct anchor_verdict *v);

#endif
