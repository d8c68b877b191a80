/* registry.c: every owner kind of attached files, one line per area (as
 * src/http/router.c lists routes and src/desk/registry.c the desk's
 * sources). A new kind of attachment is its struct attach_owner in its own
 * area and one line here; attach.c knows none of them. The routes are
 * built in this order. */
#include "core/common.h"
#include "attach/attach.h"

#include "develop/applicant.h"
#include "notice/notice.h"
#include "party/meeting.h"
#include "principal/principal.h"
#include "principal/visit.h"
#include "study/study.h"
#include "supervise/finding.h"
#include "supervise/inspection.h"
#include "supervise/review.h"

const struct attach_owner *const attach_owners[] = {
	&meeting_files,
	&finding_files,
	&inspection_files,
	&review_reports,
	&applicant_files,
	&notice_files,
	&library_files,
	&report_files,
	&visit_files,
	NULL,
};
