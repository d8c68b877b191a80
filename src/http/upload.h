/* upload.h: the HTTP side of stored files (core/filestore.h keeps the
 * bytes). An upload is the raw request body with its client's name in
 * ?name=; a download is answered from the open stored file with its type
 * and a Content-Disposition carrying the client's (UTF-8, often Chinese)
 * name. */
#ifndef HY_UPLOAD_H
#define HY_UPLOAD_H

#include "http/req.h"

struct arena;

/* The upload's client file name (?name=), borrowed for the request; NULL
 * when absent (the store then names the field "name"). */
const char *upload_name(struct req *rq);
/* attachment; filename="file"; filename*=UTF-8''<percent-encoded name>
 * (RFC 6266/5987), in a. */
const char *upload_disposition(struct arena *a, const char *name);
/* Answers 200 with the open file fd (from filestore_open()), which it takes:
 * the server closes it after sending. mime is the stored type (any string:
 * sent as its static counterpart, application/octet-stream otherwise);
 * disposition (arena, or NULL for none) names the download. */
enum err upload_reply(struct reply *rp, int fd, const char *mime, const char *disposition);

#endif
