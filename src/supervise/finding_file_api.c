/* finding_file_api.c: evidence files of findings over HTTP: upload (the
 * raw bytes as the body, ?name=), list, download and delete a pending
 * one; the next submit (finding_api.c) attaches the pending files. */
#include "core/common.h"
#include "supervise/finding_file_api.h"

#include "http/listq.h"
#include "http/reply.h"
#include "http/upload.h"
#include "supervise/finding_file.h"

static void
write_file(struct jw *w, const struct finding_file *f)
{
	jw_kint(w, "id", f->id);
	jw_kint(w, "finding_id", f->finding_id);
	jw_kid(w, "evidence_id", f->evidence_id);
	jw_kbool(w, "submitted", f->evidence_id != 0);
	jw_kstr(w, "name", f->name);
	jw_kstr(w, "mime", f->mime);
	jw_kint(w, "size", f->size);
	jw_kstr(w, "sha256", f->sha256);
	jw_kid(w, "uploaded_by", f->uploaded_by);
	jw_ktime(w, "uploaded_at", f->at);
}

static void
emit(void *ctx, const struct finding_file *f)
{
	jw_obj(ctx);
	write_file(ctx, f);
	jw_obj_end(ctx);
}

static enum err
api_finding_files_list(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	if ((e = finding_file_list(rq->db, &rq->who, rq->id, &rq->arena, emit, &w)))
		return e;
	listq_items_end(&w);
	return reply_json_end(rp, &w);
}

static enum err
api_finding_files_add(struct req *rq, struct reply *rp)
{
	struct finding_file f = { 0 };
	struct jw w;
	int64_t id;
	enum err e;

	e = finding_file_add(rq->db, &rq->who, rq->id, upload_name(rq), rq->body.p,
	    rq->body.len, &rp->problem, &id);
	if (e || (e = finding_file_get(rq->db, &rq->who, id, &rq->arena, &f)))
		return e;
	reply_json_begin(rp, 201, &w);
	jw_obj(&w);
	write_file(&w, &f);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* Sends a file back from its descriptor. */
static enum err
api_finding_files_get(struct req *rq, struct reply *rp)
{
	struct finding_file f;
	enum err e;
	int fd;

	if ((e = finding_file_open(rq->db, &rq->who, rq->id, &rq->arena, &f, &fd)))
		return e;
	return upload_reply(rp, fd, f.mime, upload_disposition(&rq->arena, f.name));
}

static enum err
api_finding_files_delete(struct req *rq, struct reply *rp)
{
	struct jw w;
	enum err e = finding_file_delete(rq->db, &rq->who, rq->id, &rp->problem);

	if (e)
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", rq->id);
	jw_kbool(&w, "deleted", 1);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

const struct route finding_file_routes[] = {
	{ "GET", "/api/v1/findings/:id/files", api_finding_files_list, ROLES_STAFF, 0 },
	{ "POST", "/api/v1/findings/:id/files", api_finding_files_add, ROLES_STAFF, F_UPLOAD },
	{ "GET", "/api/v1/finding-files/:id", api_finding_files_get, ROLES_STAFF, 0 },
	{ "DELETE", "/api/v1/finding-files/:id", api_finding_files_delete, ROLES_STAFF, 0 },
	ROUTES_END,
};
