/* who.h: the caller of a request: user, role and the organization subtrees
 * they may see (their scope). Built by the session layer; read by stores. */
#ifndef HY_WHO_H
#define HY_WHO_H

#include <stdint.h>

/* Roles are bits so a route names a set, not a ladder. The three
 * administrators are separated (三员分立, RULES.md SEC-05): ROLE_ADMIN is
 * the system administrator (configuration, backups, the system's health),
 * ROLE_SECURITY_ADMIN manages accounts, roles and scopes, ROLE_AUDIT_ADMIN
 * reads the whole audit. None of them is in a business route's set. */
enum role {
	ROLE_ADMIN = 1 << 0,
	ROLE_DISTRICT = 1 << 1,
	ROLE_INSPECTOR = 1 << 2,
	ROLE_SECRETARY = 1 << 3,
	ROLE_PRINCIPAL = 1 << 4,
	ROLE_MEMBER = 1 << 5,
	ROLE_INSTITUTION = 1 << 6,
	ROLE_SECURITY_ADMIN = 1 << 7,
	ROLE_AUDIT_ADMIN = 1 << 8,
	/* The principal-tenure platform (issue 13, DESIGN.md): the district's
	 * education supervision office (督导室: every school, this platform
	 * only) and the 责任督学 (the schools the office assigned them, PRIN-10).
	 * Neither is in a party-building route's set. */
	ROLE_SUPERVISION_OFFICE = 1 << 9,
	ROLE_SUPERVISOR = 1 << 10,
};

/* The three administrators (SEC-05): no business data. */
#define ROLES_ADMINS (ROLE_ADMIN | ROLE_SECURITY_ADMIN | ROLE_AUDIT_ADMIN)
/* Everyone who works with business data (members, meetings, findings …). */
#define ROLES_BUSINESS (ROLE_DISTRICT | ROLE_INSPECTOR | ROLE_SECRETARY | ROLE_PRINCIPAL | \
	ROLE_MEMBER | ROLE_INSTITUTION)
/* The principal-tenure platform's own roles (issue 13). */
#define ROLES_SUPERVISION (ROLE_SUPERVISION_OFFICE | ROLE_SUPERVISOR)
/* Everyone with a desk: the to-do list, messages and the alert centre. */
#define ROLES_DESK (ROLES_BUSINESS | ROLES_SUPERVISION)
/* Every account: only the session routes admit all of them. */
#define ROLES_ALL (ROLES_BUSINESS | ROLES_SUPERVISION | ROLES_ADMINS)
#define ROLES_STAFF (ROLE_DISTRICT | ROLE_INSPECTOR | ROLE_SECRETARY | ROLE_PRINCIPAL)

struct who {
	int64_t user_id;	/* 0 for the system (CLI) */
	const char *username;
	enum role role;
	int all;		/* district staff (and the system): every organization */
	int nscope;
	const char **paths;	/* org paths of the scope roots (arena-owned) */
	int64_t *scope_ids;
	int64_t member_id;	/* the member record of a member user, else 0 */
	const char *address;	/* client address for the audit log */
};

/* The CLI and the demo generators write business records as "system": not
 * an account, it never passes the route table, so it needs no role in any
 * route's set; it has district staff's reach in the stores. */
#define WHO_SYSTEM { .username = "system", .role = ROLE_DISTRICT, .all = 1 }

/* "admin" etc. to a role bit; 0 if unknown. */
enum role role_parse(const char *s);
const char *role_name(enum role r);
/* Chinese name for display. */
const char *role_label(enum role r);

#endif
