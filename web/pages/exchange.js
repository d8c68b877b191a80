// 经验交流: schools write short case write-ups and submit them; district
// staff publish or return them (with a reason) and mark excellent cases
// (优秀案例); every school reads published cases and comments; the district
// hides comments.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can, session } from '../session.js';
import { EXCHANGE_STATES, EXCHANGE_TAGS, labelOf } from '../labels.js';
import { OrgSelect } from '../orgs.js';
import { isMobile, dialogWidth, useFormErrors, showError, formatTime } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';
import { queryParam } from '../router.js';

/** Writing a case, or editing a draft or returned one. */
const PostDialog = {
  name: 'PostDialog',
  components: { OrgSelect },
  props: { post: { type: Object, default: null } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({ org_id: null, title: props.post?.title ?? '', topic: props.post?.topic ?? '', body: props.post?.body ?? '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    async function save() {
      busy.value = true;
      clear();
      try {
        if (props.post) await api.patch(`/exchange/${props.post.id}`, { title: form.title, topic: form.topic, body: form.body });
        else await api.post('/exchange', form);
        ElMessage.success('已保存为草稿，提交后由区级审核发布');
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, dialogWidth, isMobile };
  },
  template: `
    <el-dialog :model-value="true" :title="post ? '修改案例' : '撰写经验案例'" :width="dialogWidth" @close="$emit('close')">
      <el-form :label-position="isMobile ? 'top' : 'right'" label-width="80px">
        <el-form-item v-if="!post" label="所属组织" :error="errors.org_id"><org-select v-model="form.org_id" /></el-form-item>
        <el-form-item label="标题" :error="errors.title"><el-input v-model="form.title" maxlength="60" show-word-limit /></el-form-item>
        <el-form-item label="主题" :error="errors.topic"><el-input v-model="form.topic" maxlength="40" placeholder="如：支部建设、党建+教学" /></el-form-item>
        <el-form-item label="正文" :error="errors.body"><el-input v-model="form.body" type="textarea" :rows="8" maxlength="5000" show-word-limit /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存草稿</el-button>
      </template>
    </el-dialog>`,
};

/** One case: its text, the steps the caller may take, the comments. */
const PostDrawer = {
  name: 'PostDrawer',
  props: { id: { type: Number, required: true } },
  emits: ['changed', 'close', 'edit'],
  setup(props, { emit }) {
    const post = ref(null);
    const comment = ref('');
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    async function load() {
      try {
        post.value = await api.get(`/exchange/${props.id}`);
      } catch (err) {
        showError(err);
        emit('close');
      }
    }
    async function step(path, body) {
      busy.value = true;
      try {
        post.value = await api.post(`/exchange/${props.id}/${path}`, body);
        emit('changed');
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    async function reject() {
      let reason;
      try {
        ({ value: reason } = await ElMessageBox.prompt('请填写退回理由', '退回案例', { confirmButtonText: '退回', cancelButtonText: '取消', inputValidator: (v) => Boolean(v?.trim()) || '请填写理由' }));
      } catch {
        return;
      }
      await step('reject', { reason });
    }
    async function addComment() {
      clear();
      busy.value = true;
      try {
        post.value = await api.post(`/exchange/${props.id}/comments`, { body: comment.value });
        comment.value = '';
        emit('changed');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    async function hide(c) {
      try {
        await api.post(`/exchange/comments/${c.id}/hide`, { hidden: !c.hidden });
        await load();
      } catch (err) {
        showError(err);
      }
    }
    onMounted(load);
    return {
      post, comment, errors, busy, step, reject, addComment, hide, formatTime, EXCHANGE_STATES, EXCHANGE_TAGS, labelOf,
      isMobile, canWrite: can('exchange.write'), canModerate: can('exchange.moderate'),
    };
  },
  template: `
    <el-drawer :model-value="true" :size="isMobile ? '100%' : '560px'" :title="post?.title ?? ''" @close="$emit('close')">
      <template v-if="post">
        <p>
          <el-tag disable-transitions :type="EXCHANGE_TAGS[post.state]">{{ labelOf(EXCHANGE_STATES, post.state) }}</el-tag>
          <el-tag v-if="post.excellent" disable-transitions type="danger" effect="dark">优秀案例</el-tag>
          <span class="hint"> {{ post.org_name }} · {{ post.topic }}</span>
        </p>
        <el-alert v-if="post.state === 'rejected'" type="error" :closable="false" :title="'退回理由：' + post.reason" />
        <div class="exchange-body" style="white-space: pre-wrap; margin: 12px 0; line-height: 1.7">{{ post.body }}</div>
        <div class="exchange-actions" style="display: flex; gap: 8px; flex-wrap: wrap; margin-bottom: 12px">
          <template v-if="canWrite && (post.state === 'draft' || post.state === 'rejected')">
            <el-button @click="$emit('edit', post)">修改</el-button>
            <el-button type="primary" :loading="busy" @click="step('submit')">提交审核</el-button>
          </template>
          <template v-if="canModerate && post.state === 'submitted'">
            <el-button type="primary" :loading="busy" @click="step('publish')">审核发布</el-button>
            <el-button type="danger" :loading="busy" @click="reject">退回</el-button>
          </template>
          <el-button v-if="canModerate && post.state === 'published'" :loading="busy" @click="step('excellent', { excellent: !post.excellent })">
            {{ post.excellent ? '取消优秀案例' : '评为优秀案例' }}
          </el-button>
        </div>
        <template v-if="post.state === 'published'">
          <h4>评论（{{ post.comment_list.length }}）</h4>
          <ul class="me-list">
            <li v-for="c in post.comment_list" :key="c.id" :class="{ hidden: c.hidden }">
              <div><b>{{ c.author }}</b> <span class="hint">{{ formatTime(c.created_at) }}</span><el-tag v-if="c.hidden" size="small" disable-transitions type="info">已隐藏</el-tag></div>
              <div>{{ c.body }}</div>
              <el-button v-if="canModerate" link size="small" @click="hide(c)">{{ c.hidden ? '恢复' : '隐藏' }}</el-button>
            </li>
          </ul>
          <el-form-item :error="errors.body">
            <el-input v-model="comment" type="textarea" :rows="2" maxlength="500" placeholder="写下您的评论" />
          </el-form-item>
          <el-button type="primary" :loading="busy" @click="addComment">发表评论</el-button>
        </template>
      </template>
    </el-drawer>`,
};

export default {
  name: 'ExchangePage',
  components: { PostDialog, PostDrawer, ListPager },
  setup() {
    const filters = reactive({ state: null, excellent: null, mine: null, q: null });
    const { list, load, search } = usePagedList('/exchange', filters);
    const writing = ref(null);
    const open = ref(Number(queryParam('open')) || null);	// a notification's ?open=<post id>
    const rows = computed(() => list.items.map((p) => ({
      ...p, stateLabel: labelOf(EXCHANGE_STATES, p.state), tag: EXCHANGE_TAGS[p.state],
    })));
    function done() {
      writing.value = null;
      load();
    }
    function edit(p) {
      open.value = null;
      writing.value = p;
    }
    onMounted(() => {
      load();
      // /exchange?id=… (a case linked from 我的) opens that case.
      if (Number(queryParam('id')) > 0) open.value = Number(queryParam('id'));
    });
    return {
      filters, list, rows, load, search, writing, open, done, edit, EXCHANGE_STATES, isMobile,
      canWrite: can('exchange.write'), staff: session.user?.role !== 'member',
    };
  },
  template: `
    <div class="page">
      <div class="page-head">
        <h2>经验交流</h2>
        <el-button v-if="canWrite" type="primary" icon="IconPlus" @click="writing = {}">撰写案例</el-button>
      </div>
      <div class="filters">
        <el-select v-if="staff" v-model="filters.state" clearable placeholder="状态" @change="search">
          <el-option v-for="(label, key) in EXCHANGE_STATES" :key="key" :value="key" :label="label" />
        </el-select>
        <el-checkbox v-model="filters.excellent" true-value="1" :false-value="null" @change="search">只看优秀案例</el-checkbox>
        <el-checkbox v-if="staff" v-model="filters.mine" true-value="1" :false-value="null" @change="search">只看本单位</el-checkbox>
        <el-input v-model="filters.q" clearable placeholder="搜索标题或正文" @change="search" />
      </div>
      <el-table :data="rows" v-loading="list.loading" empty-text="暂无经验案例" @row-click="open = $event.id" class="exchange-table">
        <el-table-column label="标题" min-width="180">
          <template #default="{ row }">
            <el-tag v-if="row.excellent" size="small" type="danger" effect="dark" disable-transitions>优秀</el-tag>
            <el-link type="primary">{{ row.title }}</el-link>
          </template>
        </el-table-column>
        <el-table-column v-if="!isMobile" prop="org_name" label="单位" min-width="140" show-overflow-tooltip />
        <el-table-column label="状态" width="96"><template #default="{ row }"><el-tag disable-transitions size="small" :type="row.tag">{{ row.stateLabel }}</el-tag></template></el-table-column>
        <el-table-column v-if="!isMobile" prop="comments" label="评论" width="64" />
      </el-table>
      <list-pager :list="list" @change="load" />
      <post-dialog v-if="writing" :post="writing.id ? writing : null" @done="done" @close="writing = null" />
      <post-drawer v-if="open" :id="open" @changed="load" @close="open = null" @edit="edit" />
    </div>`,
};
