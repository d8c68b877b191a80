#include "core/common.h"
#include "core/id_card.h"
#include "core/dates.h"

char
id_card_check_char(const char *first17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[] = "10X98765432";
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * w[i];
	return map[sum % 11];
}

static int
two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

enum id_card_status
id_card_parse(const char *s, int32_t today, struct id_card *out)
{
	int y, m, d;
	char last;

	if (!s || strlen(s) != 18)
		return ID_CARD_BAD_LENGTH;
	for (int i = 0; i < 17; i++)
		if (s[i] < '0' || s[i] > '9')
			return ID_CARD_BAD_CHAR;
	last = s[17] == 'x' ? 'X' : s[17];
	if (!(last == 'X' || (last >= '0' && last <= '9')))
		return ID_CARD_BAD_CHAR;
	y = two(s + 6) * 100 + two(s + 8);
	m = two(s + 10);
	d = two(s + 12);
	if (y < 1800 || d < 1 || d > date_days_in_month(y, m) ||
	    date_from_ymd(y, m, d) > today)
		return ID_CARD_BAD_DATE;
	if (id_card_check_char(s) != last)
		return ID_CARD_BAD_CHECK;
	memcpy(out->number, s, 17);
	out->number[17] = last;
	out->number[18] = '\0';
	out->birth = date_from_ymd(y, m, d);
	out->male = (s[16] - '0') % 2;
	return ID_CARD_OK;
}

const char *
id_card_message(enum id_card_status st)
{
	switch (st) {
	case ID_CARD_OK:
		return "有效";
	case ID_CARD_BAD_LENGTH:
		return "身份证号应为 18 位";
	case ID_CARD_BAD_CHAR:
		return "身份证号只能包含数字，最后一位可以是 X";
	case ID_CARD_BAD_DATE:
		return "身份证号中的出生日期无效";
	case ID_CARD_BAD_CHECK:
		return "身份证号校验位错误";
	}
	return "身份证号无效";
}

void
id_card_mask(const char *number, char out[19])
{
	size_t n = strlen(number);

	if (n != 18) {
		snprintf(out, 19, "%s", "******************");
		return;
	}
	memcpy(out, number, 6);
	memset(out + 6, '*', 8);
	memcpy(out + 14, number + 14, 4);
	out[18] = '\0';
}

int
id_card_candidates(const char *mask, int32_t from, int32_t to)
{
	char num[19];
	int n = 0;

	if (!mask || strlen(mask) != 18)
		return 0;
	for (int i = 0; i < 17; i++)
		if (i < 6 || i >= 14 ? mask[i] < '0' || mask[i] > '9' : mask[i] != '*')
			return 0;
	memcpy(num, mask, 19);
	for (int32_t d = from; d <= to; d++) {
		struct ymd t = date_to_ymd(d);
		char birth[9];

		snprintf(birth, sizeof(birth), "%04d%02d%02d", t.y, t.m, t.d);
		memcpy(num + 6, birth, 8);
		n += id_card_check_char(num) == mask[17];
	}
	return n;
}

int
phone_valid(const char *s)
{
	if (!s || strlen(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
		return 0;
	for (int i = 2; i < 11; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

void
phone_mask(const char *phone, char out[12])
{
	if (strlen(phone) != 11) {
		snprintf(out, 12, "%s", "***********");
		return;
	}
	memcpy(out, phone, 3);
	memset(out + 3, '*', 4);
	memcpy(out + 7, phone + 7, 4);
	out[11] = '\0';
}
