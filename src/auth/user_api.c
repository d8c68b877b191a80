#include "core/common.h"
#include "auth/user_api.h"
#include "auth/user.h"
#include "auth/mfa.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"

static const char *const role_names[] = { "admin", "district", "inspector", "secretary",
	"principal", "member", "institution", "security_admin", "audit_admin", "supervision_office",
	"supervisor", NULL };

#define ADMINS_BY_CLI "管理员账号（系统、安全、审计管理员）只能用命令行 hongyan user 管理"

struct user_body {
	struct json_present p;
	const char *username, *password, *role;
	struct id_list scope;
	int64_t member_id;
	int disabled;
};

enum { UF_USERNAME, UF_PASSWORD, UF_ROLE, UF_SCOPE, UF_MEMBER, UF_DISABLED };

static const struct json_field user_fields[] = {
	[UF_USERNAME] = { "username", JF_STR, JF_REQUIRED, 0, 32, offsetof(struct user_body, username),
	    NULL },
	[UF_PASSWORD] = { "password", JF_TEXT, 0, 0, 128, offsetof(struct user_body, password), NULL },
	[UF_ROLE] = { "role", JF_ENUM, JF_REQUIRED, 0, 0, offsetof(struct user_body, role),
	    role_names },
	[UF_SCOPE] = { "scope", JF_ID_LIST, 0, 0, USER_SCOPE_MAX, offsetof(struct user_body, scope),
	    NULL },
	[UF_MEMBER] = { "member_id", JF_ID, JF_NULLABLE, 0, 0, offsetof(struct user_body, member_id),
	    NULL },
	[UF_DISABLED] = { "disabled", JF_BOOL, 0, 0, 0, offsetof(struct user_body, disabled), NULL },
};

static void
body_to_in(const struct user_body *b, struct user_in *in)
{
	memset(in, 0, sizeof(*in));
	in->username = json_in_has(b, UF_USERNAME) ? b->username : NULL;
	in->password = json_in_has(b, UF_PASSWORD) ? b->password : NULL;
	in->role = json_in_has(b, UF_ROLE) ? role_parse(b->role) : 0;
	in->set_scope = json_in_has(b, UF_SCOPE);
	in->nscope = b->scope.n;
	in->scope = b->scope.v;
	in->set_member = (b->p.set >> UF_MEMBER) & 1;
	in->member_id = json_in_has(b, UF_MEMBER) ? b->member_id : 0;
	in->set_disabled = json_in_has(b, UF_DISABLED);
	in->disabled = b->disabled;
}

static void
write_user(struct jw *w, const struct user *u)
{
	jw_obj(w);
	jw_kint(w, "id", u->id);
	jw_kstr(w, "username", u->username);
	jw_kstr(w, "role", role_name(u->role));
	jw_kstr(w, "role_label", role_label(u->role));
	jw_key(w, "scope");
	jw_arr(w);
	for (int i = 0; i < u->nscope; i++)
		jw_int(w, u->scope[i]);
	jw_arr_end(w);
	jw_kid(w, "member_id", u->member_id);
	jw_kbool(w, "disabled", u->disabled);
	jw_kbool(w, "must_change_password", u->must_change);
	jw_kbool(w, "locked", u->locked_until > time(NULL));
	jw_kbool(w, "totp_enrolled", u->totp_enrolled);
	jw_ktime(w, "created_at", u->created_at);
}

