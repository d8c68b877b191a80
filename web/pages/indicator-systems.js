// 评分细则 (indicator systems, issue 4; CL-01, EVAL-04): the versioned
// sheets inspections and reviews score on. Everyone on the staff reads them
// and exports .xlsx; administrators and district staff create drafts, copy a
// version into a new one, edit a draft's indicators, publish, and import a
// sheet from .xlsx in the export's layout.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { navigate, queryParam } from '../router.js';
import { INDICATOR_KINDS, INDICATOR_STAGES, INDICATOR_STATUSES, labelOf } from '../labels.js';
import { isMobile, dialogWidth, useFormErrors, showError, filledFields } from '../ui.js';
import { itemsOf, thisYear, useLoad, LoadState, saveFile } from '../life.js';

const LEVEL_NAMES = { 1: '一级', 2: '二级', 3: '三级' };

/** The flat items (tree order, each naming its parent's code) as nested rows for el-table. */
export function buildTree(items) {
  const byCode = new Map();
  const roots = [];
  for (const it of items) {
    const row = { ...it, key: it.code, children: [] };
    byCode.set(it.code, row);
    const parent = it.parent ? byCode.get(it.parent) : null;
    (parent ? parent.children : roots).push(row);
  }
  for (const row of byCode.values()) if (!row.children.length) delete row.children;
  return roots;
}

/** Parents from levels: a row's parent is the nearest row above it one level up (as the .xlsx import reads). */
function withParents(rows) {
  const last = {};
  return rows.map((r) => {
    const level = Number(r.level);
    last[level] = r.code;
    for (let l = level + 1; l <= 3; l++) delete last[l];
    return { ...r, level, parent: level > 1 ? last[level - 1] ?? null : null };
  });
}

