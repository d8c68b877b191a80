// 双培养: the two registers per school and year (teaching backbones to
// develop as members; member teachers to develop as backbones): nominate,
// the committee's comparison by score, contacts, outcome; and the year's
// statistics by ownership and by school, counted by the server.
import { ref, reactive, computed, onMounted, watch } from 'vue';
import { api } from '../api.js';
import { can } from '../session.js';
import { CULT_KINDS, CULT_STATES, CULT_STATE_TAGS, CULT_OUTCOMES, OWNERSHIPS, APPLICANT_STATUSES, labelOf } from '../labels.js';
import { navigate } from '../router.js';
import { isMobile } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';
import { thisYear, todayChina, useLoad, LoadState } from '../life.js';
import { FormDialog, recentYears } from './cultivate-ui.js';

const NOMINATE_FIELDS = [
  { key: 'org_id', label: '学校党组织', type: 'org', required: true },
  { key: 'kind', label: '登记类别', type: 'select', options: CULT_KINDS, required: true },
  { key: 'name', label: '姓名', required: true, max: 32, show: (f) => f.kind !== 'member_to_backbone' },
  { key: 'member_id', label: '党员教师', type: 'member', required: true, show: (f) => f.kind === 'member_to_backbone' },
  { key: 'subject', label: '任教学科', max: 32 },
  { key: 'title', label: '职称/骨干级别', max: 64 },
  { key: 'nominated_on', label: '推荐日期', type: 'date', required: true },
  { key: 'reason', label: '推荐理由', type: 'textarea', max: 500 },
];
const SELECT_FIELDS = [
  { key: 'selected', label: '确定为培养对象', type: 'switch' },
  { key: 'score', label: '比较遴选得分（0–100）', type: 'number', maxValue: 100, required: true },
  { key: 'date', label: '遴选日期', type: 'date', required: true },
];
const CONTACT_FIELDS = [
  { key: 'member_ids', label: '培养联系人（1–2 名正式党员）', type: 'members', status: 'full', required: true },
];
const outcomeFields = (row) => [
  { key: 'outcome', label: '培养结果', type: 'select', required: true,
    options: row.kind === 'backbone_to_member' ? { joined_pipeline: CULT_OUTCOMES.joined_pipeline } : { became_backbone: CULT_OUTCOMES.became_backbone } },
  { key: 'date', label: '日期', type: 'date', required: true },
  { key: 'title', label: '骨干称号', max: 64, required: row.kind === 'member_to_backbone', show: () => row.kind === 'member_to_backbone' },
  // CUL-04: the person enters the pipeline at step 1 (or is linked to the
  // applicant of the same ID number) in the same transaction.
  { key: 'id_card', label: '身份证号', max: 18, required: row.kind === 'backbone_to_member', show: () => row.kind === 'backbone_to_member' },
  { key: 'org_id', label: '申请人所在党支部（组织为支部时可不选）', type: 'org', kinds: ['branch'], show: () => row.kind === 'backbone_to_member' },
  { key: 'education', label: '学历', max: 20, show: () => row.kind === 'backbone_to_member' },
  { key: 'post', label: '岗位', max: 40, show: () => row.kind === 'backbone_to_member' },
];

