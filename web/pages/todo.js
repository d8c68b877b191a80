// 待办: everything waiting for the logged-in user, from every area, merged
// by the server and sorted by due date (overdue first). Each item says
// what, where and by when, and opens the page that does the work. Items
// leave when the work is done, not when opened.
import { reactive, computed, onMounted } from 'vue';
import { api } from '../api.js';
import { navigate, queryParam } from '../router.js';
import { isMobile } from '../ui.js';
import { itemsOf, useLoad, LoadState } from '../life.js';
import { todoCounts, refreshTodoCounts } from '../todo-counts.js';

/** Only console paths are followed. */
export function todoLink(link) {
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//') ? link : '';
}

/** The to-do items as touch-friendly rows; used by this page and the homes. */
export const TodoList = {
  name: 'TodoList',
  props: { items: { type: Array, required: true } },
  setup() {
    function open(item) {
      const to = todoLink(item.link);
      if (to) navigate(to);
    }
    return { open };
  },
  template: `
    <div class="todo-list">
      <div v-for="t in items" :key="t.kind + ':' + t.ref_id + ':' + t.org_id" class="todo-item"
           :class="{ 'todo-overdue': t.overdue }" role="button" tabindex="0"
           @click="open(t)" @keydown.enter="open(t)">
        <div class="todo-main">
          <div class="todo-what">{{ t.what }}</div>
          <div class="todo-meta hint">
            <span v-if="t.where" class="todo-where" :title="t.where">{{ t.where }}</span>
            <span v-if="t.due">期限 {{ t.due }}</span>
          </div>
        </div>
        <el-tag v-if="t.overdue" type="danger" effect="dark" size="small" disable-transitions>已逾期</el-tag>
        <el-button link type="primary" class="todo-go">去处理 ›</el-button>
      </div>
    </div>`,
};

export default {
  name: 'TodoPage',
  components: { LoadState, TodoList },
  setup() {
    const filters = reactive({ kind: queryParam('kind') });
    const paging = reactive({ page: 1, perPage: 20, total: 0 });
    const { state, data, load: fetch } = useLoad(async () => {
      const answer = await api.get('/todo', { kind: filters.kind, page: paging.page, per_page: paging.perPage });
      paging.total = answer?.total ?? 0;
      return itemsOf(answer);
    });
    const items = computed(() => data.value ?? []);
    const kinds = computed(() => Object.entries(todoCounts.byKind)
      .map(([kind, c]) => ({ kind, label: c.label, n: c.n, overdue: c.overdue })));
    function choose(kind) {
      filters.kind = filters.kind === kind ? '' : kind;
      paging.page = 1;
      fetch();
    }
    function reload() {
      refreshTodoCounts();
      fetch();
    }
    onMounted(fetch);
    return { filters, paging, state, items, kinds, todoCounts, choose, reload, fetch, isMobile };
  },
  template: `
    <div class="page todo-page">
      <div class="page-head">
        <h2>待办</h2>
        <div class="actions"><el-button icon="IconRefresh" @click="reload">刷新</el-button></div>
      </div>
      <div class="todo-summary">
        <span>共 <b>{{ todoCounts.total }}</b> 项</span>
        <span v-if="todoCounts.overdue" class="todo-overdue-count">其中已逾期 <b>{{ todoCounts.overdue }}</b> 项</span>
      </div>
      <div v-if="kinds.length" class="todo-kinds">
        <el-check-tag v-for="k in kinds" :key="k.kind" :checked="filters.kind === k.kind" @change="choose(k.kind)">
          {{ k.label }} {{ k.n }}<span v-if="k.overdue" class="todo-kind-overdue">（逾期{{ k.overdue }}）</span>
        </el-check-tag>
      </div>
      <load-state :state="state" @retry="fetch">
        <el-empty v-if="!items.length" description="没有待办事项，一切都已处理" />
        <todo-list v-else :items="items" />
        <el-pagination v-if="paging.total > paging.perPage" class="pager" background
          :layout="isMobile ? 'prev, pager, next' : 'total, prev, pager, next'" :total="paging.total"
          :page-size="paging.perPage" v-model:current-page="paging.page" @current-change="fetch" />
      </load-state>
    </div>`,
};
