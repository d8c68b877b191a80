#include "core/common.h"
#include "core/config.h"
#include "auth/who.h"

#include <arpa/inet.h>

struct config cfg;

int
config_parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Each numeric setting: its variable, its flag, its range. */
struct env_long {
	const char *name;
	const char *flag;
	long lo, hi;
	long *dst;
};

static const struct env_long env_longs[] = {
	{ "HONGYAN_THREADS", "--threads", 0, 256, &cfg.threads },
	{ "HONGYAN_SESSION_IDLE", "--session-idle", 1, 86400 * 7, &cfg.session_idle_s },
	{ "HONGYAN_LOCKOUT_THRESHOLD", "--lockout-threshold", 1, 1000, &cfg.lockout_threshold },
	{ "HONGYAN_LOCKOUT_SECONDS", "--lockout-seconds", 1, 86400 * 7, &cfg.lockout_s },
	{ "HONGYAN_BODY_MAX", "--body-max", 1024, 64L << 20, &cfg.body_max },
	{ "HONGYAN_UPLOAD_MAX", "--upload-max", 1024, 1L << 30, &cfg.upload_max },
	{ "HONGYAN_IMPORT_MAX", "--import-max", 1024, 1L << 30, &cfg.import_max },
	{ "HONGYAN_IMPORT_ROWS_MAX", "--import-rows-max", 2, 10000000, &cfg.import_rows_max },
	{ "HONGYAN_IMPORT_PART_MAX", "--import-part-max", 4096, 4L << 30, &cfg.import_part_max },
	{ "HONGYAN_IMPORT_RATIO_MAX", "--import-ratio-max", 2, 100000, &cfg.import_ratio_max },
	{ "HONGYAN_IMPORT_KEEP", "--import-keep", 60, 86400 * 7, &cfg.import_keep_s },
	{ "HONGYAN_IMPORT_HELD_MAX", "--import-held-max", 1, 1000, &cfg.import_held_max },
	{ "HONGYAN_IMPORT_CACHE_MB", "--import-cache-mb", 2, 4096, &cfg.import_cache_mb },
	{ "HONGYAN_PASSWORD_MIN_LENGTH", "--password-min-length", 8, 128, &cfg.password_min_len },
	{ "HONGYAN_PASSWORD_HISTORY", "--password-history", 0, 24, &cfg.password_history },
	{ "HONGYAN_PASSWORD_MAX_AGE_DAYS", "--password-max-age-days", 0, 3650,
	    &cfg.password_max_age_days },
	{ "HONGYAN_PASSWORD_WARN_DAYS", "--password-warn-days", 0, 365, &cfg.password_warn_days },
	{ "HONGYAN_MFA_PENDING_SECONDS", "--mfa-pending-seconds", 30, 3600, &cfg.mfa_pending_s },
	{ "HONGYAN_PWHASH_MEMORY_KIB", "--pwhash-memory-kib", 8, 1L << 20, &cfg.pwhash_mem_kib },
	{ "HONGYAN_LIST_CACHE", "--list-cache", 0, 65536, &cfg.list_cache },
	{ "HONGYAN_CONNECTION_LIMIT", "--connection-limit", 16, 65536, &cfg.connection_limit },
	{ "HONGYAN_PER_ADDRESS_LIMIT", "--per-address-limit", 1, 65535, &cfg.per_address_limit },
	{ "HONGYAN_HEAD_TIMEOUT", "--head-timeout", 1, 3600, &cfg.head_timeout_s },
	{ "HONGYAN_IDLE_TIMEOUT", "--idle-timeout", 1, 86400, &cfg.idle_timeout_s },
	{ "HONGYAN_HEAVY_PER_USER", "--heavy-per-user", 1, 256, &cfg.heavy_per_user },
	{ "HONGYAN_HEAVY_TOTAL", "--heavy-total", 1, 256, &cfg.heavy_total },
	{ "HONGYAN_AUDIT_CHECKPOINT_SECONDS", "--audit-checkpoint-seconds", 1, 86400,
	    &cfg.audit_checkpoint_s },
	{ "HONGYAN_DUES_BOUND1_FEN", "--dues-bound1-fen", 1, 100000000, &cfg.dues.bound_fen[0] },
	{ "HONGYAN_DUES_BOUND2_FEN", "--dues-bound2-fen", 1, 100000000, &cfg.dues.bound_fen[1] },
	{ "HONGYAN_DUES_BOUND3_FEN", "--dues-bound3-fen", 1, 100000000, &cfg.dues.bound_fen[2] },
	{ "HONGYAN_DUES_RATE1_BP", "--dues-rate1-bp", 0, 10000, &cfg.dues.rate_bp[0] },
	{ "HONGYAN_DUES_RATE2_BP", "--dues-rate2-bp", 0, 10000, &cfg.dues.rate_bp[1] },
	{ "HONGYAN_DUES_RATE3_BP", "--dues-rate3-bp", 0, 10000, &cfg.dues.rate_bp[2] },
	{ "HONGYAN_DUES_RATE4_BP", "--dues-rate4-bp", 0, 10000, &cfg.dues.rate_bp[3] },
	{ "HONGYAN_DUES_RETIRED_BOUND_FEN", "--dues-retired-bound-fen", 1, 100000000,
	    &cfg.dues.retired_bound_fen },
	{ "HONGYAN_DUES_RETIRED_RATE1_BP", "--dues-retired-rate1-bp", 0, 10000,
	    &cfg.dues.retired_rate_bp[0] },
	{ "HONGYAN_DUES_RETIRED_RATE2_BP", "--dues-retired-rate2-bp", 0, 10000,
	    &cfg.dues.retired_rate_bp[1] },
	{ "HONGYAN_DUES_FLAT_FEN", "--dues-flat-fen", 0, 100, &cfg.dues.flat_fen },
	{ "HONGYAN_DUES_FARMER_FEN", "--dues-farmer-fen", 20, 100, &cfg.dues.farmer_fen },
	{ "HONGYAN_DUES_BASE_MAX_FEN", "--dues-base-max-fen", 1, 10000000000L, &cfg.dues.base_max_fen },
	{ "HONGYAN_DUES_ANNUAL", "--dues-annual", 0, 1, &cfg.dues.annual },
	{ "HONGYAN_DUES_BACKPAY_MONTHS", "--dues-backpay-months", 0, 120, &cfg.dues.backpay_months },
	{ "HONGYAN_DUES_WARN_MONTHS", "--dues-warn-months", 1, 120, &cfg.dues.warn_months },
	{ "HONGYAN_DUES_FLAG_MONTHS", "--dues-flag-months", 1, 120, &cfg.dues.flag_months },
	{ "HONGYAN_DUES_CENTRAL_FEN", "--dues-central-fen", 1, 100000000000L, &cfg.dues.central_fen },
	{ "HONGYAN_XFER_VALID_MONTHS", "--xfer-valid-months", 1, 24, &cfg.xfer_valid_months },
	{ "HONGYAN_XFER_VALID_MONTHS_CROSS", "--xfer-valid-months-cross", 1, 24,
	    &cfg.xfer_valid_months_cross },
	{ "HONGYAN_XFER_RECEIPT_MONTHS", "--xfer-receipt-months", 1, 12, &cfg.xfer_receipt_months },
	{ "HONGYAN_EXCELLENT_DIV", "--excellent-div", 1, 100, &cfg.excellent_div },
	{ "HONGYAN_CHECKIN_EARLY_MIN", "--checkin-early-min", 0, 1440, &cfg.checkin_early_min },
	{ "HONGYAN_CHECKIN_DAYS", "--checkin-days", 0, 366, &cfg.checkin_days },
	{ "HONGYAN_STUDY_BACKDATE_DAYS", "--study-backdate-days", 0, 366, &cfg.study_backdate_days },
	{ "HONGYAN_STUDY_BURST_N", "--study-burst-n", 0, 1000, &cfg.study_burst_n },
	{ "HONGYAN_STUDY_BURST_MINUTES", "--study-burst-minutes", 1, 1440, &cfg.study_burst_minutes },
	{ "HONGYAN_IND_BONUS_CAP", "--ind-bonus-cap", 0, 10000, &cfg.ind_bonus_cap },
	{ "HONGYAN_IND_EXCELLENT_MIN", "--ind-excellent-min", 0, 10000, &cfg.ind_band_min[0] },
	{ "HONGYAN_IND_GOOD_MIN", "--ind-good-min", 0, 10000, &cfg.ind_band_min[1] },
	{ "HONGYAN_IND_FAIR_MIN", "--ind-fair-min", 0, 10000, &cfg.ind_band_min[2] },
	{ "HONGYAN_PRIN_STATE_WEIGHT", "--prin-state-weight", 0, 1000, &cfg.prin_state_w },
	{ "HONGYAN_PRIN_PROGRESS_WEIGHT", "--prin-progress-weight", 0, 1000, &cfg.prin_progress_w },
	{ "HONGYAN_PRIN_EXCELLENT_MIN", "--prin-excellent-min", 0, 10000, &cfg.prin_band_min[0] },
	{ "HONGYAN_PRIN_GOOD_MIN", "--prin-good-min", 0, 10000, &cfg.prin_band_min[1] },
	{ "HONGYAN_PRIN_PASS_MIN", "--prin-pass-min", 0, 10000, &cfg.prin_band_min[2] },
	{ "HONGYAN_SAT_WEIGHT_TEACHERS", "--sat-weight-teachers", 0, 1000, &cfg.sat_weight[0] },
	{ "HONGYAN_SAT_WEIGHT_PARENTS", "--sat-weight-parents", 0, 1000, &cfg.sat_weight[1] },
	{ "HONGYAN_SAT_WEIGHT_STUDENTS", "--sat-weight-students", 0, 1000, &cfg.sat_weight[2] },
	{ "HONGYAN_REVIEW_GOOD_MIN", "--review-good-min", 0, 10000, &cfg.review_band_min[0] },
	{ "HONGYAN_REVIEW_FAIR_MIN", "--review-fair-min", 0, 10000, &cfg.review_band_min[1] },
	{ "HONGYAN_REVIEW_AVERAGE_MIN", "--review-average-min", 0, 10000, &cfg.review_band_min[2] },
	{ "HONGYAN_REVIEW_WEIGHT_DISTRICT", "--review-weight-district", 0, 1000, &cfg.review_weight[0] },
	{ "HONGYAN_REVIEW_WEIGHT_SECRETARY", "--review-weight-secretary", 0, 1000,
	    &cfg.review_weight[1] },
	{ "HONGYAN_REVIEW_WEIGHT_MEMBER", "--review-weight-member", 0, 1000, &cfg.review_weight[2] },
	{ "HONGYAN_REVIEW_POOR_SHARE", "--review-poor-share", 0, 1001, &cfg.review_poor_share },
	{ "HONGYAN_REVIEW_TALK_DAYS", "--review-talk-days", 1, 365, &cfg.review_talk_days },
	{ "HONGYAN_REVIEW_RECTIFY_DAYS", "--review-rectify-days", 1, 730, &cfg.review_rectify_days },
	{ "HONGYAN_BRAND_CYCLE_MONTHS", "--brand-cycle-months", 1, 120, &cfg.brand_cycle_months },
	{ "HONGYAN_PRIN_TERM_YEARS", "--prin-term-years", 1, 10, &cfg.prin_term_years },
	{ "HONGYAN_PRIN_VISITS_PER_MONTH", "--prin-visits-per-month", 1, 31,
	    &cfg.prin_visits_per_month },
	{ "HONGYAN_PRIN_ROTATION_TERMS", "--prin-rotation-terms", 1, 10, &cfg.prin_rotation_terms },
	{ "HONGYAN_PRIN_WARN_MONTHS", "--prin-warn-months", 0, 60, &cfg.prin_warn_months },
	{ "HONGYAN_PRIN_REPORT_DUE_DAYS", "--prin-report-due-days", 0, 366,
	    &cfg.prin_report_due_days },
	{ "HONGYAN_ORG10_PER_QUARTER", "--org10-per-quarter", 0, 12, &cfg.org_per[0] },
	{ "HONGYAN_ORG11_PER_MONTH", "--org11-per-month", 0, 12, &cfg.org_per[1] },
	{ "HONGYAN_ORG12_PER_MONTH", "--org12-per-month", 0, 12, &cfg.org_per[2] },
	{ "HONGYAN_ORG13_PER_QUARTER", "--org13-per-quarter", 0, 12, &cfg.org_per[3] },
	{ "HONGYAN_ORG14_PER_MONTH", "--org14-per-month", 0, 12, &cfg.org_per[4] },
	{ "HONGYAN_ORG15_PER_YEAR", "--org15-per-year", 0, 12, &cfg.org_per[5] },
	{ "HONGYAN_ORG16_PER_YEAR", "--org16-per-year", 0, 12, &cfg.org_per[6] },
	{ "HONGYAN_ORG17_PER_YEAR", "--org17-per-year", 0, 100, &cfg.org_per[7] },
	{ "HONGYAN_COMMITTEE_MIN_FULL", "--committee-min-full", 1, 1000, &cfg.committee_min_full },
	{ "HONGYAN_TERM_YEARS_COMMITTEE", "--term-years-committee", 1, 10, &cfg.term_years_committee },
	{ "HONGYAN_TERM_YEARS_BRANCH", "--term-years-branch", 1, 10, &cfg.term_years_branch },
	{ "HONGYAN_TERM_WARN_MONTHS", "--term-warn-months", 0, 60, &cfg.term_warn_months },
	{ "HONGYAN_TERM_URGENT_MONTHS", "--term-urgent-months", 0, 60, &cfg.term_urgent_months },
	{ "HONGYAN_DUES_ARREARS_WARN", "--dues-arrears-warn", 1, 120, &cfg.dues_arrears_warn },
	{ "HONGYAN_DUES_ARREARS_CRITICAL", "--dues-arrears-critical", 1, 120, &cfg.dues_arrears_critical },
	{ "HONGYAN_TRAINING_MIN_HOURS", "--training-min-hours", 0, 1000, &cfg.training_min_hours },
	{ "HONGYAN_ASSESS_W_COMPLIANCE", "--assess-w-compliance", 0, 1000, &cfg.assess_weight[0] },
	{ "HONGYAN_ASSESS_W_DUES", "--assess-w-dues", 0, 1000, &cfg.assess_weight[1] },
	{ "HONGYAN_ASSESS_W_RECTIFICATION", "--assess-w-rectification", 0, 1000,
	    &cfg.assess_weight[2] },
	{ "HONGYAN_ASSESS_W_INSPECTION", "--assess-w-inspection", 0, 1000, &cfg.assess_weight[3] },
	{ "HONGYAN_ASSESS_W_REVIEW", "--assess-w-review", 0, 1000, &cfg.assess_weight[4] },
	{ "HONGYAN_ASSESS_EXCELLENT_MIN", "--assess-excellent-min", 0, 1000, &cfg.assess_band_min[0] },
	{ "HONGYAN_ASSESS_GOOD_MIN", "--assess-good-min", 0, 1000, &cfg.assess_band_min[1] },
	{ "HONGYAN_ASSESS_FAIR_MIN", "--assess-fair-min", 0, 1000, &cfg.assess_band_min[2] },
	{ "HONGYAN_ASSESS_PLAN_DAYS", "--assess-plan-days", 1, 366, &cfg.assess_plan_days },
	{ "HONGYAN_DEV_MIN_AGE", "--dev-min-age", 14, 30, &cfg.dev.min_age },
	{ "HONGYAN_DEV_TALK_MONTHS", "--dev-talk-months", 1, 12, &cfg.dev.talk_months },
	{ "HONGYAN_DEV_ACTIVIST_WAIT_MONTHS", "--dev-activist-wait-months", 0, 24,
	    &cfg.dev.activist_wait_months },
	{ "HONGYAN_DEV_TARGET_MONTHS", "--dev-target-months", 1, 60, &cfg.dev.target_months },
	{ "HONGYAN_DEV_TRAINING_DAYS", "--dev-training-days", 1, 30, &cfg.dev.training_days },
	{ "HONGYAN_DEV_TRAINING_HOURS", "--dev-training-hours", 1, 240, &cfg.dev.training_hours },
	{ "HONGYAN_DEV_NOTICE_WORKDAYS", "--dev-notice-workdays", 0, 30, &cfg.dev.notice_workdays },
	{ "HONGYAN_DEV_ASSEMBLY_MONTHS", "--dev-assembly-months", 1, 12, &cfg.dev.assembly_months },
	{ "HONGYAN_DEV_APPROVE_MONTHS", "--dev-approve-months", 1, 12, &cfg.dev.approve_months },
	{ "HONGYAN_DEV_APPROVE_MAX_MONTHS", "--dev-approve-max-months", 1, 24,
	    &cfg.dev.approve_max_months },
	{ "HONGYAN_DEV_PROBATION_MONTHS", "--dev-probation-months", 1, 36, &cfg.dev.probation_months },
	{ "HONGYAN_DEV_EXTEND_MIN_MONTHS", "--dev-extend-min-months", 1, 24,
	    &cfg.dev.extend_min_months },
	{ "HONGYAN_DEV_EXTEND_MAX_MONTHS", "--dev-extend-max-months", 1, 24,
	    &cfg.dev.extend_max_months },
	{ "HONGYAN_DEV_CONVERT_APPROVE_MONTHS", "--dev-convert-approve-months", 1, 12,
	    &cfg.dev.convert_approve_months },
	{ "HONGYAN_DEV_POLIT_VALID_MONTHS", "--dev-polit-valid-months", 1, 60,
	    &cfg.dev.polit_valid_months },
	{ "HONGYAN_DEV_APPLY_LEAD_DAYS", "--dev-apply-lead-days", 0, 180, &cfg.dev.apply_lead_days },
	{ "HONGYAN_DEV_ALERT_DAYS", "--dev-alert-days", 0, 366, &cfg.dev.alert_days },
	{ "HONGYAN_NOTIFY_KEEP_DAYS", "--notify-keep-days", 1, 3650, &cfg.notify_keep_days },
	{ "HONGYAN_NOTIFY_ATTEMPTS", "--notify-attempts", 1, 100, &cfg.notify_attempts },
	{ "HONGYAN_NOTIFY_RETRY_SECONDS", "--notify-retry-seconds", 1, 86400, &cfg.notify_retry_s },
	{ "HONGYAN_NOTIFY_TIMEOUT", "--notify-timeout", 1, 300, &cfg.notify_timeout_s },
	{ "HONGYAN_NOTIFY_DIGEST_DAYS", "--notify-digest-days", 0, 366, &cfg.notify_digest_days },
	{ "HONGYAN_NOTIFY_ROBOT_EVENTS", "--notify-robot-events", 0, 1, &cfg.notify_robot_events },
};

