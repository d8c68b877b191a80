// 培训项目: the district's tiered training (领航, 奋飞, 群鹰 and any tier
// it adds): programmes with sessions of several forms and their hours,
// enrolment and attendance; per-person hours per year against the yearly
// minimum (CUL-03), with the list of those short of it and an .xlsx export.
import { ref, computed, onMounted, watch } from 'vue';
import { api } from '../api.js';
import { can } from '../session.js';
import { TRAINING_FORMS, labelOf } from '../labels.js';
import { isMobile } from '../ui.js';
import { thisYear, todayChina, useLoad, LoadState, saveFile } from '../life.js';
import { FormDialog, recentYears } from './cultivate-ui.js';
import { queryParam } from '../router.js';

const SESSION_FIELDS = [
  { key: 'title', label: '课程/活动名称', required: true, max: 100 },
  { key: 'form', label: '形式', type: 'select', options: TRAINING_FORMS, required: true },
  { key: 'module', label: '研学模块', max: 64, show: (f) => f.form === 'study_trip', required: true },
  { key: 'held_on', label: '日期', type: 'date', required: true },
  { key: 'hours', label: '学时', type: 'number', min: 1, maxValue: 200, required: true },
  { key: 'place', label: '地点', max: 100 },
];
const ENROL_FIELDS = [{ key: 'member_id', label: '学员', type: 'member', required: true }];
const TIER_FIELDS = [{ key: 'name', label: '层级名称', required: true, max: 16 }];

