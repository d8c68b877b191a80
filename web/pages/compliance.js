// 合规看板: for a period (year, quarter, month), the compliance of the
// organizations in scope with 三会一课 and the other ORG-* rules. Drill down
// district → school → branch through the roll-up; each missing item shows
// its rule and message and links to recording the meeting. Administrators
// and district staff waive a requirement (豁免) and revoke waivers in 豁免记录.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { navigate, queryParam } from '../router.js';
import { MEETING_KINDS, COMPLIANCE_STATUSES, COMPLIANCE_TAGS, ORG_KINDS, labelOf } from '../labels.js';
import { ruleName } from '../rules.js';
import { orgName, ensureOrgs } from '../orgs.js';
import { isMobile, dialogWidth, showError, useFormErrors, formatTime } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';
import { itemsOf, thisYear, todayChina, periodLabel, percent, useLoad, LoadState, EChart } from '../life.js';

const STATUS_COLORS = { done: '#67c23a', due: '#e6a23c', overdue: '#c8161d', exempt: '#909399' };

/** A compliance item from the API → a table row. */
function itemRow(it, i) {
  return {
    key: `${it.org_id}-${it.rule}-${it.kind}-${i}`,
    orgId: it.org_id,
    org: it.org_name ?? orgName(it.org_id),
    kind: it.kind,
    kindLabel: labelOf(MEETING_KINDS, it.kind),
    rule: it.rule ?? '',
    required: it.required ?? '',
    held: it.held ?? '',
    status: it.status,
    message: it.message ?? '',
    // A waiver's message gives its reason after 免于考核： (a branch founded
    // later is exempt without one).
    waived: it.status === 'exempt' && /免于考核：/.test(it.message ?? ''),
  };
}

/**
 * Waives one requirement: POST /compliance/exemptions {org_id, rule, period,
 * reason}. The period is the board's (the server matches a rule's
 * sub-periods and enclosing periods).
 */
