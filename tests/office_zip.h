/* office_zip.h: zips made by a test (libzip): a minimal Word document or
 * Excel workbook ([Content_Types].xml naming the main part, and the part),
 * or a plain zip, to upload as .docx/.xlsx. Header-only, for unit and API
 * tests. */
#ifndef HY_TEST_OFFICE_ZIP_H
#define HY_TEST_OFFICE_ZIP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define OFFICE_DOCX_MAIN \
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#define OFFICE_XLSX_MAIN \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

static int
office_zip_add(zip_t *z, const char *name, const char *text)
{
	zip_source_t *s = zip_source_buffer(z, text, strlen(text), 0);

	if (!s || zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(s);
		return -1;
	}
	return 0;
}

/* The bytes of a zip (malloc'd, *n its length; NULL on failure): with
 * main NULL, a plain zip holding one text file; else a [Content_Types].xml
 * whose Override gives part (without its leading '/') the type main, and
 * the part itself when with_part. */
static unsigned char *
office_zip(const char *main, const char *part, int with_part, size_t *n)
{
	char path[] = "/tmp/hy-office-XXXXXX", types[1024];
	unsigned char *bytes = NULL;
	int fd = mkstemp(path), err = 0, bad = 0;
	zip_t *z;
	FILE *f;
	long len;

	if (fd < 0)
		return NULL;
	close(fd);
	z = zip_open(path, ZIP_TRUNCATE, &err);
	if (!z) {
		unlink(path);
		return NULL;
	}
	if (!main) {
		bad |= office_zip_add(z, "readme.txt", "not an office document");
	} else {
		snprintf(types, sizeof(types), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		    "<Override PartName=\"/%s\" ContentType=\"%s\"/></Types>", part, main);
		bad |= office_zip_add(z, "[Content_Types].xml", types);
		if (with_part)
			bad |= office_zip_add(z, part, "<?xml version=\"1.0\"?><document/>");
	}
	if (zip_close(z) || bad) {
		unlink(path);
		return NULL;
	}
	f = fopen(path, "rb");
	if (f && !fseek(f, 0, SEEK_END) && (len = ftell(f)) > 0 && !fseek(f, 0, SEEK_SET)) {
		bytes = malloc((size_t)len);
		if (bytes && fread(bytes, 1, (size_t)len, f) == (size_t)len) {
			*n = (size_t)len;
		} else {
			free(bytes);
			bytes = NULL;
		}
	}
	if (f)
		fclose(f);
	unlink(path);
	return bytes;
}

#endif
