/* certificate.h: the training certificate (培训结业证书) of a completed
 * enrolment as a one-page A4 PDF (libharu with its built-in Chinese CID
 * font, so no font file is needed). */
#ifndef HY_CERTIFICATE_H
#define HY_CERTIFICATE_H

#include <stdint.h>

#include "core/err.h"

struct certificate {
	int64_t enrolment_id, hours, required, year;
	const char *name, *org_name, *programme, *tier, *issued_on;	/* UTF-8 */
};

/* Writes the certificate to a new private temp file whose path goes into
 * out (the caller unlinks it, or hands it to reply_file()). ERR_STORE when
 * the PDF cannot be made (logged). */
enum err certificate_pdf(const struct certificate *c, char out[64]);

#endif