export default {
  name: 'ProgrammesPage',
  components: { FormDialog, LoadState },
  setup() {
    // ?tab=hours (the alert centre's training_below_min link) opens the hours, below the minimum.
    const tab = ref(queryParam('tab') === 'hours' ? 'hours' : 'programmes');
    const year = ref(thisYear());
    const tiers = useLoad(() => api.get('/programmes/tiers'));
    const programmes = useLoad(() => api.get('/programmes', { year: year.value }));
    const picked = ref(null);
    const detail = useLoad((id) => api.get(`/programmes/${id}`));
    const belowOnly = ref(tab.value === 'hours');
    const hours = useLoad(() => api.get('/programmes/hours', { year: year.value, below: belowOnly.value ? 1 : 0 }));
    const dialog = ref(null);
    const manage = computed(() => can('programmes.manage'));
    const canWrite = computed(() => can('cultivation.write'));
    const tierOptions = computed(() => Object.fromEntries((tiers.data.value?.items ?? []).map((t) => [t.id, t.name])));

    function reload() {
      programmes.load();
      hours.load();
      if (picked.value) detail.load(picked.value);
    }
    onMounted(() => {
      tiers.load();
      reload();
    });
    watch(year, () => {
      picked.value = null;
      reload();
    });
    watch(belowOnly, () => hours.load());

    function pick(row) {
      picked.value = row.id;
      detail.load(row.id);
    }
    function open(kind, row) {
      const id = picked.value;
      if (kind === 'programme') {
        dialog.value = { title: '新建培训项目', ok: '创建', initial: { year: year.value, required_hours: 40, starts_on: `${year.value}-03-01`, ends_on: `${year.value}-12-31` },
          fields: [
            { key: 'tier_id', label: '培训层级', type: 'select', options: tierOptions.value, required: true },
            { key: 'name', label: '项目名称', required: true, max: 100 },
            { key: 'year', label: '年度', type: 'number', min: 2000, maxValue: 2100, required: true },
            { key: 'required_hours', label: '结业学时', type: 'number', maxValue: 1000 },
            { key: 'starts_on', label: '开始日期', type: 'date', required: true },
            { key: 'ends_on', label: '结束日期', type: 'date', required: true },
            { key: 'description', label: '简介', type: 'textarea', max: 2000 },
          ],
          submit: (b) => api.post('/programmes', { ...b, tier_id: Number(b.tier_id) }) };
      } else if (kind === 'session') {
        dialog.value = { title: '添加课程/活动', fields: SESSION_FIELDS, ok: '添加', initial: { form: 'seminar', held_on: todayChina(), hours: 8 },
          submit: (b) => api.post(`/programmes/${id}/sessions`, b) };
      } else if (kind === 'enrol') {
        dialog.value = { title: '学员报名', fields: ENROL_FIELDS, ok: '报名', initial: {}, submit: (b) => api.post(`/programmes/${id}/enrolments`, b) };
      } else if (kind === 'tier') {
        dialog.value = { title: '新增培训层级', fields: TIER_FIELDS, ok: '新增', initial: {}, submit: (b) => api.post('/programmes/tiers', b) };
      } else {
        const options = (detail.data.value?.enrolments ?? []).map((e) => ({ value: e.member_id, label: e.name }));
        dialog.value = { title: `记录出勤 · ${row.title}（${row.hours} 学时）`, ok: '记录出勤', initial: {},
          fields: [{ key: 'member_ids', label: '出勤学员', type: 'checks', options, required: true }],
          submit: (b) => api.post(`/programmes/sessions/${row.id}/attendance`, b) };
      }
    }
    function done() {
      dialog.value = null;
      tiers.load();
      reload();
    }
    function certificate(row) {
      saveFile('GET', `/programmes/enrolments/${row.id}/certificate.pdf`, { name: `结业证书-${row.name}.pdf` });
    }
    function exportHours() {
      saveFile('GET', '/programmes/hours.xlsx', { query: { year: year.value, below: belowOnly.value ? 1 : 0 }, name: `培训学时-${year.value}.xlsx` });
    }
    const programmeRows = computed(() => programmes.data.value?.items ?? []);
    const info = computed(() => detail.data.value);
    const hoursData = computed(() => hours.data.value);
    return {
      programmeRows, info, hoursData, tab, year, years: recentYears(thisYear()), tiers, programmes, picked, detail, hours, belowOnly, dialog,
      manage, canWrite, pick, open, done, exportHours, certificate, isMobile, TRAINING_FORMS, labelOf,
    };
  },
  template: `
    <div class="page programmes-page">
      <div class="page-head">
        <h2>培训项目</h2>
        <div>
          <el-select v-model="year" class="year-select" style="width: 110px">
            <el-option v-for="y in years" :key="y" :label="y + ' 年'" :value="y" />
          </el-select>
          <el-button v-if="manage" @click="open('tier')">新增层级</el-button>
          <el-button v-if="manage" type="primary" icon="IconPlus" @click="open('programme')">新建项目</el-button>
        </div>
      </div>
      <el-tabs v-model="tab">
        <el-tab-pane label="项目与课程" name="programmes">
          <LoadState :state="programmes.state" @retry="programmes.load()">
            <el-table :data="programmeRows" class="programmes-table" highlight-current-row empty-text="本年度暂无培训项目" @row-click="pick">
              <el-table-column prop="tier" label="层级" width="80" />
              <el-table-column prop="name" label="项目" min-width="180" />
              <el-table-column prop="sessions" label="课程" width="70" />
              <el-table-column prop="hours" label="总学时" width="80" />
              <el-table-column prop="enrolled" label="学员" width="70" />
            </el-table>
          </LoadState>
          <el-card v-if="picked" shadow="never" class="programme-detail">
            <LoadState :state="detail.state" @retry="detail.load(picked)">
              <template v-if="info">
                <div class="page-head">
                  <h3>{{ info.name }}（结业 {{ info.required_hours }} 学时）</h3>
                  <div>
                    <el-button v-if="manage" size="small" @click="open('session')">添加课程</el-button>
                    <el-button v-if="canWrite" size="small" type="primary" @click="open('enrol')">学员报名</el-button>
                  </div>
                </div>
                <el-table :data="info.sessions" size="small" class="sessions-table" empty-text="暂无课程">
                  <el-table-column prop="held_on" label="日期" width="110" />
                  <el-table-column prop="title" label="课程/活动" min-width="160" />
                  <el-table-column label="形式" width="100"><template #default="{ row }">{{ labelOf(TRAINING_FORMS, row.form) }}<span v-if="row.module" class="hint">·{{ row.module }}</span></template></el-table-column>
                  <el-table-column prop="hours" label="学时" width="60" />
                  <el-table-column prop="attended" label="出勤" width="60" />
                  <el-table-column v-if="canWrite" label="操作" width="100">
                    <template #default="{ row }"><el-button link type="primary" @click="open('attend', row)">记录出勤</el-button></template>
                  </el-table-column>
                </el-table>
                <el-table :data="info.enrolments" size="small" class="enrolments-table" empty-text="暂无学员">
                  <el-table-column prop="name" label="学员" min-width="90" />
                  <el-table-column v-if="!isMobile" prop="org_name" label="所在组织" min-width="150" show-overflow-tooltip />
                  <el-table-column prop="hours" label="已获学时" width="90" />
                  <el-table-column label="结业" width="80"><template #default="{ row }"><el-tag :type="row.completed ? 'success' : 'info'" size="small">{{ row.completed ? '已结业' : '未结业' }}</el-tag></template></el-table-column>
                  <el-table-column label="证书" width="70">
                    <template #default="{ row }"><el-button v-if="row.completed" link type="primary" @click="certificate(row)">下载</el-button></template>
                  </el-table-column>
                </el-table>
              </template>
            </LoadState>
          </el-card>
        </el-tab-pane>
        <el-tab-pane label="学时统计" name="hours">
          <div class="filters">
            <el-checkbox v-model="belowOnly" class="below-only">只看未达到年度最低学时的</el-checkbox>
            <el-button icon="IconDownload" @click="exportHours">导出 Excel</el-button>
          </div>
          <LoadState :state="hours.state" @retry="hours.load()">
            <p class="hint" v-if="hoursData">年度最低学时：{{ hoursData.minimum }}（<rule-ref code="CUL-03" />）</p>
            <el-table :data="hoursData?.items ?? []" size="small" class="hours-table" empty-text="暂无学员">
              <el-table-column prop="name" label="姓名" min-width="90" />
              <el-table-column v-if="!isMobile" prop="org_name" label="所在组织" min-width="160" show-overflow-tooltip />
              <el-table-column prop="hours" label="学时" width="70" />
              <el-table-column label="差额" width="70"><template #default="{ row }">{{ row.short_by || '' }}</template></el-table-column>
              <el-table-column label="达标" width="80"><template #default="{ row }"><el-tag :type="row.met ? 'success' : 'danger'" size="small">{{ row.met ? '达标' : '未达标' }}</el-tag></template></el-table-column>
            </el-table>
          </LoadState>
        </el-tab-pane>
      </el-tabs>
      <FormDialog v-if="dialog" :title="dialog.title" :fields="dialog.fields" :initial="dialog.initial"
        :submit="dialog.submit" :ok-text="dialog.ok" @done="done" @close="dialog = null" />
    </div>`,
};
