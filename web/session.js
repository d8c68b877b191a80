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
  try {
    accept(await api.post('/session', { username, password }));
  } catch (err) {
    // A login refused only for a pending password change still opened a session.
    if (err.code !== 'password_change_required') throw err;
    await restoreSession();
  }
}

export async function logout() {
  try {
    await api.del('/session');
  } finally {
    forget();
  }
}

export async function changePassword(oldPassword, newPassword) {
  await api.post('/session/password', { old_password: oldPassword, new_password: newPassword });
  accept(await api.get('/session'));
}

apiEvents.addEventListener('unauthenticated', forget);
apiEvents.addEventListener('password_change_required', () => {
  if (state.user) state.user.must_change_password = true;
});
