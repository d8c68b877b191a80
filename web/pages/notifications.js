// 消息 (issue 12): the bell in the header with the unread count, polled
// every minute and after each navigation, its dropdown of the latest
// messages, and the page of all of them (read/unread, 全部已读). Opening a
// message marks it read and follows its link (console paths only).
import { ref, reactive, onMounted, onBeforeUnmount, watch } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { navigate, currentPath } from '../router.js';
import { isMobile, showError, formatTime } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';

/** How often the bell asks for the unread count. */
export const POLL_MS = 60000;

/** The unread count shared by the bell and the page. */
export const unread = ref(0);

export async function refreshUnread() {
  try {
    unread.value = (await api.poll('/notifications/unread')).unread ?? 0;
  } catch {
    // The bell stays as it was; a lost session is handled by api.js.
  }
}

/** A console path from a notification's link, or '' (no other origin). */
export function messageLink(link) {
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//') ? link : '';
}

/** Marks n read (when unread) and opens its link. */
export async function openMessage(n) {
  try {
    if (!n.read) {
      const answer = await api.post(`/notifications/${n.id}/read`);
      n.read = true;
      unread.value = answer.unread ?? Math.max(0, unread.value - 1);
    }
  } catch (err) {
    showError(err);
    return;
  }
  const to = messageLink(n.link);
  if (to) navigate(to);
}

export async function markAllRead() {
  try {
    await api.post('/notifications/read-all');
    unread.value = 0;
    ElMessage.success('已全部标为已读');
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

/** One message as a line: unread dot, kind, title, time. */
const MessageLine = {
  name: 'MessageLine',
  props: { n: { type: Object, required: true } },
  emits: ['open'],
  setup() {
    return { formatTime };
  },
  template: `
    <div class="notify-line" :class="{ unread: !n.read }" role="button" tabindex="0"
      @click="$emit('open', n)" @keydown.enter="$emit('open', n)">
      <span class="notify-dot" :aria-label="n.read ? '已读' : '未读'"></span>
      <div class="notify-text">
        <div class="notify-title">{{ n.title }}</div>
        <div class="notify-meta">
          <el-tag size="small" effect="plain" disable-transitions>{{ n.kind_label }}</el-tag>
          <span>{{ formatTime(n.created_at) }}</span>
        </div>
      </div>
    </div>`,
};

/** The header's bell: count badge and a dropdown of the latest messages. */
export const NotifyBell = {
  name: 'NotifyBell',
  components: { MessageLine },
  setup() {
    const open = ref(false);
    const latest = ref([]);
    const loading = ref(false);
    let timer = 0;

    async function loadLatest() {
      loading.value = true;
      try {
        const answer = await api.get('/notifications', { per_page: 8 });
        latest.value = answer.items;
        unread.value = answer.unread ?? unread.value;
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    async function pick(n) {
      open.value = false;
      await openMessage(n);
    }

    async function allRead() {
      if (await markAllRead()) latest.value.forEach((n) => { n.read = true; });
    }

    function all() {
      open.value = false;
      navigate('/notifications');
    }

    onMounted(() => {
      refreshUnread();
      timer = setInterval(refreshUnread, POLL_MS);
    });
    onBeforeUnmount(() => clearInterval(timer));
    watch(currentPath, refreshUnread);
    watch(open, (v) => { if (v) loadLatest(); });

    return { open, latest, loading, unread, pick, allRead, all, isMobile };
  },
  template: `
    <el-popover v-model:visible="open" trigger="click" placement="bottom-end" :width="isMobile ? 300 : 380" popper-class="notify-popper">
      <template #reference>
        <el-badge :value="unread" :hidden="!unread" :max="99" class="notify-bell">
          <el-button text circle icon="IconBell" aria-label="消息" class="notify-bell-button" />
        </el-badge>
      </template>
      <div class="notify-drop">
        <div class="notify-head">
          <strong>消息</strong>
          <el-button link type="primary" :disabled="!unread" @click="allRead">全部已读</el-button>
        </div>
        <div v-loading="loading" class="notify-list">
          <message-line v-for="n in latest" :key="n.id" :n="n" @open="pick" />
          <div v-if="!loading && !latest.length" class="notify-empty">暂无消息</div>
        </div>
        <el-button class="wide" text type="primary" @click="all">查看全部消息</el-button>
      </div>
    </el-popover>`,
};

/** The page /notifications: every message, newest first, paged. */
export default {
  name: 'NotificationsPage',
  components: { MessageLine, ListPager },
  setup() {
    const filters = reactive({ unread: '' });
    const { list, load, search } = usePagedList('/notifications', filters);

    async function allRead() {
      if (await markAllRead()) load();
    }

    onMounted(load);
    return { filters, list, load, search, unread, openMessage, allRead, navigate };
  },
  template: `
    <div class="page notifications-page">
      <div class="page-head">
        <h2>消息</h2>
        <div class="actions">
          <el-radio-group v-model="filters.unread" @change="search">
            <el-radio-button value="">全部</el-radio-button>
            <el-radio-button value="1">未读</el-radio-button>
          </el-radio-group>
          <el-button :disabled="!unread" @click="allRead">全部已读</el-button>
          <el-button link type="primary" @click="navigate('/notify-settings')">消息设置</el-button>
        </div>
      </div>
      <el-card shadow="never" v-loading="list.loading">
        <message-line v-for="n in list.items" :key="n.id" :n="n" @open="openMessage" />
        <el-empty v-if="!list.loading && !list.items.length" :description="filters.unread ? '没有未读消息' : '暂无消息'" />
      </el-card>
      <list-pager :list="list" @change="load" />
    </div>`,
};
