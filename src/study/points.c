/* points.c: the pure rules of study points and anti-gaming (STUDY-01..06). */
#include "core/common.h"
#include "study/points.h"

#define DAY_MINUTES 1440

const char *const points_kinds[] = { "reading", "video", "lecture", "document",
	"reading_session", "discussion", "other", NULL };

const char *
points_kind_label(const char *kind)
{
	static const char *const labels[] = { "阅读", "视频", "讲座党课", "文件学习", "读书会",
		"专题研讨", "其他" };

	for (int i = 0; kind && points_kinds[i]; i++)
		if (!strcmp(points_kinds[i], kind))
			return labels[i];
	return "其他";
}

enum err
points_rule_check(const struct points_rule *r, struct problem *pb)
{
	if (r->per_record < 0 || r->per_record > 100)
		problem_field(pb, "per_record", "应为 0 到 100 的整数");
	if (r->block_minutes < 0 || r->block_minutes > DAY_MINUTES)
		problem_field(pb, "block_minutes", "应为 0 到 1440 的整数");
	if (r->per_block < 0 || r->per_block > 100)
		problem_field(pb, "per_block", "应为 0 到 100 的整数");
	if (r->daily_cap < 0 || r->daily_cap > 1000)
		problem_field(pb, "daily_cap", "应为 0 到 1000 的整数");
	return pb->nfields ? ERR_INVALID : ERR_OK;
}

static int64_t
day_of(int64_t minutes)
{
	return minutes >= 0 ? minutes / DAY_MINUTES : -((-minutes + DAY_MINUTES - 1) / DAY_MINUTES);
}

static int
same_key(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* STUDY-03: minutes already on rec's day plus rec's own. */
static int64_t
day_minutes(const struct points_rec *rec, const struct points_rec *have, int n)
{
	int64_t sum = rec->minutes, day = day_of(rec->start);

	for (int i = 0; i < n; i++)
		if (day_of(have[i].start) == day)
			sum += have[i].minutes;
	return sum;
}

static enum points_reason
against_others(const struct points_rec *rec, const struct points_rec *have, int n)
{
	int64_t end = rec->start + rec->minutes;

	for (int i = 0; i < n; i++)
		if (have[i].start == rec->start && same_key(have[i].key, rec->key))
			return PR_DUPLICATE;
	for (int i = 0; i < n; i++)
		if (rec->start < have[i].start + have[i].minutes && have[i].start < end)
			return PR_OVERLAP;
	return PR_OK;
}

static int
burst(const struct points_limits *lim, const struct points_rec *have, int n, int64_t now)
{
	int64_t recent = 0;

	if (lim->burst_n <= 0)
		return 0;
	for (int i = 0; i < n; i++)
		if (have[i].created > now - lim->burst_minutes)
			recent++;
	return recent + 1 > lim->burst_n;
}

enum points_reason
points_check(const struct points_limits *lim, const struct points_rec *rec,
    const struct points_rec *have, int n, int64_t now, const char **field)
{
	enum points_reason r;

	*field = "started_at";
	if (rec->start + rec->minutes > now)
		return PR_FUTURE;
	if (rec->start < now - lim->backdate_days * DAY_MINUTES)
		return PR_TOO_OLD;
	if (rec->minutes > DAY_MINUTES || day_minutes(rec, have, n) > DAY_MINUTES) {
		*field = "minutes";
		return PR_DAY_FULL;
	}
	if ((r = against_others(rec, have, n)) != PR_OK)
		return r;
	*field = NULL;
	return burst(lim, have, n, now) ? PR_BURST : PR_OK;
}

int
points_refuses(enum points_reason r)
{
	return r != PR_OK && r != PR_BURST;
}

const char *
points_reason_code(enum points_reason r)
{
	static const char *const codes[PR_N] = { "ok", "duplicate", "overlap", "day_full",
		"future", "too_old", "burst" };

	return (unsigned)r < PR_N ? codes[r] : "invalid";
}

const char *
points_reason_message(enum points_reason r)
{
	static const char *const msgs[PR_N] = {
		[PR_OK] = "",
		[PR_DUPLICATE] = "重复记录：同一内容同一开始时间已记录",
		[PR_OVERLAP] = "与已有学习记录的时间重叠",
		[PR_DAY_FULL] = "当天学习时长合计超过24小时",
		[PR_FUTURE] = "学习结束时间不能晚于当前时间",
		[PR_TOO_OLD] = "超过补记期限，不能补记这么早的学习",
		[PR_BURST] = "短时间内提交过多记录，已标记待核，不计积分",
	};

	return (unsigned)r < PR_N ? msgs[r] : "记录无效";
}

int64_t
points_award(const struct points_rule *rule, int64_t minutes, int64_t earned_today)
{
	int64_t raw, room;

	if (!rule->enabled || minutes <= 0)
		return 0;
	raw = rule->per_record;
	if (rule->block_minutes > 0)
		raw += rule->per_block * (minutes / rule->block_minutes);
	if (rule->daily_cap <= 0)
		return raw;
	room = rule->daily_cap - earned_today;
	if (room <= 0)
		return 0;
	return raw < room ? raw : room;
}

void
points_rank(const int64_t *points, int n, int64_t *rank)
{
	for (int i = 0; i < n; i++)
		rank[i] = i > 0 && points[i] == points[i - 1] ? rank[i - 1] : i + 1;
}
