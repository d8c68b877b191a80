#include "core/common.h"
#include "core/money.h"

int
money_parse(const char *s, int64_t *fen)
{
	int64_t v = 0;
	int frac = -1;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s == '.') {
			if (frac >= 0)
				return -1;
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || frac == 2)
			return -1;
		if (v > INT64_C(100000000000000))
			return -1;
		v = v * 10 + (*s - '0');
		if (frac >= 0)
			frac++;
	}
	if (frac == 0)
		return -1;	/* "12." */
	for (int i = frac < 0 ? 0 : frac; i < 2; i++)
		v *= 10;
	if (v > INT64_C(10000000000000))
		return -1;
	*fen = v;
	return 0;
}

void
money_format(int64_t fen, char out[32])
{
	const char *sign = fen < 0 ? "-" : "";
	uint64_t a = fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;

	snprintf(out, 32, "%s%" PRIu64 ".%02" PRIu64, sign, a / 100, a % 100);
}

int64_t
money_apply_rate(int64_t fen, int64_t num, int64_t den)
{
	return (fen * num * 2 + den) / (den * 2);
}
