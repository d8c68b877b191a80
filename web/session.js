// Who is logged in, and what their role may do in the console. The server
// enforces every right; the console only hides what would be refused.
import { reactive, readonly } from 'vue';
import { api, apiEvents, setCsrfToken } from './api.js';

const state = reactive({ user: null, ready: false });

export const session = readonly(state);

const STAFF = ['admin', 'district', 'inspector', 'secretary', 'principal'];

const RIGHTS = {
  'orgs.read': [...STAFF, 'member'],
  'orgs.write': ['admin', 'district', 'secretary'],
  'orgs.root': ['admin', 'district'],
  'schools.read': [...STAFF, 'member'],
  'schools.write': ['admin', 'district'],
  'members.read': [...STAFF, 'member'],
  'members.write': ['admin', 'district', 'secretary'],
  users: ['admin'],
  audit: ['admin', 'district'],
  // Organizational life (issue 3): staff in their scope; a member only their own page.
  'meetings.read': STAFF,
  'meetings.write': ['admin', 'district', 'secretary'],
  compliance: STAFF,
  'compliance.exempt': ['admin', 'district'],
  'dues.read': STAFF,
  'dues.write': ['admin', 'district', 'secretary'],
  'transfers.read': STAFF,
  'transfers.write': ['admin', 'district', 'secretary'],
  alerts: STAFF,
  accounts: ['admin', 'district', 'secretary'],
  ledgers: STAFF,
  // Inspections (issue 4): the district plans and confirms; inspectors score their assignments.
  'inspection-plans.read': ['admin', 'district', 'inspector'],
  'inspection-plans.write': ['admin', 'district'],
  'inspections.read': STAFF,
  'inspections.write': ['admin', 'district', 'inspector'],
  'inspections.confirm': ['admin', 'district'],
  self: ['member'],
  checkin: [...STAFF, 'member'],
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

/** Loads the current session after a page load; no session is not an error. */
export async function restoreSession() {
  try {
    accept(await api.get('/session'));
  } catch (err) {
    if (err.status !== 401) throw err;
    forget();
  } finally {
    state.ready = true;
  }
}

export async function login(username, password) {
  accept(await api.post('/session', { username, password }));
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
