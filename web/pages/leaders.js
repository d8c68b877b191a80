// 双带头人: each school secretary and deputy with their party-work and
// teaching leadership, evidence for the five criteria (党性强、懂教育、
// 会管理、有威信、善做思想政治工作), recognition (district / municipal) and
// revocation; the district view shows which schools' secretaries are dual
// leaders. The member flag 双带头人 follows this register.
import { ref, computed, onMounted } from 'vue';
import { api } from '../api.js';
import { can } from '../session.js';
import { LEADER_POSITIONS, LEADER_LEVELS, LEADER_CRITERIA, OWNERSHIPS, labelOf } from '../labels.js';
import { isMobile } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';
import { todayChina, useLoad, LoadState, percent } from '../life.js';
import { FormDialog } from './cultivate-ui.js';

const EVIDENCE_FIELDS = Object.entries(LEADER_CRITERIA).map(([key, label]) => (
  { key, label: `${label}：证明材料`, type: 'textarea', max: 1000 }));
const COMMON_FIELDS = [
  { key: 'position', label: '职务', type: 'select', options: LEADER_POSITIONS, required: true },
  { key: 'party_work', label: '党建工作引领', type: 'textarea', max: 1000 },
  { key: 'subject_titles', label: '学科带头人称号', max: 200 },
  { key: 'backbone_level', label: '骨干级别', max: 64 },
  { key: 'awards', label: '获奖情况', type: 'textarea', max: 1000 },
  ...EVIDENCE_FIELDS,
];
const CREATE_FIELDS = [{ key: 'member_id', label: '党员（书记/副书记）', type: 'member', required: true }, ...COMMON_FIELDS];
const RECOGNISE_FIELDS = [
  { key: 'level', label: '认定层级', type: 'select', options: LEADER_LEVELS, required: true },
  { key: 'date', label: '认定日期', type: 'date', required: true },
];
const REVOKE_FIELDS = [
  { key: 'date', label: '撤销日期', type: 'date', required: true },
  { key: 'reason', label: '撤销原因', required: true, max: 500 },
];