export default {
  name: 'CultivationPage',
  components: { FormDialog, ListPager, LoadState },
  setup() {
    const year = ref(thisYear());
    const filters = reactive({ year: year.value, kind: '', state: '' });
    const { list, load, search, sortBy } = usePagedList('/cultivation', filters);
    const stats = useLoad(() => api.get('/cultivation/stats', { year: year.value }));
    const dialog = ref(null);
    const canWrite = computed(() => can('cultivation.write'));

    function reload() {
      filters.year = year.value;
      search();
      stats.load();
    }
    watch(year, reload);
    watch(() => [filters.kind, filters.state], () => search());
    onMounted(reload);

    function open(kind, row) {
      if (kind === 'nominate') {
        dialog.value = { title: '推荐双培养对象', fields: NOMINATE_FIELDS, ok: '推荐',
          initial: { kind: filters.kind || 'backbone_to_member', nominated_on: todayChina() },
          submit: (b) => api.post('/cultivation', { ...b, year: year.value }) };
      } else if (kind === 'select') {
        dialog.value = { title: `比较遴选 · ${row.name}`, fields: SELECT_FIELDS, ok: '确认遴选',
          initial: { selected: true, score: 80, date: todayChina() },
          submit: (b) => api.post(`/cultivation/${row.id}/select`, { ...b, selected: Boolean(b.selected) }) };
      } else if (kind === 'contacts') {
        dialog.value = { title: `培养联系人 · ${row.name}`, fields: CONTACT_FIELDS, ok: '保存',
          initial: {}, submit: (b) => api.put(`/cultivation/${row.id}/contacts`, b) };
      } else {
        dialog.value = { title: `培养结果 · ${row.name}`, fields: outcomeFields(row), ok: '登记结果',
          initial: { outcome: row.kind === 'backbone_to_member' ? 'joined_pipeline' : 'became_backbone', date: todayChina() },
          submit: (b) => api.post(`/cultivation/${row.id}/outcome`, b) };
      }
    }
    function done() {
      dialog.value = null;
      load();
      stats.load();
    }
    const ownershipRows = computed(() => stats.data.value?.by_ownership ?? []);
    const schoolRows = computed(() => stats.data.value?.schools ?? []);

    return {
      year, years: recentYears(thisYear()), filters, list, load, sortBy, stats, ownershipRows, schoolRows,
      dialog, open, done, canWrite, isMobile, CULT_KINDS, CULT_STATES, CULT_STATE_TAGS, CULT_OUTCOMES,
      OWNERSHIPS, APPLICANT_STATUSES, labelOf, navigate,
    };
  },
  template: `
    <div class="page cultivation-page">
      <div class="page-head">
        <h2>双培养</h2>
        <el-button v-if="canWrite" type="primary" icon="IconPlus" class="nominate-btn" @click="open('nominate')">推荐培养对象</el-button>
      </div>
      <el-card shadow="never" class="filters">
        <el-select v-model="year" class="year-select" style="width: 110px">
          <el-option v-for="y in years" :key="y" :label="y + ' 年'" :value="y" />
        </el-select>
        <el-select v-model="filters.kind" placeholder="全部类别" clearable style="width: 170px">
          <el-option v-for="(l, v) in CULT_KINDS" :key="v" :label="l" :value="v" />
        </el-select>
        <el-select v-model="filters.state" placeholder="全部状态" clearable style="width: 130px">
          <el-option v-for="(l, v) in CULT_STATES" :key="v" :label="l" :value="v" />
        </el-select>
      </el-card>
      <el-card shadow="never" class="cult-stats">
        <template #header>{{ year }} 年度统计（结果按日期计入年度）</template>
        <LoadState :state="stats.state" @retry="stats.load()">
          <el-table :data="ownershipRows" size="small" class="stats-ownership" empty-text="本年度暂无登记">
            <el-table-column label="办学性质" min-width="80"><template #default="{ row }">{{ labelOf(OWNERSHIPS, row.ownership) }}</template></el-table-column>
            <el-table-column prop="nominated" label="推荐" width="70" />
            <el-table-column prop="selected" label="确定对象" width="90" />
            <el-table-column prop="joined_pipeline" label="发展党员" width="90" />
            <el-table-column prop="became_backbone" label="培养骨干" width="90" />
            <el-table-column prop="admitted" label="接收预备党员" width="110" />
          </el-table>
          <el-collapse class="stats-schools">
            <el-collapse-item :title="'按学校（' + schoolRows.length + ' 所）'" name="schools">
              <el-table :data="schoolRows" size="small" max-height="320">
                <el-table-column prop="school_name" label="学校" min-width="160" show-overflow-tooltip />
                <el-table-column prop="nominated" label="推荐" width="70" />
                <el-table-column prop="selected" label="确定对象" width="90" />
                <el-table-column prop="joined_pipeline" label="发展党员" width="90" />
                <el-table-column prop="became_backbone" label="培养骨干" width="90" />
                <el-table-column prop="admitted" label="接收预备党员" width="110" />
              </el-table>
            </el-collapse-item>
          </el-collapse>
        </LoadState>
      </el-card>
      <el-card shadow="never">
        <el-table :data="list.items" v-loading="list.loading" class="cult-table" empty-text="暂无登记" @sort-change="sortBy">
          <el-table-column prop="name" label="姓名" min-width="90" fixed />
          <el-table-column v-if="!isMobile" prop="school_name" label="学校" min-width="150" show-overflow-tooltip />
          <el-table-column label="类别" min-width="120"><template #default="{ row }">{{ labelOf(CULT_KINDS, row.kind) }}</template></el-table-column>
          <el-table-column v-if="!isMobile" prop="subject" label="学科" width="90" />
          <el-table-column label="状态" width="100">
            <template #default="{ row }"><el-tag :type="CULT_STATE_TAGS[row.state]" size="small">{{ labelOf(CULT_STATES, row.state) }}</el-tag></template>
          </el-table-column>
          <el-table-column prop="score" label="得分" width="80" sortable="custom" />
          <el-table-column label="结果" min-width="150">
            <template #default="{ row }">
              <span v-if="row.outcome">{{ labelOf(CULT_OUTCOMES, row.outcome) }} {{ row.outcome_title }} <span class="hint">{{ row.outcome_on }}</span></span>
              <div v-if="row.applicant_id" class="cult-applicant">
                <el-button link type="primary" class="cult-applicant-link" @click="navigate('/applicants?open=' + row.applicant_id)">发展流程：第 {{ row.applicant_step }} 步</el-button>
                <span class="hint">（{{ labelOf(APPLICANT_STATUSES, row.applicant_status) }}）</span>
              </div>
            </template>
          </el-table-column>
          <el-table-column v-if="canWrite" label="操作" min-width="190">
            <template #default="{ row }">
              <el-button v-if="row.state === 'nominated'" link type="primary" @click="open('select', row)">遴选</el-button>
              <el-button v-if="row.state === 'selected'" link type="primary" @click="open('contacts', row)">联系人</el-button>
              <el-button v-if="row.state === 'selected'" link type="success" @click="open('outcome', row)">登记结果</el-button>
            </template>
          </el-table-column>
        </el-table>
        <ListPager :list="list" @change="load" />
      </el-card>
      <FormDialog v-if="dialog" :title="dialog.title" :fields="dialog.fields" :initial="dialog.initial"
        :submit="dialog.submit" :ok-text="dialog.ok" @done="done" @close="dialog = null" />
    </div>`,
};
