// 学习记录: on a phone, a member records their study (what, when, how long),
// sees the points it earned, their points and rank in branch and school,
// and their own records; staff see their organizations' records and run
// reading sessions (书香红岩): book, host, time, attendance.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { STUDY_KINDS, RECORD_STATUSES, RECORD_FLAGS, labelOf } from '../labels.js';
import { OrgSelect } from '../orgs.js';
import { isMobile, dialogWidth, useFormErrors, showError, filledFields } from '../ui.js';
import { itemsOf, thisYear, useLoad, LoadState } from '../life.js';
import { usePagedList, ListPager } from '../list.js';

/** "YYYY-MM-DDTHH:MM" for now minus `minutes`, China time (the server's clock). */
function chinaDateTime(minutesAgo = 0) {
  const t = new Date(Date.now() + 8 * 3600 * 1000 - minutesAgo * 60000);
  return t.toISOString().slice(0, 16);
}

/** One record from the API → a list row. */
export function recordRow(r) {
  return {
    id: r.id,
    member: r.member_name ?? '',
    title: r.title,
    kind: labelOf(STUDY_KINDS, r.kind),
    when: String(r.started_at ?? '').replace('T', ' '),
    minutes: r.minutes,
    points: r.points,
    status: r.status,
    statusLabel: r.status === 'flagged'
      ? `${labelOf(RECORD_STATUSES, r.status)}：${labelOf(RECORD_FLAGS, r.flag)}` : labelOf(RECORD_STATUSES, r.status),
  };
}