/** Create an empty draft: POST /indicator-systems {code, name, kind, year}. */
const SystemForm = {
  name: 'SystemForm',
  emits: ['saved', 'close'],
  setup(_, { emit }) {
    const form = reactive({ code: '', name: '', kind: 'quarterly_inspection', year: thisYear(), stage: '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    async function save() {
      clear();
      busy.value = true;
      try {
        const body = { ...form, code: form.code.trim(), name: form.name.trim() };
        if (form.kind !== 'principal_tenure') body.stage = '';
        const s = await api.post('/indicator-systems', filledFields(body));
        ElMessage.success('草稿已创建，请编辑指标');
        emit('saved', s);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, dialogWidth, INDICATOR_KINDS, INDICATOR_STAGES };
  },
  template: `
    <el-dialog :model-value="true" title="新建评分细则" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <div class="form-grid">
          <el-form-item label="编号" required :error="errors.code">
            <el-input v-model="form.code" name="code" maxlength="32" placeholder="如 quarterly-2027" />
          </el-form-item>
          <el-form-item label="年度" required :error="errors.year">
            <el-input-number v-model="form.year" :min="2000" :max="2100" controls-position="right" />
          </el-form-item>
        </div>
        <el-form-item label="名称" required :error="errors.name">
          <el-input v-model="form.name" name="name" maxlength="100" />
        </el-form-item>
        <el-form-item label="类别" required :error="errors.kind">
          <el-select v-model="form.kind">
            <el-option v-for="(label, value) in INDICATOR_KINDS" :key="value" :value="value" :label="label" />
          </el-select>
        </el-form-item>
        <el-form-item v-if="form.kind === 'principal_tenure'" label="适用学段" :error="errors.stage">
          <el-select v-model="form.stage" name="stage" clearable placeholder="请选择">
            <el-option v-for="(label, value) in INDICATOR_STAGES" :key="value" :value="value" :label="label" />
          </el-select>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">创建</el-button>
      </template>
    </el-dialog>`,
};

/** Import a sheet (.xlsx in the export's layout) as a new draft version. */
const ImportDialog = {
  name: 'ImportDialog',
  props: { systems: { type: Array, default: () => [] } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const form = reactive({ code: '', kind: '', name: '', year: thisYear(), stage: '' });
    const file = ref(null);
    const { errors, clear, report } = useFormErrors();
    const rowErrors = ref([]);
    const busy = ref(false);
    const codes = computed(() => [...new Map(props.systems.map((s) => [s.code, s])).values()]);
    const known = computed(() => codes.value.find((s) => s.code === form.code.trim()));
    const principal = computed(() => (form.kind || known.value?.kind) === 'principal_tenure');

    function pick(uploadFile) {
      file.value = uploadFile.raw;
      return false;
    }
    async function save() {
      clear();
      rowErrors.value = [];
      if (!form.code.trim()) errors.code = '请填写编号（已有编号将导入为其新版本）';
      if (!known.value && !form.kind) errors.kind = '新编号请选择类别';
      if (!file.value) errors.file = '请选择 .xlsx 文件';
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        const s = await api.upload('/indicator-systems/import', file.value, filledFields({
          code: form.code.trim(), kind: form.kind, name: form.name.trim(), year: form.year,
          stage: principal.value ? form.stage : '',
        }));
        ElMessage.success(`已导入为「${s.name}」第 ${s.version} 版草稿`);
        emit('saved', s);
      } catch (err) {
        report(err);
        rowErrors.value = Object.entries(err.fields ?? {}).filter(([k]) => k.startsWith('rows')).map(([, v]) => v);
      } finally {
        busy.value = false;
      }
    }
    return { form, file, errors, rowErrors, busy, codes, known, principal, pick, save, dialogWidth, INDICATOR_KINDS, INDICATOR_STAGES };
  },
  template: `
    <el-dialog :model-value="true" title="从 Excel 导入评分细则" :width="dialogWidth" @close="$emit('close')">
      <p class="hint">表格格式与“导出 Excel”相同：第 3 行为表头（编号、层级、指标、分值、评分说明、佐证材料、加分项、一票否决、权重，可再加发展性、满意度测评两列），每行一项指标，按层级顺序排列。导入后为草稿，可修改后发布。</p>
      <el-form label-position="top" @submit.prevent="save">
        <div class="form-grid">
          <el-form-item label="编号" required :error="errors.code">
            <el-autocomplete v-model="form.code" name="import_code" maxlength="32"
              :fetch-suggestions="(q, cb) => cb(codes.filter((s) => s.code.includes(q)).map((s) => ({ value: s.code })))"
              placeholder="已有编号导入为新版本" />
          </el-form-item>
          <el-form-item label="年度" :error="errors.year">
            <el-input-number v-model="form.year" :min="2000" :max="2100" controls-position="right" />
          </el-form-item>
          <el-form-item :label="known ? '类别（沿用该编号的类别）' : '类别'" :required="!known" :error="errors.kind">
            <el-select v-model="form.kind" clearable :placeholder="known ? INDICATOR_KINDS[known.kind] : '请选择'">
              <el-option v-for="(label, value) in INDICATOR_KINDS" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="名称（不填则用表格标题）" :error="errors.name">
            <el-input v-model="form.name" name="import_name" maxlength="100" />
          </el-form-item>
          <el-form-item v-if="principal" :label="known ? '适用学段（不选则沿用）' : '适用学段'" :error="errors.stage">
            <el-select v-model="form.stage" name="import_stage" clearable :placeholder="known?.stage ? INDICATOR_STAGES[known.stage] : '请选择'">
              <el-option v-for="(label, value) in INDICATOR_STAGES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
        </div>
        <el-form-item label="Excel 文件" required :error="errors.file">
          <el-upload class="import-upload" :auto-upload="false" :limit="1" accept=".xlsx"
            :on-change="pick" :on-remove="() => (file = null)" :show-file-list="true">
            <el-button icon="IconUpload">选择 .xlsx 文件</el-button>
          </el-upload>
        </el-form-item>
      </el-form>
      <el-alert v-if="rowErrors.length" type="error" :closable="false" show-icon title="表格中有以下问题，未导入任何内容：" class="import-errors">
        <ul style="margin: 4px 0; padding-left: 18px"><li v-for="(m, i) in rowErrors" :key="i">{{ m }}</li></ul>
      </el-alert>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">导入</el-button>
      </template>
    </el-dialog>`,
};

/** Edit a draft's indicators as flat rows in tree order; PUT replaces the whole tree. */
const TreeEditor = {
  name: 'TreeEditor',
  props: { system: { type: Object, required: true }, items: { type: Array, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const rows = ref(props.items.map((it) => ({
      code: it.code, level: it.level, name: it.name, max_points: it.max_points, weight: it.weight ?? 1000,
      bonus: Boolean(it.bonus), veto: Boolean(it.veto), guidance: it.guidance ?? '', evidence: it.evidence ?? '',
      developmental: Boolean(it.developmental), survey: Boolean(it.survey),
    })));
    const principal = props.system.kind === 'principal_tenure';
    const problems = ref([]);
    const busy = ref(false);

    function add(i) {
      const base = rows.value[i];
      const row = { code: '', level: base ? base.level : 1, name: '', max_points: 0, weight: 1000, bonus: false, veto: false, guidance: '', evidence: '', developmental: false, survey: false };
      rows.value.splice(i + 1, 0, row);
    }
    function remove(i) {
      rows.value.splice(i, 1);
    }
    async function save() {
      problems.value = [];
      const indicators = withParents(rows.value).map((r) => ({
        code: r.code.trim(), parent: r.parent, level: r.level, name: r.name.trim(), max_points: Number(r.max_points),
        weight: Number(r.weight), bonus: r.bonus, veto: r.veto, developmental: r.developmental, survey: r.survey,
        guidance: r.guidance.trim() || null, evidence: r.evidence.trim() || null,
      }));
      busy.value = true;
      try {
        await api.put(`/indicator-systems/${props.system.id}/indicators`, { indicators });
        ElMessage.success('指标已保存');
        emit('saved');
      } catch (err) {
        problems.value = Object.entries(err.fields ?? {}).map(([k, v]) => {
          const m = /^indicators\[(\d+)\]\.(\w+)$/.exec(k);
          return m ? `第 ${Number(m[1]) + 1} 行（${rows.value[Number(m[1])]?.code || '未填编号'}）：${v}` : v;
        });
        if (!problems.value.length) showError(err);
      } finally {
        busy.value = false;
      }
    }
    return { rows, problems, busy, principal, add, remove, save, isMobile };
  },
  template: `
    <el-dialog :model-value="true" :title="'编辑指标 · ' + system.name" :fullscreen="isMobile" width="92%" @close="$emit('close')">
      <p class="hint">按层级顺序排列：二级指标的上级为其上方最近的一级指标，三级同理。上级分值不小于下级合计（加分项除外）；权重为千分比，1000 表示全额。</p>
      <p v-if="principal" class="hint">发展性指标按现状和任期起点以来的进步分别评分；“问卷计分”项（满意度调查）按满意度问卷结果整体计分，其下级指标不单独评分。</p>
      <el-alert v-if="problems.length" type="error" :closable="false" show-icon title="请修改以下问题后保存：">
        <ul style="margin: 4px 0; padding-left: 18px"><li v-for="(m, i) in problems" :key="i">{{ m }}</li></ul>
      </el-alert>
      <el-table :data="rows" size="small" class="tree-editor" max-height="60vh">
        <el-table-column label="编号" width="110"><template #default="{ row }"><el-input v-model="row.code" size="small" maxlength="32" /></template></el-table-column>
        <el-table-column label="层级" width="90">
          <template #default="{ row }"><el-select v-model="row.level" size="small"><el-option v-for="l in 3" :key="l" :value="l" :label="l + '级'" /></el-select></template>
        </el-table-column>
        <el-table-column label="指标" min-width="220">
          <template #default="{ row }"><el-input v-model="row.name" size="small" maxlength="200" :style="{ paddingLeft: (row.level - 1) * 12 + 'px' }" /></template>
        </el-table-column>
        <el-table-column label="分值" width="110"><template #default="{ row }"><el-input-number v-model="row.max_points" size="small" :min="0" :max="1000" :precision="1" :step="1" controls-position="right" style="width: 96px" /></template></el-table-column>
        <el-table-column label="权重‰" width="110"><template #default="{ row }"><el-input-number v-model="row.weight" size="small" :min="0" :max="1000" :step="100" controls-position="right" style="width: 96px" /></template></el-table-column>
        <el-table-column label="加分" width="60"><template #default="{ row }"><el-checkbox v-model="row.bonus" /></template></el-table-column>
        <el-table-column label="否决" width="60"><template #default="{ row }"><el-checkbox v-model="row.veto" /></template></el-table-column>
        <el-table-column v-if="principal || rows.some((r) => r.developmental)" label="发展性" width="66"><template #default="{ row }"><el-checkbox v-model="row.developmental" /></template></el-table-column>
        <el-table-column v-if="principal || rows.some((r) => r.survey)" label="问卷计分" width="76"><template #default="{ row }"><el-checkbox v-model="row.survey" /></template></el-table-column>
        <el-table-column label="评分说明" min-width="180"><template #default="{ row }"><el-input v-model="row.guidance" size="small" maxlength="1000" /></template></el-table-column>
        <el-table-column label="佐证材料" min-width="140"><template #default="{ row }"><el-input v-model="row.evidence" size="small" maxlength="500" /></template></el-table-column>
        <el-table-column label="" width="90" fixed="right">
          <template #default="{ $index }">
            <el-button link type="primary" size="small" @click="add($index)">插入</el-button>
            <el-button link type="danger" size="small" @click="remove($index)">删除</el-button>
          </template>
        </el-table-column>
      </el-table>
      <el-button v-if="!rows.length" icon="IconPlus" style="margin-top: 8px" @click="add(-1)">添加第一项</el-button>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存指标</el-button>
      </template>
    </el-dialog>`,
};

/** The calculator: points for each leaf, failed veto items → POST /indicator-systems/{id}/score. */
const ScoreDialog = {
  name: 'ScoreDialog',
  props: { system: { type: Object, required: true }, items: { type: Array, required: true } },
  emits: ['close'],
  setup(props) {
    const parents = new Set(props.items.map((it) => it.parent).filter(Boolean));
    // A survey item (PRIN-08) is scored as a whole; what lies under it is not scored.
    const underSurvey = new Set();
    for (const it of props.items) if (it.parent && (underSurvey.has(it.parent) || props.items.find((p) => p.code === it.parent)?.survey)) underSurvey.add(it.code);
    const scorable = (it) => !underSurvey.has(it.code) && (it.survey || !parents.has(it.code));
    const leaves = ref(props.items.filter(scorable).map((it) => ({
      code: it.code, name: it.name, max: Number(it.max_points), veto: Boolean(it.veto), bonus: Boolean(it.bonus),
      developmental: Boolean(it.developmental), survey: Boolean(it.survey),
      points: it.veto ? 0 : Number(it.max_points), progress: it.developmental ? Number(it.max_points) : 0, failed: false,
    })));
    const principal = props.system.kind === 'principal_tenure';
    const result = ref(null);
    const busy = ref(false);
    async function score() {
      busy.value = true;
      try {
        const scores = leaves.value.map((l) => {
          if (l.veto) return { code: l.code, failed_veto: l.failed };
          const one = { code: l.code, points: l.points ?? 0 };
          if (l.developmental) one.progress = l.progress ?? 0;
          return one;
        });
        result.value = await api.post(`/indicator-systems/${props.system.id}/score`, { scores });
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    return { leaves, result, busy, principal, score, dialogWidth };
  },
  template: `
    <el-dialog :model-value="true" :title="'评分测算 · ' + system.name" :width="dialogWidth" @close="$emit('close')">
      <p class="hint">按细则逐项打分（默认满分）；一票否决项勾选“触发”则总分为 0。计算规则与督查评分相同。</p>
      <p v-if="principal" class="hint">发展性指标填现状分和进步分（默认按现状 70%、进步 30% 折算）；满意度调查按问卷结果整体填分；等次为优秀、良好、合格、不合格。</p>
      <div class="score-rows" style="max-height: 50vh; overflow: auto">
        <div v-for="l in leaves" :key="l.code" style="display: flex; align-items: center; gap: 8px; padding: 4px 0; border-bottom: 1px solid #ebeef5">
          <span class="mono hint" style="min-width: 44px">{{ l.code }}</span>
          <span style="flex: 1; min-width: 0">{{ l.name }}<el-tag v-if="l.bonus" disable-transitions size="small" type="success" effect="plain" class="tag-gap">加分项</el-tag><el-tag v-if="l.survey" disable-transitions size="small" effect="plain" class="tag-gap">问卷计分</el-tag></span>
          <el-checkbox v-if="l.veto" v-model="l.failed" class="veto-check">触发</el-checkbox>
          <template v-else>
            <el-input-number v-model="l.points" size="small" :min="0" :max="l.max" :precision="1" :step="0.5" controls-position="right" style="width: 100px" :aria-label="l.developmental ? '现状' : '得分'" />
            <el-input-number v-if="l.developmental" v-model="l.progress" size="small" :min="0" :max="l.max" :precision="1" :step="0.5" controls-position="right" style="width: 100px" aria-label="进步" class="progress-input" />
          </template>
        </div>
      </div>
      <div v-if="result" class="stat-row score-result" style="margin-top: 12px">
        <div class="stat"><b>{{ Number(result.total).toFixed(1) }}</b><span>总分</span></div>
        <div class="stat"><b>{{ Number(result.base).toFixed(1) }}</b><span>基本分</span></div>
        <div class="stat"><b>{{ Number(result.bonus).toFixed(1) }}</b><span>加分</span></div>
        <div class="stat" :class="{ overdue: result.vetoed }"><b>{{ result.vetoed ? '否决' : result.grade }}</b><span>等次</span></div>
      </div>
      <template #footer>
        <el-button @click="$emit('close')">关闭</el-button>
        <el-button type="primary" :loading="busy" @click="score">计算</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'IndicatorSystemsPage',
  components: { LoadState, SystemForm, ImportDialog, TreeEditor, ScoreDialog },
  setup() {
    const filters = reactive({ kind: queryParam('kind'), year: null });
    const systems = useLoad(async () => itemsOf(await api.get('/indicator-systems', { ...filters, per_page: 100 })));
    const selectedId = ref(Number(queryParam('open')) || null);
    const detail = useLoad(async () => (selectedId.value ? api.get(`/indicator-systems/${selectedId.value}/indicators`) : null));
    const creating = ref(false);
    const importing = ref(false);
    const editing = ref(false);
    const scoring = ref(false);
    const busy = ref(false);
    const writable = can('indicators.write');
    const years = computed(() => Array.from({ length: 6 }, (_, i) => thisYear() - 3 + i));

    const list = computed(() => systems.data.value ?? []);
    const system = computed(() => detail.data.value?.system ?? null);
    const items = computed(() => itemsOf(detail.data.value));
    const tree = computed(() => buildTree(items.value));
    const totals = computed(() => {
      let regular = 0;
      let bonus = 0;
      for (const it of items.value) {
        if (it.level !== 1) continue;
        if (it.bonus) bonus += Number(it.max_points);
        else if (!it.veto) regular += Number(it.max_points);
      }
      const count = [0, 0, 0, 0];
      for (const it of items.value) count[it.level] += 1;
      return { regular, bonus, count };
    });

    async function load() {
      await systems.load();
      if (!selectedId.value && list.value.length) {
        selectedId.value = (list.value.find((s) => s.code === 'clean-school') ?? list.value[0]).id;
      }
      if (selectedId.value) detail.load();
    }
    function select(row) {
      if (!row) return;
      selectedId.value = row.id;
      navigate(`/indicator-systems?open=${row.id}`, { replace: true });
      detail.load();
    }
    function reselect(s) {
      creating.value = false;
      importing.value = false;
      selectedId.value = s.id;
      navigate(`/indicator-systems?open=${s.id}`, { replace: true });
      load();
    }
    async function copy() {
      let year;
      try {
        const answer = await ElMessageBox.prompt('新版本的年度', `复制「${system.value.name}」为新版本`, {
          inputValue: String(Math.max(thisYear(), system.value.year)), inputPattern: /^20\d\d$/,
          inputErrorMessage: '请输入年份，如 2027', confirmButtonText: '复制', cancelButtonText: '取消',
        });
        year = Number(answer.value);
      } catch {
        return;
      }
      busy.value = true;
      try {
        const s = await api.post('/indicator-systems', { from_id: system.value.id, year });
        ElMessage.success(`已复制为第 ${s.version} 版草稿`);
        reselect(s);
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    async function publish() {
      try {
        await ElMessageBox.confirm('发布后该版本不能再修改（需要修改时复制为新版本）。确定发布吗？', '发布评分细则', {
          confirmButtonText: '发布', cancelButtonText: '取消', type: 'warning',
        });
      } catch {
        return;
      }
      busy.value = true;
      try {
        await api.patch(`/indicator-systems/${system.value.id}`, { status: 'published' });
        ElMessage.success('已发布');
        load();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    function exportXlsx() {
      saveFile('GET', `/indicator-systems/${system.value.id}.xlsx`, { name: `${system.value.code}.xlsx` });
    }
    function edited() {
      editing.value = false;
      load();
    }

    onMounted(load);
    return {
      filters, systems, list, detail, system, items, tree, totals, selectedId, creating, importing, editing, scoring, busy,
      writable, years, isMobile, load, select, reselect, copy, publish, exportXlsx, edited, labelOf,
      INDICATOR_KINDS, INDICATOR_STAGES, INDICATOR_STATUSES, LEVEL_NAMES,
    };
  },
  template: `
    <div class="page indicator-systems-page">
      <div class="page-head">
        <h2>评分细则</h2>
        <div class="actions" v-if="writable">
          <el-button icon="IconUpload" @click="importing = true">导入 Excel</el-button>
          <el-button type="primary" icon="IconPlus" @click="creating = true">新建草稿</el-button>
        </div>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="load">
          <el-form-item label="类别">
            <el-select v-model="filters.kind" placeholder="全部" clearable @change="load">
              <el-option v-for="(label, value) in INDICATOR_KINDS" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="年度">
            <el-select v-model="filters.year" placeholder="全部" clearable style="width: 110px" @change="load">
              <el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" />
            </el-select>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card shadow="never">
        <template #header>评分细则版本</template>
        <load-state :state="systems.state" :empty="systems.state.loaded && !list.length ? '暂无评分细则' : ''" @retry="load">
          <el-table :data="list" row-key="id" size="small" highlight-current-row class="systems-table"
            :current-row-key="selectedId" @row-click="select">
            <el-table-column prop="name" label="名称" min-width="180" show-overflow-tooltip />
            <el-table-column v-if="!isMobile" prop="code" label="编号" min-width="130" show-overflow-tooltip />
            <el-table-column label="类别" min-width="120"><template #default="{ row }">{{ labelOf(INDICATOR_KINDS, row.kind) }}<template v-if="row.stage"> · {{ labelOf(INDICATOR_STAGES, row.stage) }}</template></template></el-table-column>
            <el-table-column prop="year" label="年度" width="70" />
            <el-table-column label="版本" width="60"><template #default="{ row }">v{{ row.version }}</template></el-table-column>
            <el-table-column label="状态" width="80">
              <template #default="{ row }"><el-tag disable-transitions size="small" :type="row.status === 'draft' ? 'warning' : 'success'">{{ labelOf(INDICATOR_STATUSES, row.status) }}</el-tag></template>
            </el-table-column>
            <el-table-column v-if="!isMobile" prop="indicator_count" label="指标数" width="70" />
          </el-table>
        </load-state>
      </el-card>
      <el-card shadow="never" v-if="selectedId">
        <template #header>
          <div class="card-head">
            <span>{{ system ? system.name + '（' + system.year + '年 第' + system.version + '版）' : '指标' }}</span>
            <div class="actions" v-if="system">
              <el-button size="small" icon="IconDownload" @click="exportXlsx">导出 Excel</el-button>
              <el-button v-if="items.length" size="small" @click="scoring = true">评分测算</el-button>
              <template v-if="writable">
                <el-button size="small" :loading="busy" @click="copy">复制为新版本</el-button>
                <el-button v-if="system.status === 'draft' && !system.used" size="small" @click="editing = true">编辑指标</el-button>
                <el-button v-if="system.status === 'draft' && !system.used" size="small" type="primary" :loading="busy" @click="publish">发布</el-button>
              </template>
            </div>
          </div>
        </template>
        <load-state :state="detail.state" :empty="detail.state.loaded && !items.length ? '该版本还没有指标' : ''" @retry="detail.load">
          <p class="hint sheet-summary">
            一级指标 {{ totals.count[1] }} 项 · 二级 {{ totals.count[2] }} 项 · 三级 {{ totals.count[3] }} 项；基本分 {{ totals.regular }} 分<template v-if="totals.bonus">，加分项最多 {{ totals.bonus }} 分</template>
          </p>
          <el-table :data="tree" row-key="key" size="small" default-expand-all class="indicator-tree"
            :tree-props="{ children: 'children' }">
            <el-table-column label="指标" min-width="260">
              <template #default="{ row }">
                <span class="mono hint">{{ row.code }}</span>
                <span :style="{ fontWeight: row.level === 1 ? 600 : 400 }"> {{ row.name }}</span>
                <el-tag v-if="row.bonus" disable-transitions size="small" type="success" effect="plain" class="tag-gap">加分项</el-tag>
                <el-tag v-if="row.veto" disable-transitions size="small" type="danger" effect="plain" class="tag-gap">一票否决</el-tag>
                <el-tag v-if="row.developmental" disable-transitions size="small" type="warning" effect="plain" class="tag-gap">发展性</el-tag>
                <el-tag v-if="row.survey" disable-transitions size="small" effect="plain" class="tag-gap">问卷计分</el-tag>
              </template>
            </el-table-column>
            <el-table-column label="分值" width="70" align="right"><template #default="{ row }">{{ row.max_points }}</template></el-table-column>
            <el-table-column v-if="!isMobile" label="权重" width="70" align="right">
              <template #default="{ row }">{{ row.weight === 1000 ? '—' : (row.weight / 10) + '%' }}</template>
            </el-table-column>
            <el-table-column v-if="!isMobile" prop="guidance" label="评分说明" min-width="220" show-overflow-tooltip />
            <el-table-column v-if="!isMobile" prop="evidence" label="佐证材料" min-width="150" show-overflow-tooltip />
          </el-table>
        </load-state>
      </el-card>
      <system-form v-if="creating" @saved="reselect" @close="creating = false" />
      <import-dialog v-if="importing" :systems="list" @saved="reselect" @close="importing = false" />
      <score-dialog v-if="scoring && system" :system="system" :items="items" @close="scoring = false" />
      <tree-editor v-if="editing && system" :system="system" :items="items" @saved="edited" @close="editing = false" />
    </div>`,
};
