/* who.h: the caller of a request: user, role and the organization subtrees
 * they may see (their scope). Built by the session layer; read by stores. */
#ifndef HY_WHO_H
#define HY_WHO_H

#include <stdint.h>

/* Roles are bits so a route names a set, not a ladder. */
enum role {
	ROLE_ADMIN = 1 << 0,
	ROLE_DISTRICT = 1 << 1,
	ROLE_INSPECTOR = 1 << 2,
	ROLE_SECRETARY = 1 << 3,
	ROLE_PRINCIPAL = 1 << 4,
	ROLE_MEMBER = 1 << 5,
	ROLE_INSTITUTION = 1 << 6,
};

#define ROLES_ALL 0x7f
#define ROLES_STAFF (ROLE_ADMIN | ROLE_DISTRICT | ROLE_INSPECTOR | ROLE_SECRETARY | ROLE_PRINCIPAL)

struct who {
	int64_t user_id;	/* 0 for the system (CLI) */
	const char *username;
	enum role role;
	int all;		/* admin and district: every organization */
	int nscope;
	const char **paths;	/* org paths of the scope roots (arena-owned) */
	int64_t *scope_ids;
	int64_t member_id;	/* the member record of a member user, else 0 */
	const char *address;	/* client address for the audit log */
};

/* "admin" etc. to a role bit; 0 if unknown. */
enum role role_parse(const char *s);
const char *role_name(enum role r);
/* Chinese name for display. */
const char *role_label(enum role r);

#endif