static int metrics_token_ok(const char *s);
static int prin_list_ok(const char *s);
static int smtp_url_ok(const char *s);

/* Each text setting: its variable, its flag, a check (NULL: any text). */
struct env_str {
	const char *name;
	const char *flag;
	int (*ok)(const char *s);
	const char *why;	/* what a bad value should look like */
	const char **dst;
};

static const struct env_str env_strs[] = {
	{ "HONGYAN_TRUSTED_PROXIES", "--trusted-proxies", config_proxies_ok,
	    "a comma-separated list of at most 32 IP addresses", &cfg.trusted_proxies },
	{ "HONGYAN_METRICS_TOKEN", "--metrics-token", metrics_token_ok,
	    "empty, or 32 to 256 printable characters without spaces", &cfg.metrics_token },
	{ "HONGYAN_NOTIFY_WEBHOOKS", "--notify-webhooks", config_webhooks_ok,
	    "group robots ORG_ID=URL separated by spaces or commas (URL http:// or https://)",
	    &cfg.notify_webhooks },
	{ "HONGYAN_SMTP_URL", "--smtp-url", smtp_url_ok,
	    "empty, or smtp://host:port or smtps://host:port", &cfg.smtp_url },
	{ "HONGYAN_SMTP_FROM", "--smtp-from", NULL, NULL, &cfg.smtp_from },
	{ "HONGYAN_PRIN_GRADES", "--prin-grades", prin_list_ok,
	    "2 to 8 grades separated by commas, best first", &cfg.prin_grades },
	{ "HONGYAN_PRIN_FIGURES", "--prin-figures", prin_list_ok,
	    "2 to 8 key:label figures separated by commas (key a-z, 0-9, _)", &cfg.prin_figures },
	{ "HONGYAN_SMTP_USER", "--smtp-user", NULL, NULL, &cfg.smtp_user },
};

