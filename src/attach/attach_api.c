/* attach_api.c: see attach_api.h. */
#include "core/common.h"
#include "attach/attach_api.h"

#include <pthread.h>

#include "http/json_out.h"
#include "http/listq.h"
#include "http/reply.h"
#include "http/upload.h"

#define PREFIX "/api/v1/"
#define SUFFIX "/files"
#define OWNERS_MAX 32
#define PATTERN_MAX 128

void
attach_json(struct jw *w, const struct attachment *f)
{
	jw_obj(w);
	jw_kint(w, "id", f->id);
	jw_kstr(w, "owner", f->owner->name);
	jw_kint(w, "owner_id", f->owner_id);
	jw_kint(w, "part", f->part);
	jw_kstr(w, "name", f->name);
	jw_kstr(w, "mime", f->mime);
	jw_kint(w, "size", f->size);
	jw_kstr(w, "sha256", f->sha256);
	jw_kid(w, "uploaded_by", f->uploaded_by);
	jw_ktime(w, "uploaded_at", f->at);
	jw_key(w, "url");
	{
		char url[64];

		snprintf(url, sizeof(url), PREFIX "files/%" PRId64, f->id);
		jw_str(w, url);
	}
	if (f->owner->json_extra)
		f->owner->json_extra(w, f);
	jw_obj_end(w);
}

static void
emit(void *ctx, const struct attachment *f)
{
	attach_json(ctx, f);
}

enum err
attach_json_files(struct jw *w, struct db *db, const struct attach_owner *o, int64_t id,
    struct arena *a)
{
	enum err e;

	jw_key(w, "files");
	jw_arr(w);
	e = attach_each(db, o, id, a, emit, w);
	jw_arr_end(w);
	return e;
}

enum err
attach_reply_list(struct req *rq, struct reply *rp, const struct attach_owner *o,
    int64_t owner_id)
{
	struct jw w;
	enum err e;

	reply_json_begin(rp, 200, &w);
	listq_begin(&w);
	e = attach_list(rq->db, &rq->who, o, owner_id, &rq->arena, emit, &w);
	listq_items_end(&w);
	return e ? e : reply_json_end(rp, &w);
}

/* The part an upload names by the owner's query argument (an applicant's
 * ?step=), or by ?part= for every owner that has parts (the console's one
 * component): -1 when absent or not a number (attach_add then names the
 * argument). */
static int64_t
part_arg(struct req *rq, const struct attach_owner *o)
{
	const char *s = o->part_param ? req_arg(rq, o->part_param) : NULL;

	if (o->part_param && !s)
		s = req_arg(rq, "part");
	char *end;
	long long v;

	if (!o->part_param)
		return 0;
	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno || *end ? -1 : v;
}

enum err
attach_reply_add(struct req *rq, struct reply *rp, const struct attach_owner *o,
    int64_t owner_id, int64_t part)
{
	struct attachment f;
	struct jw w;
	enum err e;

	/* The row as written: a parallel upload to a one-file owner may have
	 * replaced it already, so it is not read back (that answered 404). */
	if ((e = attach_add(rq->db, &rq->who, o, owner_id, part, upload_name(rq), rq->body.p,
	    rq->body.len, &rp->problem, &rq->arena, &f)))
		return e;
	reply_json_begin(rp, 201, &w);
	attach_json(&w, &f);
	return reply_json_end(rp, &w);
}

/* The file an owner's older route names by rq->id: the attachment, or the
 * row moved from the owner's legacy table (attach_legacy_id). */
static enum err
file_id_of(struct req *rq, const struct attach_owner *only, int64_t *id)
{
	*id = rq->id;
	if (!only || !only->legacy_table)
		return ERR_OK;
	return attach_legacy_id(rq->db, only, only->legacy_table, rq->id, id);
}

enum err
attach_reply_bytes(struct req *rq, struct reply *rp, const struct attach_owner *only)
{
	struct attachment f;
	int64_t id;
	enum err e;
	int fd;

	if ((e = file_id_of(rq, only, &id)) ||
	    (e = attach_open(rq->db, &rq->who, id, only, &rq->arena, &f, &fd)))
		return e;
	return upload_reply(rp, fd, f.mime, upload_disposition(&rq->arena, f.name));
}

enum err
attach_reply_delete(struct req *rq, struct reply *rp, const struct attach_owner *only)
{
	struct jw w;
	int64_t id;
	enum err e = file_id_of(rq, only, &id);

	if (e || (e = attach_delete(rq->db, &rq->who, id, only, &rp->problem)))
		return e;
	reply_json_begin(rp, 200, &w);
	jw_obj(&w);
	jw_kint(&w, "id", id);
	jw_kbool(&w, "deleted", 1);
	jw_obj_end(&w);
	return reply_json_end(rp, &w);
}

/* The owner a …/{id}/files URL names: the segments between the prefix and
 * "/{id}/files" (the route matched, so the shape is known). */
static const struct attach_owner *
owner_of(const char *url)
{
	const char *s = url + strlen(PREFIX);
	const char *end = url + strlen(url) - strlen(SUFFIX);

	while (end > s && end[-1] != '/')
		end--;
	return end > s ? attach_owner_by_path(s, (size_t)(end - 1 - s)) : NULL;
}

static enum err
api_owner_files(struct req *rq, struct reply *rp)
{
	const struct attach_owner *o = owner_of(rq->url);

	return o ? attach_reply_list(rq, rp, o, rq->id) : ERR_NOT_FOUND;
}

static enum err
api_owner_files_add(struct req *rq, struct reply *rp)
{
	const struct attach_owner *o = owner_of(rq->url);

	return o ? attach_reply_add(rq, rp, o, rq->id, part_arg(rq, o)) : ERR_NOT_FOUND;
}

static enum err
api_files_get(struct req *rq, struct reply *rp)
{
	return attach_reply_bytes(rq, rp, NULL);
}

static enum err
api_files_delete(struct req *rq, struct reply *rp)
{
	return attach_reply_delete(rq, rp, NULL);
}

static struct route table[2 * OWNERS_MAX + 3];
static char patterns[OWNERS_MAX][PATTERN_MAX];
static pthread_once_t built = PTHREAD_ONCE_INIT;

/* Two routes per owner, then the file routes open to every role some owner
 * serves (the owner's own role sets are checked per file). */
static void
build(void)
{
	unsigned readers = 0, writers = 0;
	size_t n = 0, i = 0;

	for (const struct attach_owner *const *o = attach_owners; *o; o++, i++) {
		if (i == OWNERS_MAX)
			abort();	/* raise OWNERS_MAX */
		snprintf(patterns[i], PATTERN_MAX, PREFIX "%s/:id" SUFFIX, (*o)->path);
		table[n++] = (struct route){ "GET", patterns[i], api_owner_files, (*o)->read_roles, 0 };
		table[n++] = (struct route){ "POST", patterns[i], api_owner_files_add,
		    (*o)->write_roles, F_UPLOAD };
		readers |= (*o)->read_roles;
		writers |= (*o)->write_roles;
	}
	table[n++] = (struct route){ "GET", PREFIX "files/:id", api_files_get, readers, 0 };
	table[n++] = (struct route){ "DELETE", PREFIX "files/:id", api_files_delete, writers, 0 };
	table[n] = (struct route)ROUTES_END;
}

const struct route *
attach_routes(void)
{
	pthread_once(&built, build);
	return table;
}
