/* notify_api.c: the routes of notify_api.h. Every business role reads and
 * marks only its own rows: a notification id of someone else is 404. */
#include "core/common.h"
#include "desk/notify_api.h"
#include "core/config.h"
#include "desk/notify.h"
#include "desk/notify_out.h"
#include "desk/notify_store.h"
#include "http/json_in.h"
#include "http/listq.h"
#include "http/reply.h"

#include <jansson.h>

#define EMAIL_KINDS_MAX 32

static void
emit(void *ctx, const struct notification *n)
{
	const struct notify_kind *k = notify_kind_find(n->kind);
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "id", n->id);
	jw_kstr(w, "kind", n->kind);
	jw_kstr(w, "kind_label", k ? k->label : "消息");
	jw_kstr(w, "title", n->title);
	jw_kstr(w, "link", n->link);
	jw_ktime(w, "created_at", n->created_at);
	jw_kbool(w, "read", n->read_at != 0);
	if (n->read_at)
		jw_ktime(w, "read_at", n->read_at);
	else
		jw_kstr(w, "read_at", NULL);
	jw_obj_end(w);
}

static enum err
api_notifications_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "created_at", "id" } };
	static const char *const yes[] = { "0", "1", NULL };
	const char *unread_only = NULL;
	int64_t total = 0, unread = 0;
	struct listq q;
	struct jw w;
	enum err e;

	listq_enum(rq, &rp->problem, "unread", yes, &unread_only);
	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = notify_list(rq->db, &rq->who, unread_only && *unread_only == '1', q.page,
	    q.per_page, emit, &w, &total, &unread)))
		return e;
	jw_arr_end(&w);
	jw_kint(&w, "unread", unread);
	jw_kint(&w, "total", total);
	jw_kint(&w, "page", q.page);
	jw_kint(&w, "per_page", q.per_page);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_notifications_unread(struct req *rq, struct reply *rp)
{
	int64_t n = 0;
	struct jw w;
	enum err e = notify_unread(rq->db, &rq->who, &n);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "unread", n);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* The marking routes take no body, or "{}": anything else is refused,
 * naming each key, so no id sent along can look accepted. */