const ExemptDialog = {
  name: 'ExemptDialog',
  props: { row: { type: Object, required: true }, period: { type: String, required: true } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({ reason: '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    /** Errors not about the reason (org_id, rule, period; a 409's message). */
    const problem = ref('');

    async function save() {
      clear();
      problem.value = '';
      const reason = form.reason.trim();
      if (!reason) errors.reason = '请填写豁免原因';
      else if ([...reason].length > 200) errors.reason = '豁免原因不超过 200 个字';
      if (errors.reason) return;
      busy.value = true;
      try {
        await api.post('/compliance/exemptions', {
          org_id: props.row.orgId, rule: props.row.rule, period: props.period, reason,
        });
        ElMessage.success('已豁免');
        emit('done');
      } catch (err) {
        if (err.status === 409) {
          clear();
          problem.value = Object.values(err.fields ?? {})[0] || err.message;
          return;
        }
        report(err);
        problem.value = ['org_id', 'rule', 'period'].map((f) => errors[f]).filter(Boolean).join('；');
      } finally {
        busy.value = false;
      }
    }

    return { form, errors, busy, problem, save, dialogWidth, periodLabel };
  },
  template: `
    <el-dialog :model-value="true" title="豁免考核要求" :width="dialogWidth" @close="$emit('close')">
      <el-alert v-if="problem" type="error" :closable="false" show-icon :title="problem" class="exempt-problem" />
      <el-descriptions :column="1" border size="small" class="exempt-facts">
        <el-descriptions-item label="组织">{{ row.org }}</el-descriptions-item>
        <el-descriptions-item label="考核要求"><rule-ref :code="row.rule" /><template v-if="row.kindLabel"> · {{ row.kindLabel }}</template></el-descriptions-item>
        <el-descriptions-item label="考核周期">{{ periodLabel(period) }}</el-descriptions-item>
      </el-descriptions>
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="豁免原因" required :error="errors.reason">
          <el-input v-model="form.reason" name="reason" type="textarea" :rows="3" maxlength="200" show-word-limit />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">豁免</el-button>
      </template>
    </el-dialog>`,
};

/**
 * One bucket of GET /compliance/rollup ({org_id?, name, kind, orgs, orgs_ok,
 * done, due, overdue, exempt, rate}) → chart and table data. Education
 * groups have no org_id (nothing to drill into).
 */
function childRow(c) {
  return {
    orgId: c.org_id ?? null,
    org: c.name ?? orgName(c.org_id),
    kind: c.kind === 'education_group' ? '教育集团' : labelOf(ORG_KINDS, c.kind),
    orgs: c.orgs ?? null,
    done: c.done ?? 0,
    due: c.due ?? 0,
    overdue: c.overdue ?? 0,
    exempt: c.exempt ?? 0,
    // Only decided requirements (done or overdue) make a rate; none yet: no rate.
    rate: (c.done ?? 0) + (c.overdue ?? 0) ? (c.rate ?? null) : null,
  };
}

/** The period key for the picker's state. */
function periodKey(p) {
  if (p.type === 'quarter') return `${p.year}-Q${p.quarter}`;
  if (p.type === 'month') return `${p.year}-${String(p.month).padStart(2, '0')}`;
  return String(p.year);
}

function parsePeriod(text) {
  const today = todayChina();
  const p = { type: 'quarter', year: thisYear(), quarter: Math.ceil(Number(today.slice(5, 7)) / 3), month: Number(today.slice(5, 7)) };
  let m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) return { ...p, type: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return { ...p, type: 'month', year: Number(m[1]), month: Number(m[2]) };
  m = /^(\d{4})$/.exec(text);
  if (m) return { ...p, type: 'year', year: Number(m[1]) };
  return p;
}

export default {
  name: 'CompliancePage',
  components: { LoadState, EChart, ExemptDialog, ListPager },
  setup() {
    const period = reactive(parsePeriod(queryParam('period')));
    const trail = ref([]); // [{ id, name }] from the top of scope to the org shown
    const showAll = ref(false);
    const orgId = computed(() => trail.value.at(-1)?.id ?? null);
    const key = computed(() => periodKey(period));
    const years = computed(() => Array.from({ length: 6 }, (_, i) => thisYear() - 4 + i));

    const board = useLoad(async () => api.get('/compliance', { org_id: orgId.value, period: key.value }));
    const rollup = useLoad(async () => {
      const answer = await api.get('/compliance/rollup', { org_id: orgId.value, period: key.value });
      return [...itemsOf(answer?.children), ...itemsOf(answer?.groups)].map(childRow);
    });

    function load() {
      board.load();
      rollup.load();
      loadExemptions();
      navigate(`/compliance?period=${key.value}${orgId.value ? `&org_id=${orgId.value}` : ''}`, { replace: true });
    }

    const items = computed(() => itemsOf(board.data.value).map(itemRow));
    const shown = computed(() => (showAll.value ? items.value : items.value.filter((r) => r.status !== 'done')));
    const totals = computed(() => {
      const r = board.data.value?.rollup ?? {};
      const t = { done: r.done ?? 0, due: r.due ?? 0, overdue: r.overdue ?? 0, exempt: r.exempt ?? 0 };
      if (!board.data.value?.rollup) for (const it of items.value) t[it.status] = (t[it.status] ?? 0) + 1;
      // The rate counts only requirements already decided (done or overdue:
      // their period has closed); those still due are open, shown apart.
      const decided = t.done + t.overdue;
      return { ...t, orgs: r.orgs ?? null, rate: decided ? (r.rate ?? t.done / decided) : null, decided };
    });

    const pieOption = computed(() => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 项（{d}%）' },
      legend: { bottom: 0 },
      series: [{
        type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'],
        // Counts only: the legend names the colours, and names beside a narrow card were cut to "…".
        label: { formatter: '{c}' },
        data: Object.keys(COMPLIANCE_STATUSES).map((s) => ({
          name: COMPLIANCE_STATUSES[s], value: totals.value[s], itemStyle: { color: STATUS_COLORS[s] },
        })).filter((d) => d.value > 0),
      }],
    }));

    const barOption = computed(() => {
      const rows = rollup.data.value ?? [];
      return {
        tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
        // right: room for the "100.0%" label beside a full bar.
        grid: { left: 8, right: 56, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.org), axisLabel: { width: isMobile.value ? 90 : 160, overflow: 'truncate' } },
        series: [{
          type: 'bar', name: '合规率',
          data: rows.map((r) => {
            const v = r.rate === null ? 0 : Number((r.rate > 1 ? r.rate : r.rate * 100).toFixed(1));
            return { value: v, orgId: r.orgId, itemStyle: { color: v >= 90 ? '#67c23a' : v >= 60 ? '#e6a23c' : '#c8161d' } };
          }),
          label: { show: true, position: 'right', formatter: '{c}%' },
        }],
      };
    });
    const barHeight = computed(() => `${Math.max(160, (rollup.data.value?.length ?? 0) * 28 + 40)}px`);

    function drill(row) {
      if (!row?.orgId) return;
      trail.value = [...trail.value, { id: row.orgId, name: row.org ?? orgName(row.orgId) }];
      load();
    }

    function back(index) {
      trail.value = trail.value.slice(0, index);
      load();
    }

    function record(row) {
      navigate(`/meetings?new=1&org_id=${row.orgId}&kind=${row.kind ?? ''}`);
    }

    // Waivers: the dialog for one item, and the records in the subtree shown.
    const canExempt = can('compliance.exempt');
    const exempting = ref(null);
    const exemptFilters = reactive({ org_id: null });
    const exemptions = usePagedList('/compliance/exemptions', exemptFilters);
    function loadExemptions() {
      exemptFilters.org_id = orgId.value;
      return exemptions.search();
    }
    function exempted() {
      exempting.value = null;
      board.load();
      rollup.load();
      loadExemptions();
    }
    async function revoke(x) {
      try {
        await ElMessageBox.confirm(
          `确定撤销「${x.org_name}」${periodLabel(x.period)}的「${ruleName(x.rule)}」豁免吗？撤销后该项要求重新参加考核。`,
          '撤销豁免', { confirmButtonText: '撤销', cancelButtonText: '取消', type: 'warning' },
        );
      } catch {
        return;
      }
      try {
        await api.del(`/compliance/exemptions/${x.id}`);
        ElMessage.success('已撤销豁免');
        board.load();
        rollup.load();
        exemptions.load();
      } catch (err) {
        showError(err);
      }
    }

    onMounted(async () => {
      const start = Number(queryParam('org_id'));
      if (start) {
        await ensureOrgs().catch(() => {});
        trail.value = [{ id: start, name: orgName(start) }];
      }
      load();
    });

    return {
      canExempt, exempting, exemptions, exempted, revoke, formatTime,
      period, years, trail, showAll, key, board, rollup, items, shown, totals, pieOption, barOption, barHeight,
      load, drill, back, record, periodLabel, percent, isMobile,
      canRecord: can('meetings.write'), COMPLIANCE_STATUSES, COMPLIANCE_TAGS,
    };
  },
  template: `
    <div class="page compliance-page">
      <div class="page-head">
        <h2>合规看板</h2>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="load">
          <el-form-item label="考核周期">
            <div class="period-picker">
              <el-select v-model="period.type" aria-label="周期类型" class="period-type" @change="load">
                <el-option value="year" label="年度" />
                <el-option value="quarter" label="季度" />
                <el-option value="month" label="月度" />
              </el-select>
              <el-select v-model="period.year" aria-label="年份" class="period-year" @change="load">
                <el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" />
              </el-select>
              <el-select v-if="period.type === 'quarter'" v-model="period.quarter" aria-label="季度" class="period-part" @change="load">
                <el-option v-for="q in 4" :key="q" :value="q" :label="'第' + q + '季度'" />
              </el-select>
              <el-select v-if="period.type === 'month'" v-model="period.month" aria-label="月份" class="period-part" @change="load">
                <el-option v-for="m in 12" :key="m" :value="m" :label="m + '月'" />
              </el-select>
            </div>
          </el-form-item>
        </el-form>
        <el-breadcrumb separator="›" class="drill-trail">
          <el-breadcrumb-item><el-button link type="primary" @click="back(0)">全部（我的范围）</el-button></el-breadcrumb-item>
          <el-breadcrumb-item v-for="(t, i) in trail" :key="t.id">
            <el-button link :type="i === trail.length - 1 ? 'default' : 'primary'" @click="back(i + 1)">{{ t.name }}</el-button>
          </el-breadcrumb-item>
        </el-breadcrumb>
      </el-card>

      <div class="board-grid">
        <el-card shadow="never" class="board-summary">
          <template #header>{{ periodLabel(key) }} 总体情况</template>
          <load-state :state="board.state" @retry="board.load">
            <div class="stat-row">
              <div class="stat compliance-rate"><b>{{ totals.rate === null ? '—' : percent(totals.rate) }}</b><span>已到期要求合规率</span></div>
              <div class="stat" v-if="totals.orgs !== null"><b>{{ totals.orgs }}</b><span>考核组织</span></div>
              <div class="stat overdue"><b>{{ totals.overdue }}</b><span>逾期未完成</span></div>
              <div class="stat due compliance-open"><b>{{ totals.due }}</b><span>进行中（未到期）</span></div>
            </div>
            <p class="hint compliance-rate-note">合规率只计已到期的要求：已完成 {{ totals.done }} 项 ÷（已完成 {{ totals.done }} + 逾期 {{ totals.overdue }}）<template v-if="totals.rate === null">，本期暂无到期要求</template>；另有进行中 {{ totals.due }} 项尚未到期，不计入合规率<template v-if="totals.exempt">，豁免 {{ totals.exempt }} 项不计</template>。</p>
            <e-chart :option="pieOption" height="240px" />
          </load-state>
        </el-card>
        <el-card shadow="never" class="board-children">
          <template #header><span>下级组织合规率</span><span class="hint">（已到期要求；点击柱条查看下一级）</span></template>
          <load-state :state="rollup.state" :empty="rollup.state.loaded && !rollup.data.value?.length ? '没有下级组织' : ''" @retry="rollup.load">
            <e-chart :option="barOption" :height="barHeight" @pick="drill" />
            <el-table :data="rollup.data.value" size="small" class="rollup-table" @row-click="drill">
              <el-table-column prop="org" label="组织" min-width="140" show-overflow-tooltip />
              <el-table-column label="合规率" width="80"><template #default="{ row }">{{ percent(row.rate) }}</template></el-table-column>
              <el-table-column prop="overdue" label="逾期" width="60" />
              <el-table-column v-if="!isMobile" prop="due" label="进行中" width="70" />
            </el-table>
          </load-state>
        </el-card>
      </div>

      <el-card shadow="never">
        <template #header>
          <div class="card-head">
            <span>考核项目</span>
            <el-switch v-model="showAll" active-text="含已完成" />
          </div>
        </template>
        <load-state :state="board.state" :empty="board.state.loaded && !shown.length ? '本周期没有未完成的项目' : ''" @retry="board.load">
          <div class="compliance-items">
            <div v-for="r in shown" :key="r.key" class="compliance-item">
              <div class="compliance-item-head">
                <el-tag disable-transitions size="small" :type="COMPLIANCE_TAGS[r.status]">{{ r.waived ? '已豁免' : COMPLIANCE_STATUSES[r.status] ?? r.status }}</el-tag>
                <b>{{ r.org }}</b>
                <span class="hint">{{ r.kindLabel }} · <rule-ref :code="r.rule" /><template v-if="r.required !== ''"> · 应 {{ r.required }} 次，已 {{ r.held }} 次</template></span>
              </div>
              <div class="compliance-item-msg"><rule-text :text="r.message" /></div>
              <div class="compliance-item-actions" v-if="r.status === 'overdue' || r.status === 'due'">
                <el-button v-if="canRecord" size="small" type="primary" link @click="record(r)">去记录会议 ›</el-button>
                <el-button v-if="canExempt && r.rule" size="small" link @click="exempting = r">豁免</el-button>
              </div>
            </div>
          </div>
        </load-state>
      </el-card>

      <el-card shadow="never" class="exemption-records">
        <template #header>豁免记录</template>
        <el-table :data="exemptions.list.items" v-loading="exemptions.list.loading" size="small" empty-text="没有豁免记录">
          <el-table-column prop="org_name" label="组织" min-width="140" show-overflow-tooltip />
          <el-table-column prop="rule" label="考核要求" width="130">
            <template #default="{ row }"><rule-ref :code="row.rule" /></template>
          </el-table-column>
          <el-table-column label="考核周期" width="120"><template #default="{ row }">{{ periodLabel(row.period) }}</template></el-table-column>
          <el-table-column prop="reason" label="豁免原因" min-width="180" />
          <el-table-column v-if="!isMobile" label="登记时间" width="170"><template #default="{ row }">{{ formatTime(row.created_at) }}</template></el-table-column>
          <el-table-column v-if="canExempt" label="操作" width="80" fixed="right">
            <template #default="{ row }"><el-button size="small" type="danger" link @click="revoke(row)">撤销</el-button></template>
          </el-table-column>
        </el-table>
        <list-pager :list="exemptions.list" @change="exemptions.load" />
      </el-card>

      <exempt-dialog v-if="exempting" :row="exempting" :period="key" @done="exempted" @close="exempting = null" />
    </div>`,
};
