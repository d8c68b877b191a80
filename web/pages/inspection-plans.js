// 督查计划: which inspectors visit which schools' organizations in which
// period, on which published indicator system. District staff create and
// edit plans; an inspector sees their own assignments and starts an
// inspection from one.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { INSPECTION_KINDS, INSPECTION_STATES, labelOf } from '../labels.js';
import { OrgSelect } from '../orgs.js';
import { navigate } from '../router.js';
import { isMobile, dialogWidth, useFormErrors, showError } from '../ui.js';
import { itemsOf, todayChina } from '../life.js';
import { usePagedList, ListPager } from '../list.js';

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];
const pad2 = (n) => String(n).padStart(2, '0');

/** The quarter 'YYYY-Qn' as its first and last day (YYYY-MM-DD) and its name. */
export function quarterPeriod(key) {
  const m = /^(\d{4})-Q([1-4])$/.exec(key ?? '');
  if (!m) return null;
  const y = Number(m[1]);
  const q = Number(m[2]);
  const lastMonth = q * 3;
  const lastDay = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  return {
    start: `${y}-${pad2(lastMonth - 2)}-01`, end: `${y}-${pad2(lastMonth)}-${pad2(lastDay)}`,
    label: `${y}年${QUARTER_NAMES[q - 1]}`,
  };
}

/** The quarter key of a period that is exactly one quarter, else ''. */
function quarterOf(start, end) {
  const m = /^(\d{4})-(\d{2})-01$/.exec(start ?? '');
  if (!m || (Number(m[2]) - 1) % 3) return '';
  const key = `${m[1]}-Q${(Number(m[2]) + 2) / 3}`;
  return quarterPeriod(key)?.end === end ? key : '';
}

/** The quarters offered: last year's first through next year's last. */
function quarterOptions() {
  const y = Number(todayChina().slice(0, 4));
  const out = [];
  for (let year = y - 1; year <= y + 1; year += 1) {
    for (let q = 1; q <= 4; q += 1) out.push({ key: `${year}-Q${q}`, label: quarterPeriod(`${year}-Q${q}`).label });
  }
  return out;
}

/**
 * Client checks of the assignment rows, in words with the row number (the
 * server names the same fields): rows left wholly empty are dropped, at
 * least one row must remain. Returns the rows to send; errors gets
 * 'assignments' or 'assignments[i].org_id' / '.inspector_id'.
 */
export function checkAssignments(rows, errors) {
  const filled = rows.filter((a) => a.org_id || a.inspector_id);
  if (!filled.length) {
    errors.assignments = '请至少安排一项督查任务：选择受检党组织和督查员';
    return filled;
  }
  filled.forEach((a, i) => {
    if (!a.org_id) errors[`assignments[${i}].org_id`] = `请为第${i + 1}行选择受检党组织`;
    if (!a.inspector_id) errors[`assignments[${i}].inspector_id`] = `请为第${i + 1}行选择督查员`;
  });
  return filled;
}

