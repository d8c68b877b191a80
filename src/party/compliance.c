/* compliance.c: the pure engine of compliance.h (ORG-05, ORG-07, ORG-10…17). */
#include "core/common.h"
#include "party/compliance.h"
#include "core/config.h"
#include "core/dates.h"

const char *const compliance_kinds[] = { "branch_assembly", "committee", "group", "lecture",
	"theme_day", "org_life", "appraisal", "talk", NULL };

enum applies { FOR_BRANCH, FOR_COMMITTEE, FOR_GROUP };

struct req_def {
	const char *rule;
	enum compliance_kind kind;
	const char *label;
	enum compliance_unit unit;
	enum applies applies;
	int per;		/* the rule's own value */
};

static const struct req_def defs[REQ_COUNT] = {
	[REQ_ORG10] = { "ORG-10", CK_BRANCH_ASSEMBLY, "支部党员大会", CU_QUARTER, FOR_BRANCH, 1 },
	[REQ_ORG11] = { "ORG-11", CK_COMMITTEE, "支部委员会会议", CU_MONTH, FOR_COMMITTEE, 1 },
	[REQ_ORG12] = { "ORG-12", CK_GROUP, "党小组会", CU_MONTH, FOR_GROUP, 1 },
	[REQ_ORG13] = { "ORG-13", CK_LECTURE, "党课", CU_QUARTER, FOR_BRANCH, 1 },
	[REQ_ORG14] = { "ORG-14", CK_THEME_DAY, "主题党日", CU_MONTH, FOR_BRANCH, 1 },
	[REQ_ORG15] = { "ORG-15", CK_ORG_LIFE, "组织生活会", CU_YEAR, FOR_BRANCH, 1 },
	[REQ_ORG16] = { "ORG-16", CK_APPRAISAL, "民主评议党员", CU_YEAR, FOR_BRANCH, 1 },
	[REQ_ORG17] = { "ORG-17", CK_TALK, "谈心谈话", CU_YEAR, FOR_BRANCH, 1 },
};

int
compliance_kind_index(const char *kind)
{
	for (int i = 0; compliance_kinds[i]; i++)
		if (!strcmp(compliance_kinds[i], kind))
			return i;
	return -1;
}

const char *
compliance_status_name(enum compliance_status s)
{
	static const char *const names[] = { "done", "due", "overdue", "exempt" };

	return names[s];
}

void
compliance_rules_default(struct compliance_rules *r)
{
	for (int i = 0; i < REQ_COUNT; i++)
		r->per[i] = defs[i].per;
	r->committee_min_full = 7;
	r->term_years_committee = 5;
	r->term_years_branch = 3;
	r->term_warn_months = 6;
	r->term_urgent_months = 1;
}

void
compliance_rules_from_config(struct compliance_rules *r)
{
	for (int i = 0; i < REQ_COUNT; i++)
		r->per[i] = (int)cfg.org_per[i];
	r->committee_min_full = (int)cfg.committee_min_full;
	r->term_years_committee = (int)cfg.term_years_committee;
	r->term_years_branch = (int)cfg.term_years_branch;
	r->term_warn_months = (int)cfg.term_warn_months;
	r->term_urgent_months = (int)cfg.term_urgent_months;
}

/* --- periods --- */

