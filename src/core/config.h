/* config.h: the process's settings. Each has a documented default, may be
 * set by a HONGYAN_* environment variable, and a command-line flag wins
 * over both (README.md lists them). Read-only after start-up. */
#ifndef HY_CONFIG_H
#define HY_CONFIG_H

#include <stddef.h>
#include <stdint.h>

/* Party dues (RULES.md DUES-*): amounts in fen, rates in 1/10000. */
struct dues_cfg {
	long bound_fen[3];		/* DUES-02: 3000, 5000, 10000 yuan */
	long rate_bp[4];		/* DUES-02: 0.5%, 1%, 1.5%, 2% */
	long retired_bound_fen;		/* DUES-04: 5000 yuan */
	long retired_rate_bp[2];	/* DUES-04: 0.5%, 1% */
	long flat_fen;			/* DUES-05: students, unemployed, relief: 0.2 yuan */
	long farmer_fen;		/* DUES-05: farmers 0.2-1 yuan, default 0.2 */
	long base_max_fen;		/* a monthly base above this is refused */
	long annual;			/* DUES-07: 1 annual recalculation, 0 on change */
	long backpay_months;		/* DUES-08: 6 */
	long warn_months;		/* DUES-09: warning at 3 unpaid months */
	long flag_months;		/* DUES-09: 6 consecutive: the branch acts */
	long central_fen;		/* DUES-10: one voluntary payment >= 1000 yuan */
};

#define DUES_CFG_DEFAULT { { 300000, 500000, 1000000 }, { 50, 100, 150, 200 }, 500000, \
	{ 50, 100 }, 20, 20, 100000000, 0, 6, 3, 6, 100000 }

/* Membership development (RULES.md section 2, DEV-*): months unless named. */
struct dev_cfg {
	long min_age;			/* DEV-01: 18 years at application */
	long talk_months;		/* DEV-02: the talk within 1 month */
	long activist_wait_months;	/* DEV-03 (local, soft): 3 months after applying */
	long target_months;		/* DEV-07: 12 months as activist */
	long training_days;		/* DEV-11: 3 days ... */
	long training_hours;		/* DEV-11: ... or 24 hours */
	long notice_workdays;		/* DEV-13 (local): 公示 5 working days; 0 off */
	long assembly_months;		/* DEV-T4 (local): assembly 1 month after 预审 */
	long approve_months;		/* DEV-17: 3 months (soft past it) ... */
	long approve_max_months;	/* DEV-17: ... 6 at most */
	long probation_months;		/* DEV-T1: 12 */
	long extend_min_months;		/* DEV-T2: 6 */
	long extend_max_months;		/* DEV-T2: 12 */
	long convert_approve_months;	/* DEV-24 (local, soft): 3 */
	long polit_valid_months;	/* DEV-10 (local, soft): a 政审 is valid 12 months */
	long apply_lead_days;		/* DEV-T1: 转正申请 from 30 days before the end */
	long alert_days;		/* due steps are alerted 30 days ahead */
};

#define DEV_CFG_DEFAULT { 18, 1, 3, 12, 3, 24, 5, 1, 3, 6, 12, 6, 12, 3, 12, 30, 30 }

