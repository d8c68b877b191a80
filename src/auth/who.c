#include "core/common.h"
#include "auth/who.h"

struct role_row {
	enum role role;
	const char *name;
	const char *label;
};

static const struct role_row role_rows[] = {
	{ ROLE_ADMIN, "admin", "系统管理员" },
	{ ROLE_DISTRICT, "district", "区教育工委" },
	{ ROLE_INSPECTOR, "inspector", "督查员" },
	{ ROLE_SECRETARY, "secretary", "书记/党务工作者" },
	{ ROLE_PRINCIPAL, "principal", "校长" },
	{ ROLE_MEMBER, "member", "党员" },
	{ ROLE_INSTITUTION, "institution", "培训机构" },
	{ ROLE_SECURITY_ADMIN, "security_admin", "安全管理员" },
	{ ROLE_AUDIT_ADMIN, "audit_admin", "审计管理员" },
	{ ROLE_SUPERVISION_OFFICE, "supervision_office", "督导室" },
	{ ROLE_SUPERVISOR, "supervisor", "责任督学" },
};

enum role
role_parse(const char *s)
{
	for (size_t i = 0; s && i < ARRAY_SIZE(role_rows); i++)
		if (!strcmp(role_rows[i].name, s))
			return role_rows[i].role;
	return 0;
}

const char *
role_name(enum role r)
{
	for (size_t i = 0; i < ARRAY_SIZE(role_rows); i++)
		if (role_rows[i].role == r)
			return role_rows[i].name;
	return "unknown";
}

const char *
role_label(enum role r)
{
	for (size_t i = 0; i < ARRAY_SIZE(role_rows); i++)
		if (role_rows[i].role == r)
			return role_rows[i].label;
	return "未知";
}