static enum err
no_body(struct req *rq, struct problem *pb)
{
	json_t *root;
	const char *key;
	json_t *v;

	if (rq->body.len == 0)
		return ERR_OK;
	root = json_loadb(buf_str(&rq->body), rq->body.len, 0, NULL);
	if (!json_is_object(root)) {
		json_decref(root);
		return ERR_BAD_JSON;
	}
	json_object_foreach(root, key, v)
		problem_field(pb, key, "未知字段");
	json_decref(root);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
api_notifications_read(struct req *rq, struct reply *rp)
{
	int64_t n = 0;
	struct jw w;
	enum err e = no_body(rq, &rp->problem);

	if (!e)
		e = notify_mark_read(rq->db, &rq->who, rq->id);

	if (!e)
		e = notify_unread(rq->db, &rq->who, &n);
	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", rq->id);
	jw_kbool(&w, "read", 1);
	jw_kint(&w, "unread", n);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_notifications_read_all(struct req *rq, struct reply *rp)
{
	int64_t n = 0;
	struct jw w;
	enum err e = no_body(rq, &rp->problem);

	if (!e)
		e = notify_mark_all(rq->db, &rq->who, &n);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "marked", n);
	jw_kint(&w, "unread", 0);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
settings_reply(struct req *rq, struct reply *rp)
{
	struct notify_settings s;
	struct jw w;
	enum err e = notify_settings_get(rq->db, &rq->who, &rq->arena, &s);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kstr(&w, "email", s.email);
	jw_kbool(&w, "email_channel", cfg.smtp_url && *cfg.smtp_url);
	jw_key(&w, "kinds");
	jw_arr(&w);
	for (int i = 0; notify_kinds[i].name; i++) {
		jw_obj(&w);
		jw_kstr(&w, "kind", notify_kinds[i].name);
		jw_kstr(&w, "label", notify_kinds[i].label);
		jw_kbool(&w, "in_app", 1);
		jw_kbool(&w, "email", (s.email_kinds >> i) & 1);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_notify_settings_get(struct req *rq, struct reply *rp)
{
	return settings_reply(rq, rp);
}

/* {"email": "" or an address, "email_kinds": [kind, ...]}: both required,
 * the whole setting each time. */
static enum err
parse_settings(struct req *rq, struct problem *pb, struct notify_settings *s)
{
	json_t *root = json_loadb(buf_str(&rq->body), rq->body.len, JSON_REJECT_DUPLICATES, NULL);
	json_t *email = json_object_get(root, "email"), *kinds = json_object_get(root, "email_kinds");
	const char *key;
	json_t *v;
	size_t i;

	if (!json_is_object(root)) {
		json_decref(root);
		return ERR_BAD_JSON;
	}
	json_object_foreach(root, key, v)
		if (strcmp(key, "email") && strcmp(key, "email_kinds"))
			problem_field(pb, key, "未知字段");
	if (!json_is_string(email))
		problem_field(pb, "email", "应为电子邮箱地址，或空字符串表示不填");
	else if (*json_string_value(email) && !notify_email_ok(json_string_value(email)))
		problem_field(pb, "email", "电子邮箱格式不正确，例如 name@example.cn");
	else
		s->email = arena_strdup(&rq->arena, json_string_value(email));
	if (!json_is_array(kinds) || json_array_size(kinds) > EMAIL_KINDS_MAX)
		problem_field(pb, "email_kinds", "应为消息类型的列表");
	json_array_foreach(json_is_array(kinds) ? kinds : NULL, i, v) {
		int k = -1;

		for (int j = 0; json_is_string(v) && notify_kinds[j].name; j++)
			if (!strcmp(notify_kinds[j].name, json_string_value(v)))
				k = j;
		if (k < 0)
			problem_field(pb, arena_printf(&rq->arena, "email_kinds[%zu]", i),
			    "未知的消息类型");
		else
			s->email_kinds |= 1ull << k;
	}
	json_decref(root);
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static enum err
api_notify_settings_put(struct req *rq, struct reply *rp)
{
	struct notify_settings s = { "", 0 };
	enum err e = parse_settings(rq, &rp->problem, &s);

	if (!e)
		e = notify_settings_put(rq->db, &rq->who, &s);
	return e ? e : settings_reply(rq, rp);
}

static void
emit_dead(void *ctx, const struct notify_dead *d)
{
	struct jw *w = ctx;

	jw_obj(w);
	jw_kint(w, "id", d->id);
	jw_kstr(w, "channel", d->channel);
	jw_kstr(w, "target", d->target);
	jw_kint(w, "attempts", d->attempts);
	jw_kstr(w, "last_error", d->error);
	jw_ktime(w, "created_at", d->created_at);
	jw_ktime(w, "dead_at", d->done_at);
	jw_obj_end(w);
}

static enum err
api_notify_dead_list(struct req *rq, struct reply *rp)
{
	static const struct sort_key sorts[] = { { "id", "id" } };
	int64_t total = 0;
	struct listq q;
	struct jw w;
	enum err e;

	if ((e = listq_parse(rq, &rp->problem, sorts, 1, &q)))
		return e;
	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = notify_dead_list(rq->db, q.page, q.per_page, emit_dead, &w, &total)))
		return e;
	listq_end(&w, &q, total);
	return reply_json_end(rp, &w);
}

static enum err
api_notify_dead_retry(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e = notify_dead_retry(rq->db, &rq->who, rq->id);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", rq->id);
	jw_kstr(&w, "state", "pending");
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

const struct route notify_routes[] = {
	{ "GET", "/api/v1/notifications", api_notifications_list, ROLES_DESK, 0 },
	{ "GET", "/api/v1/notifications/unread", api_notifications_unread, ROLES_DESK, 0 },
	{ "POST", "/api/v1/notifications/read-all", api_notifications_read_all, ROLES_DESK, 0 },
	{ "POST", "/api/v1/notifications/:id/read", api_notifications_read, ROLES_DESK, 0 },
	{ "GET", "/api/v1/session/notify-settings", api_notify_settings_get, ROLES_DESK, 0 },
	{ "PUT", "/api/v1/session/notify-settings", api_notify_settings_put, ROLES_DESK, 0 },
	/* SEC-05: the outbound queue's failures are the system's health: the
	 * system administrator's (targets masked, no message text). */
	{ "GET", "/api/v1/system/dead-letters", api_notify_dead_list, ROLE_ADMIN, 0 },
	{ "POST", "/api/v1/system/dead-letters/:id/retry", api_notify_dead_retry, ROLE_ADMIN, 0 },
	ROUTES_END,
};
