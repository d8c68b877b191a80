// Who is logged in, and what their role may do in the console. The server
// enforces every right; the console only hides what would be refused.
import { reactive, readonly } from 'vue';
import { api, apiEvents, setCsrfToken } from './api.js';

const state = reactive({ user: null, ready: false });

export const session = readonly(state);

const STAFF = ['district', 'inspector', 'secretary', 'principal'];
// The principal-tenure platform's own roles (issue 13): no party-building right.
const SUPERVISION = ['supervision_office', 'supervisor'];

// Members read their own organization, school and record on 我的 (the
// server scopes those routes to them); the registers 党员, 组织机构 and 学校
// are staff pages, so a member's menu follows the role (issue 12).
const RIGHTS = {
  'orgs.read': STAFF,
  'orgs.write': ['district', 'secretary'],
  'orgs.root': ['district'],
  'schools.read': STAFF,
  'schools.write': ['district'],
  'members.read': STAFF,
  'members.write': ['district', 'secretary'],
  // Separated administrators (SEC-05): accounts for the security
  // administrator, the whole audit for the audit administrator (district
  // staff read its business rows), the system's state for the system
  // administrator. None of the three has a business right.
  users: ['security_admin'],
  audit: ['audit_admin', 'district'],
  system: ['admin'],
  // 首页 (issue 12): the cockpit of district staff, a school's figures for its secretary and principal.
  home: ['district', 'secretary', 'principal'],
  // Organizational life (issue 3): staff in their scope; a member only their own page.
  'meetings.read': STAFF,
  'meetings.write': ['district', 'secretary'],
  compliance: STAFF,
  'compliance.exempt': ['district'],
  'dues.read': STAFF,
  'dues.write': ['district', 'secretary'],
  'transfers.read': STAFF,
  'transfers.write': ['district', 'secretary'],
  alerts: [...STAFF, ...SUPERVISION],
  accounts: ['district', 'secretary'],
  ledgers: STAFF,
  // Roster import and export (issue 16): staff export (masked but for editors); the district and secretaries import.
  roster: STAFF,
  'roster.import': ['district', 'secretary'],
  // Dual creation and dual strengthening (issue 6): staff read in scope;
  // schools write their own records; the district forms alliances, takes
  // brand stages, sets clean-school status and grants case access.
  'create.read': STAFF,
  'create.write': ['district', 'secretary', 'principal'],
  'create.district': ['district'],
  // Inspections (issue 4): the district plans and confirms; inspectors score their assignments.
  'inspection-plans.read': ['district', 'inspector'],
  'inspection-plans.write': ['district'],
  'inspections.read': STAFF,
  'inspections.write': ['district', 'inspector'],
  'inspections.confirm': ['district'],
  self: ['member'],
  // The desk (issue 12): everyone who works with business data has a to-do list.
  todo: [...STAFF, 'member', ...SUPERVISION],
  checkin: [...STAFF, 'member'],
  // Supervision (issue 4): indicator systems and findings.
  indicators: STAFF,
  'indicators.write': ['district'],
  findings: STAFF,
  'findings.issue': ['district', 'inspector'],
  'findings.rectify': ['secretary'],
  // Report-and-review (issue 4): the district runs rounds; anyone taking part reads them.
  reviews: [...STAFF, 'member'],
  'reviews.manage': ['district'],
  // Cultivation registers (issue 5): staff read in scope; writes in scope.
  'cultivation.read': STAFF,
  'cultivation.write': ['district', 'secretary'],
  'programmes.manage': ['district'],
  // Annual assessment (issue 4): staff read in scope; district staff run and lift.
  assessments: STAFF,
  'assessments.run': ['district'],
  // Exchange and study (issue 6): members read the library, record their own study, see points.
  'study.read': [...STAFF, 'member'],
  'study.publish': ['district', 'secretary', 'principal'],
  'study.record': ['member'],
  'points.read': [...STAFF, 'member'],
  'points.rules': ['district'],
  'exchange.read': [...STAFF, 'member'],
  'exchange.write': ['district', 'secretary', 'principal'],
  'exchange.moderate': ['district'],
  // Membership development (issue 5).
  'applicants.read': STAFF,
  'applicants.write': ['district', 'secretary'],
  // The holiday calendar is system configuration: the system administrator keeps it too.
  'holidays.read': [...STAFF, 'admin'],
  'holidays.write': ['admin', 'district'],
  // Notifications (issue 12): every business role reads its own.
  notifications: [...STAFF, 'member', 'institution', ...SUPERVISION],
  // Announcements (issue 12): everyone with business data reads theirs; the district and schools post.
  'notices.read': [...STAFF, 'member'],
  'notices.write': ['district', 'secretary', 'principal'],
  // 校长任期督导 (issue 13): the office keeps the registers and decides; a
  // 督学 reads their schools; a principal their own tenure.
  'principal.list': SUPERVISION,
  'principal.tenure': [...SUPERVISION, 'principal'],
  'principal.write': ['supervision_office'],
  // 挂牌督导 (PRIN-10): a 督学 records visits; the office reads all, a principal their school's.
  'principal.visits': [...SUPERVISION, 'principal'],
};

export function can(right) {
  return Boolean(state.user && RIGHTS[right]?.includes(state.user.role));
}

function accept(answer) {
  state.user = answer.user;
  setCsrfToken(answer.csrf_token);
}

function forget() {
  state.user = null;
  setCsrfToken('');
}

/**
 * Loads the current session after a page load; no session is not an error:
 * the server answers 200 {authenticated:false}, so nothing is logged.
 */
export async function restoreSession() {
  try {
    const answer = await api.get('/session');
    if (answer?.authenticated === false) forget();
    else accept(answer);
  } catch (err) {
    if (err.status !== 401) throw err; // a server before issue 12
    forget();
  } finally {
    state.ready = true;
  }
}

/**
 * The password step. Resolves to null once logged in, or to the second
 * step the server asks for (SEC-04): { mfa: 'verify' | 'enroll', mfa_token,
 * and at enrolment secret, otpauth, qr_svg }.
 */
export async function login(username, password) {
  const answer = await api.post('/session', { username, password });
  if (answer.mfa) return answer;
  accept(answer);
  return null;
}

/**
 * The second step: a 6-digit code or a recovery code. Resolves to the
 * session answer, not yet accepted, so that the recovery codes of an
 * enrolment can be shown before the console opens; then acceptSession().
 */
export function loginMfa(token, { code, recoveryCode }) {
  return api.post('/session/mfa', recoveryCode
    ? { mfa_token: token, recovery_code: recoveryCode }
    : { mfa_token: token, code });
}

/** Opens the console with a session answer from loginMfa(). */
export function acceptSession(answer) {
  accept(answer);
}

export async function logout() {
  try {
    await api.del('/session');
  } finally {
    forget();
  }
}

/** Changes the caller's password; the answer is the session, now unrestricted. */
export async function changePassword(oldPassword, newPassword) {
  accept(await api.post('/session/password', { old_password: oldPassword, new_password: newPassword }));
}

apiEvents.addEventListener('unauthenticated', forget);
// E.g. an administrator reset this user's password during the session.
apiEvents.addEventListener('password_change_required', () => {
  if (state.user) state.user.must_change_password = true;
});
