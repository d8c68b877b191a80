/* money.h: amounts as integer fen (0.01 yuan), parsed and printed as yuan
 * with two decimals; rates applied with HALF_UP rounding (RULES.md DUES-12). */
#ifndef HY_MONEY_H
#define HY_MONEY_H

#include <stdint.h>

/* "3000", "3000.5", "3000.01" -> fen. Rejects signs, exponents, more than two
 * decimals and amounts over 10^13 fen. 0 on success, -1 otherwise. */
int money_parse(const char *s, int64_t *fen);
/* Writes "3000.01" into out (32 bytes). */
void money_format(int64_t fen, char out[32]);
/* fen * num / den rounded half up (for non-negative fen). */
int64_t money_apply_rate(int64_t fen, int64_t num, int64_t den);

#endif
