#include "core/common.h"
#include "http/reply.h"

#include <fcntl.h>
#include <unistd.h>

struct err_map {
	int status;
	const char *code;
	const char *message;
};

static const struct err_map err_map[] = {
	[ERR_OK] = { 200, "ok", "成功" },
	[ERR_INVALID] = { 422, "validation_failed", "提交的内容有误，请按提示修改" },
	[ERR_BAD_JSON] = { 400, "invalid_json", "请求体不是有效的 JSON" },
	[ERR_UNAUTH] = { 401, "unauthenticated", "请先登录" },
	[ERR_FORBIDDEN] = { 403, "forbidden", "没有权限进行此操作" },
	[ERR_NOT_FOUND] = { 404, "not_found", "未找到该记录" },
	[ERR_CONFLICT] = { 409, "conflict", "与现有记录冲突" },
	[ERR_LOCKED] = { 429, "locked", "登录失败次数过多，账号已临时锁定" },
	[ERR_TOO_BIG] = { 413, "too_large", "请求体过大" },
	[ERR_METHOD] = { 405, "method_not_allowed", "不支持该请求方法" },
	[ERR_STORE] = { 500, "internal", "服务器内部错误，请稍后重试" },
	[ERR_FULL] = { 507, "storage_full", "服务器存储空间已满，本次操作未保存，请联系系统管理员" },
	[ERR_BUSY] = { 503, "busy", "系统正在写入大批数据（如名册导入），本次操作未保存，请稍后重试" },
};

void
reply_error(struct reply *rp, enum err e)
{
	const struct err_map *m = &err_map[e < ARRAY_SIZE(err_map) ? e : ERR_STORE];
	struct problem *pb = &rp->problem;
	struct jw w;

	buf_reset(&rp->body);
	if (e == ERR_BUSY && pb->retry_after <= 0)
		pb->retry_after = 5;	/* the writer's commit is short (IMP-07) */
	rp->status = m->status;
	rp->content_type = NULL;
	rp->disposition = NULL;
	if (rp->file_fd > 0)
		close(rp->file_fd);
	rp->file_fd = 0;
	jw_init(&w, &rp->body);
	jw_obj(&w);
	jw_key(&w, "error");
	jw_obj(&w);
	jw_kstr(&w, "code", pb->code ? pb->code : m->code);
	jw_kstr(&w, "message", pb->message ? pb->message : m->message);
	if (pb->nfields) {
		jw_key(&w, "fields");
		jw_obj(&w);
		for (int i = 0; i < pb->nfields; i++)
			jw_kstr(&w, pb->fields[i].field, pb->fields[i].msg);
		jw_obj_end(&w);
	}
	jw_obj_end(&w);
	jw_obj_end(&w);
}

void
reply_json_begin(struct reply *rp, int status, struct jw *w)
{
	rp->status = status;
	buf_reset(&rp->body);
	jw_init(w, &rp->body);
}

enum err
reply_json_end(struct reply *rp, struct jw *w)
{
	(void)rp;
	return jw_error(w);
}

enum err
reply_file(struct reply *rp, const char *path, const char *type, const char *disposition)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	unlink(path);
	if (fd < 0)
		return ERR_STORE;
	rp->file_fd = fd;
	rp->status = 200;
	rp->content_type = type;
	rp->disposition = disposition;
	return ERR_OK;
}
