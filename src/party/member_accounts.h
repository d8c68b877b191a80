/* member_accounts.h: accounts for every member of a branch in one action
 * (issue 3, "Members on their phones"): a member user each with a
 * generated initial password that must be changed at first login (SEC-01),
 * handed back once as a printable sheet. */
#ifndef HY_MEMBER_ACCOUNTS_H
#define HY_MEMBER_ACCOUNTS_H

#include <stdint.h>

#include "auth/who.h"
#include "core/buf.h"
#include "db/db.h"

/* At most this many accounts per call: each password is hashed with
 * argon2id (~50 ms), so a whole district would keep a request for minutes. */
#define MEMBER_ACCOUNTS_MAX 500

/* Username of the account of member id: "m" + id, the first free of
 * "m<id>", "m<id>.2", ... (deterministic). */
void member_accounts_username(int64_t member_id, int n, char out[32]);

/* For every active member under org_id without a user yet, creates one
 * (role member, linked, must change password). All or nothing in one
 * transaction, one audit row per user plus one for the batch. Writes the
 * .xlsx (姓名, 所在支部, 用户名, 初始密码) into out. ERR_NOT_FOUND outside
 * the scope, ERR_FORBIDDEN for those who may not edit members there,
 * ERR_INVALID (org_id) over MEMBER_ACCOUNTS_MAX. */
enum err member_accounts_create(struct db *db, const struct who *w, int64_t org_id,
    struct problem *pb, struct buf *out);

#endif
