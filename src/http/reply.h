/* reply.h: the one mapping from enum err to an HTTP status and the JSON
 * error body {"error":{"code","message","fields"}} (DESIGN.md), and small
 * helpers for handlers that answer JSON. */
#ifndef HY_REPLY_H
#define HY_REPLY_H

#include "http/json_out.h"
#include "http/req.h"

/* Writes the error body for e into rp (status, code, Chinese message). */
void reply_error(struct reply *rp, enum err e);
/* Answers 200 with the file at path, sent from its descriptor (never held
 * whole in memory); the name is unlinked at once, so a temp file vanishes
 * when the answer is sent. type is static; disposition may be NULL.
 * ERR_STORE if the file cannot be opened. */
enum err reply_file(struct reply *rp, const char *path, const char *type,
    const char *disposition);
/* Starts a JSON reply with status: returns a writer over rp->body. */
void reply_json_begin(struct reply *rp, int status, struct jw *w);
/* Ends it: ERR_OK, or ERR_TOO_BIG if the writer overflowed. */
enum err reply_json_end(struct reply *rp, struct jw *w);

#endif
