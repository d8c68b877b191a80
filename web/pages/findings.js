// 问题整改 (整改闭环, issue 4): findings issued to schools, each through
// issued → rectifying → submitted → verified (or returned with a reason),
// with its timeline; the board of open, overdue and closed findings by
// school and by source, the closure rate and the average days to close.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { navigate, queryParam } from '../router.js';
import {
  FINDING_STATES, FINDING_STATE_TAGS, FINDING_SEVERITIES, FINDING_SEVERITY_TAGS, FINDING_SOURCES, labelOf,
} from '../labels.js';
import { OrgSelect, orgName } from '../orgs.js';
import { isMobile, dialogWidth, useFormErrors, filledFields, formatTime } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';
import { itemsOf, thisYear, todayChina, useLoad, LoadState, EChart } from '../life.js';
import { FileList } from '../files.js';

/** What each timeline event did (its state is the state it led to). */
const EVENT_LABELS = {
  issued: '下发整改问题',
  rectifying: '开始整改',
  submitted: '提交整改材料',
  verified: '核验通过，销号',
  returned: '退回重新整改',
};
const EVENT_TYPES = { issued: 'info', rectifying: 'warning', submitted: 'primary', verified: 'success', returned: 'danger' };

const ACTION_LABELS = { start: '开始整改', submit: '提交整改', verify: '核验销号', return: '退回' };

/** The steps a user may take on a finding: the secretary rectifies, the supervising side verifies. */
function actionsFor(f) {
  const out = [];
  if (!f) return out;
  if (can('findings.rectify')) {
    if (f.state === 'issued' || f.state === 'returned') out.push('start');
    if (f.state === 'rectifying' || f.state === 'returned') out.push('submit');
  }
  if (can('findings.issue') && f.state === 'submitted') out.push('verify', 'return');
  return out;
}

/** A percentage (0..100) as "85.0%"; '—' for none. */
function pct(rate) {
  return rate === null || rate === undefined ? '—' : `${Number(rate).toFixed(1)}%`;
}

