/* test_notify.c: the pure parts of notifications (issue 12): which e-mail
 * addresses we send to (no header injection), the group-robot list
 * setting, and the kinds table the settings validate against. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "desk/notify.h"

static void
test_email_syntax(void **state)
{
	char longer[300];

	(void)state;
	assert_true(notify_email_ok("shuji01@example.cn"));
	assert_true(notify_email_ok("li.ming+dj@mail.school-7.edu.cn"));
	assert_false(notify_email_ok(""));
	assert_false(notify_email_ok("shuji01"));
	assert_false(notify_email_ok("shuji01@"));
	assert_false(notify_email_ok("@example.cn"));
	assert_false(notify_email_ok("a@localhost"));		/* a domain with a dot */
	assert_false(notify_email_ok("a@b@example.cn"));
	assert_false(notify_email_ok("a b@example.cn"));
	assert_false(notify_email_ok("a@example.cn\r\nBcc: x@evil.cn"));	/* header injection */
	assert_false(notify_email_ok("a@example.cn>"));
	assert_false(notify_email_ok("\"a\"@example.cn"));
	assert_false(notify_email_ok(".a@example.cn"));
	assert_false(notify_email_ok("a.@example.cn"));
	assert_false(notify_email_ok("a@.example.cn"));
	assert_false(notify_email_ok("a@example..cn"));
	assert_false(notify_email_ok("a@example.cn."));
	assert_false(notify_email_ok("张三@example.cn"));
	memset(longer, 'a', sizeof(longer));
	strcpy(longer + 250, "@x.cn");
	assert_false(notify_email_ok(longer));
}

static void
test_webhook_list_setting(void **state)
{
	(void)state;
	assert_true(config_webhooks_ok(""));
	assert_true(config_webhooks_ok("12=https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"));
	assert_true(config_webhooks_ok("0=http://127.0.0.1:9/h, 34=https://oapi.dingtalk.com/robot/send?"
	    "access_token=x 56=https://h.example.cn/x"));
	assert_false(config_webhooks_ok("https://qyapi.weixin.qq.com/x"));	/* no group */
	assert_false(config_webhooks_ok("x=https://h.example.cn/x"));
	assert_false(config_webhooks_ok("12=ftp://h.example.cn/x"));
	assert_false(config_webhooks_ok("12="));
	assert_false(config_webhooks_ok("12=https://"));
	assert_int_equal(config_flag("--notify-webhooks", "12=file:///etc/passwd"), -1);
	assert_int_equal(config_flag("--notify-keep-days", "0"), -1);
	assert_int_equal(config_flag("--notify-keep-days", "30"), 0);
	assert_int_equal(cfg.notify_keep_days, 30);
	assert_int_equal(config_flag("--smtp-url", "http://mail.example.cn"), -1);
	assert_int_equal(config_flag("--smtp-url", "smtp://mail.example.cn:25"), 0);
}

static void
test_kinds(void **state)
{
	int n = 0;

	(void)state;
	for (const struct notify_kind *k = notify_kinds; k->name; k++, n++) {
		assert_non_null(k->label);
		assert_non_null(k->robot);
		assert_ptr_equal(notify_kind_find(k->name), k);
	}
	assert_true(n >= 11 && n <= 64);	/* the settings keep kinds as bits of a uint64 */
	assert_null(notify_kind_find("nope"));
	assert_null(notify_kind_find(NULL));
	assert_non_null(notify_kind_find("finding_issued"));
	assert_non_null(notify_kind_find("step_overdue"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_email_syntax),
		cmocka_unit_test(test_webhook_list_setting),
		cmocka_unit_test(test_kinds),
	};

	assert_int_equal(config_from_env(), 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
