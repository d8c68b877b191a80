// 年度考核: the annual assessment of the school-level party organizations
// (issue 4; EVAL-03, EVAL-04). Pick a year; district staff run it; the
// ranked table shows each component, the grade and the 整顿 mark (软弱涣散,
// lowest band or 一票否决); district staff lift a mark once its plan's
// finding is verified. A bar chart shows the grade distribution; the year
// downloads as .xlsx. A secretary sees their own organization's row.
import { ref, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { navigate, queryParam } from '../router.js';
import { ASSESS_COMPONENTS, ASSESS_GRADES, ASSESS_MARKS, ASSESS_PLAN_STATES, labelOf } from '../labels.js';
import { isMobile, showError } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';
import { thisYear, saveFile, EChart } from '../life.js';

const GRADE_TAGS = { 优秀: 'success', 良好: 'primary', 一般: 'warning', 较差: 'danger' };
const GRADE_COLORS = { 优秀: '#67c23a', 良好: '#409eff', 一般: '#e6a23c', 较差: '#c8161d', 无数据: '#909399' };

/** "81.4" or "—" for a value in points (null: no data). */
function points(v) {
  return v === null || v === undefined ? '—' : Number(v).toFixed(1);
}

/** The component of a row by name. */
function comp(row, name) {
  return (row.components ?? []).find((c) => c.component === name) ?? {};
}

export default {
  name: 'AssessmentsPage',
  components: { EChart, ListPager },
  setup() {
    const start = Number(queryParam('year'));
    const year = ref(start >= 2000 && start <= thisYear() ? start : thisYear());
    const years = computed(() => {
      const recent = Array.from({ length: 6 }, (_, i) => thisYear() - i);
      return recent.includes(year.value) ? recent : [...recent, year.value];
    });
    const grade = ref('');
    const filters = { year: year.value, grade: undefined };
    const { list, load, search, sortBy } = usePagedList('/assessments', filters);
    const counts = ref(null); // { 优秀: n, …, 无数据: n }
    const running = ref(false);
    const canRun = can('assessments.run');

    async function loadCounts() {
      try {
        const all = await api.get('/assessments', { year: year.value, per_page: 1 });
        const out = {};
        let graded = 0;
        for (const g of Object.keys(ASSESS_GRADES)) {
          const a = await api.get('/assessments', { year: year.value, grade: g, per_page: 1 });
          out[g] = a.total;
          graded += a.total;
        }
        out['无数据'] = all.total - graded;
        counts.value = all.total ? out : {};
      } catch (err) {
        counts.value = {};
        showError(err);
      }
    }

    function reload() {
      filters.year = year.value;
      filters.grade = grade.value || undefined;
      navigate(`/assessments?year=${year.value}`, { replace: true });
      search();
      loadCounts();
    }

    async function run() {
      try {
        await ElMessageBox.confirm(
          `将按当前数据计算 ${year.value} 年度全部学校党组织的考核结果；已列为整顿的组织保持标记。确定开始吗？`,
          '开展年度考核', { confirmButtonText: '开始考核', cancelButtonText: '取消', type: 'info' },
        );
      } catch {
        return;
      }
      running.value = true;
      try {
        const r = await api.post(`/assessments/${year.value}/run`);
        ElMessage.success(`已完成 ${r.orgs} 个党组织的考核，整顿 ${r.marked} 个（新增整顿方案 ${r.plans} 项）`);
        reload();
      } catch (err) {
        showError(err);
      } finally {
        running.value = false;
      }
    }

    async function lift(row) {
      try {
        await ElMessageBox.confirm(
          `确定解除「${row.org_name}」${row.year} 年度的整顿标记吗？`,
          '解除整顿', { confirmButtonText: '解除', cancelButtonText: '取消', type: 'warning' },
        );
      } catch {
        return;
      }
      try {
        await api.post(`/assessments/${row.year}/${row.org_id}/lift`);
        ElMessage.success('已解除整顿标记');
        load();
      } catch (err) {
        showError(err);
      }
    }

    function exportXlsx() {
      return saveFile('GET', `/assessments/${year.value}.xlsx`, { name: `assessment-${year.value}.xlsx` });
    }

    const chartOption = computed(() => {
      const c = counts.value ?? {};
      const names = [...Object.keys(ASSESS_GRADES), '无数据'].filter((g) => g !== '无数据' || c[g]);
      return {
        tooltip: { trigger: 'axis', valueFormatter: (v) => `${v} 个` },
        grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: names },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{
          type: 'bar', name: '党组织数', barMaxWidth: 48,
          data: names.map((g) => ({ value: c[g] ?? 0, itemStyle: { color: GRADE_COLORS[g] } })),
          label: { show: true, position: 'top' },
        }],
      };
    });
    const hasData = computed(() => Object.keys(counts.value ?? {}).length > 0);

    function openFinding(row) {
      navigate(`/findings?id=${row.finding_id}`);
    }

    /**
     * Issue 12: without a year in the address the page opens on the latest
     * year that has an assessment (one row, newest year first), this year
     * when there is none yet.
     */
    async function openLatest() {
      if (!queryParam('year')) {
        try {
          const newest = await api.get('/assessments', { sort: '-year', per_page: 1 });
          const latest = Number(newest?.items?.[0]?.year);
          if (latest >= 2000) year.value = latest;
        } catch (err) {
          showError(err);
        }
      }
      reload();
    }

    onMounted(openLatest);

    return {
      year, years, grade, list, load, reload, sortBy, running, canRun, run, lift, exportXlsx,
      chartOption, hasData, counts, points, comp, isMobile, openFinding, labelOf,
      ASSESS_COMPONENTS, ASSESS_GRADES, ASSESS_MARKS, ASSESS_PLAN_STATES, GRADE_TAGS,
    };
  },
  template: `
    <div class="page assessments-page">
      <div class="page-head">
        <h2>年度考核</h2>
        <div class="actions">
          <el-button v-if="canRun" type="primary" icon="IconFinished" :loading="running" @click="run">开展考核</el-button>
          <el-button icon="IconDownload" :disabled="!list.total" @click="exportXlsx">导出</el-button>
        </div>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="reload">
          <el-form-item label="考核年度">
            <el-select v-model="year" aria-label="考核年度" class="assess-year" @change="reload">
              <el-option v-for="y in years" :key="y" :value="y" :label="y + '年度'" />
            </el-select>
          </el-form-item>
          <el-form-item label="等次">
            <el-select v-model="grade" aria-label="等次" clearable placeholder="全部" class="assess-grade" @change="reload">
              <el-option v-for="(label, g) in ASSESS_GRADES" :key="g" :value="g" :label="label" />
            </el-select>
          </el-form-item>
        </el-form>
        <p class="hint">总分为百分制：组织生活、党费按时交纳、整改销号、督查、述职评议按配置权重折算，无数据的分项不参与并按其余权重折算。较差或有一票否决的列为软弱涣散党组织，限期整顿。</p>
        <p class="hint assessment-tie-rule">排名规则：按总分从高到低排名；总分相同（精确到 0.1 分）的并列同一名次，其后名次顺延（如 1、1、3）；有一票否决项的排在所有未否决的组织之后；没有任何分项数据的不参与排名。</p>
      </el-card>

      <el-card shadow="never" class="assess-chart">
        <template #header>{{ year }} 年度等次分布</template>
        <e-chart v-if="hasData" :option="chartOption" height="220px" />
        <el-empty v-else :image-size="64" :description="canRun ? '本年度尚未开展考核，点击“开展考核”计算结果' : '本年度暂无考核结果'" />
      </el-card>

      <el-card shadow="never">
        <el-table :data="list.items" size="small" v-loading="list.loading" row-key="id" class="assess-table" empty-text="暂无考核结果" @sort-change="sortBy">
          <el-table-column type="expand">
            <template #default="{ row }">
              <div class="assess-sources">
                <p v-for="c in row.components" :key="c.component">
                  <b>{{ labelOf(ASSESS_COMPONENTS, c.component) }}</b>：{{ points(c.value) }} 分，
                  权重 {{ (c.used_weight / 10).toFixed(1) }}%（配置 {{ (c.weight / 10).toFixed(1) }}%）；{{ c.source }}
                </p>
                <p v-if="row.finding_id">
                  <b>整顿方案</b>：整改事项 #{{ row.finding_id }}（{{ labelOf(ASSESS_PLAN_STATES, row.finding_state) }}）
                  <el-button link type="primary" @click="openFinding(row)">查看</el-button>
                </p>
                <el-button v-if="canRun && isMobile && row.mark === 'rectify'" size="small" type="danger" plain @click="lift(row)">解除整顿</el-button>
              </div>
            </template>
          </el-table-column>
          <el-table-column prop="rank" label="排名" :width="isMobile ? 56 : 72" sortable="custom">
            <template #default="{ row }">{{ row.rank ?? '—' }}</template>
          </el-table-column>
          <el-table-column prop="org_name" label="党组织" :min-width="isMobile ? 100 : 150" show-overflow-tooltip />
          <template v-if="!isMobile">
            <el-table-column v-for="(label, name) in ASSESS_COMPONENTS" :key="name" :label="label" width="80" align="right">
              <template #default="{ row }">{{ points(comp(row, name).value) }}</template>
            </el-table-column>
          </template>
          <el-table-column prop="score" label="总分" :width="isMobile ? 64 : 80" align="right" sortable="custom">
            <template #default="{ row }"><b>{{ points(row.score) }}</b></template>
          </el-table-column>
          <el-table-column label="等次" :width="isMobile ? 72 : 150">
            <template #default="{ row }">
              <div class="assess-tags" style="display: flex; flex-wrap: wrap; gap: 4px">
                <el-tag v-if="row.grade" :type="GRADE_TAGS[row.grade]" size="small" class="grade-tag">{{ row.grade }}</el-tag>
                <span v-else class="hint">无数据</span>
                <el-tag v-if="row.vetoed" type="danger" effect="plain" size="small">否决</el-tag>
                <el-tag v-if="row.mark === 'rectify'" type="danger" effect="dark" size="small" class="mark-tag">整顿</el-tag>
                <el-tag v-else-if="row.mark === 'lifted'" type="info" size="small" class="mark-tag">已解除</el-tag>
              </div>
            </template>
          </el-table-column>
          <el-table-column v-if="canRun && !isMobile" label="操作" width="100">
            <template #default="{ row }">
              <el-button v-if="row.mark === 'rectify'" size="small" type="danger" plain @click="lift(row)">解除整顿</el-button>
            </template>
          </el-table-column>
        </el-table>
        <list-pager :list="list" @change="load" />
      </el-card>
    </div>`,
};
