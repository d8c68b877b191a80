// 双创双强总览: the year-end ledger of dual creation and dual strengthening,
// per school in scope, straight from the records; downloadable as .xlsx.
import { ref, computed, onMounted } from 'vue';
import { api } from '../api.js';
import { BRAND_STAGES, CLEAN_STATUSES, labelOf } from '../labels.js';
import { isMobile } from '../ui.js';
import { itemsOf, useLoad, LoadState, thisYear, saveFile, percent } from '../life.js';

export default {
  name: 'CreationSummaryPage',
  components: { LoadState },
  setup() {
    const year = ref(thisYear());
    const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);
    const summary = useLoad(async () => itemsOf(await api.get('/creation/summary', { year: year.value })));
    const rows = computed(() => summary.data.value ?? []);
    const busy = ref(false);
    const totals = computed(() => rows.value.reduce((t, r) => ({
      hosted: t.hosted + r.hosted, brands: t.brands + r.brands, lessons: t.lessons + r.lessons,
      members: t.members + r.members, withPost: t.withPost + r.with_post,
      clean: t.clean + (r.clean_status !== 'none' ? 1 : 0), ethics: t.ethics + r.ethics_activities,
      studied: t.studied + (r.studied ?? 0), minutes: t.minutes + (r.study_minutes ?? 0),
      readings: t.readings + (r.readings ?? 0), excellent: t.excellent + (r.excellent_cases ?? 0),
    }), { hosted: 0, brands: 0, lessons: 0, members: 0, withPost: 0, clean: 0, ethics: 0, studied: 0, minutes: 0, readings: 0, excellent: 0 }));
    async function download() {
      busy.value = true;
      try {
        await saveFile('GET', '/creation/summary.xlsx', { query: { year: year.value }, name: `双创双强台账-${year.value}.xlsx` });
      } finally {
        busy.value = false;
      }
    }
    const coverage = (r) => (r.members ? percent(r.with_post / r.members) : '—');
    onMounted(summary.load);
    return {
      year, years, summary, rows, totals, busy, download, coverage, isMobile, labelOf, percent,
      BRAND_STAGES, CLEAN_STATUSES,
    };
  },
  template: `
    <div class="page creation-summary-page">
      <div class="page-head">
        <h2>双创双强年度台账</h2>
        <div class="actions">
          <el-select v-model="year" style="width: 110px" @change="summary.load">
            <el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" />
          </el-select>
          <el-button icon="IconDownload" :loading="busy" @click="download">导出台账</el-button>
        </div>
      </div>
      <el-card shadow="never">
        <template #header>全年概况</template>
        <div style="display:flex;flex-wrap:wrap;gap:16px">
          <el-statistic title="“四个一”活动" :value="totals.hosted" />
          <el-statistic title="品牌项目" :value="totals.brands" />
          <el-statistic title="设岗覆盖率" :value="totals.members ? Math.round(totals.withPost * 1000 / totals.members) / 10 : 0" suffix="%" />
          <el-statistic title="行走的思政课" :value="totals.lessons" />
          <el-statistic title="清廉学校创建" :value="totals.clean" />
          <el-statistic title="师德活动" :value="totals.ethics" />
          <el-statistic title="参学党员" :value="totals.studied" />
          <el-statistic title="学习时长（小时）" :value="Math.round(totals.minutes / 6) / 10" :precision="1" />
          <el-statistic title="读书会" :value="totals.readings" />
          <el-statistic title="优秀交流案例" :value="totals.excellent" />
        </div>
      </el-card>
      <el-card shadow="never">
        <template #header>各校情况</template>
        <load-state :state="summary.state" :empty="summary.state.loaded && !rows.length ? '暂无学校' : ''" @retry="summary.load">
          <div v-if="isMobile" class="member-cards">
            <div v-for="r in rows" :key="r.school_id" class="member-card">
              <div class="member-card-head"><b>{{ r.school_name }}</b><span class="member-card-meta">{{ labelOf(CLEAN_STATUSES, r.clean_status) }}</span></div>
              <div class="member-card-line">“四个一”{{ r.hosted }} · 品牌 {{ r.brands }}{{ r.brand_stage ? '（' + BRAND_STAGES[r.brand_stage] + '）' : '' }} · 覆盖率 {{ coverage(r) }}</div>
              <div class="member-card-line">思政课 {{ r.lessons }} · 五清 {{ r.clean_activities }} · 师德 {{ r.ethics_activities }} · 表彰 {{ r.honors }}</div>
              <div class="member-card-line">参学 {{ r.studied }} 人 · {{ r.study_hours }} 小时 · 读书会 {{ r.readings }} · 优秀案例 {{ r.excellent_cases }}</div>
            </div>
          </div>
          <el-table v-else :data="rows" row-key="school_id" max-height="520">
            <el-table-column prop="school_name" label="学校" min-width="150" fixed show-overflow-tooltip />
            <el-table-column prop="hosted" label="“四个一”" width="96" align="right" />
            <el-table-column label="品牌（阶段）" width="120">
              <template #default="{ row }">{{ row.brands }}{{ row.brand_stage ? '（' + BRAND_STAGES[row.brand_stage] + '）' : '' }}</template>
            </el-table-column>
            <el-table-column prop="topics" label="课题" width="60" align="right" />
            <el-table-column label="设岗覆盖率" width="100" align="right"><template #default="{ row }">{{ coverage(row) }}</template></el-table-column>
            <el-table-column label="思政方案" width="80"><template #default="{ row }">{{ row.has_plan ? '已制定' : '—' }}</template></el-table-column>
            <el-table-column prop="teachers" label="双轨师资" width="80" align="right" />
            <el-table-column prop="lessons" label="行走课" width="70" align="right" />
            <el-table-column label="清廉学校" width="90"><template #default="{ row }">{{ labelOf(CLEAN_STATUSES, row.clean_status) }}</template></el-table-column>
            <el-table-column label="自评" width="70" align="right"><template #default="{ row }">{{ row.clean_total ?? '—' }}</template></el-table-column>
            <el-table-column prop="clean_activities" label="五清" width="60" align="right" />
            <el-table-column prop="ethics_activities" label="师德" width="60" align="right" />
            <el-table-column prop="honors" label="表彰" width="60" align="right" />
            <el-table-column prop="studied" label="参学党员" width="84" align="right" />
            <el-table-column prop="study_hours" label="学习时长(时)" width="100" align="right" />
            <el-table-column prop="readings" label="读书会" width="70" align="right" />
            <el-table-column prop="excellent_cases" label="优秀案例" width="84" align="right" />
          </el-table>
        </load-state>
      </el-card>
    </div>`,
};