/* A list of 2 to 8 non-empty items separated by commas, each at most 48
 * bytes; an item with a ':' has a key of [a-z0-9_] before it (figures). */
static int
prin_list_ok(const char *s)
{
	int n = 0;

	while (*s) {
		size_t len = strcspn(s, ","), key = strcspn(s, ":");

		if (!len || len > 48)
			return 0;
		if (key < len) {
			if (!key || key == len - 1)
				return 0;
			for (size_t i = 0; i < key; i++)
				if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
				    s[i] == '_'))
					return 0;
		}
		n++;
		s += len + (s[len] == ',');
	}
	return n >= 2 && n <= 8;
}

static int
str_setting(const struct env_str *e, const char *label, const char *value)
{
	if (e->ok && !e->ok(value)) {
		fprintf(stderr, "hongyan: %s must be %s\n", label, e->why);
		return -1;
	}
	*e->dst = value;
	return 0;
}

int
config_parse_roles(const char *s, unsigned *mask)
{
	char name[32];

	*mask = 0;
	if (!strcmp(s, "none") || !*s)
		return 0;
	while (*s) {
		size_t n = strcspn(s, ",");
		enum role r;

		if (n == 0 || n >= sizeof(name))
			return -1;
		memcpy(name, s, n);
		name[n] = '\0';
		if (!(r = role_parse(name)))
			return -1;
		*mask |= (unsigned)r;
		s += n + (s[n] == ',');
	}
	return 0;
}

