#include "core/common.h"
#include "auth/password.h"

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

const char *
password_check(const char *pw, int min_len, int min_classes)
{
	static _Thread_local char msg[160];
	int upper = 0, lower = 0, digit = 0, other = 0;

	if (utf8_chars(pw) > 128)
		return "密码不能超过 128 个字符";
	if (utf8_chars(pw) < (size_t)min_len) {
		snprintf(msg, sizeof(msg), "密码至少 %d 个字符", min_len);
		return msg;
	}
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			upper = 1;
		else if (*p >= 'a' && *p <= 'z')
			lower = 1;
		else if (*p >= '0' && *p <= '9')
			digit = 1;
		else
			other = 1;
	}
	if (upper + lower + digit + other < min_classes) {
		snprintf(msg, sizeof(msg), "密码需包含大写字母、小写字母、数字、符号中的至少 %d 类",
		    min_classes);
		return msg;
	}
	return NULL;
}
