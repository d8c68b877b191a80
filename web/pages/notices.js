// 通知公告、党务公开 (issue 12): district staff, or a school's secretary or
// principal, post a notice to the whole district, some schools or one
// organization's members, with files and a must-read (必读) flag; readers
// see theirs (unread must-read first) and open it, which records that they
// read it; the author sees who has read it and reminds the rest. Members
// read on a phone: the list is a column of large rows and the notice opens
// full-screen. Bodies are plain text, shown as text (never as HTML).
//
// For other pages: NoticeInbox (a member's latest notices, with a link to
// /notices) and the route /notices?id=N, which opens notice N.
import { ref, reactive, computed, onMounted, watch } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can, session } from '../session.js';
import { navigate, queryParam, currentSearch } from '../router.js';
import { OrgSelect } from '../orgs.js';
import { isMobile, dialogWidth, useFormErrors, showError, formatTime } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';
import { FileList, FILE_ACCEPT, uploadFiles } from '../files.js';

export const NOTICE_KINDS = { notice: '通知公告', disclosure: '党务公开' };
const AUDIENCES = { district: '全区', schools: '部分学校', org: '本组织党员' };

// This page's styles, kept with it (style.css is shared by every page).
const STYLE = `
.notice-rows { list-style: none; padding: 0; margin: 0; }
.notice-rows li { padding: 12px 8px; min-height: 48px; box-sizing: border-box; border-bottom: 1px solid #f2f3f5; cursor: pointer; }
.notice-rows li:hover { background: #f5f7fa; }
.notice-rows li.hint { cursor: default; }
.notice-row-title { display: flex; align-items: center; gap: 6px; font-size: 15px; line-height: 1.5; }
.notice-rows li.unread .notice-title-text { font-weight: 600; }
.notice-title-text { overflow-wrap: anywhere; }
.notice-dot { flex: none; width: 8px; height: 8px; border-radius: 50%; background: #f56c6c; }
.notice-rows .hint { margin: 2px 0 0; }
.notice-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.notice-body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 12px 0; line-height: 1.8; font-size: 15px; }
.notice-actions { display: flex; gap: 8px; flex-wrap: wrap; }
.notice-dialog .org-select { width: 100%; }
@media (max-width: 767px) {
  .notice-rows li { padding: 14px 4px; }
  .notice-actions .el-button { min-height: 44px; }
}`;
if (!document.getElementById('notices-style')) {
  const el = document.createElement('style');
  el.id = 'notices-style';
  el.textContent = STYLE;
  document.head.append(el);
}

/** Rows of notices, large enough to tap on a phone: must-read badge, unread dot. */
export const NoticeRows = {
  name: 'NoticeRows',
  props: {
    items: { type: Array, required: true },
    empty: { type: String, default: '暂无通知' },
    // District staff are in no audience: nothing of theirs is "unread".
    showUnread: { type: Boolean, default: true },
  },
  emits: ['open'],
  setup() {
    return { NOTICE_KINDS, formatTime };
  },
  template: `
    <ul class="notice-rows">
      <li v-if="!items.length" class="hint">{{ empty }}</li>
      <li v-for="n in items" :key="n.id" :class="{ unread: showUnread && !n.read }" role="button" tabindex="0"
        :data-notice="n.id" @click="$emit('open', n.id)" @keydown.enter="$emit('open', n.id)">
        <div class="notice-row-title">
          <span v-if="showUnread && !n.read" class="notice-dot" aria-label="未读"></span>
          <el-tag v-if="n.must_read" size="small" type="danger" effect="dark" disable-transitions>必读</el-tag>
          <span class="notice-title-text">{{ n.title }}</span>
        </div>
        <div class="hint">{{ NOTICE_KINDS[n.kind] }} · {{ formatTime(n.published_at) }}<template v-if="n.read"> · 已读</template></div>
      </li>
    </ul>`,
};

/** A member's (or anyone's) latest notices, for a home page; links to /notices. */
export const NoticeInbox = {
  name: 'NoticeInbox',
  components: { NoticeRows },
  props: { limit: { type: Number, default: 5 } },
  setup(props) {
    const items = ref([]);
    const unread = ref(0);
    onMounted(async () => {
      try {
        const answer = await api.get('/notices', { per_page: props.limit });
        items.value = answer.items;
        unread.value = (await api.get('/notices', { unread: 1, per_page: 1 })).total;
      } catch (err) {
        showError(err);
      }
    });
    function open(id) {
      navigate(`/notices?id=${id}`);
    }
    return { items, unread, open, navigate };
  },
  template: `
    <div class="notice-inbox">
      <notice-rows :items="items" empty="暂无通知公告" @open="open" />
      <el-button link type="primary" @click="navigate('/notices')">全部通知<template v-if="unread">（{{ unread }} 条未读）</template></el-button>
    </div>`,
};

