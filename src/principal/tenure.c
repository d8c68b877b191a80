/* tenure.c: the pure rules of principals' tenures (tenure.h). */
#include "core/common.h"
#include "principal/tenure.h"

#include "core/dates.h"
#include "party/compliance.h"	/* date_add_months() */

const char *const tenure_posts[] = { "principal", "kindergarten_head", "secretary_principal",
	"executive_principal", NULL };
const char *const tenure_post_labels[] = { "校长", "园长", "书记兼校长", "执行校长", NULL };
const char *const tenure_end_reasons[] = { "expired", "transferred", "left", "retired",
	"dismissed", NULL };
const char *const tenure_end_labels[] = { "届满", "调任", "离任", "退休", "免职", NULL };
/* PRIN-01 */
const char *const tenure_areas[] = { "party_building", "moral_education", "governance",
	"teachers", "standard_running", "safety_health", "satisfaction", NULL };
const char *const tenure_area_labels[] = { "党的建设", "立德树人", "学校治理", "教师工作",
	"规范办学", "安全卫生", "满意度调查", NULL };
const char *const tenure_genders[] = { "male", "female", NULL };
const char *const tenure_flag_names[] = { "no_principal", "term_ending", "left_mid_term",
	"rotation", NULL };
const char *const goal_states[] = { "draft", "submitted", "approved", "returned", NULL };

const char *
tenure_label(const char *const *names, const char *const *labels, const char *value)
{
	for (int i = 0; value && names[i]; i++)
		if (!strcmp(names[i], value))
			return labels[i];
	return value;
}

int32_t
tenure_term_end(int32_t appointed, int years)
{
	int32_t next = date_add_months(appointed, 12 * years);

	/* The day before the anniversary; a 29 February appointment's
	 * anniversary in a common year is clamped to the 28th, which ends it. */
	return date_to_ymd(next).d == date_to_ymd(appointed).d ? next - 1 : next;
}

int
tenure_term_year(int32_t appointed, int32_t today)
{
	int n = 0;

	if (today < appointed)
		return 0;
	while (tenure_year_end(appointed, n + 1) < today)
		n++;
	return n + 1;
}

int32_t
tenure_year_end(int32_t appointed, int year_no)
{
	return tenure_term_end(appointed, year_no);
}

int32_t
tenure_report_due(int32_t appointed, int year_no, int due_days)
{
	return tenure_year_end(appointed, year_no) + due_days;
}

int32_t
tenure_warn_cutoff(int32_t today, int warn_months)
{
	return date_add_months(today, warn_months);
}

int
tenure_left_early(const char *reason, int32_t ended, int32_t term_end, int planned)
{
	return reason && strcmp(reason, "expired") && ended < term_end && !planned;
}

unsigned
tenure_flags(const struct tenure_facts *f, int32_t today, int warn_months, int max_terms)
{
	unsigned v = 0;

	if (!f->has_tenure)
		v |= TF_NO_PRINCIPAL;
	else if (f->term_end <= tenure_warn_cutoff(today, warn_months) && !f->planned)
		v |= TF_TERM_ENDING;
	if (f->has_tenure && f->term_no > max_terms)
		v |= TF_ROTATION;
	if (f->left_mid_term)
		v |= TF_LEFT_MID_TERM;
	return v;
}

static int
is(const char *state, const char *s)
{
	return state && !strcmp(state, s);
}

const char *
goal_next(const char *state, enum goal_action a)
{
	int open = is(state, "draft") || is(state, "returned");

	switch (a) {
	case GA_EDIT:
		return open ? state : NULL;
	case GA_SUBMIT:
		return open ? "submitted" : NULL;
	case GA_APPROVE:
		return is(state, "submitted") ? "approved" : NULL;
	case GA_RETURN:
		return is(state, "submitted") ? "returned" : NULL;
	}
	return NULL;
}

const char *
goal_conflict_message(const char *state)
{
	if (is(state, "draft"))
		return "任期目标当前为“草稿”状态，尚未提交，不能进行此操作";
	if (is(state, "submitted"))
		return "任期目标当前为“已提交”状态，等待督导室审核，不能进行此操作";
	if (is(state, "approved"))
		return "任期目标当前为“已通过”状态，不能再修改或审核";
	if (is(state, "returned"))
		return "任期目标当前为“已退回”状态，须由校长修改后重新提交";
	return "任期目标的当前状态不允许此操作";
}

const char *
report_next(const char *state, enum report_action a)
{
	switch (a) {
	case RA_EDIT:
		return !state || is(state, "draft") ? "draft" : NULL;
	case RA_SUBMIT:
		return is(state, "draft") ? "submitted" : NULL;
	case RA_GRADE:
		return is(state, "submitted") ? "graded" : NULL;
	}
	return NULL;
}

const char *
report_conflict_message(const char *state)
{
	if (is(state, "draft"))
		return "年度述职报告当前为“草稿”状态，尚未提交，不能评定等次";
	if (is(state, "submitted"))
		return "年度述职报告当前为“已提交”状态，不能再修改或重复提交";
	if (is(state, "graded"))
		return "年度述职报告当前为“已评定”状态，不能再修改或重复评定";
	return "年度述职报告的当前状态不允许此操作";
}

int
tenure_grade_valid(const char *grades, const char *s)
{
	size_t n = strlen(s);

	if (!n)
		return 0;
	while (*grades) {
		size_t len = strcspn(grades, ",");

		if (len == n && !strncmp(grades, s, n))
			return 1;
		grades += len + (grades[len] == ',');
	}
	return 0;
}

int
tenure_figures_parse(const char *text, struct tenure_figure *out, int max)
{
	int n = 0;

	while (*text && n < max) {
		size_t len = strcspn(text, ","), key = strcspn(text, ":");

		if (key > len)
			key = len;
		if (len && key < sizeof(out[n].key) && len < sizeof(out[n].label) + key + 1) {
			memcpy(out[n].key, text, key);
			out[n].key[key] = '\0';
			if (key < len) {
				memcpy(out[n].label, text + key + 1, len - key - 1);
				out[n].label[len - key - 1] = '\0';
			} else {
				memcpy(out[n].label, text, len);
				out[n].label[len] = '\0';
			}
			n++;
		}
		text += len + (text[len] == ',');
	}
	return n;
}
