// 学习资料: the study library (documents, links, videos by link, with
// topics) and study plans per organization. District and school staff
// publish; everyone at or below the publishing organization reads.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { LIBRARY_KINDS, labelOf } from '../labels.js';
import { OrgSelect } from '../orgs.js';
import { isMobile, dialogWidth, useFormErrors, showError, filledFields } from '../ui.js';
import { itemsOf, thisYear, useLoad, LoadState } from '../life.js';
import { usePagedList, ListPager } from '../list.js';
import { FileList, FILE_ACCEPT, uploadFiles } from '../files.js';

/** Publishing an item (a document's file is uploaded right after), or
 * editing one (`item`: its organization and kind stay; a document's file
 * is replaced in place). */
const ItemDialog = {
  name: 'ItemDialog',
  components: { OrgSelect, FileList },
  props: { item: { type: Object, default: null } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const it = props.item;
    const form = reactive(it
      ? { org_id: it.org_id, kind: it.kind, title: it.title, topic: it.topic, url: it.url ?? '', summary: it.summary ?? '', minutes: it.minutes }
      : { org_id: null, kind: 'link', title: '', topic: '', url: '', summary: '', minutes: 30 });
    const file = ref(null);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    function pick(ev) {
      file.value = ev.target.files?.[0] ?? null;
    }
    async function save() {
      busy.value = true;
      clear();
      try {
        if (it) {
          const body = { title: form.title, topic: form.topic, summary: form.summary, minutes: form.minutes };
          if (form.kind !== 'document') body.url = form.url;
          await api.patch(`/study/library/${it.id}`, body);
          ElMessage.success('资料已修改');
          emit('done');
          return;
        }
        const body = filledFields({ ...form, url: form.kind === 'document' ? null : form.url });
        const item = await api.post('/study/library', body);
        if (form.kind === 'document' && file.value) {
          const { problems } = await uploadFiles('study/library', item.id, [file.value]);
          if (problems.length) {
            // The item is published without it: the file is added by 修改.
            ElMessage({
              type: 'warning', duration: 10000, showClose: true,
              message: `资料已发布，但文件未上传：${problems[0].message}。可点“修改”重新上传`,
            });
            emit('done');
            return;
          }
        }
        ElMessage.success('资料已发布');
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, pick, editing: !!it, item: it, LIBRARY_KINDS, dialogWidth, isMobile, FILE_ACCEPT };
  },
  template: `
    <el-dialog :model-value="true" :title="editing ? '修改学习资料' : '发布学习资料'" :width="dialogWidth" @close="$emit('close')">
      <el-form :label-position="isMobile ? 'top' : 'right'" label-width="96px">
        <el-form-item v-if="!editing" label="发布组织" :error="errors.org_id"><org-select v-model="form.org_id" /></el-form-item>
        <el-form-item v-if="!editing" label="类型" :error="errors.kind">
          <el-radio-group v-model="form.kind">
            <el-radio-button v-for="(label, key) in LIBRARY_KINDS" :key="key" :value="key">{{ label }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item label="标题" :error="errors.title"><el-input v-model="form.title" maxlength="100" /></el-form-item>
        <el-form-item label="专题" :error="errors.topic"><el-input v-model="form.topic" maxlength="40" placeholder="如：理论学习、党史学习教育" /></el-form-item>
        <el-form-item v-if="form.kind !== 'document'" label="网址" :error="errors.url"><el-input v-model="form.url" maxlength="500" placeholder="https://" /></el-form-item>
        <el-form-item v-else-if="!editing" label="文件" :error="errors.file || errors.name">
          <input type="file" :accept="FILE_ACCEPT" @change="pick" />
        </el-form-item>
        <el-form-item v-else label="文件">
          <file-list path="study/library" :owner-id="item.id" single class="library-file" />
        </el-form-item>
        <el-form-item label="建议时长" :error="errors.minutes"><el-input-number v-model="form.minutes" :min="0" :max="1440" :step="10" /> 分钟</el-form-item>
        <el-form-item label="简介" :error="errors.summary"><el-input v-model="form.summary" type="textarea" :rows="3" maxlength="1000" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">{{ editing ? '保存' : '发布' }}</el-button>
      </template>
    </el-dialog>`,
};

/** A plan (organization, year, title); entries are added one by one. */
const PlanDialog = {
  name: 'PlanDialog',
  components: { OrgSelect },
  props: { plan: { type: Object, default: null } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({ org_id: null, year: thisYear(), title: `${thisYear()}年度学习计划`, topic: '', entry: '', planned_on: null });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    async function save() {
      busy.value = true;
      clear();
      try {
        if (props.plan) {
          await api.post(`/study/plans/${props.plan.id}/entries`, filledFields({ topic: form.topic, title: form.entry, planned_on: form.planned_on }));
        } else {
          await api.post('/study/plans', { org_id: form.org_id, year: form.year, title: form.title });
        }
        ElMessage.success('已保存');
        emit('done');
      } catch (err) {
        if (err.fields?.title && props.plan) err.fields.entry = err.fields.title;
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, dialogWidth, isMobile };
  },
  template: `
    <el-dialog :model-value="true" :title="plan ? '添加计划条目：' + plan.title : '新建学习计划'" :width="dialogWidth" @close="$emit('close')">
      <el-form :label-position="isMobile ? 'top' : 'right'" label-width="96px">
        <template v-if="!plan">
          <el-form-item label="党组织" :error="errors.org_id"><org-select v-model="form.org_id" /></el-form-item>
          <el-form-item label="年度" :error="errors.year"><el-input-number v-model="form.year" :min="2000" :max="2100" /></el-form-item>
          <el-form-item label="计划名称" :error="errors.title"><el-input v-model="form.title" maxlength="100" /></el-form-item>
        </template>
        <template v-else>
          <el-form-item label="专题" :error="errors.topic"><el-input v-model="form.topic" maxlength="40" /></el-form-item>
          <el-form-item label="学习内容" :error="errors.entry"><el-input v-model="form.entry" maxlength="100" /></el-form-item>
          <el-form-item label="计划日期" :error="errors.planned_on"><el-date-picker v-model="form.planned_on" type="date" value-format="YYYY-MM-DD" /></el-form-item>
        </template>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'StudyLibraryPage',
  components: { ItemDialog, PlanDialog, ListPager, LoadState, FileList },
  setup() {
    const filters = reactive({ kind: null, topic: null, q: null });
    const { list, load, search } = usePagedList('/study/library', filters);
    const topics = useLoad(async () => itemsOf(await api.get('/study/library/topics')));
    const year = ref(thisYear());
    const plans = useLoad(async () => itemsOf(await api.get('/study/plans', { year: year.value })));
    const publishing = ref(false);
    const editingItem = ref(null);
    const planning = ref(null);
    const rows = computed(() => list.items.map((it) => ({ ...it, kindLabel: labelOf(LIBRARY_KINDS, it.kind) })));

    function reload() {
      publishing.value = false;
      editingItem.value = null;
      planning.value = null;
      load();
      topics.load();
      plans.load();
    }
    async function remove(row) {
      try {
        await ElMessageBox.confirm(`确定删除“${row.title}”吗？`, '删除资料', { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
      } catch {
        return;
      }
      try {
        await api.del(`/study/library/${row.id}`);
        reload();
      } catch (err) {
        showError(err);
      }
    }
    async function confirmed(text, title) {
      try {
        await ElMessageBox.confirm(text, title, { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
        return true;
      } catch {
        return false;
      }
    }
    async function renamePlan(p) {
      let title;
      try {
        ({ value: title } = await ElMessageBox.prompt('新的计划名称', '修改学习计划', {
          inputValue: p.title, confirmButtonText: '保存', cancelButtonText: '取消',
          inputValidator: (v) => (v && v.trim() ? true : '请填写计划名称'),
        }));
      } catch {
        return;
      }
      try {
        await api.patch(`/study/plans/${p.id}`, { title });
        ElMessage.success('计划已修改');
        plans.load();
      } catch (err) {
        showError(err);
      }
    }
    async function removePlan(p) {
      if (!(await confirmed(`确定删除学习计划“${p.title}”吗？`, '删除学习计划'))) return;
      try {
        await api.del(`/study/plans/${p.id}`);
        plans.load();
      } catch (err) {
        showError(err);
      }
    }
    async function removeEntry(e) {
      if (!(await confirmed(`确定删除条目“${e.title}”吗？`, '删除计划条目'))) return;
      try {
        await api.del(`/study/plans/entries/${e.id}`);
        plans.load();
      } catch (err) {
        showError(err);
      }
    }
    const filesOf = ref(null); // the document whose file is shown
    onMounted(reload);
    return {
      filters, list, rows, load, search, topics, year, plans, publishing, editingItem, planning, reload, remove, filesOf,
      renamePlan, removePlan, removeEntry,
      LIBRARY_KINDS, isMobile, canPublish: can('study.publish'),
    };
  },
  template: `
    <div class="page">
      <div class="page-head">
        <h2>学习资料</h2>
        <el-button v-if="canPublish" type="primary" icon="IconPlus" @click="publishing = true">发布资料</el-button>
      </div>
      <el-tabs>
        <el-tab-pane label="资料库">
          <div class="filters">
            <el-select v-model="filters.kind" clearable placeholder="类型" @change="search">
              <el-option v-for="(label, key) in LIBRARY_KINDS" :key="key" :value="key" :label="label" />
            </el-select>
            <el-select v-model="filters.topic" clearable placeholder="专题" @change="search">
              <el-option v-for="t in topics.data.value ?? []" :key="t.topic" :value="t.topic" :label="t.topic + '（' + t.count + '）'" />
            </el-select>
            <el-input v-model="filters.q" clearable placeholder="搜索标题或简介" @change="search" />
          </div>
          <el-table :data="rows" v-loading="list.loading" empty-text="暂无学习资料">
            <el-table-column prop="title" label="标题" min-width="160">
              <template #default="{ row }">
                <a v-if="row.url" :href="row.url" target="_blank" rel="noopener">{{ row.title }}</a>
                <span v-else>{{ row.title }}</span>
                <div v-if="row.summary" class="hint">{{ row.summary }}</div>
              </template>
            </el-table-column>
            <el-table-column prop="kindLabel" label="类型" width="84" />
            <el-table-column v-if="!isMobile" prop="topic" label="专题" width="110" />
            <el-table-column v-if="!isMobile" prop="org_name" label="发布组织" min-width="120" show-overflow-tooltip />
            <el-table-column label="操作" :width="canPublish ? (isMobile ? 96 : 170) : 72">
              <template #default="{ row }">
                <el-button v-if="row.has_file" link type="primary" @click="filesOf = row">下载</el-button>
                <el-button v-if="canPublish" link type="primary" @click="editingItem = row">修改</el-button>
                <el-button v-if="canPublish" link type="danger" @click="remove(row)">删除</el-button>
              </template>
            </el-table-column>
          </el-table>
          <list-pager :list="list" @change="load" />
        </el-tab-pane>
        <el-tab-pane label="学习计划">
          <div class="filters">
            <el-input-number v-model="year" :min="2000" :max="2100" @change="plans.load" />
            <el-button v-if="canPublish" icon="IconPlus" @click="planning = {}">新建学习计划</el-button>
          </div>
          <load-state :state="plans.state" :empty="plans.state.loaded && !plans.data.value?.length ? '本年度暂无学习计划' : ''" @retry="plans.load">
            <el-card v-for="p in plans.data.value" :key="p.id" shadow="never" class="plan-card">
              <template #header>
                <b>{{ p.title }}</b> <span class="hint">{{ p.org_name }}</span>
                <el-button v-if="canPublish" link type="primary" @click="planning = p">添加条目</el-button>
                <el-button v-if="canPublish" link type="primary" @click="renamePlan(p)">改名</el-button>
                <el-button v-if="canPublish" link type="danger" @click="removePlan(p)">删除计划</el-button>
              </template>
              <el-empty v-if="!p.entries.length" :image-size="48" description="尚无条目" />
              <ul v-else class="me-list">
                <li v-for="e in p.entries" :key="e.id">
                  <span>{{ e.planned_on }}</span><el-tag disable-transitions size="small">{{ e.topic }}</el-tag><b>{{ e.title }}</b>
                  <el-button v-if="canPublish" link type="danger" size="small" @click="removeEntry(e)">删除</el-button>
                </li>
              </ul>
            </el-card>
          </load-state>
        </el-tab-pane>
      </el-tabs>
      <item-dialog v-if="publishing" @done="reload" @close="publishing = false" />
      <item-dialog v-if="editingItem" :item="editingItem" @done="reload" @close="editingItem = null" />
      <el-dialog v-if="filesOf" :model-value="true" :title="'资料文件 · ' + filesOf.title" :width="isMobile ? '94%' : '520px'" @close="filesOf = null">
        <file-list path="study/library" :owner-id="filesOf.id" single readonly class="library-file" />
      </el-dialog>
      <plan-dialog v-if="planning" :plan="planning.id ? planning : null" @done="reload" @close="planning = null" />
    </div>`,
};
