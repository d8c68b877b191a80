/* cult.c: the pure rules of the cultivation registers (see cult.h). */
#include "core/common.h"
#include "cultivate/cult.h"
#include "db/db.h"
#include "http/json_out.h"

const char *const cult_kinds[] = { "backbone_to_member", "member_to_backbone", NULL };
const char *const cult_states[] = { "nominated", "selected", "not_selected", "developed", NULL };
const char *const cult_outcomes[] = { "joined_pipeline", "became_backbone", NULL };
const char *const leader_positions[] = { "secretary", "deputy", NULL };
const char *const leader_levels[] = { "district", "municipal", NULL };
const char *const training_forms[] = { "full_coverage", "seminar", "study_trip", "shadow",
	"site_visit", "online", NULL };
const char *const studio_kinds[] = { "teacher", "principal", "class_teacher", NULL };
const char *const studio_levels[] = { "district", "municipal", "national", NULL };
const char *const studio_activity_kinds[] = { "seminar", "lesson", "joint_preparation", "course",
	NULL };
const char *const studio_output_kinds[] = { "paper", "course", "award", NULL };

const char *const cult_criteria_fields[] = { "evidence_party", "evidence_education",
	"evidence_management", "evidence_prestige", "evidence_ideology", NULL };
const char *const cult_criteria_labels[] = { "党性强", "懂教育", "会管理", "有威信",
	"善做思想政治工作", NULL };

enum err
cult_step(const char *state, enum cult_action a, const char **next)
{
	if (!strcmp(state, "nominated") && a == CA_SELECT)
		*next = "selected";
	else if (!strcmp(state, "nominated") && a == CA_REJECT)
		*next = "not_selected";
	else if (!strcmp(state, "selected") && a == CA_OUTCOME)
		*next = "developed";
	else
		return ERR_CONFLICT;
	return ERR_OK;
}

const char *
cult_conflict_message(const char *state)
{
	if (!strcmp(state, "nominated"))
		return "当前状态为“已推荐”：须先经支委会比较遴选";
	if (!strcmp(state, "selected"))
		return "当前状态为“已确定为培养对象”：不能重复遴选";
	if (!strcmp(state, "not_selected"))
		return "当前状态为“未入选”：不能再登记培养结果";
	return "当前状态为“已培养”：培养结果已登记";
}

int
cult_outcome_fits(const char *kind, const char *outcome)
{
	if (!strcmp(kind, "backbone_to_member"))
		return !strcmp(outcome, "joined_pipeline");
	return !strcmp(kind, "member_to_backbone") && !strcmp(outcome, "became_backbone");
}

int
cult_contacts_ok(int n)
{
	return n >= 1 && n <= 2;
}

static int
blank(const char *s)
{
	if (!s)
		return 1;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return !*s;
}

int
cult_criteria_missing(const char *const ev[CULT_CRITERIA], int missing[CULT_CRITERIA])
{
	int n = 0;

	for (int i = 0; i < CULT_CRITERIA; i++) {
		int m = blank(ev[i]);

		if (missing)
			missing[i] = m;
		n += m;
	}
	return n;
}

int64_t
cult_hours_short(int64_t hours, long min)
{
	return hours >= min ? 0 : min - hours;
}

int64_t
cult_hours_total(const int64_t *hours, int n)
{
	int64_t t = 0;

	for (int i = 0; i < n; i++)
		if (hours[i] > 0)
			t += hours[i];
	return t;
}

void
cult_row_fields(struct db_rows *r, struct jw *w, const char *const *keys, const char *fmt)
{
	assert(r->ncols == (int)strlen(fmt));	/* one format letter per column */
	for (int i = 0; fmt[i]; i++) {
		jw_key(w, keys[i]);
		if (db_is_null(r, i) && fmt[i] != CULT_COL_INT && fmt[i] != CULT_COL_BOOL)
			jw_null(w);
		else if (fmt[i] == CULT_COL_STR)
			jw_str(w, db_text(r, i));
		else if (fmt[i] == CULT_COL_BOOL)
			jw_bool(w, db_i64(r, i) != 0);
		else
			jw_int(w, db_i64(r, i));
	}
}

enum err
cult_rows_json(struct db_rows *r, struct jw *w, const char *const *keys, const char *fmt)
{
	enum err e;

	while ((e = db_next(r)) == ERR_OK) {
		jw_obj(w);
		cult_row_fields(r, w, keys, fmt);
		jw_obj_end(w);
	}
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}
