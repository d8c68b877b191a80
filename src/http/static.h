/* static.h: serves the console's files from one folder with a fixed MIME
 * table; refuses any path with "..", and answers console routes (no file
 * extension) with index.html so the browser's history routing works. */
#ifndef HY_STATIC_H
#define HY_STATIC_H

#include <microhttpd.h>

/* Queues the answer for url on c and returns MHD's result. */
enum MHD_Result static_serve(struct MHD_Connection *c, const char *method, const char *url,
    const char *root);

#endif
