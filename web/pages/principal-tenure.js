// 任期档案 (issue 13 items 1-3): one tenure: its term, flags, the school's
// baseline at appointment (PRIN-07), the term goals (the principal drafts,
// the office approves or returns them) and the yearly self-reports with the
// office's grade (PRIN-03). A principal opens their own tenure here.
import { ref, reactive, computed, watch, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { session } from '../session.js';
import { SCHOOL_STAGES } from '../labels.js';
import { navigate, currentSearch, queryParam } from '../router.js';
import { isMobile, dialogWidth, useFormErrors, showError } from '../ui.js';
import { FileList } from '../files.js';
import { PRIN_FLAGS, GOAL_STATES, REPORT_STATES, prinSettings, labelIn } from './principal-common.js';

export default {
  name: 'PrincipalTenurePage',
  components: { FileList },
  setup() {
    const t = ref(null);
    const loading = ref(false);
    const none = ref(false);
    const settings = reactive({ areas: [], grades: [], end_reasons: [], figures: [] });
    const role = computed(() => session.user?.role);
    const office = computed(() => role.value === 'supervision_office');
    const mine = computed(() => role.value === 'principal');
    const goalsOpen = computed(() => t.value && !t.value.ended_on && ['draft', 'returned'].includes(t.value.goal_plan.state));
    const editGoals = ref(null);
    const figures = ref(null);
    const report = reactive({ year_no: 1, report: '' });
    const grade = ref(null);
    const ending = ref(null);
    const { errors, clear, report: showErrors } = useFormErrors();

    async function load() {
      loading.value = true;
      none.value = false;
      try {
        let id = queryParam('id');
        if (!id && mine.value) id = (await api.get('/principal/me')).tenure_id;
        if (!id) {
          none.value = true;
          t.value = null;
          return;
        }
        t.value = await api.get(`/tenures/${id}`);
        report.year_no = Math.min(t.value.term_year || 1, t.value.term_years);
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    async function act(fn, done) {
      clear();
      try {
        t.value = await fn();
        if (done) ElMessage.success(done);
        return true;
      } catch (err) {
        showErrors(err);
        return false;
      }
    }

    function startGoals() {
      editGoals.value = t.value.goals.map(({ area, goal, target }) => ({ area, goal, target }));
      if (!editGoals.value.length) editGoals.value = settings.areas.map((a) => ({ area: a.value, goal: '', target: '' }));
    }
    async function saveGoals() {
      if (await act(() => api.put(`/tenures/${t.value.id}/goals`, { goals: editGoals.value }), '任期目标已保存')) editGoals.value = null;
    }
    const submitGoals = () => act(() => api.post(`/tenures/${t.value.id}/goals/submit`), '任期目标已提交督导室审核');
    const approveGoals = () => act(() => api.post(`/tenures/${t.value.id}/goals/approve`), '任期目标已审核通过');
    async function returnGoals() {
      try {
        const { value } = await ElMessageBox.prompt('请写明退回理由', '退回任期目标', { inputPattern: /\S/, inputErrorMessage: '退回须写明理由' });
        await act(() => api.post(`/tenures/${t.value.id}/goals/return`, { reason: value }), '已退回校长修改');
      } catch { /* cancelled */ }
    }

    function startFigures() {
      figures.value = Object.fromEntries(t.value.baseline.figures.map((f) => [f.key, f.value]));
    }
    async function saveFigures() {
      const body = Object.fromEntries(Object.entries(figures.value).filter(([, v]) => v !== null && v !== undefined && v !== ''));
      if (await act(() => api.put(`/tenures/${t.value.id}/figures`, { figures: body }), '基础数据已保存')) figures.value = null;
    }

    function editReport(r) {
      report.year_no = r.year_no;
      report.report = r.report;
    }
    const saveReport = () => act(() => api.put(`/tenures/${t.value.id}/report`, { ...report }), '述职报告已保存为草稿');
    const submitReport = (r) => act(() => api.post(`/tenure-reports/${r.id}/submit`), '述职报告已提交');
    async function saveGrade() {
      if (await act(() => api.post(`/tenure-reports/${grade.value.id}/grade`, { grade: grade.value.grade, note: grade.value.note }), '年度考核等次已评定')) grade.value = null;
    }
    async function endTenure() {
      if (await act(() => api.post(`/tenures/${t.value.id}/end`, ending.value), '任期已结束')) ending.value = null;
    }

    watch(currentSearch, load);
    onMounted(async () => {
      Object.assign(settings, await prinSettings());
      load();
    });
    return {
      t, loading, none, settings, office, mine, goalsOpen, editGoals, figures, report, grade, ending, errors,
      startGoals, saveGoals, submitGoals, approveGoals, returnGoals, startFigures, saveFigures,
      editReport, saveReport, submitReport, saveGrade, endTenure, navigate, labelIn,
      PRIN_FLAGS, GOAL_STATES, REPORT_STATES, SCHOOL_STAGES, isMobile, dialogWidth,
    };
  },
  template: `
    <div class="page" v-loading="loading">
      <div class="page-head">
        <h2>任期档案</h2>
        <el-button v-if="t && !mine" icon="IconBack" @click="navigate('/principal')">返回一览</el-button>
      </div>
      <el-empty v-if="none" :description="mine ? '督导室尚未登记您的在任任期' : '请从“任期一览”选择一所学校的任期'" />
      <template v-if="t">
        <el-card shadow="never">
          <el-descriptions :column="isMobile ? 1 : 3" border>
            <el-descriptions-item label="学校">{{ t.school_name }}（{{ SCHOOL_STAGES[t.stage] ?? t.stage }}）</el-descriptions-item>
            <el-descriptions-item label="校长">
              <el-link type="primary" @click="navigate('/principal-people?id=' + t.principal_id)">{{ t.principal_name }}</el-link>（{{ t.post_label }}）
            </el-descriptions-item>
            <el-descriptions-item label="届次">在本校第 {{ t.term_no }} 任</el-descriptions-item>
            <el-descriptions-item label="任职日期">{{ t.appointed_on }}</el-descriptions-item>
            <el-descriptions-item label="任期届满">{{ t.term_end_on }}（{{ t.term_years }} 年一任）</el-descriptions-item>
            <el-descriptions-item label="状态">
              <span v-if="t.ended_on">{{ t.ended_on }} {{ labelIn(settings.end_reasons, t.end_reason) }}</span>
              <span v-else>在任，第 {{ t.term_year }} 年</span>
            </el-descriptions-item>
          </el-descriptions>
          <div class="flag-row" v-if="t.flags.length">
            <el-tag v-for="f in t.flags" :key="f" :type="PRIN_FLAGS[f].type" disable-transitions>{{ PRIN_FLAGS[f].label }}</el-tag>
            <rule-ref v-for="f in t.flags" :key="'r' + f" :code="PRIN_FLAGS[f].rule" />
          </div>
          <el-button v-if="office && !t.ended_on" type="danger" plain class="end-button" @click="ending = { ended_on: '', end_reason: 'expired' }">结束任期</el-button>
        </el-card>

        <el-card shadow="never">
          <template #header>任期起点（{{ t.baseline.taken_on }} 采集）<rule-ref code="PRIN-07" /></template>
          <el-descriptions :column="isMobile ? 1 : 3" border>
            <el-descriptions-item label="党组织">{{ t.baseline.org_name || '无' }}</el-descriptions-item>
            <el-descriptions-item label="党员人数">{{ t.baseline.members }}</el-descriptions-item>
            <el-descriptions-item :label="(t.baseline.compliance_year ?? '') + '年组织生活合规率'">{{ t.baseline.compliance_permille === null ? '无数据' : (t.baseline.compliance_permille / 10).toFixed(1) + '%' }}</el-descriptions-item>
            <el-descriptions-item label="最近年度考核">{{ t.baseline.assessment_grade ? t.baseline.assessment_year + '年 ' + t.baseline.assessment_grade : '无' }}</el-descriptions-item>
            <el-descriptions-item label="未关闭整改问题">{{ t.baseline.open_findings }}</el-descriptions-item>
            <el-descriptions-item v-for="f in t.baseline.figures" :key="f.key" :label="f.label">{{ f.value ?? '未填' }}</el-descriptions-item>
          </el-descriptions>
          <el-button v-if="office && !figures" link type="primary" @click="startFigures">填写学校基础数据</el-button>
          <el-form v-if="figures" inline class="figures-form" @submit.prevent="saveFigures">
            <el-form-item v-for="f in t.baseline.figures" :key="f.key" :label="f.label" :error="errors['figures.' + f.key]">
              <el-input-number v-model="figures[f.key]" :min="0" :max="10000000" controls-position="right" />
            </el-form-item>
            <el-form-item>
              <el-button type="primary" native-type="submit">保存</el-button>
              <el-button @click="figures = null">取消</el-button>
            </el-form-item>
          </el-form>
        </el-card>

        <el-card shadow="never">
          <template #header>
            任期目标 <el-tag size="small" disable-transitions>{{ GOAL_STATES[t.goal_plan.state] }}</el-tag>
          </template>
          <el-alert v-if="t.goal_plan.state === 'returned'" type="warning" :closable="false" :title="'督导室退回理由：' + t.goal_plan.return_reason" />
          <el-table v-if="!editGoals" :data="t.goals" empty-text="尚未填写任期目标">
            <el-table-column prop="area_label" label="评价领域" width="120" />
            <el-table-column prop="goal" label="目标" min-width="240" />
            <el-table-column prop="target" label="可衡量的目标值" min-width="180" />
          </el-table>
          <div v-else class="goal-editor">
            <div v-for="(g, i) in editGoals" :key="i" class="goal-row">
              <el-select v-model="g.area" class="goal-area"><el-option v-for="a in settings.areas" :key="a.value" :value="a.value" :label="a.label" /></el-select>
              <el-form-item :error="errors['goals[' + i + '].goal']" class="goal-text"><el-input v-model="g.goal" placeholder="目标" maxlength="500" /></el-form-item>
              <el-form-item :error="errors['goals[' + i + '].target']" class="goal-target"><el-input v-model="g.target" placeholder="可衡量的目标值，如：达标率≥95%" maxlength="200" /></el-form-item>
              <el-button link type="danger" icon="IconDelete" @click="editGoals.splice(i, 1)" aria-label="删除" />
            </div>
            <el-button icon="IconPlus" @click="editGoals.push({ area: settings.areas[0]?.value, goal: '', target: '' })">添加目标</el-button>
          </div>
          <div class="actions">
            <template v-if="mine && goalsOpen">
              <el-button v-if="!editGoals" @click="startGoals">编辑目标</el-button>
              <template v-else>
                <el-button type="primary" @click="saveGoals">保存</el-button>
                <el-button @click="editGoals = null">取消</el-button>
              </template>
              <el-button v-if="!editGoals" type="primary" @click="submitGoals">提交审核</el-button>
            </template>
            <template v-if="office && t.goal_plan.state === 'submitted'">
              <el-button type="primary" @click="approveGoals">审核通过</el-button>
              <el-button type="warning" @click="returnGoals">退回修改</el-button>
            </template>
          </div>
        </el-card>

        <el-card shadow="never">
          <template #header>年度述职与考核 <rule-ref code="PRIN-03" /></template>
          <el-table :data="t.reports" empty-text="暂无年度述职" row-key="id">
            <el-table-column type="expand" label="材料" width="60">
              <template #default="{ row }">
                <file-list path="tenure-reports" :owner-id="row.id" :readonly="!(mine && row.state === 'draft')" />
              </template>
            </el-table-column>
            <el-table-column label="年度" width="90"><template #default="{ row }">第 {{ row.year_no }} 年</template></el-table-column>
            <el-table-column prop="report" label="述职报告" min-width="260" show-overflow-tooltip />
            <el-table-column label="状态" width="90"><template #default="{ row }">{{ REPORT_STATES[row.state] }}</template></el-table-column>
            <el-table-column label="考核等次" width="120"><template #default="{ row }">{{ row.grade ?? '—' }}</template></el-table-column>
            <el-table-column label="操作" width="140">
              <template #default="{ row }">
                <template v-if="mine && row.state === 'draft'">
                  <el-button link type="primary" @click="editReport(row)">编辑</el-button>
                  <el-button link type="primary" @click="submitReport(row)">提交</el-button>
                </template>
                <el-button v-if="office && row.state === 'submitted'" link type="primary" @click="grade = { id: row.id, grade: settings.grades[0], note: '' }">评定等次</el-button>
              </template>
            </el-table-column>
          </el-table>
          <el-form v-if="mine" class="report-form" label-position="top" @submit.prevent="saveReport">
            <el-form-item label="撰写年度述职报告" :error="errors.year_no">
              <el-select v-model="report.year_no" class="year-select">
                <el-option v-for="y in Math.min(t.term_year || 1, t.term_years)" :key="y" :value="y" :label="'任期第 ' + y + ' 年'" />
              </el-select>
            </el-form-item>
            <el-form-item :error="errors.report">
              <el-input v-model="report.report" type="textarea" :rows="5" maxlength="20000" show-word-limit placeholder="对照任期目标，总结本年度工作、成效与不足" />
            </el-form-item>
            <el-button type="primary" native-type="submit">保存草稿</el-button>
          </el-form>
        </el-card>
      </template>

      <el-dialog v-if="grade" :model-value="true" title="评定年度考核等次" :width="dialogWidth" @close="grade = null">
        <el-form label-width="90px" @submit.prevent="saveGrade">
          <el-form-item label="等次" :error="errors.grade">
            <el-radio-group v-model="grade.grade"><el-radio v-for="g in settings.grades" :key="g" :value="g">{{ g }}</el-radio></el-radio-group>
          </el-form-item>
          <el-form-item label="评语" :error="errors.note"><el-input v-model="grade.note" type="textarea" maxlength="1000" /></el-form-item>
        </el-form>
        <template #footer>
          <el-button @click="grade = null">取消</el-button>
          <el-button type="primary" @click="saveGrade">评定</el-button>
        </template>
      </el-dialog>
      <el-dialog v-if="ending" :model-value="true" title="结束任期" :width="dialogWidth" @close="ending = null">
        <el-form label-width="90px" @submit.prevent="endTenure">
          <el-form-item label="离任日期" required :error="errors.ended_on">
            <el-date-picker v-model="ending.ended_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
          <el-form-item label="离任方式" required :error="errors.end_reason">
            <el-select v-model="ending.end_reason"><el-option v-for="r in settings.end_reasons" :key="r.value" :value="r.value" :label="r.label" /></el-select>
          </el-form-item>
          <p class="hint">任期未满离任（调任、离任、退休、免职）的，仍须进行任期结束综合督导（<rule-ref code="PRIN-05" />）。</p>
        </el-form>
        <template #footer>
          <el-button @click="ending = null">取消</el-button>
          <el-button type="danger" @click="endTenure">结束任期</el-button>
        </template>
      </el-dialog>
    </div>`,
};