struct config {
	const char *db_path;
	const char *key_path;		/* default: db_path + ".key" */
	const char *listen;		/* "127.0.0.1:8080" */
	const char *web_dir;		/* "web" */
	const char *files_dir;		/* uploaded files: default <db>.files beside the database */
	const char *audit_checkpoints;	/* audit checkpoint file: default <db>.audit-checkpoints */
	long audit_checkpoint_s;	/* a checkpoint of the audit log every 60 s when it grew */
	const char *public_url;		/* origin phones reach ("https://dj.example.cn"), for QR
					 * codes; "" lets the console pass its own */
	long threads;			/* 0: the number of cores */
	long session_idle_s;		/* SEC-02: 1800 */
	long lockout_threshold;		/* SEC-02: 5 failures */
	long lockout_s;			/* SEC-02: 1800 */
	long body_max;			/* 1 MiB */
	long upload_max;		/* 20 MiB, for file uploads */
	long password_min_len;		/* SEC-01: 10 */
	long password_classes;		/* SEC-01: 3 of 4 */
	long password_history;		/* SEC-01: 5 */
	long pwhash_mem_kib;		/* 0: libsodium interactive (64 MiB) */
	long password_max_age_days;	/* SEC-01: staff change every 90 days; 0 off */
	long password_warn_days;	/* SEC-01: warned 14 days before */
	unsigned mfa_roles;		/* SEC-04: role bits that must use TOTP: the three
					 * administrators, district, secretary, the
					 * supervision office (HONGYAN_MFA_ROLES, names) */
	long mfa_pending_s;		/* SEC-04: a password-only login waits 300 s for its code */
	long list_cache;		/* list replies cached per worker; 0: off */
	/* Issue 10 hole 3 (one client must not make the server unreachable). */
	long connection_limit;		/* connections in all: 4096 */
	long per_address_limit;		/* connections per socket address, and requests in
					 * flight per forwarded address behind a trusted
					 * proxy: 64; below connection_limit, so the rest is
					 * always left for other addresses */
	long head_timeout_s;		/* a request head must arrive whole within 10 s of the
					 * connection's start or the previous answer */
	long idle_timeout_s;		/* a connection silent this long is closed: 60 */
	long heavy_per_user;		/* heavy requests (exports, ledgers, city-wide boards)
					 * one user may run at once: 3 (a page loads up to
					 * two boards at once) */
	long heavy_total;		/* ... and all users together: 8 (also the number of
					 * threads that run them) */
	const char *trusted_proxies;	/* "10.0.0.5,::1": peers whose X-Forwarded-For and
					 * X-Forwarded-Proto are believed; "" none */
	const char *metrics_token;	/* /metrics wants "Authorization: Bearer <token>";
					 * "" (default): /metrics answers 404 */
	struct dues_cfg dues;
	long xfer_valid_months;		/* XFER-03: a transfer letter's validity, 3 */
	long xfer_valid_months_cross;	/* XFER-03: across provinces, 6 */
	long xfer_receipt_months;	/* XFER-03: the receipt (回执) is due within 1 */
	long excellent_div;		/* ORG-16: excellent grades <= graded / 3 */
	long checkin_early_min;		/* QR sign-in opens 30 min before a meeting */
	long checkin_days;		/* members are reminded of meetings 7 days ahead */
	long ind_bonus_cap;		/* EVAL-04: bonus items add at most 5 points (tenths: 50) */
	long ind_band_min[3];		/* EVAL-04: 优秀 90, 良好 80, 一般 60 (tenths) */
	long prin_state_w;		/* PRIN-07: a developmental item's 现状 weight, 700 ‰ */
	long prin_progress_w;		/* PRIN-07: its 进步 weight, 300 ‰ */
	long prin_band_min[3];		/* PRIN-07: 优秀 90, 良好 80, 合格 60 (tenths) */
	long sat_weight[3];		/* PRIN-08: teachers 400, parents 400, students 200 (‰) */
	long review_band_min[3];	/* EVAL-04: 好 90, 较好 80, 一般 60 (tenths) */
	long review_weight[3];		/* EVAL-04: district 500, secretaries 300, members 200 (‰) */
	long review_poor_share;		/* EVAL-02: 一般/差 votes >= 500‰ cap the grade at 一般 */
	long review_talk_days;		/* EVAL-03: the talk (约谈) is due within 30 days */
	long review_rectify_days;	/* EVAL-03: the rectification list within 60 days */
	long brand_cycle_months;	/* CL-03/CL-04: cultivation to acceptance, 24 */
	/* The principal-tenure platform (issue 13). */
	long prin_term_years;		/* PRIN-09: a term's default length, 5 years */
	long prin_visits_per_month;	/* PRIN-10: a 督学's routine visits due per school
					 * and month, 1 */
	long prin_rotation_terms;	/* PRIN-09: consecutive terms at one school before
					 * rotation (交流轮岗) is flagged: beyond 2 */
	long prin_warn_months;		/* PRIN-05: a term ending within 12 months with no
					 * supervision planned is flagged */
	long prin_report_due_days;	/* PRIN-03: a year's self-report is due 30 days
					 * after the term year ends */
	const char *prin_grades;	/* PRIN-03: the yearly grades, best first, commas:
					 * 优秀,合格,基本合格,不合格 */
	const char *prin_figures;	/* issue 13 item 2: the office-entered baseline
					 * figures, key:label pairs separated by commas */
	/* Compliance (party/compliance.h): meetings per the rule's unit for
	 * ORG-10..17 in order (1 each; 0 turns a rule off), ORG-05's committee
	 * threshold, ORG-07's terms and reminders, DUES-09's arrears alerts. */
	long org_per[8];
	long committee_min_full;	/* ORG-05: 7 */
	long term_years_committee;	/* ORG-07: 5 */
	long term_years_branch;		/* ORG-07: 3 */
	long term_warn_months;		/* 6 */
	long term_urgent_months;	/* 1 */
	long dues_arrears_warn;		/* DUES-09: 3 unpaid months */
	long dues_arrears_critical;	/* DUES-09: 6 consecutive months */
	long training_min_hours;	/* CUL-03: yearly training hours per trainee, 40 */
	/* Annual assessment (supervise/assessment.h, EVAL-04, ASSESS-*): the
	 * component weights in permille (compliance, dues, rectification,
	 * inspection, review), the grade bands in permille of full marks, and
	 * the days a rectification plan gets. */
	long assess_weight[5];		/* 300, 150, 150, 250, 150 */
	long assess_band_min[3];	/* 优秀 900, 良好 800, 一般 600; below: 较差 */
	long assess_plan_days;		/* 90 */
	long study_backdate_days;	/* STUDY-05: study may be recorded up to 7 days late */
	long study_burst_n;		/* STUDY-06: more than 5 records ... */
	long study_burst_minutes;	/* ... entered within 10 minutes are flagged */
	struct dev_cfg dev;
	const char *holidays_dir;	/* shipped holiday files: "conf/holidays" */
	/* Notifications (desk/notify.h, issue 12): retention and the
	 * outbound channels, each delivered after commit with retries. */
	long notify_keep_days;		/* notifications older than 180 days are deleted */
	long notify_attempts;		/* an outbound message is tried 5 times, then dead */
	long notify_retry_s;		/* first retry after 60 s, doubling each time */
	long notify_timeout_s;		/* one webhook or SMTP exchange: 10 s */
	long notify_digest_days;	/* group robots get a digest of counts every 7 days; 0 off */
	long notify_robot_events;	/* 1: group robots also get each event ("… 1 项"); 0 off */
	const char *notify_webhooks;	/* group robots: "ORG_ID=URL ..." (ORG_ID 0: the
					 * whole district); "" none */
	const char *smtp_url;		/* "smtp://host:port" (or smtps://); "" no e-mail */
	const char *smtp_from;		/* the sender address */
	const char *smtp_user;		/* SMTP login, "" none (env only with the password) */
	const char *smtp_password;	/* HONGYAN_SMTP_PASSWORD only (not a flag) */
	/* Roster import (issue 16, src/roster/). */
	long import_max;		/* an import upload: 128 MiB */
	long import_rows_max;		/* IMP-01: 300000 rows a file */
	long import_part_max;		/* IMP-02: a workbook part inflates to at most 1 GiB ... */
	long import_ratio_max;		/* IMP-02: ... and 200 times its compressed size */
	long import_keep_s;		/* an import not committed is forgotten after 3600 s */
	long import_held_max;		/* imports held at once (their uploads in memory): 8 */
	long import_cache_mb;		/* IMP-10: the page cache a commit writes with: 32 MiB */
};