/** Days after today (China time) as YYYY-MM-DD. */
function inDays(n) {
  const d = new Date(`${todayChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Issue a finding to an organization: POST /findings. */
const FindingForm = {
  name: 'FindingForm',
  components: { OrgSelect },
  emits: ['saved', 'close'],
  setup(_, { emit }) {
    const form = reactive({
      org_id: null, title: '', detail: '', severity: 'major', deadline: inDays(30), evidence_required: '',
    });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function save() {
      clear();
      if (!form.org_id) errors.org_id = '请选择责任组织';
      if (!form.title.trim()) errors.title = '请填写问题';
      if (!form.deadline) errors.deadline = '请选择整改期限';
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        const f = await api.post('/findings', filledFields({ ...form, title: form.title.trim() }));
        ElMessage.success('整改问题已下发');
        emit('saved', f);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    const notBeforeToday = (d) => d.toISOString().slice(0, 10) < todayChina();
    return { form, errors, busy, save, dialogWidth, notBeforeToday, FINDING_SEVERITIES };
  },
  template: `
    <el-dialog :model-value="true" title="下发整改问题" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="责任组织" required :error="errors.org_id">
          <org-select v-model="form.org_id" placeholder="请选择学校或党组织" />
        </el-form-item>
        <el-form-item label="问题" required :error="errors.title">
          <el-input v-model="form.title" name="title" maxlength="100" placeholder="如：支委会未按月召开" />
        </el-form-item>
        <el-form-item label="问题说明" :error="errors.detail">
          <el-input v-model="form.detail" name="detail" type="textarea" :rows="3" maxlength="2000" />
        </el-form-item>
        <div class="form-grid">
          <el-form-item label="严重程度" required :error="errors.severity">
            <el-radio-group v-model="form.severity">
              <el-radio-button v-for="(label, value) in FINDING_SEVERITIES" :key="value" :value="value">{{ label }}</el-radio-button>
            </el-radio-group>
          </el-form-item>
          <el-form-item label="整改期限" required :error="errors.deadline">
            <el-date-picker v-model="form.deadline" type="date" value-format="YYYY-MM-DD" :disabled-date="notBeforeToday" />
          </el-form-item>
        </div>
        <el-form-item label="整改佐证要求" :error="errors.evidence_required">
          <el-input v-model="form.evidence_required" name="evidence_required" maxlength="500" placeholder="如：补开会议的会议记录和签到表" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">下发</el-button>
      </template>
    </el-dialog>`,
};

/**
 * One step: evidence (text, a link and files) to submit, a note to verify,
 * the reason to return. Files upload as they are chosen (待提交) and the
 * submit attaches every one not yet submitted; such a file may be deleted.
 */
const ActDialog = {
  name: 'FindingActDialog',
  components: { FileList },
  props: { finding: { type: Object, required: true }, action: { type: String, required: true } },
  emits: ['done', 'close', 'files'],
  setup(props, { emit }) {
    const form = reactive({ evidence: '', link: '', note: '', reason: '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    function body() {
      if (props.action === 'submit') {
        const link = form.link.trim();
        return { evidence: form.evidence.trim() + (link ? `\n链接：${link}` : '') };
      }
      if (props.action === 'verify') return filledFields({ note: form.note.trim() });
      if (props.action === 'return') return { reason: form.reason.trim() };
      return {};
    }

    async function save() {
      clear();
      if (props.action === 'submit' && !form.evidence.trim()) errors.evidence = '请说明整改情况';
      if (props.action === 'submit' && form.link.trim() && !/^https?:\/\/\S+$/.test(form.link.trim())) {
        errors.link = '链接应以 http:// 或 https:// 开头';
      }
      if (props.action === 'return' && !form.reason.trim()) errors.reason = '请填写退回原因';
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        await api.post(`/findings/${props.finding.id}/${props.action}`, body());
        ElMessage.success(`已${ACTION_LABELS[props.action]}`);
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, dialogWidth, ACTION_LABELS };
  },
  template: `
    <el-dialog :model-value="true" :title="ACTION_LABELS[action] + ' · ' + finding.title" :width="dialogWidth" append-to-body @close="$emit('close')">
      <p v-if="finding.evidence_required && action === 'submit'" class="hint">佐证要求：{{ finding.evidence_required }}</p>
      <el-form label-position="top" @submit.prevent="save">
        <template v-if="action === 'submit'">
          <el-form-item label="整改情况" required :error="errors.evidence">
            <el-input v-model="form.evidence" name="evidence" type="textarea" :rows="4" maxlength="1800"
              placeholder="说明整改措施和结果，如：已于 6 月 3 日补开支委会，会议记录已上传" />
          </el-form-item>
          <el-form-item label="佐证材料文件（可选，图片、PDF、Word、Excel）" class="evidence-files">
            <div style="width: 100%">
              <file-list path="findings" :owner-id="finding.id" class="evidence-upload" @changed="$emit('files')">
                <template #extra="{ file }">
                  <el-tag disable-transitions size="small" :type="file.submitted ? 'success' : 'info'" effect="plain">{{ file.submitted ? '已报送' : '待提交' }}</el-tag>
                </template>
              </file-list>
              <p class="hint" style="margin: 4px 0 0">提交后，待提交的文件随整改材料一并报送。</p>
            </div>
          </el-form-item>
          <el-form-item label="佐证材料链接（可选）" :error="errors.link">
            <el-input v-model="form.link" name="link" maxlength="190" placeholder="https://…" />
          </el-form-item>
        </template>
        <el-form-item v-if="action === 'verify'" label="核验意见（可选）" :error="errors.note">
          <el-input v-model="form.note" name="note" maxlength="500" placeholder="如：材料齐全，整改到位" />
        </el-form-item>
        <el-form-item v-if="action === 'return'" label="退回原因" required :error="errors.reason">
          <el-input v-model="form.reason" name="reason" type="textarea" :rows="3" maxlength="500" />
        </el-form-item>
        <p v-if="action === 'start'" class="hint">确认开始整改后，请在期限 {{ finding.deadline }} 前提交整改材料。</p>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">{{ ACTION_LABELS[action] }}</el-button>
      </template>
    </el-dialog>`,
};

/** A finding's details, its timeline and the steps the user may take. */
const FindingDrawer = {
  name: 'FindingDrawer',
  components: { ActDialog, LoadState, FileList },
  props: { id: { type: Number, required: true } },
  emits: ['changed', 'close'],
  setup(props, { emit }) {
    const one = useLoad(() => api.get(`/findings/${props.id}`));
    const files = ref(null); // the drawer's file list, reloaded after a step
    const acting = ref('');
    const f = computed(() => one.data.value);
    const actions = computed(() => actionsFor(f.value));
    function acted() {
      acting.value = '';
      one.load();
      files.value?.reload();
      emit('changed');
    }
    onMounted(() => one.load());
    return {
      one, files, f, actions, acting, acted, formatTime, isMobile, labelOf,
      FINDING_STATES, FINDING_STATE_TAGS, FINDING_SEVERITIES, FINDING_SEVERITY_TAGS, FINDING_SOURCES,
      EVENT_LABELS, EVENT_TYPES, ACTION_LABELS,
    };
  },
  template: `
    <el-drawer :model-value="true" :size="isMobile ? '100%' : '520px'" :title="f ? f.title : '整改问题'" class="finding-drawer" @close="$emit('close')">
      <load-state :state="one.state" @retry="one.load">
        <template v-if="f">
          <div class="finding-tags">
            <el-tag disable-transitions :type="FINDING_STATE_TAGS[f.state]">{{ labelOf(FINDING_STATES, f.state) }}</el-tag>
            <el-tag disable-transitions :type="FINDING_SEVERITY_TAGS[f.severity]" effect="plain" class="tag-gap">{{ labelOf(FINDING_SEVERITIES, f.severity) }}</el-tag>
            <el-tag v-if="f.overdue" disable-transitions type="danger" effect="dark" class="tag-gap">已逾期</el-tag>
          </div>
          <el-descriptions :column="1" border size="small" style="margin-top: 12px">
            <el-descriptions-item label="责任组织">{{ f.org_name }}</el-descriptions-item>
            <el-descriptions-item label="来源">{{ labelOf(FINDING_SOURCES, f.source) }}</el-descriptions-item>
            <el-descriptions-item label="整改期限">{{ f.deadline }}</el-descriptions-item>
            <el-descriptions-item label="下发日期">{{ f.issued_on }}</el-descriptions-item>
            <el-descriptions-item v-if="f.closed_on" label="销号日期">{{ f.closed_on }}</el-descriptions-item>
            <el-descriptions-item v-if="f.detail" label="问题说明"><span style="white-space: pre-wrap">{{ f.detail }}</span></el-descriptions-item>
            <el-descriptions-item v-if="f.evidence_required" label="佐证要求">{{ f.evidence_required }}</el-descriptions-item>
          </el-descriptions>
          <div v-if="actions.length" class="finding-actions" style="margin: 16px 0; display: flex; gap: 8px; flex-wrap: wrap">
            <el-button v-for="a in actions" :key="a" :type="a === 'return' ? 'danger' : 'primary'" :plain="a === 'return'" @click="acting = a">{{ ACTION_LABELS[a] }}</el-button>
          </div>
          <h4>整改佐证材料</h4>
          <file-list ref="files" path="findings" :owner-id="f.id" readonly class="finding-files">
            <template #extra="{ file }">
              <el-tag disable-transitions size="small" :type="file.submitted ? 'success' : 'info'" effect="plain">{{ file.submitted ? '已报送' : '待提交' }}</el-tag>
            </template>
          </file-list>
          <h4>整改过程</h4>
          <el-timeline class="finding-timeline">
            <el-timeline-item v-for="(ev, i) in f.timeline" :key="i" :type="EVENT_TYPES[ev.state]" :timestamp="formatTime(ev.at)" placement="top">
              <div class="timeline-head"><b>{{ EVENT_LABELS[ev.state] ?? ev.state }}</b><span class="hint"> · {{ ev.actor || '系统' }}</span></div>
              <div v-if="ev.note" class="timeline-note" style="white-space: pre-wrap; word-break: break-all; color: #606266">{{ ev.state === 'returned' ? '退回原因：' : '' }}{{ ev.note }}</div>
            </el-timeline-item>
          </el-timeline>
        </template>
      </load-state>
      <act-dialog v-if="acting && f" :finding="f" :action="acting" @done="acted" @files="files?.reload()" @close="acting = ''" />
    </el-drawer>`,
};

const STACK_COLORS = { open: '#e6a23c', overdue: '#c8161d', closed: '#67c23a' };

/**
 * Board of the findings issued in a year (GET /findings/board): the root's
 * own row (findings issued to the chosen organization itself, e.g. a school
 * seen by its own inspector) and one per child organization; and by source
 * (?by=source), both counted by the server.
 */
function useBoard(filters) {
  const year = ref(thisYear());
  const board = useLoad(async () => itemsOf(await api.get('/findings/board', { org_id: filters.org_id, year: year.value })));
  const sources = useLoad(async () => itemsOf(await api.get('/findings/board', { by: 'source', org_id: filters.org_id, year: year.value }))
    .map((r) => ({
      source: r.source, label: labelOf(FINDING_SOURCES, r.source), open: r.open - r.overdue, overdue: r.overdue, closed: r.closed,
    })));
  const rows = computed(() => (board.data.value ?? []).map((r) => ({
    orgId: r.org_id,
    org: r.own ? `${r.org_name ?? orgName(r.org_id)}（本级）` : r.org_name ?? orgName(r.org_id),
    open: r.open ?? 0,
    overdue: r.overdue ?? 0,
    closed: r.closed ?? 0,
    rate: r.closure_rate,
    avgDays: r.avg_days_to_close,
  })));
  const shownRows = computed(() => rows.value.filter((r) => r.open + r.closed > 0));
  const totals = computed(() => {
    const t = { open: 0, overdue: 0, closed: 0, days: 0 };
    for (const r of rows.value) {
      t.open += r.open;
      t.overdue += r.overdue;
      t.closed += r.closed;
      if (r.avgDays !== null && r.avgDays !== undefined) t.days += r.avgDays * r.closed;
    }
    const all = t.open + t.closed;
    return {
      ...t,
      all,
      rate: all ? (t.closed / all) * 100 : null,
      avgDays: t.closed ? (t.days / t.closed).toFixed(1) : '—',
    };
  });
  const schoolOption = computed(() => {
    const rs = shownRows.value;
    const bar = (key, name) => ({
      type: 'bar', stack: 'n', name, itemStyle: { color: STACK_COLORS[key] },
      data: rs.map((r) => ({ value: key === 'open' ? r.open - r.overdue : r[key], orgId: r.orgId })),
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },	// one line: a wrapped legend covered the first bar
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rs.map((r) => r.org), axisLabel: { width: isMobile.value ? 90 : 160, overflow: 'truncate' } },
      series: [bar('overdue', '逾期未整改'), bar('open', '整改中（未逾期）'), bar('closed', '已销号')],
    };
  });
  const schoolHeight = computed(() => `${Math.max(160, shownRows.value.length * 28 + 60)}px`);
  const sourceOption = computed(() => {
    const rs = sources.data.value ?? [];
    const bar = (key, name) => ({ type: 'bar', stack: 'n', name, itemStyle: { color: STACK_COLORS[key] }, data: rs.map((r) => r[key]) });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },	// one line: a wrapped legend covered the first bar
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rs.map((r) => r.label) },
      series: [bar('overdue', '逾期未整改'), bar('open', '整改中（未逾期）'), bar('closed', '已销号')],
    };
  });
  function load() {
    board.load();
    sources.load();
  }
  return { year, board, sources, rows, shownRows, totals, schoolOption, schoolHeight, sourceOption, load };
}

export default {
  name: 'FindingsPage',
  components: { OrgSelect, LoadState, EChart, ListPager, FindingForm, FindingDrawer },
  setup() {
    const filters = reactive({
      org_id: Number(queryParam('org_id')) || null, state: queryParam('state'), severity: '', source: '', overdue: '',
    });
    const { list, load: loadList, search } = usePagedList('/findings', filters);
    const tab = ref(queryParam('tab') === 'board' ? 'board' : 'list');
    const board = useBoard(filters);
    const creating = ref(false);
    // ?open= (alerts, the list) or ?id= (the assessment table) opens a finding's drawer.
    const openId = ref(Number(queryParam('open') || queryParam('id')) || null);
    const years = computed(() => Array.from({ length: 5 }, (_, i) => thisYear() - 3 + i));

    const rows = computed(() => list.items.map((f) => ({
      ...f,
      stateLabel: labelOf(FINDING_STATES, f.state),
      severityLabel: labelOf(FINDING_SEVERITIES, f.severity),
      sourceLabel: labelOf(FINDING_SOURCES, f.source),
    })));

    function refresh() {
      search();
      if (tab.value === 'board') board.load();
    }
    function open(row) {
      openId.value = row.id;
      navigate(`/findings?open=${row.id}`, { replace: true });
    }
    function closeDrawer() {
      openId.value = null;
      navigate('/findings', { replace: true });
    }
    function created(f) {
      creating.value = false;
      search();
      if (f?.id) open(f);
    }
    function showTab(name) {
      if (name === 'board' && !board.board.state.loaded) board.load();
    }
    function toggleOverdue(v) {
      filters.overdue = v ? 1 : '';
      search();
    }

    onMounted(() => {
      loadList();
      if (tab.value === 'board') board.load();
    });
    return {
      filters, list, loadList, search, rows, tab, board, creating, openId, years, refresh, open, closeDrawer,
      created, showTab, toggleOverdue, isMobile, pct, canIssue: can('findings.issue'),
      FINDING_STATES, FINDING_STATE_TAGS, FINDING_SEVERITIES, FINDING_SEVERITY_TAGS, FINDING_SOURCES,
    };
  },
  template: `
    <div class="page findings-page">
      <div class="page-head">
        <h2>问题整改</h2>
        <div class="actions">
          <el-button icon="IconRefresh" @click="refresh">刷新</el-button>
          <el-button v-if="canIssue" type="primary" icon="IconPlus" @click="creating = true">下发整改问题</el-button>
        </div>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="refresh">
          <el-form-item label="党组织">
            <org-select v-model="filters.org_id" placeholder="全部（含下级组织）" @update:model-value="refresh" />
          </el-form-item>
          <el-form-item label="状态">
            <el-select v-model="filters.state" placeholder="全部" clearable class="filter-state" @change="search">
              <el-option v-for="(label, value) in FINDING_STATES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="严重程度">
            <el-select v-model="filters.severity" placeholder="全部" clearable @change="search">
              <el-option v-for="(label, value) in FINDING_SEVERITIES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="来源">
            <el-select v-model="filters.source" placeholder="全部" clearable @change="search">
              <el-option v-for="(label, value) in FINDING_SOURCES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="只看逾期">
            <el-switch :model-value="filters.overdue === 1" @update:model-value="toggleOverdue" />
          </el-form-item>
        </el-form>
      </el-card>
      <el-tabs v-model="tab" @tab-change="showTab">
        <el-tab-pane label="整改清单" name="list">
          <el-card shadow="never">
            <el-empty v-if="!list.loading && !rows.length" :image-size="72" description="暂无整改问题" />
            <div v-else-if="isMobile" class="member-cards" v-loading="list.loading">
              <div v-for="r in rows" :key="r.id" class="member-card finding-card" @click="open(r)">
                <div class="member-card-head">
                  <el-button link type="primary">{{ r.title }}</el-button>
                  <span class="member-card-meta"></span>
                  <el-tag disable-transitions size="small" :type="FINDING_STATE_TAGS[r.state]">{{ r.stateLabel }}</el-tag>
                  <el-tag v-if="r.overdue" disable-transitions size="small" type="danger" effect="dark">逾期</el-tag>
                </div>
                <div class="member-card-line">{{ r.org_name }} · {{ r.severityLabel }} · {{ r.sourceLabel }}</div>
                <div class="member-card-line">整改期限 {{ r.deadline }}</div>
              </div>
            </div>
            <el-table v-else :data="rows" row-key="id" v-loading="list.loading" class="findings-table" @row-click="open">
              <el-table-column prop="title" label="问题" min-width="200" show-overflow-tooltip>
                <template #default="{ row }"><el-button link type="primary">{{ row.title }}</el-button></template>
              </el-table-column>
              <el-table-column prop="org_name" label="责任组织" min-width="150" show-overflow-tooltip />
              <el-table-column label="严重程度" width="90">
                <template #default="{ row }"><el-tag disable-transitions size="small" effect="plain" :type="FINDING_SEVERITY_TAGS[row.severity]">{{ row.severityLabel }}</el-tag></template>
              </el-table-column>
              <el-table-column prop="sourceLabel" label="来源" width="90" />
              <el-table-column prop="deadline" label="整改期限" width="110" />
              <el-table-column label="状态" width="140">
                <template #default="{ row }">
                  <el-tag disable-transitions size="small" :type="FINDING_STATE_TAGS[row.state]">{{ row.stateLabel }}</el-tag>
                  <el-tag v-if="row.overdue" disable-transitions size="small" type="danger" effect="dark" class="tag-gap">逾期</el-tag>
                </template>
              </el-table-column>
            </el-table>
            <list-pager :list="list" @change="loadList" />
          </el-card>
        </el-tab-pane>
        <el-tab-pane label="整改看板" name="board">
          <el-card shadow="never" class="filters">
            <el-form :inline="true" @submit.prevent="board.load">
              <el-form-item label="下发年度">
                <el-select v-model="board.year.value" aria-label="年度" style="width: 110px" @change="board.load">
                  <el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" />
                </el-select>
              </el-form-item>
            </el-form>
          </el-card>
          <load-state :state="board.board.state" @retry="board.load">
            <el-card shadow="never" class="findings-summary">
              <div class="stat-row">
                <div class="stat"><b class="closure-rate">{{ pct(board.totals.value.rate) }}</b><span>整改销号率</span></div>
                <div class="stat"><b>{{ board.totals.value.avgDays }}</b><span>平均整改天数</span></div>
                <div class="stat"><b>{{ board.totals.value.all }}</b><span>下发问题</span></div>
                <div class="stat due"><b>{{ board.totals.value.open }}</b><span>未销号</span></div>
                <div class="stat overdue"><b>{{ board.totals.value.overdue }}</b><span>逾期</span></div>
                <div class="stat"><b class="closed-count">{{ board.totals.value.closed }}</b><span>已销号</span></div>
              </div>
            </el-card>
            <div class="board-grid">
              <el-card shadow="never">
                <template #header><span>按来源</span><span class="hint">（{{ board.year.value }}年下发）</span></template>
                <load-state :state="board.sources.state" @retry="board.sources.load">
                  <e-chart :option="board.sourceOption.value" height="240px" />
                </load-state>
              </el-card>
              <el-card shadow="never">
                <template #header>按学校（本级及下级组织）</template>
                <el-empty v-if="!board.shownRows.value.length" :image-size="72" description="本年度没有下发整改问题" />
                <template v-else>
                  <e-chart :option="board.schoolOption.value" :height="board.schoolHeight.value" />
                  <el-table :data="board.shownRows.value" size="small" class="findings-board-table">
                    <el-table-column prop="org" label="组织" min-width="140" show-overflow-tooltip />
                    <el-table-column prop="open" label="未销号" width="70" />
                    <el-table-column prop="overdue" label="逾期" width="60" />
                    <el-table-column prop="closed" label="已销号" width="70" />
                    <el-table-column label="销号率" width="80"><template #default="{ row }">{{ pct(row.rate) }}</template></el-table-column>
                    <el-table-column v-if="!isMobile" label="平均天数" width="80"><template #default="{ row }">{{ row.avgDays === null || row.avgDays === undefined ? '—' : Number(row.avgDays).toFixed(1) }}</template></el-table-column>
                  </el-table>
                </template>
              </el-card>
            </div>
          </load-state>
        </el-tab-pane>
      </el-tabs>
      <finding-form v-if="creating" @saved="created" @close="creating = false" />
      <finding-drawer v-if="openId" :key="openId" :id="openId" @changed="refresh" @close="closeDrawer" />
    </div>`,
};
