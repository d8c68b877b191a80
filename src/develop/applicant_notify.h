/* applicant_notify.h: the daily pass that tells the secretary of an
 * applicant's organization that a development step is overdue (issue 12,
 * notification kind step_overdue). Time-driven, so it runs from the serve
 * loop, not from a request: once per applicant and step, recorded in
 * notify_step_sent so it is never repeated. */
#ifndef HY_APPLICANT_NOTIFY_H
#define HY_APPLICANT_NOTIFY_H

#include "core/err.h"

struct db;

/* Notifies every step that is past its due day today (date_today(), the
 * same test as the pipeline_overdue alert) and not notified before, in one
 * transaction with its audit row; *sent gets how many steps. */
enum err applicant_notify_overdue(struct db *db, int *sent);

#endif