/** Create or edit a plan with its assignment rows (org × inspector). */
const PlanDialog = {
  name: 'PlanDialog',
  components: { OrgSelect },
  props: { plan: { type: Object, default: null } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const p = props.plan;
    // A new plan starts on this quarter; the picker fills both dates.
    const today = todayChina();
    const thisQuarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const form = reactive({
      name: p?.name ?? '', kind: p?.kind ?? 'quarterly_inspection', system_id: p?.system_id ?? null,
      period_start: p?.period_start ?? quarterPeriod(thisQuarter).start,
      period_end: p?.period_end ?? quarterPeriod(thisQuarter).end,
      assignments: (p?.assignments ?? []).map((a) => ({ org_id: a.org_id, inspector_id: a.inspector_id })),
    });
    const quarters = quarterOptions();
    const quarter = computed({
      get: () => quarterOf(form.period_start, form.period_end),
      set: (key) => {
        const q = quarterPeriod(key);
        if (!q) return;
        form.period_start = q.start;
        form.period_end = q.end;
        if (!form.name.trim()) form.name = `${q.label}党建督查`;
      },
    });
    if (!form.assignments.length) form.assignments.push({ org_id: null, inspector_id: null });
    const systems = ref([]);
    const inspectors = ref([]);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const kindSystems = computed(() => systems.value.filter((s) => s.kind === form.kind && s.status === 'published'));

    onMounted(async () => {
      try {
        systems.value = itemsOf(await api.get('/indicator-systems', { per_page: 100 }));
        inspectors.value = itemsOf(await api.get('/inspection-plans/inspectors'));
        if (!form.system_id) form.system_id = kindSystems.value[0]?.id ?? null;
      } catch (err) {
        showError(err);
      }
    });

    function kindChanged() {
      form.system_id = kindSystems.value[0]?.id ?? null;
    }

    async function save() {
      clear();
      if (!form.name.trim()) errors.name = '请填写计划名称';
      if (!form.system_id) errors.system_id = '请选择已发布的评分细则';
      const assignments = checkAssignments(form.assignments, errors);
      if (Object.keys(errors).length) {
        // Rows now as sent, so each message sits beside its own row.
        if (assignments.length) form.assignments = assignments.map((a) => ({ ...a }));
        return;
      }
      form.assignments = assignments.map((a) => ({ ...a }));
      busy.value = true;
      const body = { ...form, assignments };
      try {
        if (p) await api.put(`/inspection-plans/${p.id}`, body);
        else await api.post('/inspection-plans', body);
        ElMessage.success('督查计划已保存');
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    const fieldError = (i, f) => errors[`assignments[${i}].${f}`] ?? '';
    return {
      form, errors, busy, kindSystems, inspectors, INSPECTION_KINDS, save, kindChanged, fieldError,
      dialogWidth, isMobile, quarter, quarters,
    };
  },
  template: `
    <el-dialog :model-value="true" :title="plan ? '编辑督查计划' : '新建督查计划'" :width="dialogWidth"
      :fullscreen="isMobile" @close="$emit('close')">
      <el-form :model="form" label-position="top" class="plan-form">
        <el-form-item label="计划名称" :error="errors.name">
          <el-input v-model="form.name" maxlength="100" placeholder="如：2026年第三季度党建督查" />
        </el-form-item>
        <el-form-item label="督查类别" :error="errors.kind">
          <el-select v-model="form.kind" @change="kindChanged">
            <el-option v-for="(label, key) in INSPECTION_KINDS" :key="key" :label="label" :value="key" />
          </el-select>
        </el-form-item>
        <el-form-item label="评分细则（须已发布）" :error="errors.system_id">
          <el-select v-model="form.system_id" placeholder="请选择" no-data-text="该类别没有已发布的评分细则">
            <el-option v-for="s in kindSystems" :key="s.id" :label="s.name + ' 第' + s.version + '版（' + s.year + '）'" :value="s.id" />
          </el-select>
        </el-form-item>
        <el-form-item label="督查季度" class="plan-quarter">
          <el-select v-model="quarter" placeholder="自定义期间" aria-label="督查季度">
            <el-option v-for="q in quarters" :key="q.key" :label="q.label" :value="q.key" />
          </el-select>
          <span class="hint">选择季度即填好起止日期；也可在下面自定义。</span>
        </el-form-item>
        <div class="form-row">
          <el-form-item label="开始日期" :error="errors.period_start">
            <el-date-picker v-model="form.period_start" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
          <el-form-item label="结束日期" :error="errors.period_end">
            <el-date-picker v-model="form.period_end" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
        </div>
        <el-form-item label="督查任务分配（至少一项）" required :error="errors.assignments" class="assign-item">
          <div class="assign-rows">
            <div v-for="(a, i) in form.assignments" :key="i" class="assign-row">
              <el-form-item :error="fieldError(i, 'org_id')" class="assign-org">
                <org-select v-model="a.org_id" placeholder="受检党组织" />
              </el-form-item>
              <el-form-item :error="fieldError(i, 'inspector_id')" class="assign-user">
                <el-select v-model="a.inspector_id" placeholder="督查员" filterable
                  no-data-text="还没有督查员账号：请安全管理员在用户管理中创建（角色：督查员）">
                  <el-option v-for="u in inspectors" :key="u.id" :label="u.username" :value="u.id" />
                </el-select>
              </el-form-item>
              <el-button link type="danger" @click="form.assignments.splice(i, 1)">移除</el-button>
            </div>
            <el-button size="small" icon="IconPlus" @click="form.assignments.push({ org_id: null, inspector_id: null })">添加一项</el-button>
          </div>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

/** One plan with its assignments; an inspector starts an inspection here. */
const PlanDetail = {
  name: 'PlanDetail',
  props: { id: { type: Number, required: true } },
  emits: ['edit'],
  setup(props) {
    const plan = ref(null);
    const busy = ref(0);
    async function load() {
      try {
        plan.value = await api.get(`/inspection-plans/${props.id}`);
      } catch (err) {
        showError(err);
      }
    }
    async function start(a) {
      if (a.inspection_id) {
        navigate(`/inspections?id=${a.inspection_id}`);
        return;
      }
      busy.value = a.id;
      try {
        const x = await api.post('/inspections', { plan_id: props.id, org_id: a.org_id, inspected_on: todayChina() });
        ElMessage.success('已创建督查评分表');
        navigate(`/inspections?id=${x.id}`);
      } catch (err) {
        showError(err);
      } finally {
        busy.value = 0;
      }
    }
    onMounted(load);
    return {
      plan, busy, start, isMobile, labelOf, INSPECTION_KINDS, INSPECTION_STATES,
      mayStart: can('inspections.write'), mayPlan: can('inspection-plans.write'),
    };
  },
  template: `
    <div v-if="plan" class="plan-detail">
      <p class="hint">{{ labelOf(INSPECTION_KINDS, plan.kind) }} · {{ plan.system_name }} ·
        {{ plan.period_start }} 至 {{ plan.period_end }}</p>
      <el-table :data="plan.assignments" size="small" empty-text="暂无任务">
        <el-table-column prop="org_name" label="受检党组织" min-width="160" show-overflow-tooltip />
        <el-table-column prop="inspector" label="督查员" width="110" />
        <el-table-column label="状态" width="90">
          <template #default="{ row }">{{ row.inspection_state ? labelOf(INSPECTION_STATES, row.inspection_state) : '未开始' }}</template>
        </el-table-column>
        <el-table-column label="操作" width="110">
          <template #default="{ row }">
            <el-button v-if="row.inspection_id || mayStart" link type="primary" :loading="busy === row.id"
              class="start-inspection" @click="start(row)">{{ row.inspection_id ? '打开评分' : '开始督查' }}</el-button>
          </template>
        </el-table-column>
      </el-table>
    </div>`,
};

export default {
  name: 'InspectionPlansPage',
  components: { PlanDialog, PlanDetail, ListPager },
  setup() {
    const { list, load } = usePagedList('/inspection-plans');
    const dialog = ref(null);
    const expanded = ref([]);
    const detailKey = ref(0);

    async function edit(row) {
      try {
        dialog.value = { plan: await api.get(`/inspection-plans/${row.id}`) };
      } catch (err) {
        showError(err);
      }
    }
    function saved() {
      dialog.value = null;
      detailKey.value += 1;
      load();
    }
    onMounted(load);
    return {
      list, load, dialog, edit, saved, expanded, detailKey, isMobile, labelOf, INSPECTION_KINDS,
      mayPlan: can('inspection-plans.write'),
    };
  },
  template: `
    <div class="page inspection-plans-page">
      <div class="page-head">
        <h2>督查计划</h2>
        <el-button v-if="mayPlan" type="primary" icon="IconPlus" class="new-plan" @click="dialog = { plan: null }">新建计划</el-button>
      </div>
      <el-table :data="list.items" v-loading="list.loading" row-key="id" empty-text="暂无督查计划">
        <el-table-column type="expand">
          <template #default="{ row }"><plan-detail :id="row.id" :key="row.id + ':' + detailKey" /></template>
        </el-table-column>
        <el-table-column prop="name" label="计划名称" min-width="180" />
        <el-table-column v-if="!isMobile" label="类别" width="140">
          <template #default="{ row }">{{ labelOf(INSPECTION_KINDS, row.kind) }}</template>
        </el-table-column>
        <el-table-column v-if="!isMobile" label="期间" width="200">
          <template #default="{ row }">{{ row.period_start }} 至 {{ row.period_end }}</template>
        </el-table-column>
        <el-table-column prop="assignment_count" label="任务数" width="70" />
        <el-table-column v-if="mayPlan" label="操作" width="70">
          <template #default="{ row }"><el-button link type="primary" @click="edit(row)">编辑</el-button></template>
        </el-table-column>
      </el-table>
      <list-pager :list="list" @change="load" />
      <plan-dialog v-if="dialog" :plan="dialog.plan" @done="saved" @close="dialog = null" />
    </div>`,
};
