/* applicant_api.h: the HTTP routes of the development pipeline (issue 5):
 * /api/v1/applicants, their steps, documents and the roster export. */
#ifndef HY_APPLICANT_API_H
#define HY_APPLICANT_API_H

#include "http/router.h"

extern const struct route applicant_routes[];

#endif
