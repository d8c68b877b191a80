// 党员先锋岗: member responsibility areas, vanguard posts and model
// classrooms (who holds which since when, with what commitment), and each
// school's coverage: the share of its active members holding a post.
import { ref, computed, onMounted } from 'vue';
import { api } from '../api.js';
import { can } from '../session.js';
import { POST_KINDS } from '../labels.js';
import { isMobile } from '../ui.js';
import { itemsOf, useLoad, LoadState } from '../life.js';
import { SchoolSelect, RecordSection, districtWide } from './create-common.js';

const POST_FIELDS = [
  { key: 'member_name', label: '党员', readonly: true, width: 90 },
  { key: 'member_id', label: '党员', type: 'member', required: true, hidden: true },
  { key: 'kind', label: '类别', options: POST_KINDS, required: true },
  { key: 'name', label: '岗位（责任区、课堂）名称', required: true, maxlength: 60, width: 160 },
  { key: 'since', label: '上岗日期', type: 'date', required: true },
  { key: 'until', label: '截止日期', type: 'date' },
  { key: 'commitment', label: '承诺', type: 'textarea', maxlength: 1000, width: 200 },
];

export default {
  name: 'PostsPage',
  components: { LoadState, RecordSection, SchoolSelect },
  setup() {
    const schoolId = ref(null);
    const coverage = useLoad(async () => itemsOf(await api.get('/posts/coverage', { school_id: schoolId.value })));
    const rows = computed(() => coverage.data.value ?? []);
    const totals = computed(() => rows.value.reduce((t, r) => ({ members: t.members + r.members, with: t.with + r.with_post }), { members: 0, with: 0 }));
    const overall = computed(() => (totals.value.members ? Math.round((totals.value.with * 1000) / totals.value.members) / 10 : null));
    const query = computed(() => ({ school_id: schoolId.value }));
    onMounted(coverage.load);
    return {
      schoolId, coverage, rows, totals, overall, query, isMobile, districtWide, POST_FIELDS, writable: can('create.write'),
    };
  },
  template: `
    <div class="page posts-page">
      <div class="page-head">
        <h2>党员责任区、先锋岗、示范课堂</h2>
        <div class="actions"><school-select v-if="districtWide" v-model="schoolId" @update:model-value="coverage.load" /></div>
      </div>
      <el-card shadow="never">
        <template #header>设岗覆盖率<span class="hint">（在岗党员占在册党员的比例{{ overall !== null ? '，合计 ' + overall + '%' : '' }}）</span></template>
        <load-state :state="coverage.state" :empty="coverage.state.loaded && !rows.length ? '暂无学校' : ''" @retry="coverage.load">
          <el-table :data="rows" row-key="school_id" class="coverage-table" max-height="420">
            <el-table-column prop="school_name" label="学校" min-width="140" show-overflow-tooltip />
            <el-table-column v-if="!isMobile" prop="members" label="在册党员" width="90" align="right" />
            <el-table-column prop="with_post" label="在岗" width="70" align="right" />
            <el-table-column label="覆盖率" :min-width="isMobile ? 110 : 200">
              <template #default="{ row }">
                <el-progress v-if="row.coverage !== null" :percentage="Math.min(100, row.coverage)" :format="() => row.coverage + '%'" />
                <span v-else class="hint">无党员</span>
              </template>
            </el-table-column>
          </el-table>
        </load-state>
      </el-card>
      <record-section title="党员岗位" path="/posts" :fields="POST_FIELDS" :query="query" :writable="writable"
        hint="一名党员可同时承担多个岗位" />
    </div>`,
};