extern struct config cfg;

/* Fills cfg with defaults, then applies the HONGYAN_* variables. Returns 0,
 * or -1 after printing which variable was malformed. */
int config_from_env(void);
/* Applies a setting given as a flag (--session-idle 600): 0 when
 * applied, 1 when flag is not a setting, -1 after printing why value is bad. */
int config_flag(const char *flag, const char *value);
/* Whether s is an origin and nothing more: http:// or https://, a host
 * (letters, digits, '.', '-', or a bracketed IPv6 address), an optional
 * :port (1-65535); no path, user or query; at most CONFIG_ORIGIN_MAX bytes. */
#define CONFIG_ORIGIN_MAX 200
int config_origin_ok(const char *s);
/* Parses a comma-separated list of role names ("admin,district", or
 * "none") into role bits; -1 on an unknown name. */
int config_parse_roles(const char *s, unsigned *mask);
/* Whether s is a comma-separated list of IPv4 or IPv6 addresses (spaces
 * allowed around the commas; "" is the empty list); at most
 * CONFIG_PROXIES_MAX of them. */
#define CONFIG_PROXIES_MAX 32
int config_proxies_ok(const char *s);
/* Parses a positive integer setting; -1 if s is not one in [lo, hi]. */
int config_parse_long(const char *s, long lo, long hi, long *out);
/* Whether s is a list of group robots "ORG_ID=URL" separated by spaces or
 * commas, each URL http:// or https:// without spaces ("" the empty list). */
int config_webhooks_ok(const char *s);

#endif