void
period_make(enum compliance_unit u, int year, int num, struct period *p)
{
	p->unit = u;
	p->year = year;
	p->num = num;
	switch (u) {
	case CU_YEAR:
		p->first = date_from_ymd(year, 1, 1);
		p->last = date_from_ymd(year, 12, 31);
		snprintf(p->text, sizeof(p->text), "%04d", year);
		break;
	case CU_QUARTER:
		p->first = date_from_ymd(year, num * 3 - 2, 1);
		p->last = date_month_last(date_from_ymd(year, num * 3, 1));
		snprintf(p->text, sizeof(p->text), "%04d-Q%d", year, num);
		break;
	case CU_MONTH:
		p->first = date_from_ymd(year, num, 1);
		p->last = date_month_last(p->first);
		snprintf(p->text, sizeof(p->text), "%04d-%02d", year, num);
		break;
	}
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
period_parse(const char *s, struct period *p)
{
	size_t n = s ? strlen(s) : 0;
	int y = n >= 4 ? digits(s, 4) : -1, v;

	if (y < 1900 || y > 2199)
		return -1;
	if (n == 4) {
		period_make(CU_YEAR, y, 0, p);
		return 0;
	}
	if (n == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') {
		period_make(CU_QUARTER, y, s[6] - '0', p);
		return 0;
	}
	if (n == 7 && s[4] == '-' && (v = digits(s + 5, 2)) >= 1 && v <= 12) {
		period_make(CU_MONTH, y, v, p);
		return 0;
	}
	return -1;
}

void
period_label(const struct period *p, char out[32])
{
	if (p->unit == CU_YEAR)
		snprintf(out, 32, "%d年", p->year);
	else if (p->unit == CU_QUARTER)
		snprintf(out, 32, "%d年第%d季度", p->year, p->num);
	else
		snprintf(out, 32, "%d年%d月", p->year, p->num);
}

/* The label of a sub-period after the first of a list: the year is said once. */
static void
period_label_short(const struct period *p, char out[32])
{
	if (p->unit == CU_QUARTER)
		snprintf(out, 32, "第%d季度", p->num);
	else if (p->unit == CU_MONTH)
		snprintf(out, 32, "%d月", p->num);
	else
		period_label(p, out);
}

/* --- evaluation --- */

static int
applies(const struct compliance_rules *r, const struct compliance_org *o, enum applies a)
{
	switch (a) {
	case FOR_BRANCH:
		return !strcmp(o->kind, "branch");
	case FOR_COMMITTEE:	/* ORG-05: a committee only from 7 full members */
		return !strcmp(o->kind, "branch") && o->full_members >= r->committee_min_full;
	case FOR_GROUP:
		return !strcmp(o->kind, "group");
	}
	return 0;
}

/* The sub-periods a requirement of unit u is judged on within p. */
static int
sub_periods(enum compliance_unit u, const struct period *p, int32_t today, struct period *out)
{
	int n = 0;

	if (u >= p->unit) {	/* the enclosing period of the rule's unit */
		int num = u == p->unit ? p->num : u == CU_QUARTER ? (p->num + 2) / 3 : 0;

		period_make(u, p->year, u == CU_YEAR ? 0 : num, &out[0]);
		return 1;
	}
	if (u == CU_QUARTER) {
		for (int q = 1; q <= 4; q++)
			period_make(CU_QUARTER, p->year, q, &out[n++]);
	} else {
		int m0 = p->unit == CU_QUARTER ? p->num * 3 - 2 : 1;
		int m1 = p->unit == CU_QUARTER ? p->num * 3 : 12;

		for (int m = m0; m <= m1; m++)
			period_make(CU_MONTH, p->year, m, &out[n++]);
	}
	if (p->first > today)	/* all to come: judge every one (all due) */
		return n;
	while (n > 1 && out[n - 1].first > today)
		n--;
	return n;
}

/* Meetings of kind held in s, counting months no later than p's last. */
static int
held_in(const struct compliance_counts *c, enum compliance_kind k, const struct period *s,
    const struct period *p)
{
	int m0 = date_to_ymd(s->first).m, m1 = date_to_ymd(s->last).m;
	int cut = date_to_ymd(p->last).m, n = 0;

	for (int m = m0; m <= m1 && m <= cut; m++)
		n += c->n[k][m - 1];
	return n;
}

static const struct compliance_exemption *
exempted(const struct compliance_exemption *ex, int nex, const char *rule, const struct period *s,
    const struct period *p)
{
	for (int i = 0; i < nex; i++)
		if (!strcmp(ex[i].rule, rule) && (!strcmp(ex[i].period, s->text) ||
		    !strcmp(ex[i].period, p->text)))
			return &ex[i];
	return NULL;
}

struct judged {
	int required, held, nover, ndue, nexempt, nsub;
	const struct compliance_exemption *why;	/* an explicit waiver met */
	struct period over[12], due[12];
	int over_held[12];
};

static void
judge(const struct req_def *d, int per, const struct compliance_org *o, const struct period *p,
    int32_t today, const struct compliance_counts *c, const struct compliance_exemption *ex,
    int nex, struct judged *j)
{
	struct period subs[12];

	memset(j, 0, sizeof(*j));
	j->nsub = sub_periods(d->unit, p, today, subs);
	for (int i = 0; i < j->nsub; i++) {
		const struct compliance_exemption *e = exempted(ex, nex, d->rule, &subs[i], p);
		int h;

		if (e || (o->founded != COMPLIANCE_NO_DAY && o->founded > subs[i].first)) {
			j->why = e ? e : j->why;
			j->nexempt++;
			continue;
		}
		h = held_in(c, d->kind, &subs[i], p);
		j->required += per;
		j->held += h;
		if (h >= per)
			continue;
		if (today <= subs[i].last)
			j->due[j->ndue++] = subs[i];
		else {
			j->over_held[j->nover] = h;
			j->over[j->nover++] = subs[i];
		}
	}
}

/* "2026年1月、3月" for the listed sub-periods; three or more in a row read
 * "2026年1月至7月". */
static void
join_labels(const struct period *v, int n, char *out, size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < n && len + 80 < cap; i++) {
		char l[32], r[32];
		int j = i;

		while (j + 1 < n && v[j + 1].num == v[j].num + 1)
			j++;
		if (i)
			period_label_short(&v[i], l);
		else
			period_label(&v[i], l);
		if (j - i >= 2) {
			period_label_short(&v[j], r);
			len += (size_t)snprintf(out + len, cap - len, "%s%s至%s", i ? "、" : "", l, r);
			i = j;
		} else {
			len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? "、" : "", l);
		}
	}
}

