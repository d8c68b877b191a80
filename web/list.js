// Paged, sorted, filtered lists ({items, total, page, per_page} answers).
import { reactive } from 'vue';
import { api } from './api.js';
import { isMobile, showError } from './ui.js';

/** State and loaders for GET `path` with the query in `filters`. */
export function usePagedList(path, filters = {}) {
  const list = reactive({ items: [], total: 0, page: 1, perPage: 20, sort: '', loading: false });

  async function load() {
    list.loading = true;
    try {
      const answer = await api.get(path, {
        ...filters, page: list.page, per_page: list.perPage, sort: list.sort,
      });
      list.items = answer.items;
      list.total = answer.total;
    } catch (err) {
      showError(err);
    } finally {
      list.loading = false;
    }
  }

  /** Reloads from the first page (after a filter change). */
  function search() {
    list.page = 1;
    return load();
  }

  /** el-table's sort-change: `sort=field` or `sort=-field`. */
  function sortBy({ prop, order }) {
    list.sort = order ? `${order === 'descending' ? '-' : ''}${prop}` : '';
    return search();
  }

  return { list, load, search, sortBy };
}

/** el-pagination bound to a usePagedList() state; emits `change` to reload. */
export const ListPager = {
  name: 'ListPager',
  props: { list: { type: Object, required: true } },
  emits: ['change'],
  setup() {
    return { isMobile };
  },
  template: `
    <el-pagination class="pager" background
      v-model:current-page="list.page" v-model:page-size="list.perPage"
      :total="list.total" :page-sizes="[20, 50, 100]" :pager-count="isMobile ? 5 : 7"
      :size="isMobile ? 'small' : 'default'"
      :layout="isMobile ? 'total, prev, pager, next' : 'total, sizes, prev, pager, next, jumper'"
      @current-change="$emit('change')" @size-change="$emit('change')" />`,
};
