/* finding_file_api.c: the evidence files' routes from before issue 19,
 * kept as thin routes onto the attachments (finding_files.c): download
 * and delete a finding's file by its id. Listing and uploading are the
 * generic GET/POST /api/v1/findings/{id}/files (attach_api.h). */
#include "core/common.h"
#include "supervise/finding_file_api.h"

#include "attach/attach_api.h"
#include "supervise/finding.h"

static enum err
api_finding_files_get(struct req *rq, struct reply *rp)
{
	return attach_reply_bytes(rq, rp, &finding_files);
}

static enum err
api_finding_files_delete(struct req *rq, struct reply *rp)
{
	return attach_reply_delete(rq, rp, &finding_files);
}

const struct route finding_file_routes[] = {
	{ "GET", "/api/v1/finding-files/:id", api_finding_files_get, ROLES_STAFF, 0 },
	{ "DELETE", "/api/v1/finding-files/:id", api_finding_files_delete, ROLES_STAFF, 0 },
	ROUTES_END,
};
