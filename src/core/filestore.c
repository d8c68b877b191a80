/* filestore.c: see filestore.h. Names come from getrandom(2); an Office
 * file's container is opened with libzip to check its content types. */
#include "core/common.h"
#include "core/filestore.h"

#include <fcntl.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/xalloc.h"

static const struct {
	unsigned kind;
	const char *mime, *label;
} kinds[] = {
	{ FILESTORE_JPEG, "image/jpeg", "JPG" },
	{ FILESTORE_PNG, "image/png", "PNG" },
	{ FILESTORE_PDF, "application/pdf", "PDF" },
	{ FILESTORE_DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"Word(.docx)" },
	{ FILESTORE_XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"Excel(.xlsx)" },
};

static int
starts(const void *p, size_t n, const char *magic, size_t mn)
{
	return n >= mn && !memcmp(p, magic, mn);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcasecmp(s + n - k, suffix);
}

/* The content types of the main part of a Word document and an Excel
 * workbook (ECMA-376 part 2); macro-enabled variants are other types. */
#define DOCX_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#define XLSX_MAIN "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
/* [Content_Types].xml is a few KiB; a larger one is not an Office file. */
#define CONTENT_TYPES_MAX (256u * 1024u)

/* [Content_Types].xml of zip z as a NUL-terminated string (free it), or NULL. */
static char *
content_types(zip_t *z)
{
	zip_stat_t st;
	zip_file_t *f;
	char *text;
	zip_int64_t got;

	zip_stat_init(&st);
	if (zip_stat(z, "[Content_Types].xml", 0, &st) || !(st.valid & ZIP_STAT_SIZE) ||
	    st.size > CONTENT_TYPES_MAX)
		return NULL;
	if (!(f = zip_fopen(z, "[Content_Types].xml", 0)))
		return NULL;
	text = xmalloc(st.size + 1);
	got = zip_fread(f, text, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size || memchr(text, '\0', st.size)) {
		free(text);
		return NULL;
	}
	text[st.size] = '\0';
	return text;
}

/* Whether the <Override> element giving content type main names a part
 * that the zip holds (PartName="/word/document.xml" and so on). */
static int
main_part_present(zip_t *z, const char *types, const char *main)
{
	const char *hit = strstr(types, main), *start, *end, *name, *q;
	char part[256];

	if (!hit)
		return 0;
	for (start = hit; start > types && *start != '<'; start--)
		;
	end = strchr(hit, '>');
	if (strncmp(start, "<Override", 9) || !end)
		return 0;
	for (name = start; name < end && strncmp(name, "PartName=\"/", 11); name++)
		;
	if (name >= end)
		return 0;
	name += 11;
	q = strchr(name, '"');
	if (!q || q > end || q == name || (size_t)(q - name) >= sizeof(part))
		return 0;
	memcpy(part, name, (size_t)(q - name));
	part[q - name] = '\0';
	return zip_name_locate(z, part, 0) >= 0;
}

/* Whether p[0..n) is a zip whose [Content_Types].xml names a main part of
 * type main that is present: a Word document or an Excel workbook, not any
 * zip renamed (issue 10). */
static int
office_main_part(const void *p, size_t n, const char *main)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	char *types;
	int ok = 0;

	zip_error_init(&ze);
	src = zip_source_buffer_create(p, n, 0, &ze);
	z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	if (!z) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return 0;
	}
	if ((types = content_types(z))) {
		ok = main_part_present(z, types, main);
		free(types);
	}
	zip_discard(z);	/* frees src too */
	zip_error_fini(&ze);
	return ok;
}

static unsigned
sniff(const void *p, size_t n, const char *name)
{
	if (starts(p, n, "\xff\xd8\xff", 3))
		return FILESTORE_JPEG;
	if (starts(p, n, "\x89PNG\r\n\x1a\n", 8))
		return FILESTORE_PNG;
	if (starts(p, n, "%PDF-", 5))
		return FILESTORE_PDF;
	if (!starts(p, n, "PK\x03\x04", 4) || !name)
		return 0;
	if (ends_with(name, ".docx"))
		return office_main_part(p, n, DOCX_MAIN) ? FILESTORE_DOCX : 0;
	if (ends_with(name, ".xlsx"))
		return office_main_part(p, n, XLSX_MAIN) ? FILESTORE_XLSX : 0;
	return 0;
}

const char *
filestore_type(const void *p, size_t n, const char *name, unsigned allowed)
{
	unsigned k = sniff(p, n, name) & allowed;

	for (size_t i = 0; k && i < ARRAY_SIZE(kinds); i++)
		if (kinds[i].kind == k)
			return kinds[i].mime;
	return NULL;
}

const char *
filestore_mime(const char *mime)
{
	for (size_t i = 0; mime && i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i].mime, mime))
			return kinds[i].mime;
	return "application/octet-stream";
}

int
filestore_name_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n || n > FILESTORE_CLIENT_NAME_MAX)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == '/' || *s == '\\' || *s == '"' || *s == 0x7f)
			return 0;
	return 1;
}

