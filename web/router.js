// A small history-API router: the server answers index.html for every
// console path, so links are plain paths like /members?org_id=3.
import { ref, readonly } from 'vue';

const path = ref(location.pathname);

window.addEventListener('popstate', () => {
  path.value = location.pathname;
});

export const currentPath = readonly(path);

/** Goes to `to` (a path with an optional query string). */
export function navigate(to, { replace = false } = {}) {
  if (to === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  path.value = location.pathname;
}

/** The current query string's value for `key`, or '' when absent. */
export function queryParam(key) {
  return new URLSearchParams(location.search).get(key) ?? '';
}
