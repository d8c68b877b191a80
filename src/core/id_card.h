/* id_card.h: 18-character citizen ID numbers (GB 11643-1999, RULES.md ID-01):
 * validation, the facts they encode, and masking for display. */
#ifndef HY_ID_CARD_H
#define HY_ID_CARD_H

#include <stdint.h>

enum id_card_status {
	ID_CARD_OK = 0,
	ID_CARD_BAD_LENGTH,	/* not 18 characters */
	ID_CARD_BAD_CHAR,	/* a non-digit in the first 17, or a last that is not 0-9/X */
	ID_CARD_BAD_DATE,	/* birth date not a real day, or in the future */
	ID_CARD_BAD_CHECK,	/* ISO 7064 MOD 11-2 check character wrong */
};

struct id_card {
	char number[19];	/* normalised: a lowercase x becomes X */
	int32_t birth;		/* day number (core/dates.h) */
	int male;		/* sequence digit odd = male */
};

/* The one answer to a well-formed number that may not be registered by
 * this caller (already a member or an applicant, here or in another
 * school): it must not tell that the number exists elsewhere (issue 10).
 * The refusal is audited (ok=0) by the store that gives it. */
#define ID_CARD_NOT_HERE "该身份证号不能在此登记，请核对号码或联系区教育工委"

/* Validates s against ID-01; fills out on ID_CARD_OK. today bounds the birth date. */
enum id_card_status id_card_parse(const char *s, int32_t today, struct id_card *out);
/* The check character for 17 digits (ID-01 weights and map). */
char id_card_check_char(const char *first17);
/* Chinese message for a status, for field errors. */
const char *id_card_message(enum id_card_status st);
/* 500103********2318: first 6, eight stars, last 4. out has 19 bytes. */
void id_card_mask(const char *number, char out[19]);
/* PI-06: how many valid ID numbers a mask (first 6 and last 4 shown) leaves
 * when the birth date is only known to lie in [from, to] (day numbers):
 * the days whose digits make the shown check character come out. 0 for
 * something that is not a mask of that form. */
int id_card_candidates(const char *mask, int32_t from, int32_t to);
/* 138****8000 for a mainland mobile number. out has 12 bytes. */
void phone_mask(const char *phone, char out[12]);
/* Mainland mobile: ^1[3-9]\d{9}$ (RULES.md PI-06). */
int phone_valid(const char *s);

#endif