/** Who has read a notice and who has not, paged; remind the rest. */
const ReadersDialog = {
  name: 'ReadersDialog',
  components: { ListPager },
  props: { notice: { type: Object, required: true } },
  emits: ['close', 'changed'],
  setup(props, { emit }) {
    const filters = reactive({ state: 'unread' });
    const { list, load, search } = usePagedList(`/notices/${props.notice.id}/readers`, filters);
    const counts = reactive({ read: 0, unread: 0, audience: 0 });
    const busy = ref(false);
    async function reload() {
      await load();
      const answer = await api.get(`/notices/${props.notice.id}/readers`, { per_page: 1 });
      Object.assign(counts, { read: answer.read, unread: answer.unread, audience: answer.audience });
    }
    async function remind() {
      try {
        await ElMessageBox.confirm(`向 ${counts.unread} 位未读人员再次发送提醒？`, '提醒未读', { confirmButtonText: '提醒', cancelButtonText: '取消' });
      } catch {
        return;
      }
      busy.value = true;
      try {
        const answer = await api.post(`/notices/${props.notice.id}/remind`, {});
        ElMessage.success(`已提醒 ${answer.reminded} 人`);
        emit('changed');
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    function tab(name) {
      filters.state = name;
      search();
    }
    onMounted(reload);
    return { filters, list, load, counts, busy, remind, tab, dialogWidth, formatTime, isMobile };
  },
  template: `
    <el-dialog :model-value="true" :title="'阅读情况：' + notice.title" :width="dialogWidth" @close="$emit('close')">
      <p class="hint">应读 {{ counts.audience }} 人，已读 {{ counts.read }} 人，未读 {{ counts.unread }} 人。</p>
      <el-tabs :model-value="filters.state" @tab-change="tab">
        <el-tab-pane :label="'未读（' + counts.unread + '）'" name="unread" />
        <el-tab-pane :label="'已读（' + counts.read + '）'" name="read" />
      </el-tabs>
      <el-table :data="list.items" v-loading="list.loading" empty-text="暂无人员" class="readers-table">
        <el-table-column prop="name" label="姓名" min-width="90" />
        <el-table-column prop="org_name" label="所在组织" min-width="140" show-overflow-tooltip />
        <el-table-column v-if="filters.state === 'read'" label="阅读时间" min-width="150">
          <template #default="{ row }">{{ formatTime(row.read_at) }}</template>
        </el-table-column>
      </el-table>
      <list-pager :list="list" @change="load" />
      <template #footer>
        <el-button @click="$emit('close')">关闭</el-button>
        <el-button type="primary" :disabled="!counts.unread" :loading="busy" @click="remind">提醒未读</el-button>
      </template>
    </el-dialog>`,
};

/** One notice, full-screen on a phone; opening it records the read. */
const NoticeDrawer = {
  name: 'NoticeDrawer',
  components: { FileList },
  props: { id: { type: Number, required: true } },
  emits: ['close', 'changed', 'readers'],
  setup(props, { emit }) {
    const notice = ref(null);
    const busy = ref(false);
    async function load() {
      try {
        const wasRead = notice.value?.read;
        notice.value = await api.get(`/notices/${props.id}`);
        if (!wasRead) emit('changed');
      } catch (err) {
        showError(err);
        emit('close');
      }
    }
    async function publish() {
      busy.value = true;
      try {
        notice.value = await api.post(`/notices/${props.id}/publish`, {});
        ElMessage.success(`已发布，已通知 ${notice.value.addressed} 人`);
        emit('changed');
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    onMounted(load);
    return { notice, busy, publish, isMobile, formatTime, NOTICE_KINDS, AUDIENCES };
  },
  template: `
    <el-drawer :model-value="true" :size="isMobile ? '100%' : '600px'" :title="notice?.title ?? ''" @close="$emit('close')" class="notice-drawer">
      <template v-if="notice">
        <p class="notice-meta">
          <el-tag v-if="notice.must_read" type="danger" effect="dark" disable-transitions>必读</el-tag>
          <el-tag disable-transitions>{{ NOTICE_KINDS[notice.kind] }}</el-tag>
          <el-tag v-if="notice.state === 'draft'" type="info" disable-transitions>草稿</el-tag>
          <span class="hint">{{ notice.author }} · {{ formatTime(notice.published_at || notice.created_at) }}</span>
        </p>
        <div class="notice-body">{{ notice.body }}</div>
        <template v-if="notice.files?.length || (notice.author_side && notice.state === 'draft')">
          <h4>附件</h4>
          <file-list path="notices" :owner-id="notice.id" :readonly="!(notice.author_side && notice.state === 'draft')" class="notice-files" />
        </template>
        <template v-if="notice.author_side">
          <p class="hint">发布范围：{{ AUDIENCES[notice.audience] }}<template v-if="notice.audience !== 'district'">（{{ notice.orgs.map((o) => o.name).join('、') }}）</template></p>
          <div class="notice-actions">
            <el-button v-if="notice.state === 'draft'" type="primary" :loading="busy" @click="publish">发布</el-button>
            <el-button v-else @click="$emit('readers', notice)">阅读情况 {{ notice.read_count }}/{{ notice.addressed }}</el-button>
          </div>
        </template>
      </template>
    </el-drawer>`,
};

/** Writing a notice: audience, files, must-read; publish now or keep a draft. */
const NoticeDialog = {
  name: 'NoticeDialog',
  components: { OrgSelect },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const district = session.user?.role === 'district';
    const form = reactive({
      title: '', body: '', kind: 'notice', audience: district ? 'district' : 'schools',
      org_ids: [], org_id: null, must_read: false,
    });
    const files = ref([]);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    function body(publish) {
      const out = { title: form.title, body: form.body, kind: form.kind, audience: form.audience, must_read: form.must_read, publish };
      if (form.audience === 'schools') out.org_ids = form.org_ids ?? [];
      if (form.audience === 'org') out.org_id = form.org_id;
      return out;
    }
    async function save(publish) {
      busy.value = true;
      clear();
      try {
        // Files go to a draft; the notice is published once they are all there.
        let notice = await api.post('/notices', body(publish && !files.value.length));
        const { problems } = await uploadFiles('notices', notice.id, files.value.map((f) => f.raw));
        if (problems.length) {
          // The draft stays: its files can be added again from its page.
          ElMessage({
            type: 'warning', duration: 10000, showClose: true,
            message: `通知已保存为草稿，以下附件未上传：${problems.map((p) => `${p.name}（${p.message}）`).join('；')}`,
          });
          emit('done');
          return;
        }
        if (publish && files.value.length) notice = await api.post(`/notices/${notice.id}/publish`, {});
        ElMessage.success(publish ? `已发布，已通知 ${notice.addressed} 人` : '已保存为草稿');
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    function pick(file, list) {
      files.value = list;
    }
    return { form, files, errors, busy, save, pick, district, dialogWidth, isMobile, NOTICE_KINDS, FILE_ACCEPT };
  },
  template: `
    <el-dialog :model-value="true" title="发布通知" :width="dialogWidth" @close="$emit('close')" class="notice-dialog">
      <el-form :label-position="isMobile ? 'top' : 'right'" label-width="90px">
        <el-form-item label="类别" :error="errors.kind">
          <el-radio-group v-model="form.kind">
            <el-radio-button v-for="(label, key) in NOTICE_KINDS" :key="key" :value="key">{{ label }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item label="标题" :error="errors.title"><el-input v-model="form.title" name="notice_title" maxlength="100" show-word-limit /></el-form-item>
        <el-form-item label="正文" :error="errors.body">
          <el-input v-model="form.body" name="notice_body" type="textarea" :rows="8" maxlength="10000" show-word-limit placeholder="纯文本，空行分段" />
        </el-form-item>
        <el-form-item label="发布范围" :error="errors.audience">
          <el-radio-group v-model="form.audience" class="notice-audience">
            <el-radio v-if="district" value="district">全区</el-radio>
            <el-radio value="schools">部分学校</el-radio>
            <el-radio value="org">本组织党员</el-radio>
          </el-radio-group>
        </el-form-item>
        <el-form-item v-if="form.audience === 'schools'" label="学校" :error="errors.org_ids">
          <org-select v-model="form.org_ids" multiple placeholder="选择学校党组织" class="notice-schools" />
        </el-form-item>
        <el-form-item v-if="form.audience === 'org'" label="组织" :error="errors.org_id">
          <org-select v-model="form.org_id" placeholder="选择组织（含下级组织的党员）" class="notice-org" />
        </el-form-item>
        <el-form-item label="必读" :error="errors.must_read">
          <el-switch v-model="form.must_read" active-text="必读（置顶显示，可查看未读人员）" />
        </el-form-item>
        <el-form-item label="附件" :error="errors.file || errors.name">
          <el-upload :auto-upload="false" multiple :accept="FILE_ACCEPT" :on-change="pick" :on-remove="pick" :show-file-list="true">
            <el-button icon="IconUpload">选择文件</el-button>
            <template #tip><div class="hint">支持 JPG、PNG、PDF、Word（.docx）、Excel（.xlsx）</div></template>
          </el-upload>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button :loading="busy" @click="save(false)">保存草稿</el-button>
        <el-button type="primary" :loading="busy" @click="save(true)">立即发布</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'NoticesPage',
  components: { NoticeRows, NoticeDrawer, NoticeDialog, ReadersDialog, ListPager },
  setup() {
    const author = can('notices.write');
    const box = ref('inbox');
    const filters = reactive({ box: 'inbox', kind: null });
    const { list, load, search } = usePagedList('/notices', filters);
    const open = ref(Number(queryParam('id')) || null);
    const writing = ref(false);
    const readersOf = ref(null);
    const rows = computed(() => list.items.map((n) => ({
      ...n, kindLabel: NOTICE_KINDS[n.kind], audienceLabel: AUDIENCES[n.audience],
    })));
    // A link to /notices?id=N while this page is open (the bell) opens N.
    watch(currentSearch, () => {
      const id = Number(queryParam('id'));
      if (id) open.value = id;
    });
    function switchBox(name) {
      filters.box = name;
      search();
    }
    function close() {
      open.value = null;
      if (queryParam('id')) navigate('/notices', { replace: true });
    }
    function done() {
      writing.value = false;
      if (filters.box !== 'sent') switchBox('sent');
      else load();
      box.value = 'sent';
    }
    onMounted(load);
    return {
      author, district: session.user?.role === 'district',
      box, filters, list, rows, load, search, open, writing, readersOf, switchBox, close, done,
      isMobile, formatTime, NOTICE_KINDS,
    };
  },
  template: `
    <div class="page notices-page">
      <div class="page-head">
        <h2>通知公告</h2>
        <el-button v-if="author" type="primary" icon="IconPlus" @click="writing = true">发布通知</el-button>
      </div>
      <el-tabs v-if="author" v-model="box" @tab-change="switchBox">
        <el-tab-pane label="收到的通知" name="inbox" />
        <el-tab-pane label="我发布的" name="sent" />
      </el-tabs>
      <div class="filters">
        <el-select v-model="filters.kind" clearable placeholder="全部类别" @change="search">
          <el-option v-for="(label, key) in NOTICE_KINDS" :key="key" :value="key" :label="label" />
        </el-select>
      </div>
      <div v-if="filters.box === 'inbox'" v-loading="list.loading">
        <notice-rows :items="list.items" :show-unread="!district" @open="open = $event" />
      </div>
      <el-table v-else :data="rows" v-loading="list.loading" empty-text="还没有发布通知" class="notices-sent" @row-click="open = $event.id">
        <el-table-column label="标题" min-width="180">
          <template #default="{ row }">
            <el-tag v-if="row.must_read" size="small" type="danger" effect="dark" disable-transitions>必读</el-tag>
            <el-link type="primary">{{ row.title }}</el-link>
          </template>
        </el-table-column>
        <el-table-column v-if="!isMobile" prop="kindLabel" label="类别" width="96" />
        <el-table-column v-if="!isMobile" prop="audienceLabel" label="范围" width="100" />
        <el-table-column v-if="!isMobile" label="发布时间" width="160">
          <template #default="{ row }">{{ row.state === 'draft' ? '草稿' : formatTime(row.published_at) }}</template>
        </el-table-column>
        <el-table-column label="已读" width="110">
          <template #default="{ row }">
            <el-button v-if="row.state === 'published'" link type="primary" class="read-count" @click.stop="readersOf = row">{{ row.read_count }}/{{ row.addressed }}</el-button>
            <el-tag v-else size="small" type="info" disable-transitions>草稿</el-tag>
          </template>
        </el-table-column>
      </el-table>
      <list-pager :list="list" @change="load" />
      <notice-dialog v-if="writing" @done="done" @close="writing = false" />
      <notice-drawer v-if="open" :id="open" @close="close" @changed="load" @readers="readersOf = $event" />
      <readers-dialog v-if="readersOf" :notice="readersOf" @close="readersOf = null" @changed="load" />
    </div>`,
};
