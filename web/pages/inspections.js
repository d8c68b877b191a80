// 督查评分: the list of inspections and the inspection form, made for a
// tablet on site (and a phone): the indicator tree with a score and note
// per indicator, what the platform already knows shown beside the
// indicators it bears on, a live total from the sheet's own rules, evidence
// files, the steps by role (submit, confirm, revise), a finding issued from
// an indicator, and the .xlsx report.
import { ref, reactive, computed, watch, onMounted, onBeforeUnmount } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import {
  INSPECTION_KINDS, INSPECTION_STATES, INSPECTION_STATE_TAGS, FINDING_SEVERITIES, labelOf,
} from '../labels.js';
import { navigate, queryParam } from '../router.js';
import { isMobile, dialogWidth, useFormErrors, showError } from '../ui.js';
import { itemsOf, todayChina, saveFile, useLoad, LoadState } from '../life.js';
import { usePagedList, ListPager } from '../list.js';
import { ruleWords } from '../rules.js';
import { FileList } from '../files.js';

const LEVEL_TAGS = { ok: 'success', warning: 'warning', critical: 'danger' };

/** YYYY-MM-DD `days` after today (China time). */
function daysLater(days) {
  const d = new Date(`${todayChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Change who inspects a draft (督查员), from the active inspector accounts. */
const InspectorsDialog = {
  name: 'InspectorsDialog',
  props: { inspection: { type: Object, required: true } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const chosen = ref(props.inspection.inspectors.map((u) => u.id));
    const users = ref([]);
    const busy = ref(false);
    const { errors, clear, report } = useFormErrors();
    onMounted(async () => {
      try {
        users.value = itemsOf(await api.get('/inspection-plans/inspectors'));
      } catch (err) {
        showError(err);
      }
    });
    async function save() {
      clear();
      busy.value = true;
      try {
        const r = await api.patch(`/inspections/${props.inspection.id}`, { inspector_ids: chosen.value });
        ElMessage.success('督查员已更新');
        emit('done', r.inspectors);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { chosen, users, busy, errors, save, dialogWidth };
  },
  template: `
    <el-dialog :model-value="true" title="调整督查员" :width="dialogWidth" append-to-body @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="督查员" :error="errors.inspector_ids">
          <el-select v-model="chosen" multiple filterable placeholder="选择督查员" class="inspector-select">
            <el-option v-for="u in users" :key="u.id" :label="u.username" :value="u.id" />
          </el-select>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" class="save-inspectors" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

/** Issue a finding (整改事项) from an indicator of the inspection. */
const FindingDialog = {
  name: 'FindingDialog',
  props: { inspectionId: { type: Number, required: true }, indicator: { type: Object, default: null } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({
      title: props.indicator ? `${props.indicator.name}存在问题` : '', detail: '', severity: 'major',
      deadline: daysLater(30), evidence_required: props.indicator?.evidence ?? '',
    });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    async function save() {
      clear();
      if (!form.title.trim()) {
        errors.title = '请填写问题';
        return;
      }
      busy.value = true;
      try {
        const body = { ...form };
        if (props.indicator) body.indicator = props.indicator.code;
        await api.post(`/inspections/${props.inspectionId}/findings`, body);
        ElMessage.success('已开具整改事项');
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, dialogWidth, FINDING_SEVERITIES };
  },
  template: `
    <el-dialog :model-value="true" title="开具整改事项" :width="dialogWidth" append-to-body @close="$emit('close')">
      <p v-if="indicator" class="hint">指标 {{ indicator.code }} {{ indicator.name }}</p>
      <el-form :model="form" label-position="top" class="finding-form">
        <el-form-item label="问题" :error="errors.title"><el-input v-model="form.title" maxlength="100" /></el-form-item>
        <el-form-item label="说明" :error="errors.detail"><el-input v-model="form.detail" type="textarea" :rows="2" maxlength="2000" /></el-form-item>
        <el-form-item label="严重程度" :error="errors.severity">
          <el-radio-group v-model="form.severity">
            <el-radio-button v-for="(label, key) in FINDING_SEVERITIES" :key="key" :value="key">{{ label }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item label="整改期限" :error="errors.deadline">
          <el-date-picker v-model="form.deadline" type="date" value-format="YYYY-MM-DD" />
        </el-form-item>
        <el-form-item label="需提交的整改材料" :error="errors.evidence_required"><el-input v-model="form.evidence_required" maxlength="500" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" class="finding-save" @click="save">开具</el-button>
      </template>
    </el-dialog>`,
};

/** The form of one inspection. */
const InspectionForm = {
  name: 'InspectionForm',
  components: { FindingDialog, InspectorsDialog, LoadState, FileList },
  props: { id: { type: Number, required: true } },
  emits: ['open', 'back'],
  setup(props, { emit }) {
    const x = ref(null);
    const tree = ref([]);
    const evidence = ref([]);
    const sheet = reactive({});
    const live = ref(null);
    const fieldErrors = reactive({});
    const busy = ref('');
    const saved = ref('');
    const finding = ref(null);
    const editingInspectors = ref(false);

    const { state, load } = useLoad(async () => {
      const insp = await api.get(`/inspections/${props.id}`);
      const [t, s, ev] = await Promise.all([
        api.get(`/indicator-systems/${insp.system_id}/indicators`),
        api.get(`/inspections/${props.id}/scores`),
        api.get(`/inspections/${props.id}/evidence`).catch(() => ({ items: [] })),
      ]);
      tree.value = itemsOf(t);
      evidence.value = itemsOf(ev);
      for (const key of Object.keys(sheet)) delete sheet[key];
      for (const it of tree.value) sheet[it.code] = { points: null, note: '', failed_veto: false };
      for (const sc of itemsOf(s)) Object.assign(sheet[sc.code] ?? {}, sc);
      x.value = insp;
      live.value = insp.result;
      saved.value = JSON.stringify(payload());
      return insp;
    });

    const parents = computed(() => new Set(tree.value.map((it) => it.parent).filter(Boolean)));
    const isLeaf = (it) => !parents.value.has(it.code);
    const byCode = computed(() => new Map(tree.value.map((it) => [it.code, it])));
    const editable = computed(() => Boolean(x.value?.may?.edit));

    /** Evidence shown at the topmost indicator it bears on. */
    function evidenceAt(it) {
      return evidence.value.filter((e) => e.indicators.includes(it.code) && !(it.parent && e.indicators.includes(it.parent)));
    }
    const unplaced = computed(() => evidence.value.filter((e) => !e.indicators.length));

    /** The scores to send: scored leaves only, in tree order. */
    function payload() {
      return tree.value.filter((it) => isLeaf(it) && (sheet[it.code].points !== null || sheet[it.code].failed_veto || sheet[it.code].note))
        .map((it) => ({
          code: it.code, points: sheet[it.code].points ?? 0, failed_veto: Boolean(sheet[it.code].failed_veto), note: sheet[it.code].note ?? '',
        }));
    }

    /** scores[i].field errors back to the indicator they name. */
    function placeErrors(err, sent) {
      for (const key of Object.keys(fieldErrors)) delete fieldErrors[key];
      for (const [field, msg] of Object.entries(err?.fields ?? {})) {
        const m = /^scores\[(\d+)\]/.exec(field);
        if (m && sent[Number(m[1])]) fieldErrors[sent[Number(m[1])].code] = msg;
      }
    }

    let timer = null;
    async function recompute() {
      const sent = payload().map(({ code, points, failed_veto: fv }) => ({ code, points, failed_veto: fv }));
      try {
        live.value = await api.post(`/indicator-systems/${x.value.system_id}/score`, { scores: sent });
        placeErrors(null, sent);
      } catch (err) {
        placeErrors(err, sent);
      }
    }
    /** Unsaved edits: the sheet differs from what was last loaded. */
    const dirty = computed(() => Boolean(x.value) && JSON.stringify(payload()) !== saved.value);
    watch(sheet, () => {
      if (!x.value || !editable.value || !dirty.value) return;
      clearTimeout(timer);
      timer = setTimeout(recompute, 250);
    }, { deep: true });
    onBeforeUnmount(() => clearTimeout(timer));

    async function saveScores(quiet) {
      const sent = payload();
      busy.value = 'save';
      try {
        const r = await api.put(`/inspections/${props.id}/scores`, { scores: sent });
        live.value = r;
        placeErrors(null, sent);
        if (!quiet) ElMessage.success('评分已保存');
        await load();
        return true;
      } catch (err) {
        placeErrors(err, sent);
        showError(err);
        return false;
      } finally {
        busy.value = '';
      }
    }

    async function step(action) {
      if (action === 'submit' && dirty.value && !(await saveScores(true))) return;
      if (action === 'submit' || action === 'confirm') {
        const what = action === 'submit' ? '提交后不能再修改评分，确定提交？' : '确认后督查结果生效且只读，确定确认？';
        try {
          await ElMessageBox.confirm(what, '请确认', { type: 'warning', confirmButtonText: '确定', cancelButtonText: '取消' });
        } catch {
          return;
        }
      }
      busy.value = action;
      try {
        await api.post(`/inspections/${props.id}/${action}`);
        ElMessage.success(action === 'submit' ? '已提交，等待区级确认' : '已确认');
        await load();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = '';
      }
    }

    async function revise() {
      let reason;
      try {
        ({ value: reason } = await ElMessageBox.prompt('请填写修订原因（将记入审计日志）', '修订督查结果', {
          confirmButtonText: '修订', cancelButtonText: '取消', inputValidator: (v) => Boolean(v?.trim()) || '请填写修订原因',
        }));
      } catch {
        return;
      }
      try {
        const r = await api.post(`/inspections/${props.id}/revise`, { reason });
        ElMessage.success(`已生成第${r.revision}次修订稿`);
        emit('open', r.id);
      } catch (err) {
        showError(err);
      }
    }

    /** Only the inspectors change: unsaved scores on the sheet stay. */
    function inspectorsDone(inspectors) {
      editingInspectors.value = false;
      x.value = { ...x.value, inspectors };
    }

    async function findingDone() {
      finding.value = null;
      try {
        x.value = { ...x.value, findings: itemsOf(await api.get(`/inspections/${props.id}/findings`)) };
      } catch (err) {
        showError(err);
      }
    }

    onMounted(load);
    return {
      x, tree, sheet, live, state, load, fieldErrors, busy, dirty, finding, editingInspectors, editable, isLeaf, byCode,
      evidenceAt, unplaced, saveScores, step, revise, findingDone, inspectorsDone, isMobile, labelOf, ruleWords,
      INSPECTION_KINDS, INSPECTION_STATES, INSPECTION_STATE_TAGS, FINDING_SEVERITIES, LEVEL_TAGS,
      fmt: (v) => Number(v ?? 0).toFixed(1),
      report: () => saveFile('GET', `/inspections/${props.id}/report.xlsx`),
    };
  },
  template: `
    <div class="insp-form">
      <div class="page-head">
        <h2><el-button link class="back" @click="$emit('back')">‹ 返回</el-button> 督查评分表</h2>
      </div>
      <load-state :state="state" @retry="load">
        <template v-if="x">
          <el-card shadow="never" class="insp-head">
            <div class="insp-title">
              <strong>{{ x.org_name }}</strong>
              <el-tag :type="INSPECTION_STATE_TAGS[x.state]" class="insp-state">{{ labelOf(INSPECTION_STATES, x.state) }}</el-tag>
              <el-tag v-if="x.revision > 1" type="info">第{{ x.revision }}次修订</el-tag>
              <el-tag v-if="x.superseded_by" type="info">已被修订稿取代</el-tag>
            </div>
            <p class="hint">{{ labelOf(INSPECTION_KINDS, x.kind) }} · {{ x.inspected_on }} · {{ x.system_name }} 第{{ x.system_version }}版
              · 督查员：<span class="insp-inspectors">{{ x.inspectors.map((u) => u.username).join('、') || '—' }}</span>
              <el-button v-if="x.may.edit" link type="primary" size="small" class="edit-inspectors" @click="editingInspectors = true">调整</el-button></p>
            <div class="insp-total" data-test="total">
              <span class="total-num">{{ fmt(live ? live.total : x.total) }}</span> 分
              <el-tag v-if="live" effect="plain">{{ live.grade }}</el-tag>
              <el-tag v-if="live && live.vetoed" type="danger">一票否决</el-tag>
              <span v-if="live" class="hint">基本分 {{ live.base }}，加分 {{ live.bonus }}</span>
              <span v-if="dirty" class="hint">（未保存）</span>
            </div>
            <div class="insp-actions">
              <el-button v-if="x.may.edit" type="primary" :loading="busy === 'save'" class="save-scores" @click="saveScores(false)">保存评分</el-button>
              <el-button v-if="x.may.submit" type="success" :loading="busy === 'submit'" class="submit-inspection" @click="step('submit')">提交</el-button>
              <el-button v-if="x.may.confirm" type="success" :loading="busy === 'confirm'" class="confirm-inspection" @click="step('confirm')">确认</el-button>
              <el-button v-if="x.may.revise" class="revise-inspection" @click="revise">修订</el-button>
              <el-button v-if="x.may.issue_finding" class="issue-finding" @click="finding = { indicator: null }">开具整改</el-button>
              <el-button icon="IconDownload" class="report" @click="report">下载报告</el-button>
            </div>
          </el-card>

          <el-alert v-for="e in unplaced" :key="e.key" :type="LEVEL_TAGS[e.level] === 'danger' ? 'error' : (LEVEL_TAGS[e.level] === 'success' ? 'success' : 'warning')"
            :closable="false" class="evidence-free" :title="e.label + '：' + e.value" :description="ruleWords(e.detail)" show-icon />

          <div class="indicator-list">
            <div v-for="it in tree" :key="it.code" :class="['ind', 'ind-l' + it.level, isLeaf(it) ? 'ind-leaf' : 'ind-parent']" :data-code="it.code">
              <div class="ind-main">
                <div class="ind-name">
                  <span class="ind-code">{{ it.code }}</span> {{ it.name }}
                  <el-tag v-if="it.bonus" size="small" type="success">加分项</el-tag>
                  <el-tag v-if="it.veto" size="small" type="danger">一票否决</el-tag>
                  <span class="ind-max">满分 {{ it.max_points }}</span>
                </div>
                <p v-if="isLeaf(it) && it.evidence" class="hint ind-guide">佐证：{{ it.evidence }}</p>
                <div v-for="e in evidenceAt(it)" :key="e.key" :class="['auto-evidence', 'ev-' + e.level]">
                  <el-tag size="small" :type="LEVEL_TAGS[e.level]">系统数据</el-tag>
                  <strong>{{ e.label }}：{{ e.value }}</strong>
                  <span class="ev-detail"><rule-text :text="e.detail" /></span>
                </div>
              </div>
              <div v-if="isLeaf(it)" class="ind-score">
                <el-checkbox v-if="it.veto" v-model="sheet[it.code].failed_veto" :disabled="!editable" class="veto-box">否决情形成立</el-checkbox>
                <el-input-number v-else v-model="sheet[it.code].points" :min="0" :max="Number(it.max_points)" :step="0.5" :precision="1"
                  :disabled="!editable" controls-position="right" placeholder="得分" class="score-input" />
                <el-input v-model="sheet[it.code].note" :disabled="!editable" placeholder="备注" maxlength="500" class="note-input" />
                <div v-if="fieldErrors[it.code]" class="field-error">{{ fieldErrors[it.code] }}</div>
                <el-button v-if="x.may.issue_finding" link type="warning" size="small" class="issue-from-indicator" @click="finding = { indicator: it }">开具整改</el-button>
              </div>
            </div>
          </div>

          <el-card shadow="never" class="insp-files">
            <template #header>佐证材料</template>
            <file-list path="inspections" :owner-id="x.id" :readonly="!x.may.edit" />
          </el-card>

          <el-card shadow="never" class="insp-findings">
            <template #header>已开具的整改事项</template>
            <el-table :data="x.findings" size="small" empty-text="暂无">
              <el-table-column prop="indicator" label="指标" width="70" />
              <el-table-column prop="title" label="问题" min-width="160" />
              <el-table-column v-if="!isMobile" label="程度" width="70">
                <template #default="{ row }">{{ labelOf(FINDING_SEVERITIES, row.severity) }}</template>
              </el-table-column>
              <el-table-column prop="deadline" label="期限" width="105" />
            </el-table>
          </el-card>
        </template>
      </load-state>
      <finding-dialog v-if="finding" :inspection-id="id" :indicator="finding.indicator" @done="findingDone" @close="finding = null" />
      <inspectors-dialog v-if="editingInspectors" :inspection="x" @done="inspectorsDone" @close="editingInspectors = false" />
    </div>`,
};

export default {
  name: 'InspectionsPage',
  components: { InspectionForm, ListPager },
  setup() {
    const openId = ref(Number(queryParam('id')) || null);
    const filters = reactive({ state: null, current: '1' });
    const { list, load, search } = usePagedList('/inspections', filters);

    function open(id) {
      openId.value = id;
      navigate(id ? `/inspections?id=${id}` : '/inspections');
    }
    function back() {
      open(null);
      load();
    }
    onMounted(() => {
      if (!openId.value) load();
    });
    return {
      openId, filters, list, load, search, open, back, isMobile, labelOf,
      INSPECTION_KINDS, INSPECTION_STATES, INSPECTION_STATE_TAGS, mayPlan: can('inspection-plans.read'),
      toPlans: () => navigate('/inspection-plans'),
    };
  },
  template: `
    <div class="page inspections-page">
      <inspection-form v-if="openId" :id="openId" :key="openId" @open="open" @back="back" />
      <template v-else>
        <div class="page-head">
          <h2>督查评分</h2>
          <el-button v-if="mayPlan" @click="toPlans">从督查计划开始督查</el-button>
        </div>
        <div class="filters">
          <el-select v-model="filters.state" placeholder="全部状态" clearable @change="search" style="width: 140px">
            <el-option v-for="(label, key) in INSPECTION_STATES" :key="key" :label="label" :value="key" />
          </el-select>
          <el-checkbox :model-value="filters.current === '1'" @change="(v) => { filters.current = v ? '1' : null; search(); }">只看最新修订</el-checkbox>
        </div>
        <el-table :data="list.items" v-loading="list.loading" empty-text="暂无督查记录" class="inspection-table" @row-click="(row) => open(row.id)">
          <el-table-column prop="org_name" label="受检党组织" min-width="160" show-overflow-tooltip />
          <el-table-column v-if="!isMobile" label="类别" width="130">
            <template #default="{ row }">{{ labelOf(INSPECTION_KINDS, row.kind) }}</template>
          </el-table-column>
          <el-table-column prop="inspected_on" label="日期" width="105" />
          <el-table-column prop="total" label="得分" width="70" />
          <el-table-column label="状态" width="90">
            <template #default="{ row }"><el-tag size="small" :type="INSPECTION_STATE_TAGS[row.state]">{{ labelOf(INSPECTION_STATES, row.state) }}</el-tag></template>
          </el-table-column>
        </el-table>
        <list-pager :list="list" @change="load" />
      </template>
    </div>`,
};
