/* mfa.h: two-factor login with TOTP (SEC-04). After a right password, a
 * user whose role is in cfg.mfa_roles (or who enrolled) gets a pending
 * login instead of a session: a short-lived token (cfg.mfa_pending_s) that
 * no business route accepts. POST /api/v1/session/mfa with the token and a
 * code (or a recovery code) opens the session. A user without a secret
 * enrols on that step: the secret (sealed like ID numbers), its otpauth URI
 * and QR (SVG) come with the pending token; the first right code stores it
 * and answers 10 recovery codes, shown once and stored as keyed hashes.
 * Wrong codes count toward the lockout (SEC-02) through the same reserved
 * attempts as passwords; a code is accepted within one step either side
 * and never twice (the last used step is stored, RFC 6238 §5.2). */
#ifndef HY_MFA_H
#define HY_MFA_H

#include "http/req.h"

#define MFA_RECOVERY_CODES 10

/* After user_login accepted the password of uid: ERR_NOT_FOUND when uid
 * needs no second factor (the caller opens the session), else answers the
 * second step on rp ({mfa:"verify"|"enroll", mfa_token, ...}). */
enum err mfa_begin(struct req *rq, struct reply *rp, int64_t uid);
/* POST /api/v1/session/mfa {mfa_token, code | recovery_code}. */
enum err api_session_mfa(struct req *rq, struct reply *rp);
/* Enrolment by choice for a user whose role does not require it (SEC-04:
 * optional for the others): POST /api/v1/session/totp answers a new secret
 * as at a login's enrolment ({mfa:"enroll", mfa_token, secret, otpauth,
 * qr_svg}), 409 when already enrolled; POST /api/v1/session/totp/confirm
 * {mfa_token, code} stores it and answers {totp_enrolled, recovery_codes}.
 * From then on the user's logins ask for a code. */
enum err api_session_totp_begin(struct req *rq, struct reply *rp);
enum err api_session_totp_confirm(struct req *rq, struct reply *rp);
/* An administrator resets a user's TOTP (a lost device): the secret, the
 * recovery codes, pending logins and sessions go, audited as reset_totp in
 * one transaction; the user enrols again at the next login. ERR_NOT_FOUND
 * for an unknown user. */
enum err mfa_reset(struct db *db, const struct who *actor, int64_t uid);

#endif