static int
mfa_roles_set(const char *where, const char *value)
{
	if (config_parse_roles(value, &cfg.mfa_roles)) {
		fprintf(stderr, "hongyan: %s must be role names separated by commas"
		    " (admin,security_admin,audit_admin,district,secretary,supervision_office) or none\n", where);
		return -1;
	}
	return 0;
}

int
config_flag(const char *flag, const char *value)
{
	long v;

	if (!strcmp(flag, "--mfa-roles"))
		return mfa_roles_set(flag, value);
	for (size_t i = 0; i < ARRAY_SIZE(env_strs); i++)
		if (!strcmp(env_strs[i].flag, flag))
			return str_setting(&env_strs[i], flag, value);

	for (size_t i = 0; i < ARRAY_SIZE(env_longs); i++) {
		if (strcmp(env_longs[i].flag, flag))
			continue;
		if (config_parse_long(value, env_longs[i].lo, env_longs[i].hi, &v)) {
			fprintf(stderr, "hongyan: %s must be an integer from %ld to %ld\n", flag,
			    env_longs[i].lo, env_longs[i].hi);
			return -1;
		}
		*env_longs[i].dst = v;
		return 0;
	}
	return 1;
}

static void
config_defaults(void)
{
	cfg.listen = "127.0.0.1:8080";
	cfg.web_dir = "web";
	cfg.threads = 0;
	cfg.session_idle_s = 1800;
	cfg.audit_checkpoint_s = 60;
	cfg.lockout_threshold = 5;
	cfg.lockout_s = 1800;
	cfg.body_max = 1 << 20;
	cfg.upload_max = 20L << 20;
	cfg.import_max = 128L << 20;
	cfg.import_rows_max = 300000;
	cfg.import_cache_mb = 32;
	cfg.import_part_max = 1L << 30;
	cfg.import_ratio_max = 200;
	cfg.import_keep_s = 3600;
	cfg.import_held_max = 8;
	cfg.password_min_len = 10;
	cfg.password_classes = 3;
	cfg.password_history = 5;
	cfg.password_max_age_days = 90;
	cfg.password_warn_days = 14;
	/* SEC-04: every administrator and 党务 role */
	cfg.mfa_roles = ROLE_ADMIN | ROLE_SECURITY_ADMIN | ROLE_AUDIT_ADMIN | ROLE_DISTRICT |
	    ROLE_SECRETARY | ROLE_SUPERVISION_OFFICE;	/* the office sees every school (issue 13) */
	cfg.mfa_pending_s = 300;
	cfg.pwhash_mem_kib = 0;
	cfg.list_cache = 256;
	cfg.connection_limit = 4096;
	cfg.per_address_limit = 64;
	cfg.head_timeout_s = 10;
	cfg.idle_timeout_s = 60;
	cfg.heavy_per_user = 3;
	cfg.heavy_total = 8;
	cfg.trusted_proxies = "";
	cfg.metrics_token = "";
	cfg.dues = (struct dues_cfg)DUES_CFG_DEFAULT;
	cfg.xfer_valid_months = 3;
	cfg.xfer_valid_months_cross = 6;
	cfg.xfer_receipt_months = 1;
	cfg.excellent_div = 3;
	cfg.checkin_early_min = 30;
	cfg.checkin_days = 7;
	cfg.ind_bonus_cap = 50;
	cfg.ind_band_min[0] = 900;
	cfg.ind_band_min[1] = 800;
	cfg.ind_band_min[2] = 600;
	cfg.prin_state_w = 700;		/* PRIN-07 */
	cfg.prin_progress_w = 300;
	cfg.prin_band_min[0] = 900;
	cfg.prin_band_min[1] = 800;
	cfg.prin_band_min[2] = 600;
	cfg.sat_weight[0] = 400;	/* PRIN-08: teachers, parents, students */
	cfg.sat_weight[1] = 400;
	cfg.sat_weight[2] = 200;
	cfg.review_band_min[0] = 900;
	cfg.review_band_min[1] = 800;
	cfg.review_band_min[2] = 600;
	cfg.review_weight[0] = 500;
	cfg.review_weight[1] = 300;
	cfg.review_weight[2] = 200;
	cfg.review_poor_share = 500;
	cfg.review_talk_days = 30;
	cfg.review_rectify_days = 60;
	cfg.brand_cycle_months = 24;
	cfg.prin_term_years = 5;
	cfg.prin_visits_per_month = 1;
	cfg.prin_rotation_terms = 2;
	cfg.prin_warn_months = 12;
	cfg.prin_report_due_days = 30;
	cfg.prin_grades = "优秀,合格,基本合格,不合格";
	cfg.prin_figures = "enrolment:在校学生数,classes:班级数,staff:教职工数,"
	    "senior_teachers:高级职称教师数,qualified_teachers:学历达标教师数";
	cfg.public_url = "";
	cfg.notify_keep_days = 180;
	cfg.notify_attempts = 5;
	cfg.notify_retry_s = 60;
	cfg.notify_timeout_s = 10;
	cfg.notify_digest_days = 7;
	cfg.notify_robot_events = 1;
	cfg.notify_webhooks = "";
	cfg.smtp_url = "";
	cfg.smtp_from = "hongyan@localhost";
	cfg.smtp_user = "";
	cfg.smtp_password = "";
	for (size_t i = 0; i < ARRAY_SIZE(cfg.org_per); i++)
		cfg.org_per[i] = 1;	/* ORG-10..17 */
	cfg.committee_min_full = 7;
	cfg.training_min_hours = 40;	/* CUL-03 */
	cfg.term_years_committee = 5;
	cfg.term_years_branch = 3;
	cfg.term_warn_months = 6;
	cfg.term_urgent_months = 1;
	cfg.dues_arrears_warn = 3;
	cfg.dues_arrears_critical = 6;
	cfg.assess_weight[0] = 300;
	cfg.assess_weight[1] = 150;
	cfg.assess_weight[2] = 150;
	cfg.assess_weight[3] = 250;
	cfg.assess_weight[4] = 150;
	cfg.assess_band_min[0] = 900;
	cfg.assess_band_min[1] = 800;
	cfg.assess_band_min[2] = 600;
	cfg.assess_plan_days = 90;
	cfg.study_backdate_days = 7;
	cfg.study_burst_n = 5;
	cfg.study_burst_minutes = 10;
	cfg.dev = (struct dev_cfg)DEV_CFG_DEFAULT;
	cfg.holidays_dir = "conf/holidays";
}