static enum err
reply_user(struct req *rq, struct reply *rp, int status, int64_t id, const char *generated)
{
	struct user u;
	struct jw w;
	enum err e = user_get(rq->db, id, &rq->arena, &u);

	if (e)
		return e;
	reply_json_begin(rp, status, &w);
	write_user(&w, &u);
	if (generated)
		jw_kstr(&w, "password", generated);	/* shown once, never stored in clear */
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

enum err
api_users_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "id", "id" } };
	static const char *const roles[] = { "admin", "district", "inspector", "secretary",
		"principal", "member", "institution", "security_admin", "audit_admin", "supervision_office",
	"supervisor", NULL };
	struct user_filter f = { NULL, NULL };
	const char *text = NULL;
	struct user_page pg;
	struct listq q;
	struct jw w;
	enum err e;

	/* Issue 12: 用户管理 searches by username (q, ≤32) and role, in SQL. */
	listq_text(rq, &rp->problem, "q", 32, &text);
	listq_enum(rq, &rp->problem, "role", roles, &f.role);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	f.like = text ? listq_like(&rq->arena, text) : NULL;
	if ((e = user_list(rq->db, &f, q.page, q.per_page, &rq->arena, &pg)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	for (int i = 0; i < pg.n; i++) {
		write_user(&w, &pg.v[i]);
		jw_obj_end(&w);
	}
	listq_end(&w, &q, pg.total);
	return reply_json_end(rp, &w);
}

enum err
api_users_create(struct req *rq, struct reply *rp)
{
	struct user_body b = { 0 };
	struct user_in in;
	char generated[17] = "";
	int64_t id;
	enum err e;

	e = json_in_object(rq, &rp->problem, user_fields, ARRAY_SIZE(user_fields), JSON_CREATE, &b);
	/* Name a malformed username together with the other bad fields. */
	if (e == ERR_INVALID && json_in_has(&b, UF_USERNAME) && !user_name_valid(b.username))
		problem_field(&rp->problem, "username", "用户名为 3-32 位字母、数字、下划线、点或连字符");
	if (e)
		return e;
	body_to_in(&b, &in);
	/* SEC-05: the security administrator opens business accounts only; an
	 * administrator account is made on the server (hongyan user add), so no
	 * one gives themself or a crony a second administrator. */
	if (in.role & ROLES_ADMINS)
		return problem_field(&rp->problem, "role", ADMINS_BY_CLI);
	e = user_create(rq->db, &rq->who, &in, 0, &rp->problem, &id, generated);
	if (e)
		return e;
	return reply_user(rq, rp, 201, id, in.password ? NULL : generated);
}

enum err
api_users_get(struct req *rq, struct reply *rp)
{
	return reply_user(rq, rp, 200, rq->id, NULL);
}

enum err
api_users_update(struct req *rq, struct reply *rp)
{
	struct user_body b = { 0 };
	struct user target;
	struct user_in in;
	enum err e;

	e = json_in_object(rq, &rp->problem, user_fields, ARRAY_SIZE(user_fields), JSON_PATCH, &b);
	if (e)
		return e;
	body_to_in(&b, &in);
	/* SEC-05: administrator accounts, the caller's own included, change
	 * only through the CLI: no role, scope, password or state of theirs
	 * here, and no account becomes an administrator. */
	if ((e = user_get(rq->db, rq->id, &rq->arena, &target)))
		return e;
	if (target.role & ROLES_ADMINS)
		return problem_set(&rp->problem, ERR_FORBIDDEN, "admin_account", ADMINS_BY_CLI);
	if (in.role & ROLES_ADMINS)
		return problem_field(&rp->problem, "role", ADMINS_BY_CLI);
	e = user_update(rq->db, &rq->who, rq->id, &in, &rp->problem);
	if (e)
		return e;
	return reply_user(rq, rp, 200, rq->id, NULL);
}

enum err
api_users_totp_reset(struct req *rq, struct reply *rp)
{
	struct user target;
	enum err e = user_get(rq->db, rq->id, &rq->arena, &target);

	if (e)
		return e;
	/* SEC-05: an administrator's second factor, like the rest of their
	 * account, is reset on the server with the CLI (hongyan user totp-reset). */
	if (target.role & ROLES_ADMINS)
		return problem_set(&rp->problem, ERR_FORBIDDEN, "admin_account", ADMINS_BY_CLI);
	if ((e = mfa_reset(rq->db, &rq->who, rq->id)))
		return e;
	return reply_user(rq, rp, 200, rq->id, NULL);
}