/* "只能上传 JPG、PNG 或 PDF 文件": the allowed kinds, the last after 或. */
static void
refusal(struct problem *pb, unsigned allowed)
{
	struct buf b = BUF_INIT(512);
	size_t n = 0, i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		n += (allowed & kinds[i].kind) != 0;
	buf_adds(&b, "只能上传 ");
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (!(allowed & kinds[i].kind))
			continue;
		buf_adds(&b, kinds[i].label);
		n--;
		buf_adds(&b, n > 1 ? "、" : n == 1 ? " 或 " : "");
	}
	buf_adds(&b, " 文件");
	problem_field(pb, "file", "%s", buf_str(&b));
	buf_release(&b);
}

enum err
filestore_check(const char *name, const void *p, size_t n, unsigned allowed, size_t max,
    struct problem *pb, const char **mime)
{
	*mime = filestore_type(p, n, name, allowed);
	if (!filestore_name_ok(name))
		problem_field(pb, "name", "文件名须为1-200个字符，且不含 / \\ \" 或控制字符");
	if (!n)
		problem_field(pb, "file", "文件为空");
	else if (!*mime)
		refusal(pb, allowed);
	if (pb->nfields)
		return ERR_INVALID;
	return max && n > max ? ERR_TOO_BIG : ERR_OK;
}

/* 32 random bytes as 43 base64url characters (the form of the names
 * stored so far). */
static enum err
random_name(char out[FILESTORE_NAME_MAX])
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char r[33] = { 0 };
	size_t o = 0;

	if (getrandom(r, 32, 0) != 32) {
		log_error("getrandom: %s", strerror(errno));
		return ERR_STORE;
	}
	for (size_t i = 0; i < 33; i += 3) {
		uint32_t v = (uint32_t)r[i] << 16 | (uint32_t)r[i + 1] << 8 | r[i + 2];

		for (int k = 18; k >= 0 && o < FILESTORE_NAME_MAX - 1; k -= 6)
			out[o++] = b64[(v >> k) & 63];
	}
	out[o] = '\0';
	return ERR_OK;
}

static enum err
path_of(char out[PATH_MAX], const char *prefix, const char *name)
{
	int k = snprintf(out, PATH_MAX, "%s/%s%s", cfg.files_dir, prefix, name);

	if (k < 0 || k >= PATH_MAX) {
		log_error("files folder %s: path too long", cfg.files_dir);
		return ERR_STORE;
	}
	return ERR_OK;
}

static enum err
write_all(int fd, const char *path, const void *p, size_t n)
{
	for (size_t off = 0; off < n;) {
		ssize_t k = write(fd, (const char *)p + off, n - off);

		if (k <= 0) {
			log_error("%s: write failed: %s", path, k ? strerror(errno) : "no progress");
			return k && (errno == ENOSPC || errno == EDQUOT) ? ERR_FULL : ERR_STORE;
		}
		off += (size_t)k;
	}
	if (fsync(fd)) {
		log_error("%s: fsync: %s", path, strerror(errno));
		return errno == ENOSPC || errno == EDQUOT ? ERR_FULL : ERR_STORE;
	}
	return ERR_OK;
}

enum err
filestore_stage(struct filestore_put *fp, const void *p, size_t n)
{
	char r[FILESTORE_NAME_MAX];
	enum err e;
	int fd;

	if (mkdir(cfg.files_dir, 0700) && errno != EEXIST) {
		log_error("files folder %s: %s", cfg.files_dir, strerror(errno));
		return ERR_STORE;
	}
	if ((e = random_name(r)) || (e = random_name(fp->stored)) ||
	    (e = path_of(fp->tmp, ".tmp-", r)) || (e = path_of(fp->dst, "", fp->stored)))
		return e;
	if ((fd = open(fp->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		log_error("%s: %s", fp->tmp, strerror(errno));
		return ERR_STORE;
	}
	e = write_all(fd, fp->tmp, p, n);
	if (close(fd) && !e) {
		log_error("%s: close: %s", fp->tmp, strerror(errno));
		e = ERR_STORE;
	}
	if (e)
		unlink(fp->tmp);
	else
		fp->state = 1;
	return e;
}

enum err
filestore_place(struct filestore_put *fp)
{
	assert(fp->state == 1);
	if (rename(fp->tmp, fp->dst)) {
		log_error("rename %s: %s", fp->tmp, strerror(errno));
		return ERR_STORE;
	}
	fp->state = 2;
	return ERR_OK;
}

enum err
filestore_end(struct filestore_put *fp, enum err e)
{
	if (e && fp->state == 1)
		unlink(fp->tmp);
	else if (e && fp->state == 2)
		unlink(fp->dst);	/* placed, then the commit failed */
	fp->state = 0;
	return e;
}

void
filestore_remove(const char *stored)
{
	char path[PATH_MAX];

	if (!stored || !*stored || path_of(path, "", stored))
		return;
	if (unlink(path) && errno != ENOENT)
		log_error("%s: %s", path, strerror(errno));
}

enum err
filestore_open(const char *stored, int64_t size, int *fd)
{
	char path[PATH_MAX];
	struct stat st = { 0 };

	*fd = -1;
	if (!stored || !*stored || strchr(stored, '/') || path_of(path, "", stored))
		return ERR_STORE;
	if ((*fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_error("%s: %s", path, strerror(errno));
		return ERR_STORE;
	}
	if (size >= 0 && (fstat(*fd, &st) || st.st_size != size)) {
		log_error("%s: size %jd, expected %" PRId64, path, (intmax_t)st.st_size, size);
		close(*fd);
		*fd = -1;
		return ERR_STORE;
	}
	return ERR_OK;
}