static void
message(const struct req_def *d, int per, const struct compliance_org *o, const struct period *p,
    const struct judged *j, struct compliance_item *it)
{
	char when[200], day[11], pl[32];
	const char *who = !strcmp(o->kind, "group") ? "该党小组" : "该支部";

	period_label(p, pl);
	it->reminder[0] = '\0';
	if (j->ndue && it->status != CS_EXEMPT) {
		join_labels(j->due, j->ndue, when, sizeof(when));
		date_format(j->due[0].last, day);
		snprintf(it->reminder, sizeof(it->reminder), "%s尚未召开%s，期限至%s（%s）", when,
		    d->label, day, d->rule);
	}
	if (it->status == CS_EXEMPT && j->why) {
		snprintf(it->message, sizeof(it->message), "%s%s免于考核：%s（%s）", pl, d->label,
		    j->why->reason, d->rule);
	} else if (it->status == CS_EXEMPT) {
		date_format(o->founded, day);
		snprintf(it->message, sizeof(it->message), "%s成立于%s，%s%s免于考核（%s）", who, day,
		    pl, d->label, d->rule);
	} else if (it->status == CS_OVERDUE) {
		join_labels(j->over, j->nover, when, sizeof(when));
		if (j->nover == 1 && j->over_held[0] > 0)
			snprintf(it->message, sizeof(it->message), "%s%s召开%d次，应至少%d次（%s）", when,
			    d->label, j->over_held[0], per, d->rule);
		else
			snprintf(it->message, sizeof(it->message), "%s未召开%s（%s）", when, d->label,
			    d->rule);
	} else if (it->status == CS_DUE) {
		snprintf(it->message, sizeof(it->message), "%s", it->reminder);
	} else {
		snprintf(it->message, sizeof(it->message), "%s已召开%s%d次（%s）", pl, d->label, it->held,
		    d->rule);
	}
}

int
compliance_evaluate(const struct compliance_rules *r, const struct compliance_org *o,
    const struct period *p, int32_t today, const struct compliance_counts *c,
    const struct compliance_exemption *ex, int nex, struct compliance_item *out)
{
	int n = 0;

	for (int i = 0; i < REQ_COUNT; i++) {
		const struct req_def *d = &defs[i];
		struct compliance_item *it = &out[n];
		struct judged j;

		if (r->per[i] <= 0 || !applies(r, o, d->applies))
			continue;
		judge(d, r->per[i], o, p, today, c, ex, nex, &j);
		it->req = (enum compliance_req)i;
		it->rule = d->rule;
		it->kind = compliance_kinds[d->kind];
		it->unit = d->unit;
		it->required = j.required;
		it->held = j.held;
		it->status = j.nexempt == j.nsub ? CS_EXEMPT : j.nover ? CS_OVERDUE :
		    j.ndue ? CS_DUE : CS_DONE;
		message(d, r->per[i], o, p, &j, it);
		n++;
	}
	return n;
}

/* --- terms (ORG-07) --- */

int32_t
date_add_months(int32_t day, int n)
{
	struct ymd t = date_to_ymd(day);
	int k = t.y * 12 + (t.m - 1) + n, y = k / 12, m = k % 12 + 1;
	int dim = date_days_in_month(y, m);

	return date_from_ymd(y, m, t.d > dim ? dim : t.d);
}

enum term_state
compliance_term(const struct compliance_rules *r, const char *kind, int32_t started, int years,
    int32_t today, int32_t *expires)
{
	int committee = !strcmp(kind, "district_committee") || !strcmp(kind, "party_committee");
	int branch = !strcmp(kind, "general_branch") || !strcmp(kind, "branch");

	if (started == COMPLIANCE_NO_DAY || (!committee && !branch))
		return TERM_NONE;
	if (years <= 0)
		years = committee ? r->term_years_committee : r->term_years_branch;
	*expires = date_add_months(started, years * 12);
	if (today >= *expires)
		return TERM_OVERDUE;
	if (today >= date_add_months(*expires, -r->term_urgent_months))
		return TERM_URGENT;
	if (today >= date_add_months(*expires, -r->term_warn_months))
		return TERM_WARN;
	return TERM_OK;
}

/* --- tallies --- */

void
compliance_tally_add(struct compliance_tally *t, const struct compliance_item *it, int n)
{
	int over = 0;

	t->orgs++;
	for (int i = 0; i < n; i++) {
		switch (it[i].status) {
		case CS_DONE: t->done++; break;
		case CS_DUE: t->due++; break;
		case CS_OVERDUE: t->overdue++; over = 1; break;
		case CS_EXEMPT: t->exempt++; break;
		}
	}
	t->orgs_ok += !over;
}

int64_t
compliance_tally_permille(const struct compliance_tally *t)
{
	int64_t n = t->done + t->overdue;	/* what is still due has not failed yet */

	return n ? (t->done * 1000 + n / 2) / n : 1000;
}
