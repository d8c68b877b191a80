/* password.h: the password policy (RULES.md SEC-01; numbers from
 * core/config.h): a minimum length and a number of character classes. Pure:
 * reuse of old passwords is checked by the user store against hashes. */
#ifndef HY_PASSWORD_H
#define HY_PASSWORD_H

/* NULL when pw meets the policy, else a Chinese reason (static storage
 * for the fixed messages; a per-thread buffer for the numbered one). */
const char *password_check(const char *pw, int min_len, int min_classes);

#endif