/** The form a member records study with; emits `saved` with the answer. */
const RecordForm = {
  name: 'RecordForm',
  emits: ['saved'],
  setup(_, { emit }) {
    const blank = () => ({ kind: 'reading', item_id: null, title: '', started_at: chinaDateTime(60), minutes: 30, note: '' });
    const form = reactive(blank());
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const library = useLoad(async () => itemsOf(await api.get('/study/library', { per_page: 100 })));
    onMounted(() => library.load());

    async function save() {
      busy.value = true;
      clear();
      try {
        const body = filledFields({ ...form, item_id: form.item_id || null, title: form.title.trim() || null });
        const answer = await api.post('/study/records', body);
        if (answer.status === 'flagged') ElMessage.warning(answer.message ?? '已记录，待核实，暂不计分');
        else ElMessage.success(`已记录，获得 ${answer.points} 积分`);
        Object.assign(form, blank());
        emit('saved', answer);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, library, STUDY_KINDS, isMobile };
  },
  template: `
    <el-form class="record-form" novalidate :label-position="isMobile ? 'top' : 'right'" label-width="96px" @submit.prevent="save">
      <el-form-item label="学习方式" :error="errors.kind">
        <el-select v-model="form.kind" aria-label="学习方式">
          <el-option v-for="(label, key) in STUDY_KINDS" :key="key" :value="key" :label="label" />
        </el-select>
      </el-form-item>
      <el-form-item label="学习资料" :error="errors.item_id">
        <el-select v-model="form.item_id" clearable filterable placeholder="可选：从学习资料中选择" aria-label="学习资料">
          <el-option v-for="it in library.data.value ?? []" :key="it.id" :value="it.id" :label="it.title" />
        </el-select>
      </el-form-item>
      <el-form-item label="学习内容" :error="errors.title">
        <el-input v-model="form.title" maxlength="100" placeholder="如：读《红岩》第三章" aria-label="学习内容" />
      </el-form-item>
      <el-form-item label="开始时间" :error="errors.started_at">
        <el-input v-model="form.started_at" type="datetime-local" aria-label="开始时间" />
      </el-form-item>
      <el-form-item label="时长（分钟）" :error="errors.minutes">
        <el-input-number v-model="form.minutes" :min="1" :max="1440" :step="10" aria-label="时长（分钟）" />
      </el-form-item>
      <el-form-item label="心得备注" :error="errors.note">
        <el-input v-model="form.note" type="textarea" :rows="2" maxlength="500" aria-label="心得备注" />
      </el-form-item>
      <el-button type="primary" native-type="submit" :loading="busy" class="record-submit">提交记录</el-button>
    </el-form>`,
};

/** A member's own points, rank and records. */
const MemberStudy = {
  name: 'MemberStudy',
  components: { RecordForm, LoadState },
  setup() {
    const me = useLoad(() => api.get('/points/me', { year: thisYear() }));
    const records = useLoad(async () => itemsOf(await api.get('/study/records', { per_page: 20 })).map(recordRow));
    const readings = useLoad(async () => itemsOf(await api.get('/study/readings', { per_page: 10 })));
    function reload() {
      me.load();
      records.load();
    }
    /** An attendee's reflection (心得) on a reading session. */
    async function reflect(r) {
      let text;
      try {
        ({ value: text } = await ElMessageBox.prompt(`《${r.book}》读书会心得`, '写心得', {
          confirmButtonText: '提交', cancelButtonText: '取消', inputType: 'textarea',
          inputValidator: (v) => Boolean(v?.trim()) || '请填写心得',
        }));
      } catch {
        return;
      }
      try {
        await api.post(`/study/readings/${r.id}/reflection`, { reflection: text });
        ElMessage.success('心得已提交');
      } catch (err) {
        if (err.status === 404) ElMessage.warning('您未登记参加这次读书会，不能提交心得');
        else showError(err);
      }
    }
    onMounted(() => {
      reload();
      readings.load();
    });
    return { me, records, readings, reload, reflect };
  },
  template: `
    <div class="me-page study-page">
      <el-card shadow="never" class="me-card my-points">
        <template #header>我的学习积分（{{ me.data.value?.year ?? '' }}年）</template>
        <load-state :state="me.state" @retry="me.load">
          <div v-if="me.data.value" class="stat-row">
            <div class="stat"><b class="my-points-total">{{ me.data.value.points }}</b><span>年度积分</span></div>
            <div class="stat"><b class="my-branch-rank">{{ me.data.value.branch.rank }}</b><span>支部排名 / {{ me.data.value.branch.size }}人</span></div>
            <div class="stat"><b class="my-school-rank">{{ me.data.value.school.rank }}</b><span>学校排名 / {{ me.data.value.school.size }}人</span></div>
          </div>
          <p v-if="me.data.value" class="hint">
            {{ me.data.value.branch.name }} · 已记录 {{ me.data.value.records }} 次，共 {{ me.data.value.minutes }} 分钟
            <template v-if="me.data.value.flagged">；{{ me.data.value.flagged }} 条待核实，不计分</template>
          </p>
        </load-state>
      </el-card>
      <el-card shadow="never" class="me-card">
        <template #header>记录学习</template>
        <record-form @saved="reload" />
      </el-card>
      <el-card shadow="never" class="me-card">
        <template #header>我的学习记录</template>
        <load-state :state="records.state" :empty="records.state.loaded && !records.data.value?.length ? '还没有学习记录' : ''" @retry="records.load">
          <ul class="me-list study-records">
            <li v-for="r in records.data.value" :key="r.id">
              <div><b>{{ r.title }}</b></div>
              <span class="hint">{{ r.when }} · {{ r.kind }} · {{ r.minutes }} 分钟</span>
              <el-tag disable-transitions size="small" :type="r.status === 'counted' ? 'success' : 'warning'">
                {{ r.status === 'counted' ? '+' + r.points + ' 分' : r.statusLabel }}
              </el-tag>
            </li>
          </ul>
        </load-state>
      </el-card>
      <el-card shadow="never" class="me-card">
        <template #header>书香红岩读书会</template>
        <load-state :state="readings.state" :empty="readings.state.loaded && !readings.data.value?.length ? '支部近期没有读书会' : ''" @retry="readings.load">
          <ul class="me-list">
            <li v-for="r in readings.data.value" :key="r.id">
              <div><b>《{{ r.book }}》</b> <span class="hint">主持：{{ r.host }}</span></div>
              <span class="hint">{{ String(r.held_at).replace('T', ' ') }} · {{ r.present }} 人出席</span>
              <el-button link type="primary" size="small" @click="reflect(r)">写心得</el-button>
            </li>
          </ul>
        </load-state>
      </el-card>
    </div>`,
};

/** A new reading session, then who attended. */
const ReadingDialog = {
  name: 'ReadingDialog',
  components: { OrgSelect },
  emits: ['done', 'close'],
  setup(_, { emit }) {
    const form = reactive({ org_id: null, book: '', host: '', held_at: chinaDateTime(180).slice(0, 11) + '15:00', minutes: 90, summary: '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    async function save() {
      busy.value = true;
      clear();
      try {
        await api.post('/study/readings', filledFields(form));
        ElMessage.success('读书会已登记');
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
    <el-dialog :model-value="true" title="登记读书会（书香红岩）" :width="dialogWidth" @close="$emit('close')">
      <el-form :label-position="isMobile ? 'top' : 'right'" label-width="96px">
        <el-form-item label="党组织" :error="errors.org_id"><org-select v-model="form.org_id" /></el-form-item>
        <el-form-item label="书名" :error="errors.book"><el-input v-model="form.book" maxlength="100" /></el-form-item>
        <el-form-item label="主持人" :error="errors.host"><el-input v-model="form.host" maxlength="40" /></el-form-item>
        <el-form-item label="时间" :error="errors.held_at"><el-input v-model="form.held_at" type="datetime-local" /></el-form-item>
        <el-form-item label="时长（分钟）" :error="errors.minutes"><el-input-number v-model="form.minutes" :min="10" :max="600" :step="10" /></el-form-item>
        <el-form-item label="内容摘要" :error="errors.summary"><el-input v-model="form.summary" type="textarea" :rows="3" maxlength="2000" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

/** Attendance of a reading session: who was present; each gets a record. */
const AttendDialog = {
  name: 'AttendDialog',
  props: { reading: { type: Object, required: true } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const members = useLoad(async () => itemsOf(await api.get('/members', { org_id: props.reading.org_id, per_page: 100 })));
    const detail = useLoad(() => api.get(`/study/readings/${props.reading.id}`));
    const picked = ref([]);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    onMounted(() => {
      members.load();
      detail.load();
    });
    async function save() {
      busy.value = true;
      clear();
      try {
        await api.put(`/study/readings/${props.reading.id}/attendance`, { member_ids: picked.value });
        ElMessage.success('出席已登记，学习积分已计入');
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { members, detail, picked, errors, busy, save, dialogWidth };
  },
  template: `
    <el-dialog :model-value="true" :title="'出席与心得：《' + reading.book + '》'" :width="dialogWidth" @close="$emit('close')">
      <template v-if="detail.data.value?.attendance?.length">
        <ul class="me-list">
          <li v-for="a in detail.data.value.attendance" :key="a.member_id">
            <b>{{ a.name }}</b>
            <el-tag disable-transitions size="small" :type="a.status === 'counted' ? 'success' : 'warning'">{{ a.status === 'counted' ? '+' + a.points + ' 分' : '待核' }}</el-tag>
            <div class="hint">{{ a.reflection || '（尚未提交心得）' }}</div>
          </li>
        </ul>
      </template>
      <template v-else>
        <p class="hint">勾选出席的党员；每人计入一条“读书会”学习记录。</p>
        <el-form-item :error="errors.member_ids">
          <el-checkbox-group v-model="picked">
            <el-checkbox v-for="m in members.data.value ?? []" :key="m.id" :value="m.id">{{ m.name }}</el-checkbox>
          </el-checkbox-group>
        </el-form-item>
      </template>
      <template #footer>
        <el-button @click="$emit('close')">关闭</el-button>
        <el-button v-if="!detail.data.value?.attendance?.length" type="primary" :loading="busy" @click="save">登记出席</el-button>
      </template>
    </el-dialog>`,
};

/** Staff: their organizations' records and reading sessions. */
const StaffStudy = {
  name: 'StaffStudy',
  components: { OrgSelect, ListPager, ReadingDialog, AttendDialog },
  setup() {
    const filters = reactive({ org_id: null, status: null, kind: null });
    const { list, load, search } = usePagedList('/study/records', filters);
    const readings = usePagedList('/study/readings', {});
    const rows = computed(() => list.items.map(recordRow));
    const newReading = ref(false);
    const attending = ref(null);
    onMounted(() => {
      load();
      readings.load();
    });
    function readingsDone() {
      newReading.value = false;
      attending.value = null;
      readings.load();
      load();
    }
    return {
      filters, list, rows, load, search, readings, newReading, attending, readingsDone,
      STUDY_KINDS, RECORD_STATUSES, isMobile, canPublish: can('study.publish'),
    };
  },
  template: `
    <div class="page">
      <div class="page-head"><h2>学习记录</h2></div>
      <el-tabs>
        <el-tab-pane label="党员学习记录">
          <div class="filters">
            <org-select v-model="filters.org_id" placeholder="全部组织" @update:model-value="search" />
            <el-select v-model="filters.kind" clearable placeholder="学习方式" @change="search">
              <el-option v-for="(label, key) in STUDY_KINDS" :key="key" :value="key" :label="label" />
            </el-select>
            <el-select v-model="filters.status" clearable placeholder="计分状态" @change="search">
              <el-option v-for="(label, key) in RECORD_STATUSES" :key="key" :value="key" :label="label" />
            </el-select>
          </div>
          <el-table :data="rows" v-loading="list.loading" empty-text="暂无学习记录">
            <el-table-column prop="member" label="党员" min-width="80" />
            <el-table-column prop="title" label="学习内容" min-width="160" />
            <el-table-column v-if="!isMobile" prop="kind" label="方式" width="96" />
            <el-table-column v-if="!isMobile" prop="when" label="开始时间" width="150" />
            <el-table-column v-if="!isMobile" prop="minutes" label="分钟" width="72" />
            <el-table-column label="积分" width="120">
              <template #default="{ row }">
                <el-tag disable-transitions size="small" :type="row.status === 'counted' ? 'success' : 'warning'">{{ row.status === 'counted' ? row.points : row.statusLabel }}</el-tag>
              </template>
            </el-table-column>
          </el-table>
          <list-pager :list="list" @change="load" />
        </el-tab-pane>
        <el-tab-pane label="读书会（书香红岩）">
          <el-button v-if="canPublish" type="primary" icon="IconPlus" @click="newReading = true">登记读书会</el-button>
          <el-table :data="readings.list.items" v-loading="readings.list.loading" empty-text="暂无读书会">
            <el-table-column prop="book" label="书名" min-width="120" />
            <el-table-column prop="host" label="主持人" width="96" />
            <el-table-column label="时间" width="150"><template #default="{ row }">{{ String(row.held_at).replace('T', ' ') }}</template></el-table-column>
            <el-table-column v-if="!isMobile" prop="org_name" label="组织" min-width="120" show-overflow-tooltip />
            <el-table-column prop="present" label="出席" width="64" />
            <el-table-column label="操作" width="100">
              <template #default="{ row }"><el-button link type="primary" @click="attending = row">{{ row.present ? '查看' : '登记出席' }}</el-button></template>
            </el-table-column>
          </el-table>
          <list-pager :list="readings.list" @change="readings.load" />
        </el-tab-pane>
      </el-tabs>
      <reading-dialog v-if="newReading" @done="readingsDone" @close="newReading = false" />
      <attend-dialog v-if="attending" :reading="attending" @done="readingsDone" @close="attending = null" />
    </div>`,
};

export default {
  name: 'StudyPage',
  components: { MemberStudy, StaffStudy },
  setup() {
    return { member: computed(() => can('study.record')) };
  },
  template: `<member-study v-if="member" /><staff-study v-else />`,
};
