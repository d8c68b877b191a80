/* upload.c: see upload.h. */
#include "core/common.h"
#include "http/upload.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/filestore.h"

const char *
upload_name(struct req *rq)
{
	return req_arg(rq, "name");
}

const char *
upload_disposition(struct arena *a, const char *name)
{
	struct buf b = BUF_INIT(4096);
	const char *s;

	buf_adds(&b, "attachment; filename=\"file\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			buf_addc(&b, (char)*p);
		else
			buf_addf(&b, "%%%02X", *p);
	}
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

enum err
upload_reply(struct reply *rp, int fd, const char *mime, const char *disposition)
{
	buf_reset(&rp->body);
	rp->file_fd = fd;
	rp->status = 200;
	rp->content_type = filestore_mime(mime);
	rp->disposition = disposition;
	return ERR_OK;
}
