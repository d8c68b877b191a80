// A small history-API router: the server answers index.html for every
// console path, so links are plain paths like /members?org_id=3.
import { ref, readonly } from 'vue';

const path = ref(location.pathname);
const search = ref(location.search);

window.addEventListener('popstate', () => {
  path.value = location.pathname;
  search.value = location.search;
});

export const currentPath = readonly(path);
/** The query string ("?id=3" or ""), for a page that reacts to a link to itself. */
export const currentSearch = readonly(search);

/** Goes to `to` (a path with an optional query string). */
export function navigate(to, { replace = false } = {}) {
  if (to === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  path.value = location.pathname;
  search.value = location.search;
}

/** The current query string's value for `key`, or '' when absent. */
export function queryParam(key) {
  return new URLSearchParams(location.search).get(key) ?? '';
}