int
config_proxies_ok(const char *s)
{
	int n = 0;

	while (*s) {
		char one[INET6_ADDRSTRLEN];
		unsigned char bytes[16];
		size_t len;

		s += strspn(s, " ");
		len = strcspn(s, ", ");
		if (!len || len >= sizeof(one) || ++n > CONFIG_PROXIES_MAX)
			return 0;
		memcpy(one, s, len);
		one[len] = '\0';
		if (inet_pton(AF_INET, one, bytes) != 1 && inet_pton(AF_INET6, one, bytes) != 1)
			return 0;
		s += len;
		s += strspn(s, " ");
		if (*s == ',' && !*++s)
			return 0;
	}
	return 1;
}

/* A bearer token: long enough not to be guessed, printable, no spaces. */
static int
metrics_token_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n)
		return 1;
	if (n < 32 || n > 256)
		return 0;
	for (; *s; s++)
		if (*s <= ' ' || *s > '~')
			return 0;
	return 1;
}

int
config_origin_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0, host;
	const char *p;
	long port;

	if (n > CONFIG_ORIGIN_MAX)
		return 0;
	if (!strncmp(s, "http://", 7))
		p = s + 7;
	else if (!strncmp(s, "https://", 8))
		p = s + 8;
	else
		return 0;
	if (*p == '[') {
		host = strspn(p + 1, "0123456789abcdefABCDEF:.");
		if (!host || p[1 + host] != ']')
			return 0;
		p += host + 2;
	} else {
		host = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");
		if (!host || *p == '.' || *p == '-')
			return 0;
		p += host;
	}
	if (!*p)
		return 1;
	n = strlen(p + 1);
	return *p == ':' && n >= 1 && n <= 5 && strspn(p + 1, "0123456789") == n &&
	    !config_parse_long(p + 1, 1, 65535, &port);
}

