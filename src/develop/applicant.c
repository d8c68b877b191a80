/* applicant.c: a person in the pipeline as JSON (pure). */
#include "core/common.h"
#include "develop/applicant.h"
#include "core/dates.h"
#include "http/json_out.h"

void
applicant_write_fields(struct jw *w, const struct applicant *ap)
{
	const struct pipe_step_def *cur = pipe_step(ap->step), *nx = pipe_step(ap->next_step);
	char today[11];

	date_format(date_today(), today);
	jw_kint(w, "id", ap->id);
	jw_kint(w, "org_id", ap->org_id);
	jw_kstr(w, "org_name", ap->org_name);
	jw_kstr(w, "name", ap->name);
	jw_kstr(w, "gender", ap->gender);
	jw_kstr(w, "id_card", ap->id_card);
	jw_kstr(w, "ethnicity", ap->ethnicity);
	jw_kstr(w, "education", ap->education);
	jw_kstr(w, "post", ap->post);
	jw_kstr(w, "category", ap->category);
	jw_kstr(w, "status", ap->status);
	jw_kstr(w, "applied_on", ap->applied_on);
	jw_kint(w, "step", ap->step);
	jw_kstr(w, "step_name", cur ? cur->name : NULL);
	jw_kint(w, "stage", nx ? nx->stage : cur ? cur->stage : 1);
	jw_kstr(w, "stage_name", pipe_stage_name(nx ? nx->stage : cur ? cur->stage : 1));
	jw_kid(w, "next_step", ap->next_step);
	jw_kstr(w, "next_step_name", nx ? nx->name : NULL);
	jw_kstr(w, "next_due", ap->next_due);
	jw_kbool(w, "overdue", ap->next_due && strcmp(ap->next_due, today) < 0);
	jw_kstr(w, "probation_end", ap->probation_end);
	jw_kbool(w, "extended", ap->extended);
	jw_kid(w, "member_id", ap->member_id);
	jw_kid(w, "cultivation_id", ap->cultivation_id);
	jw_kid(w, "cultivation_year", ap->cultivation_year);
	jw_kstr(w, "end_reason", ap->end_reason && *ap->end_reason ? ap->end_reason : NULL);
	jw_ktime(w, "created_at", ap->created_at);
	jw_ktime(w, "updated_at", ap->updated_at);
}
