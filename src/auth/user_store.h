/* user_store.h: the SQL of user accounts, scopes, password history and
 * login counters. Callers own transactions. */
#ifndef HY_USER_STORE_H
#define HY_USER_STORE_H

#include "auth/user.h"

enum err store_user_get(struct db *db, const char *where_col, struct db_param key,
    struct arena *a, struct user *u, char **pw_hash);
enum err store_user_insert(struct db *db, const char *username, const char *hash, enum role role,
    int64_t member_id, int must_change, int64_t *id);
enum err store_user_set_scope(struct db *db, int64_t uid, int n, const int64_t *orgs);
enum err store_user_load_scopes(struct db *db, struct user *v, int n);
enum err store_user_set_password(struct db *db, int64_t uid, const char *hash, int must_change);
/* The last n password hashes, newest first; each arena-owned. */
enum err store_user_history(struct db *db, int64_t uid, int n, struct arena *a, char **out,
    int *got);
enum err store_user_list(struct db *db, const struct user_filter *f, int64_t page,
    int64_t per_page, struct arena *a, struct user_page *out);
/* Writes the user as JSON (no secrets) into an arena string, for audit. */
char *store_user_json(const struct user *u, struct arena *a);

#endif
