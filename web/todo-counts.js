// The caller's to-do counts (GET /api/v1/todo/counts), shared by the menu's
// badge and the to-do page: refreshed after each navigation and every
// minute while someone is logged in. A failure leaves the last counts.
import { reactive, watch } from 'vue';
import { api } from './api.js';
import { session } from './session.js';
import { currentPath } from './router.js';

export const todoCounts = reactive({ total: 0, overdue: 0, byKind: {} });

const REFRESH_MS = 60 * 1000;
let timer = null;

/** Reads the counts again (quietly: a badge must never raise an error). */
export async function refreshTodoCounts() {
  if (!session.user) return;
  try {
    // A background poll: it does not keep an unattended session alive (SEC-02).
    const c = await api.poll('/todo/counts');
    todoCounts.total = c?.total ?? 0;
    todoCounts.overdue = c?.overdue ?? 0;
    todoCounts.byKind = c?.by_kind ?? {};
  } catch {
    /* keep the last counts */
  }
}

watch(() => session.user?.id, (id) => {
  clearInterval(timer);
  timer = null;
  todoCounts.total = 0;
  todoCounts.overdue = 0;
  todoCounts.byKind = {};
  if (!id) return;
  refreshTodoCounts();
  timer = setInterval(refreshTodoCounts, REFRESH_MS);
});
watch(currentPath, () => refreshTodoCounts());