int
config_from_env(void)
{
	const char *s;

	config_defaults();
	for (size_t i = 0; i < ARRAY_SIZE(env_longs); i++) {
		long v;

		if (!(s = getenv(env_longs[i].name)))
			continue;
		if (config_parse_long(s, env_longs[i].lo, env_longs[i].hi, &v)) {
			fprintf(stderr, "hongyan: %s must be an integer from %ld to %ld\n",
			    env_longs[i].name, env_longs[i].lo, env_longs[i].hi);
			return -1;
		}
		*env_longs[i].dst = v;
	}
	if ((s = getenv("HONGYAN_MFA_ROLES")) && mfa_roles_set("HONGYAN_MFA_ROLES", s))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(env_strs); i++)
		if ((s = getenv(env_strs[i].name)) && str_setting(&env_strs[i], env_strs[i].name, s))
			return -1;
	if ((s = getenv("HONGYAN_SMTP_PASSWORD")))
		cfg.smtp_password = s;
	if ((s = getenv("HONGYAN_LISTEN")))
		cfg.listen = s;
	if ((s = getenv("HONGYAN_HOLIDAYS_DIR")))
		cfg.holidays_dir = s;
	if ((s = getenv("HONGYAN_WEB")))
		cfg.web_dir = s;
	if ((s = getenv("HONGYAN_DB")))
		cfg.db_path = s;
	if ((s = getenv("HONGYAN_KEY")))
		cfg.key_path = s;
	if ((s = getenv("HONGYAN_FILES")))
		cfg.files_dir = s;
	if ((s = getenv("HONGYAN_AUDIT_CHECKPOINTS")))
		cfg.audit_checkpoints = s;
	if ((s = getenv("HONGYAN_PUBLIC_URL")) && *s) {
		if (!config_origin_ok(s)) {
			fprintf(stderr, "hongyan: HONGYAN_PUBLIC_URL must be http(s)://host[:port],"
			    " with no path\n");
			return -1;
		}
		cfg.public_url = s;
	}
	return 0;
}

int
config_webhooks_ok(const char *s)
{
	while (*s) {
		size_t n = strspn(s, " ,\t\n");
		const char *url;

		s += n;
		if (!*s)
			break;
		n = strspn(s, "0123456789");
		if (!n || s[n] != '=')
			return 0;
		url = s + n + 1;
		if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8))
			return 0;
		n = strcspn(url, " ,\t\n");
		if (n <= 8 || n > 1000)
			return 0;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)url[i] <= ' ' || url[i] == 0x7f)
				return 0;
		s = url + n;
	}
	return 1;
}

static int
smtp_url_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n)
		return 1;
	if (n > 300 || strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:/[]@") != n)
		return 0;
	return !strncmp(s, "smtp://", 7) || !strncmp(s, "smtps://", 8);
}
