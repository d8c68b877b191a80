/* alert.c: the pure parts of the alert centre. */
#include "core/common.h"
#include "party/alert.h"

const char *const alert_kinds[] = { "meeting_overdue", "meeting_missing", "quorum",
	"term_overdue", "term_expiring", "transfer_overdue", "dues_arrears", "birthday", "checkin",
	"pipeline_overdue", "pipeline_due", "brand_overdue", "training_below_min", NULL };

const char *const alert_severities[] = { "info", "warning", "critical", NULL };

int
alert_dues_severity(int64_t unpaid, int64_t in_a_row, int warn, int critical)
{
	if (in_a_row >= critical)
		return SEV_CRITICAL;	/* DUES-09: 6 consecutive months */
	if (unpaid >= warn)
		return SEV_WARNING;	/* the design's early alert at 3 */
	return -1;
}
