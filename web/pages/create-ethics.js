// 师德师风: activities under the six named actions, commendations and typical
// cases, and — only for users the district granted — confidential
// misconduct cases (every read is audited by the server). The district
// manages the grants here.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { ETHICS_ACTIONS, HONOR_KINDS, HONOR_LEVELS, CASE_STATUSES, labelOf } from '../labels.js';
import { isMobile, showError, formatTime } from '../ui.js';
import { itemsOf, useLoad, LoadState, thisYear } from '../life.js';
import { SchoolSelect, RecordSection, districtWide } from './create-common.js';

const ACTIVITY_FIELDS = [
  { key: 'action', label: '行动', options: ETHICS_ACTIONS, required: true },
  { key: 'held_on', label: '日期', type: 'date', required: true },
  { key: 'title', label: '活动名称', required: true, width: 180 },
  { key: 'participants', label: '参加人数', type: 'int' },
  { key: 'outputs', label: '成果', type: 'textarea' },
];
const HONOR_FIELDS = [
  { key: 'kind', label: '类别', options: HONOR_KINDS, required: true },
  { key: 'person', label: '教师', required: true, maxlength: 40 },
  { key: 'level', label: '级别', options: HONOR_LEVELS, required: true },
  { key: 'held_on', label: '日期', type: 'date', required: true },
  { key: 'title', label: '名称', required: true, width: 180 },
  { key: 'detail', label: '事迹', type: 'textarea' },
];
const CASE_FIELDS = [
  { key: 'person', label: '当事人', required: true, maxlength: 40 },
  { key: 'occurred_on', label: '发生日期', type: 'date', required: true },
  { key: 'summary', label: '问题概要', type: 'textarea', required: true, width: 200 },
  { key: 'handling', label: '处理情况', type: 'textarea', width: 180 },
  { key: 'status', label: '状态', options: CASE_STATUSES },
];

/** The district's grants to read confidential cases. */
const GrantPanel = {
  name: 'GrantPanel',
  components: { LoadState },
  setup() {
    const grants = useLoad(async () => itemsOf(await api.get('/ethics/grants')));
    const form = reactive({ user_id: null, note: '' });
    const busy = ref(false);
    async function grant() {
      if (!form.user_id) return;
      busy.value = true;
      try {
        await api.post('/ethics/grants', { user_id: form.user_id, ...(form.note ? { note: form.note } : {}) });
        ElMessage.success('已授权');
        form.user_id = null;
        form.note = '';
        grants.load();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    async function revoke(row) {
      try {
        await api.del(`/ethics/grants/${row.user_id}`);
        ElMessage.success('已撤销授权');
        grants.load();
      } catch (err) {
        showError(err);
      }
    }
    // District staff grant by user number: the account list is the security administrator's (SEC-05).
    onMounted(() => grants.load());
    return { grants, form, busy, grant, revoke, formatTime };
  },
  template: `
    <el-card shadow="never">
      <template #header>违纪案件查阅授权<span class="hint">（仅被授权的用户可查看案件，每次查阅均记入审计日志）</span></template>
      <el-form inline @submit.prevent="grant">
        <el-form-item label="用户">
          <el-input-number v-model="form.user_id" :min="1" placeholder="用户编号" controls-position="right" />
        </el-form-item>
        <el-form-item label="说明"><el-input v-model="form.note" maxlength="200" /></el-form-item>
        <el-form-item><el-button type="primary" :loading="busy" @click="grant">授权</el-button></el-form-item>
      </el-form>
      <load-state :state="grants.state" :empty="grants.state.loaded && !(grants.data.value ?? []).length ? '尚未授权任何用户' : ''" @retry="grants.load">
        <el-table :data="grants.data.value ?? []" row-key="user_id">
          <el-table-column prop="username" label="用户" min-width="110" />
          <el-table-column prop="note" label="说明" min-width="120" show-overflow-tooltip />
          <el-table-column label="授权时间" min-width="150"><template #default="{ row }">{{ formatTime(row.granted_at) }}</template></el-table-column>
          <el-table-column label="操作" width="80"><template #default="{ row }"><el-button link type="danger" @click="revoke(row)">撤销</el-button></template></el-table-column>
        </el-table>
      </load-state>
    </el-card>`,
};

export default {
  name: 'EthicsPage',
  components: { LoadState, RecordSection, SchoolSelect, GrantPanel },
  setup() {
    const schoolId = ref(null);
    const year = ref(thisYear());
    const summary = useLoad(() => api.get('/ethics/summary', { school_id: schoolId.value, year: year.value }));
    const query = computed(() => ({ school_id: schoolId.value }));
    const granted = computed(() => Boolean(summary.data.value?.granted));
    onMounted(summary.load);
    return {
      schoolId, year, summary, query, granted, isMobile, districtWide, labelOf, ETHICS_ACTIONS, ACTIVITY_FIELDS,
      HONOR_FIELDS, CASE_FIELDS, district: can('create.district'), writable: can('create.write'),
    };
  },
  template: `
    <div class="page ethics-page">
      <div class="page-head">
        <h2>师德师风建设</h2>
        <div class="actions"><school-select v-if="districtWide" v-model="schoolId" @update:model-value="summary.load" /></div>
      </div>
      <el-card shadow="never">
        <template #header>{{ year }}年“六大行动”开展情况</template>
        <load-state :state="summary.state" @retry="summary.load">
          <div v-if="summary.data.value" class="ethics-summary" style="display:flex;flex-wrap:wrap;gap:16px">
            <el-statistic v-for="(label, k) in ETHICS_ACTIONS" :key="k" :title="label" :value="summary.data.value.actions[k]" />
            <el-statistic title="表彰与典型" :value="summary.data.value.honors" />
            <el-statistic v-if="granted" title="违纪案件" :value="summary.data.value.cases" />
          </div>
        </load-state>
      </el-card>
      <record-section title="六大行动活动" path="/ethics/activities" :fields="ACTIVITY_FIELDS" :query="query" :writable="writable" />
      <record-section title="表彰与典型案例" path="/ethics/honors" :fields="HONOR_FIELDS" :query="query" :writable="writable" />
      <record-section v-if="granted" class="ethics-cases" title="违纪案件（保密）" path="/ethics/cases" :fields="CASE_FIELDS"
        :query="query" :writable="writable" :deletable="false" hint="仅授权用户可见，每次查阅均记入审计日志" />
      <grant-panel v-if="district" />
    </div>`,
};
