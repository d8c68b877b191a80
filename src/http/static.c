#include "core/common.h"
#include "http/static.h"

#include "core/buf.h"

#include <fcntl.h>
#include <sodium.h>
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

/* Headers every console answer carries (issue 10). */
static void
common_headers(struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
}

static enum MHD_Result
send_file(struct MHD_Connection *c, int fd, off_t size, const char *type)
{
	struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)size, fd);
	enum MHD_Result ret;

	common_headers(r, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=300");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* Appends " 'sha256-…'" for each inline <script> of html (one without a
 * src attribute: the import map), hashing exactly the text between its
 * tags, as browsers do. */
static void
inline_script_hashes(const char *html, struct buf *out)
{
	const char *p = html;

	while ((p = strstr(p, "<script"))) {
		const char *gt = strchr(p, '>'), *end;
		unsigned char h[crypto_hash_sha256_BYTES];
		char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
		    sodium_base64_VARIANT_ORIGINAL)];
		int has_src = 0;

		if (!gt || !(end = strstr(gt, "</script>")))
			return;
		for (const char *a = p; a < gt; a++)
			has_src |= !strncmp(a, " src=", 5);
		if (!has_src) {
			crypto_hash_sha256(h, (const unsigned char *)gt + 1, (unsigned long long)(end - gt - 1));
			sodium_bin2base64(b64, sizeof(b64), h, sizeof(h), sodium_base64_VARIANT_ORIGINAL);
			buf_addf(out, " 'sha256-%s'", b64);
		}
		p = end;
	}
}

/* The console's page with its Content-Security-Policy. The hashes are
 * computed from the file as served, so editing index.html cannot leave a
 * stale policy. 'unsafe-eval': the pages compile their `template:` strings
 * in the browser (Vue's runtime compiler uses new Function);
 * style-src 'unsafe-inline': Element Plus and Vue set style attributes
 * (docs/operations.md says why both are accepted). */
static enum MHD_Result
send_index(struct MHD_Connection *c, int fd, off_t size, const char *type)
{
	struct buf html = BUF_INIT(1u << 20), csp = BUF_INIT(4096);
	struct MHD_Response *r;
	enum MHD_Result ret;
	char chunk[8192];
	ssize_t k;
	size_t len;
	char *body;

	(void)size;
	while ((k = read(fd, chunk, sizeof(chunk))) > 0)
		if (buf_add(&html, chunk, (size_t)k))
			break;
	close(fd);
	buf_adds(&csp, "default-src 'self'; script-src 'self' 'unsafe-eval'");
	inline_script_hashes(buf_str(&html), &csp);
	buf_adds(&csp, "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:;"
	    " font-src 'self' data:; connect-src 'self' blob:; object-src 'none'; base-uri 'none';"
	    " form-action 'self'; frame-ancestors 'none'");
	body = buf_detach(&html, &len);
	r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	common_headers(r, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	MHD_add_response_header(r, "Content-Security-Policy", buf_str(&csp));
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	buf_release(&csp);
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
	if (!strcmp(type, "text/html; charset=utf-8"))
		return send_index(c, fd, size, type);
	return send_file(c, fd, size, type);
}
