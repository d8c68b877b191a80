/* roster_parse.h: the pure reading of a roster sheet's cells (issue 16):
 * which member field a header names (with its usual synonyms), dates in the
 * formats schools write them (text, Excel serial numbers, full-width
 * digits), ID-card numbers (ID-01; a number Excel turned into 5.00103E+17
 * is reported, never guessed), the Chinese words of the member form's
 * choices, and the kind of an organization from the end of its name.
 * No I/O; every "why" is a static Chinese message for the user. */
#ifndef HY_ROSTER_PARSE_H
#define HY_ROSTER_PARSE_H

#include <stddef.h>
#include <stdint.h>

enum roster_field {
	RF_NONE = 0,	/* a column Hongyan does not read */
	RF_NAME, RF_GENDER, RF_ETHNICITY, RF_ID_CARD, RF_BIRTH_DATE, RF_EDUCATION,
	RF_JOINED_ON, RF_FULL_ON, RF_STATUS, RF_CATEGORY, RF_ORG, RF_PHONE, RF_POST,
	RF_TITLE,
	RF_COUNT
};

/* The field's English key ("id_card", the member form's name; "org" for
 * the organization) and its Chinese header as exports write it. */
const char *roster_field_key(enum roster_field f);
const char *roster_field_label(enum roster_field f);
/* RF_NONE for an unknown key. */
enum roster_field roster_field_by_key(const char *key);
/* The field a header names: spaces, line breaks, a required mark (*) and a
 * parenthesised note such as （必填） are ignored; RF_NONE if none. */
enum roster_field roster_header_field(const char *header);

/* Copies s into out (size n) with full-width digits, letters, "-/.:" and
 * spaces made ASCII and surrounding white space removed. */
void roster_ascii(const char *s, char *out, size_t n);

/* A date cell: 2001-09-01, 2001/9/1, 2001.9.1, 2001年9月1日, 20010901, or
 * an Excel serial day number (37135, 37135.5); full-width digits allowed.
 * Writes YYYY-MM-DD into out; 0 on success, else -1 with *why. */
int roster_parse_date(const char *s, char out[11], const char **why);

/* An ID-card cell (ID-01): trimmed, full-width digits and x made ASCII, a
 * leading apostrophe dropped, then checked by id_card_parse(). Writes the
 * normalised number; 0 on success, else -1 with *why (a number in
 * scientific notation says the last digits were lost). */
int roster_parse_id(const char *s, int32_t today, char out[19], const char **why);

/* The member form's choices from their Chinese words (or the English
 * values): 男/女; 正式党员/预备党员; 在职/退休/其他. NULL when not one. */
const char *roster_gender(const char *s);
const char *roster_status(const char *s);
const char *roster_category(const char *s);
/* The Chinese word of a choice value, for exports. */
const char *roster_choice_label(const char *value);

/* The org kind (org_kinds) a name's ending tells: 工委 district_committee,
 * 总支部委员会/党总支 general_branch, 支部委员会/党支部 branch, 党小组 group,
 * 委员会/党委 party_committee; NULL when the ending says nothing. */
const char *roster_org_kind(const char *name);
/* Splits an organization cell into its path parts ("/", "／", "\\" or ">"
 * between names; empty parts dropped): up to max parts, written into
 * parts[] as copies in buf (size n). Returns the count, or -1 when there
 * are more than max parts or buf is too small. */
int roster_org_split(const char *s, char *buf, size_t n, const char **parts, int max);

/* Whether a cell would be read by a spreadsheet as a formula (starts with
 * = + - @ or a tab/CR): such cells are written back as text. */
int roster_cell_is_formula(const char *s);

/* UTF-8 characters in s. */
size_t roster_utf8_len(const char *s);

#endif