export default {
  name: 'LeadersPage',
  components: { FormDialog, ListPager, LoadState },
  setup() {
    const tab = ref('register');
    const { list, load } = usePagedList('/leaders', {});
    const schools = useLoad(() => api.get('/leaders/schools'));
    const dialog = ref(null);
    const canWrite = computed(() => can('cultivation.write'));
    onMounted(() => {
      load();
      schools.load();
    });
    const schoolRows = computed(() => schools.data.value?.items ?? []);
    const summary = computed(() => {
      const rows = schoolRows.value;
      const dual = rows.filter((r) => r.secretary_dual_leaders > 0).length;
      return { schools: rows.length, dual, rate: rows.length ? dual / rows.length : 0,
        municipal: rows.reduce((n, r) => n + r.municipal, 0) };
    });

    function open(kind, row) {
      if (kind === 'create') {
        dialog.value = { title: '登记书记/副书记', fields: CREATE_FIELDS, ok: '登记', initial: { position: 'secretary' },
          submit: (b) => api.post('/leaders', b) };
      } else if (kind === 'edit') {
        const initial = Object.fromEntries(COMMON_FIELDS.map((f) => [f.key, row[f.key] ?? '']));
        dialog.value = { title: `编辑 · ${row.name}`, fields: COMMON_FIELDS, ok: '保存', initial, sendCleared: true,
          submit: (b) => api.patch(`/leaders/${row.id}`, b) };
      } else if (kind === 'recognise') {
        dialog.value = { title: `认定双带头人 · ${row.name}`, fields: RECOGNISE_FIELDS, ok: '认定',
          initial: { level: 'district', date: todayChina() }, submit: (b) => api.post(`/leaders/${row.id}/recognise`, b) };
      } else {
        dialog.value = { title: `撤销认定 · ${row.name}`, fields: REVOKE_FIELDS, ok: '撤销',
          initial: { date: todayChina() }, submit: (b) => api.post(`/leaders/${row.id}/revoke`, b) };
      }
    }
    function done() {
      dialog.value = null;
      load();
      schools.load();
    }
    return {
      tab, list, load, schools, schoolRows, summary, dialog, open, done, canWrite, isMobile,
      LEADER_POSITIONS, LEADER_LEVELS, OWNERSHIPS, labelOf, percent,
    };
  },
  template: `
    <div class="page leaders-page">
      <div class="page-head">
        <h2>双带头人</h2>
        <el-button v-if="canWrite" type="primary" icon="IconPlus" @click="open('create')">登记书记/副书记</el-button>
      </div>
      <el-tabs v-model="tab">
        <el-tab-pane label="登记与认定" name="register">
          <el-table :data="list.items" v-loading="list.loading" class="leaders-table" empty-text="暂无登记">
            <el-table-column prop="name" label="姓名" min-width="90" fixed />
            <el-table-column v-if="!isMobile" prop="school_name" label="学校" min-width="150" show-overflow-tooltip />
            <el-table-column label="职务" width="80"><template #default="{ row }">{{ labelOf(LEADER_POSITIONS, row.position) }}</template></el-table-column>
            <el-table-column v-if="!isMobile" label="教学引领" min-width="160">
              <template #default="{ row }">{{ [row.subject_titles, row.backbone_level].filter(Boolean).join('；') }}</template>
            </el-table-column>
            <el-table-column label="五条标准" width="95">
              <template #default="{ row }"><el-tag :type="row.criteria_met === 5 ? 'success' : 'warning'" size="small">{{ row.criteria_met }}/5</el-tag></template>
            </el-table-column>
            <el-table-column label="认定" min-width="130">
              <template #default="{ row }">
                <el-tag v-if="row.dual_leader" type="danger" size="small">{{ labelOf(LEADER_LEVELS, row.level) }}双带头人</el-tag>
                <span v-else-if="row.revoked_on" class="hint">已撤销 {{ row.revoked_on }}</span>
                <span v-else class="hint">未认定</span>
              </template>
            </el-table-column>
            <el-table-column v-if="canWrite" label="操作" min-width="170">
              <template #default="{ row }">
                <el-button link type="primary" @click="open('edit', row)">编辑</el-button>
                <el-button v-if="!row.dual_leader" link type="success" @click="open('recognise', row)">认定</el-button>
                <el-button v-else link type="danger" @click="open('revoke', row)">撤销</el-button>
              </template>
            </el-table-column>
          </el-table>
          <ListPager :list="list" @change="load" />
        </el-tab-pane>
        <el-tab-pane label="全区概览" name="schools">
          <LoadState :state="schools.state" @retry="schools.load()">
            <p class="leaders-summary">共 {{ summary.schools }} 所学校，书记为双带头人的 {{ summary.dual }} 所（{{ percent(summary.rate) }}），市级双带头人 {{ summary.municipal }} 人。</p>
            <el-table :data="schoolRows" size="small" class="leaders-schools">
              <el-table-column prop="school_name" label="学校" min-width="160" show-overflow-tooltip />
              <el-table-column v-if="!isMobile" label="性质" width="70"><template #default="{ row }">{{ labelOf(OWNERSHIPS, row.ownership) }}</template></el-table-column>
              <el-table-column label="书记是双带头人" width="130">
                <template #default="{ row }"><el-tag :type="row.secretary_dual_leaders ? 'success' : 'info'" size="small">{{ row.secretary_dual_leaders ? '是' : '否' }}</el-tag></template>
              </el-table-column>
              <el-table-column prop="deputy_dual_leaders" label="副书记双带头人" width="130" />
              <el-table-column v-if="!isMobile" prop="municipal" label="市级" width="70" />
            </el-table>
          </LoadState>
        </el-tab-pane>
      </el-tabs>
      <FormDialog v-if="dialog" :title="dialog.title" :fields="dialog.fields" :initial="dialog.initial"
        :submit="dialog.submit" :ok-text="dialog.ok" :send-cleared="Boolean(dialog.sendCleared)" @done="done" @close="dialog = null" />
    </div>`,
};
