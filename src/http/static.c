#include "core/common.h"
#include "http/static.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

struct mime {
	const char *ext;
	const char *type;
};

static const struct mime mimes[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff", "font/woff" },
	{ ".woff2", "font/woff2" },
	{ ".ttf", "font/ttf" },
	{ ".map", "application/json" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static const char *
mime_for(const char *path)
{
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < ARRAY_SIZE(mimes); i++)
		if (!strcmp(dot, mimes[i].ext))
			return mimes[i].type;
	return NULL;
}

static enum MHD_Result
plain(struct MHD_Connection *c, unsigned status, const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Opens root/rel if it is a regular file; -1 otherwise. */
static int
open_file(const char *root, const char *rel, off_t *size)
{
	char path[4096];
	struct stat st;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", root, rel) >= sizeof(path))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	*size = st.st_size;
	return fd;
}

static enum MHD_Result
send_file(struct MHD_Connection *c, int fd, off_t size, const char *type, int is_index)
{
	struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)size, fd);
	enum MHD_Result ret;

	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
	    is_index ? "no-cache" : "public, max-age=300");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

enum MHD_Result
static_serve(struct MHD_Connection *c, const char *method, const char *url, const char *root)
{
	const char *rel = url + 1;
	const char *type;
	off_t size;
	int fd;

	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return plain(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed\n");
	if (url[0] != '/' || strstr(url, "..") || strchr(url, '\\'))
		return plain(c, MHD_HTTP_NOT_FOUND, "not found\n");
	if (!*rel || url[strlen(url) - 1] == '/')
		rel = "index.html";
	type = mime_for(rel);
	if (!type) {
		/* No known extension: a console route, answered by the app shell.
		 * Unknown extensions are not served at all. */
		const char *slash = strrchr(rel, '/'), *dot = strrchr(rel, '.');

		if (dot && dot > (slash ? slash : rel))
			return plain(c, MHD_HTTP_NOT_FOUND, "not found\n");
		rel = "index.html";
		type = mime_for(rel);
	}
	fd = open_file(root, rel, &size);
	if (fd < 0)
		return plain(c, MHD_HTTP_NOT_FOUND, "not found\n");
	return send_file(c, fd, size, type, !strcmp(rel, "index.html"));
}
