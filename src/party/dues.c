/* dues.c: the pure rules of party dues (RULES.md DUES-02..10, DUES-12). */
#include "core/common.h"
#include "party/dues.h"
#include "core/money.h"

const char *const dues_categories[] = { "in_service", "retired", "student", "unemployed",
	"relief", "farmer", NULL };
const char *const dues_methods[] = { "cash", "transfer", "wechat", "alipay", "other", NULL };

/* DUES-02: the rate of the bracket holding the WHOLE base (not marginal). */
static int64_t
in_service_rate(const struct dues_cfg *c, int64_t base)
{
	for (int i = 0; i < 3; i++)
		if (base <= c->bound_fen[i])
			return c->rate_bp[i];
	return c->rate_bp[3];
}

/* DUES-04: retirees, on the pension actually received. */
static int64_t
retired_rate(const struct dues_cfg *c, int64_t base)
{
	return c->retired_rate_bp[base <= c->retired_bound_fen ? 0 : 1];
}

static enum err
check_base(const struct dues_cfg *c, int64_t base, int salaried, struct problem *pb)
{
	if (base < 0)
		return problem_field(pb, "base_fen", "缴费基数不能为负数");
	if (base > c->base_max_fen)
		return problem_field(pb, "base_fen", "缴费基数超出合理范围");
	if (salaried && base == 0)
		return problem_field(pb, "base_fen", "请填写月缴费基数（税后固定收入或实领养老金）");
	return ERR_OK;
}

enum err
dues_monthly(const struct dues_cfg *c, const char *category, int64_t base_fen, int64_t *fen,
    const char **rule, int64_t *rate_bp, struct problem *pb)
{
	int in_service = category && !strcmp(category, "in_service");
	int retired = category && !strcmp(category, "retired");
	int i;

	for (i = 0; category && dues_categories[i]; i++)
		if (!strcmp(dues_categories[i], category))
			break;
	if (!category || !dues_categories[i])
		return problem_field(pb, "category", "党费类别无效");
	if (check_base(c, base_fen, in_service || retired, pb))
		return ERR_INVALID;
	*rate_bp = 0;
	if (in_service || retired) {
		*rate_bp = in_service ? in_service_rate(c, base_fen) : retired_rate(c, base_fen);
		*fen = money_apply_rate(base_fen, *rate_bp, 10000);	/* DUES-12: HALF_UP */
		*rule = in_service ? "DUES-02" : "DUES-04";
		return ERR_OK;
	}
	*fen = strcmp(category, "farmer") ? c->flat_fen : c->farmer_fen;
	*rule = "DUES-05";
	return ERR_OK;
}

const char *
dues_category_for_member(const char *member_category)
{
	if (member_category && !strcmp(member_category, "in_service"))
		return "in_service";
	if (member_category && !strcmp(member_category, "retired"))
		return "retired";
	return "unemployed";
}

int
dues_month_parse(const char *s, int32_t *key)
{
	int y, m;

	if (!s || strlen(s) != 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1900 || y > 2199 || m < 1 || m > 12)
		return -1;
	*key = y * 100 + m;
	return 0;
}

void
dues_month_format(int32_t key, char out[8])
{
	unsigned y = (unsigned)(key / 100) % 10000, m = (unsigned)(key % 100) % 100;

	snprintf(out, 8, "%04u-%02u", y, m);
}

int32_t
dues_month_add(int32_t key, int n)
{
	int idx = key / 100 * 12 + key % 100 - 1 + n;

	return idx / 12 * 100 + idx % 12 + 1;
}

int
dues_month_diff(int32_t a, int32_t b)
{
	return (b / 100 * 12 + b % 100) - (a / 100 * 12 + a % 100);
}

enum err
dues_check_month(const struct dues_cfg *c, int32_t month, int32_t now, const char *field,
    struct problem *pb)
{
	char oldest[8];

	if (month > now)
		return problem_field(pb, field, "不能预交未来月份的党费");
	if (dues_month_diff(month, now) > c->backpay_months) {
		dues_month_format(dues_month_add(now, -(int)c->backpay_months), oldest);
		return problem_field(pb, field, "补交党费最多补交%ld个月（最早 %s，DUES-08）",
		    c->backpay_months, oldest);
	}
	return ERR_OK;
}

enum err
dues_check_reduction(int64_t reduced_fen, int64_t monthly_fen, const char *approval,
    struct problem *pb)
{
	if (reduced_fen < 0)
		return ERR_OK;
	if (reduced_fen > monthly_fen)
		problem_field(pb, "reduced_fen", "减免后金额不能高于按规定应交金额");
	if (!approval || !*approval)
		problem_field(pb, "approval", "减免党费须经上级党委批准，请填写批准机关和文号（DUES-06）");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

int32_t
dues_effective_from(const struct dues_cfg *c, int32_t now, int has_from, int32_t from)
{
	if (has_from)
		return from;
	if (c->annual)
		return (now / 100 + 1) * 100 + 1;
	return now;
}

int
dues_arrears_level(const struct dues_cfg *c, int64_t months)
{
	if (months >= c->flag_months)
		return 2;
	return months >= c->warn_months;
}

int64_t
dues_arrears(int32_t month, int has_setting, int32_t first_from, int32_t last_paid, int64_t due)
{
	int32_t start;

	if (!has_setting || due == 0)
		return 0;
	start = !last_paid || last_paid < first_from ? first_from : dues_month_add(last_paid, 1);
	return start > month ? 0 : dues_month_diff(start, month) + 1;
}
