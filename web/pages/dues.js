// 党费: above branches, the month's collection by child organization
// (drilling down to a branch); a branch's monthly ledger (due, paid, arrears
// highlighted) with bulk entry of a month's payments (nothing ticked at
// first; the count and total confirmed before recording), the reversal of a
// payment recorded by mistake, each member's dues setting, the quote
// calculator, and the yearly dues ledger (.xlsx).
import { ref, reactive, computed, watch, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { queryParam } from '../router.js';
import { DUES_CATEGORIES, PAY_METHODS, labelOf } from '../labels.js';
import { ruleName } from '../rules.js';
import { OrgSelect } from '../orgs.js';
import { isMobile, dialogWidth, useFormErrors, showError } from '../ui.js';
import { itemsOf, yuan, toFen, thisMonth, todayChina, periodLabel, useLoad, LoadState, saveFile } from '../life.js';
import DuesQuote, { FLAT_CATEGORIES } from './dues-quote.js';

/** Arrears at which a row is flagged (DUES-09: 3 months alert, 6 months act; the server's level decides). */
const ARREARS_WARN = 3;

/**
 * One ledger line from the API ({member_id, name, has_setting, due_fen,
 * paid_fen, extra_fen, paid, paid_on, method, arrears_months, arrears_level,
 * arrears_message}) → a table row.
 */
function ledgerRow(it) {
  return {
    memberId: it.member_id,
    name: it.name ?? `党员 #${it.member_id}`,
    hasSetting: Boolean(it.has_setting),
    dueFen: it.due_fen ?? 0,
    paidFen: it.paid_fen ?? 0,
    paid: Boolean(it.paid),
    extraFen: it.extra_fen ?? 0,
    paidOn: it.paid_on ?? '',
    paymentId: it.payment_id ?? null,
    method: it.method ? labelOf(PAY_METHODS, it.method) : '',
    arrears: it.arrears_months ?? 0,
    level: it.arrears_level ?? 'none',
    arrearsMessage: it.arrears_message ?? '',
  };
}

/** Every line of a branch's month (the ledger pages 100 at a time). */
async function loadLedger(orgId, month) {
  const rows = [];
  let answer = null;
  for (let page = 1; page <= 50; page += 1) {
    answer = await api.get('/dues/ledger', { org_id: orgId, month, page, per_page: 100 });
    const items = itemsOf(answer);
    rows.push(...items.map(ledgerRow));
    if (!items.length || rows.length >= (answer?.total ?? 0)) break;
  }
  return { rows, totals: answer?.totals ?? {} };
}

/** Organizations whose dues are shown member by member (the rest by child). */
const LEDGER_KINDS = ['branch', 'group'];

/**
 * The month's dues under orgId (null: the caller's own organization): a
 * branch's ledger line by line, or, above branches, the overview by child
 * organization from /dues/summary.
 */
async function loadDues(orgId, month) {
  const summary = await api.get('/dues/summary', { org_id: orgId ?? undefined, month });
  if (LEDGER_KINDS.includes(summary.kind)) {
    return { mode: 'ledger', orgId: summary.org_id, orgName: summary.org_name, ...(await loadLedger(summary.org_id, month)) };
  }
  return {
    mode: 'summary', orgId: summary.org_id, orgName: summary.org_name, totals: summary.totals ?? {},
    parts: itemsOf(summary).map((it) => ({
      orgId: it.org_id, name: it.kind === 'self' ? `${it.org_name}（本级）` : it.org_name, self: it.kind === 'self',
      members: it.members, dueFen: it.due_fen, paidFen: it.paid_fen, unpaidFen: it.unpaid_fen,
      arrears: (it.warnings ?? 0) + (it.flags ?? 0),
      rate: it.due_fen ? it.paid_fen / it.due_fen : null,
    })),
  };
}

/** A member's dues setting (GET|PUT /members/{id}/dues). */
const DuesSetting = {
  name: 'DuesSetting',
  props: { member: { type: Object, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const form = reactive({ category: 'in_service', base: '', from: thisMonth(), reduced: '', approval: '' });
    const current = ref(null); // the setting that applies this month, or null
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const loading = ref(true);

    onMounted(async () => {
      try {
        // {default_category, current: {category, base_fen, from, monthly_fen, reduced_fen, due_fen, rule, approval} | null, ...}
        const d = await api.get(`/members/${props.member.memberId}/dues`);
        const s = d?.current ?? null;
        current.value = s;
        Object.assign(form, {
          category: s?.category ?? d?.default_category ?? 'in_service',
          base: s?.base_fen ? yuan(s.base_fen) : '',
          reduced: s && s.reduced_fen !== null && s.reduced_fen !== undefined ? yuan(s.reduced_fen) : '',
          approval: s?.approval ?? '',
        });
      } catch (err) {
        showError(err);
        emit('close');
      } finally {
        loading.value = false;
      }
    });

    async function save() {
      clear();
      const flat = FLAT_CATEGORIES.includes(form.category);
      const body = { category: form.category, from: form.from };
      if (!flat) {
        body.base_fen = toFen(form.base);
        if (body.base_fen === null) errors.base_fen = '请输入金额（元），最多两位小数';
      }
      if (form.reduced !== '') {
        body.reduced_fen = toFen(form.reduced);
        body.approval = form.approval.trim();
        if (body.reduced_fen === null) errors.reduced_fen = '请输入金额（元），最多两位小数';
        if (!body.approval) errors.approval = `减免须填写批准情况（${ruleName('DUES-06')}）`;
      }
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        await api.put(`/members/${props.member.memberId}/dues`, body);
        ElMessage.success('党费设置已保存');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { form, current, errors, busy, loading, save, yuan, dialogWidth, FLAT_CATEGORIES, DUES_CATEGORIES };
  },
  template: `
    <el-dialog :model-value="true" :title="member.name + ' · 党费设置'" :width="dialogWidth" @close="$emit('close')">
      <el-skeleton v-if="loading" :rows="4" animated />
      <el-form v-else label-position="top" @submit.prevent="save">
        <p v-if="current" class="hint">当前每月应交 {{ yuan(current.due_fen ?? current.monthly_fen) }} 元（{{ DUES_CATEGORIES[current.category] ?? current.category }}，自 {{ current.from }} 起<template v-if="current.rule">，<rule-ref :code="current.rule" /></template>）</p>
        <p v-else class="hint">尚未设置党费标准。</p>
        <div class="form-grid">
          <el-form-item label="党费类别" required :error="errors.category">
            <el-select v-model="form.category">
              <el-option v-for="(label, value) in DUES_CATEGORIES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="!FLAT_CATEGORIES.includes(form.category)" label="月工资收入基数（元）" required :error="errors.base_fen">
            <el-input v-model="form.base" name="base" inputmode="decimal" />
          </el-form-item>
          <el-form-item label="自何月起执行" required :error="errors.from">
            <el-date-picker v-model="form.from" type="month" value-format="YYYY-MM" format="YYYY年M月" :clearable="false" />
          </el-form-item>
          <el-form-item label="减免后每月金额（元，可不填）" :error="errors.reduced_fen">
            <el-input v-model="form.reduced" name="reduced" inputmode="decimal" placeholder="不减免则留空" />
          </el-form-item>
          <el-form-item v-if="form.reduced !== ''" class="span-2" label="批准情况" required :error="errors.approval">
            <el-input v-model="form.approval" name="approval" maxlength="200" placeholder="如：经支委会研究、党委批准（文号/日期）" />
          </el-form-item>
        </div>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" :disabled="loading" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

/** Bulk entry of one month's payments for the ledger's members. */
const BulkEntry = {
  name: 'BulkEntry',
  props: { rows: { type: Array, required: true }, month: { type: String, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    // Nothing ticked: the secretary ticks who paid (issue 12: a branch was
    // recorded as paid with one click).
    const lines = ref(props.rows.map((r) => ({
      memberId: r.memberId,
      name: r.name,
      pick: false,
      amount: r.dueFen ? yuan(r.dueFen) : '',
      extra: '',
      paidOn: todayChina(),
      method: 'wechat',
      done: r.paid,
      // Nothing is owed without a setting (the server refuses the month).
      noSetting: !r.hasSetting,
    })));
    const errors = reactive({});
    const busy = ref(false);
    let sent = [];

    function check() {
      for (const k of Object.keys(errors)) delete errors[k];
      for (const l of lines.value.filter((x) => x.pick)) {
        if (toFen(l.amount) === null) errors[l.memberId] = '金额格式不正确';
        else if (l.extra !== '' && toFen(l.extra) === null) errors[l.memberId] = '自愿多交金额格式不正确';
        else if (!l.paidOn) errors[l.memberId] = '请填写缴纳日期';
      }
      return !Object.keys(errors).length;
    }

    const picked = computed(() => lines.value.filter((l) => l.pick));
    /** Fen of the ticked lines (amount and voluntary extra), null while one is malformed. */
    const pickedFen = computed(() => {
      let sum = 0;
      for (const l of picked.value) {
        const a = toFen(l.amount);
        const x = l.extra === '' ? 0 : toFen(l.extra);
        if (a === null || x === null) return null;
        sum += a + x;
      }
      return sum;
    });
    function pickAll() {
      for (const l of lines.value) if (!l.done && !l.noSetting) l.pick = true;
    }
    function pickNone() {
      for (const l of lines.value) l.pick = false;
    }

    async function save() {
      if (!check()) return;
      sent = picked.value.slice();
      if (!sent.length) {
        ElMessage.warning('请勾选要登记的党员');
        return;
      }
      try {
        await ElMessageBox.confirm(`登记 ${sent.length} 人，合计 ¥${yuan(pickedFen.value)}`,
          `确认登记${periodLabel(props.month)}党费`,
          { confirmButtonText: '确认登记', cancelButtonText: '返回修改', type: 'warning' });
      } catch {
        return;
      }
      busy.value = true;
      try {
        await api.post('/dues/payments', {
          items: sent.map((l) => ({
            member_id: l.memberId, month: props.month, amount_fen: toFen(l.amount),
            extra_fen: l.extra === '' ? 0 : toFen(l.extra), paid_on: l.paidOn, method: l.method,
          })),
        });
        ElMessage.success(`已登记 ${sent.length} 人的党费`);
        emit('saved');
      } catch (err) {
        let placed = false;
        for (const [key, msg] of Object.entries(err.fields ?? {})) {
          const i = /items\[(\d+)\]/.exec(key)?.[1];
          if (i !== undefined && sent[Number(i)]) {
            errors[sent[Number(i)].memberId] = msg;
            placed = true;
          }
        }
        if (placed) ElMessage.warning(err.message);
        else showError(err);
      } finally {
        busy.value = false;
      }
    }

    return { lines, errors, busy, save, isMobile, periodLabel, PAY_METHODS, picked, pickedFen, pickAll, pickNone, yuan };
  },
  template: `
    <el-dialog :model-value="true" :title="'批量登记 ' + periodLabel(month) + ' 党费'" :width="isMobile ? '98%' : '900px'" top="4vh" @close="$emit('close')">
      <p class="hint">勾选本次收缴的党员（默认不勾选），金额默认为应交数；补交以前月份请逐月登记（最多补交 6 个月，<rule-ref code="DUES-08" />）。登记前会确认人数和合计金额；登记错了可在台账中撤销。</p>
      <div class="bulk-tools">
        <el-button size="small" @click="pickAll">全选未缴</el-button>
        <el-button size="small" @click="pickNone">全不选</el-button>
        <span class="bulk-sum">已选 <b>{{ picked.length }}</b> 人，合计 ¥<b>{{ pickedFen === null ? '—' : yuan(pickedFen) }}</b></span>
      </div>
      <div class="bulk-lines">
        <div v-for="l in lines" :key="l.memberId" class="bulk-line" :class="{ 'is-error': errors[l.memberId] }">
          <el-checkbox v-model="l.pick" :disabled="l.done || l.noSetting" class="bulk-name">{{ l.name }}<span v-if="l.done" class="hint">（已缴）</span><span v-else-if="l.noSetting" class="hint">（未设置党费）</span></el-checkbox>
          <template v-if="l.pick">
            <el-input v-model="l.amount" size="small" class="bulk-amount" inputmode="decimal" :aria-label="l.name + '缴纳金额'"><template #append>元</template></el-input>
            <el-input v-model="l.extra" size="small" class="bulk-amount" inputmode="decimal" placeholder="自愿多交" :aria-label="l.name + '自愿多交'"><template #append>元</template></el-input>
            <el-date-picker v-model="l.paidOn" size="small" type="date" value-format="YYYY-MM-DD" class="bulk-date" :clearable="false" :aria-label="l.name + '缴纳日期'" />
            <el-select v-model="l.method" size="small" class="bulk-method" :aria-label="l.name + '缴纳方式'">
              <el-option v-for="(label, value) in PAY_METHODS" :key="value" :value="value" :label="label" />
            </el-select>
          </template>
          <div v-if="errors[l.memberId]" class="row-error">{{ errors[l.memberId] }}</div>
        </div>
      </div>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" :disabled="!picked.length" @click="save">登记{{ picked.length ? '（' + picked.length + ' 人）' : '' }}</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'DuesPage',
  components: { OrgSelect, LoadState, DuesQuote, DuesSetting, BulkEntry },
  setup() {
    const tab = ref(queryParam('tab') === 'quote' ? 'quote' : 'ledger');
    const filters = reactive({ org_id: Number(queryParam('org_id')) || null, month: thisMonth() });
    const dialog = ref(null); // { type: 'setting', member } | { type: 'bulk' }
    const { state, data, load } = useLoad(() => loadDues(filters.org_id, filters.month));
    watch(() => filters.org_id, load);
    const isLedger = computed(() => data.value?.mode === 'ledger');
    const parts = computed(() => data.value?.parts ?? []);
    const trail = ref([]); // organizations drilled down from, to go back

    function drill(part) {
      if (part.self || part.orgId === data.value?.orgId) return;
      trail.value.push(filters.org_id);
      filters.org_id = part.orgId;
    }
    function back() {
      filters.org_id = trail.value.pop() ?? null;
    }

    const rows = computed(() => (isLedger.value ? data.value?.rows ?? [] : []));
    // totals: {members, due_fen, paid_fen, extra_fen, unpaid_fen, arrears_members, warnings, flags}
    const totals = computed(() => {
      const t = data.value?.totals ?? {};
      return {
        due: t.due_fen ?? 0,
        paid: t.paid_fen ?? 0,
        unpaidFen: t.unpaid_fen ?? 0,
        unpaid: rows.value.filter((r) => r.dueFen && !r.paid).length,
        noSetting: rows.value.filter((r) => !r.hasSetting).length,
        arrears: (t.warnings ?? 0) + (t.flags ?? 0),
      };
    });
    const rowClass = ({ row }) => (row.level === 'flag' ? 'row-arrears-act' : row.level === 'warning' ? 'row-arrears' : '');

    function download() {
      saveFile('GET', '/ledgers/dues.xlsx', {
        query: { org_id: data.value?.orgId, year: filters.month.slice(0, 4) },
        name: `党费台账-${filters.month.slice(0, 4)}.xlsx`,
      });
    }

    function onSaved() {
      dialog.value = null;
      load();
    }

    /** Reverses a payment recorded by mistake, with the reason asked first (audited on the server). */
    async function reverse(row) {
      let reason;
      try {
        ({ value: reason } = await ElMessageBox.prompt(
          `撤销「${row.name}」${periodLabel(filters.month)}已登记的党费 ¥${yuan(row.paidFen + row.extraFen)}？撤销后该月计为未交，可重新登记。`,
          '撤销缴费登记',
          {
            confirmButtonText: '撤销登记', cancelButtonText: '取消', type: 'warning',
            inputPlaceholder: '撤销原因（必填），如：误登记、金额有误',
            inputValidator: (v) => (v && v.trim() ? true : '请填写撤销原因'),
          },
        ));
      } catch {
        return;
      }
      try {
        await api.post(`/dues/payments/${row.paymentId}/reverse`, { reason: reason.trim() });
        ElMessage.success(`已撤销「${row.name}」的缴费登记`);
        load();
      } catch (err) {
        showError(err);
      }
    }

    onMounted(load);
    return {
      tab, filters, dialog, state, data, rows, parts, isLedger, trail, drill, back, totals, rowClass, load,
      download, onSaved, reverse, yuan, periodLabel, writable: can('dues.write'), isMobile, ARREARS_WARN,
      rateText: (r) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`),
    };
  },
  template: `
    <div class="page dues-page">
      <div class="page-head"><h2>党费</h2></div>
      <el-tabs v-model="tab">
        <el-tab-pane label="月度台账" name="ledger">
          <el-card shadow="never" class="filters">
            <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="load">
              <el-form-item label="党组织">
                <org-select v-model="filters.org_id" placeholder="本人管理范围" />
              </el-form-item>
              <el-form-item label="月份">
                <el-date-picker v-model="filters.month" type="month" value-format="YYYY-MM" format="YYYY年M月" :clearable="false" @change="load" />
              </el-form-item>
              <el-form-item class="filter-buttons">
                <el-button v-if="writable && isLedger" type="primary" :disabled="!rows.length" @click="dialog = { type: 'bulk' }">批量登记缴费</el-button>
                <el-button icon="IconDownload" :disabled="!isLedger" @click="download">下载全年党费台账</el-button>
              </el-form-item>
            </el-form>
          </el-card>
          <el-card shadow="never">
            <load-state :state="state" :empty="state.loaded && isLedger && !rows.length ? '该支部本月暂无党费记录' : ''" @retry="load">
              <div class="dues-where">
                <el-button v-if="trail.length" link type="primary" class="dues-back" @click="back">‹ 返回上级</el-button>
                <b>{{ data?.orgName }}</b> · {{ periodLabel(filters.month) }}
              </div>
              <template v-if="!isLedger">
                <div class="stat-row">
                  <div class="stat"><b>{{ yuan(totals.due) }}</b><span>本月应交（元）</span></div>
                  <div class="stat"><b>{{ yuan(totals.paid) }}</b><span>本月实交（元）</span></div>
                  <div class="stat due"><b>{{ yuan(totals.unpaidFen) }}</b><span>本月未交（元）</span></div>
                  <div class="stat overdue"><b>{{ totals.arrears }}</b><span>连续欠缴满{{ ARREARS_WARN }}个月（人）</span></div>
                </div>
                <p class="hint">点击下级党组织查看其党费收缴情况，直到党支部的逐人台账。</p>
                <el-table :data="parts" class="dues-summary-table" row-key="orgId" @row-click="drill">
                  <el-table-column prop="name" label="党组织" :min-width="isMobile ? 110 : 180" show-overflow-tooltip />
                  <el-table-column prop="members" label="党员" :width="isMobile ? 56 : 70" align="right" />
                  <el-table-column v-if="!isMobile" label="应交（元）" width="110" align="right"><template #default="{ row }">{{ yuan(row.dueFen) }}</template></el-table-column>
                  <el-table-column v-if="!isMobile" label="实交（元）" width="110" align="right"><template #default="{ row }">{{ yuan(row.paidFen) }}</template></el-table-column>
                  <el-table-column label="收缴率" :width="isMobile ? 70 : 80" align="right"><template #default="{ row }">{{ rateText(row.rate) }}</template></el-table-column>
                  <el-table-column :label="isMobile ? '欠缴' : '欠缴满3月'" :width="isMobile ? 70 : 90" align="right">
                    <template #default="{ row }"><el-tag v-if="row.arrears" disable-transitions size="small" type="danger">{{ row.arrears }} 人</el-tag></template>
                  </el-table-column>
                </el-table>
              </template>
              <template v-else>
              <div class="stat-row">
                <div class="stat"><b>{{ yuan(totals.due) }}</b><span>本月应交（元）</span></div>
                <div class="stat"><b>{{ yuan(totals.paid) }}</b><span>本月实交（元）</span></div>
                <div class="stat due"><b>{{ totals.unpaid }}</b><span>本月未交人数</span></div>
                <div class="stat overdue"><b>{{ totals.arrears }}</b><span>连续欠缴满{{ ARREARS_WARN }}个月</span></div>
              </div>
              <p v-if="totals.noSetting" class="hint">有 {{ totals.noSetting }} 名党员尚未设置党费标准，设置后才能登记缴费。</p>
              <div v-if="isMobile" class="member-cards">
                <div v-for="r in rows" :key="r.memberId" class="member-card" :class="rowClass({ row: r })">
                  <div class="member-card-head">
                    <b>{{ r.name }}</b><span v-if="!r.hasSetting" class="member-card-meta">未设置党费</span>
                    <el-tag v-if="r.level !== 'none'" disable-transitions size="small" type="danger" :title="r.arrearsMessage">欠缴 {{ r.arrears }} 个月</el-tag>
                  </div>
                  <div class="member-card-line">应交 {{ yuan(r.dueFen) }} 元 · 实交 {{ r.paid ? yuan(r.paidFen) + ' 元' : '未交' }}<template v-if="r.paidOn"> · {{ r.paidOn }} {{ r.method }}</template></div>
                  <div v-if="writable" class="member-card-actions"><el-button size="small" @click="dialog = { type: 'setting', member: r }">党费设置</el-button><el-button v-if="r.paid && r.paymentId" size="small" type="danger" plain class="dues-reverse" @click="reverse(r)">撤销登记</el-button></div>
                </div>
              </div>
              <el-table v-else :data="rows" :row-class-name="rowClass" class="dues-table" row-key="memberId">
                <el-table-column prop="name" label="姓名" min-width="90" fixed="left" />
                <el-table-column label="应交（元）" width="110" align="right"><template #default="{ row }">{{ row.hasSetting ? yuan(row.dueFen) : '未设置' }}</template></el-table-column>
                <el-table-column label="实交（元）" width="100" align="right"><template #default="{ row }">{{ row.paid ? yuan(row.paidFen) : '未交' }}</template></el-table-column>
                <el-table-column label="自愿多交" width="90" align="right"><template #default="{ row }">{{ row.extraFen ? yuan(row.extraFen) : '' }}</template></el-table-column>
                <el-table-column prop="paidOn" label="缴纳日期" width="110" />
                <el-table-column prop="method" label="方式" width="90" />
                <el-table-column label="欠缴" width="110">
                  <template #default="{ row }">
                    <el-tag v-if="row.arrears" disable-transitions size="small" :type="row.level !== 'none' ? 'danger' : 'warning'" :title="row.arrearsMessage">{{ row.arrears }} 个月</el-tag>
                  </template>
                </el-table-column>
                <el-table-column v-if="writable" label="操作" width="160" fixed="right">
                  <template #default="{ row }">
                    <el-button link type="primary" @click="dialog = { type: 'setting', member: row }">党费设置</el-button>
                    <el-button v-if="row.paid && row.paymentId" link type="danger" class="dues-reverse" @click="reverse(row)">撤销登记</el-button>
                  </template>
                </el-table-column>
              </el-table>
              </template>
            </load-state>
          </el-card>
        </el-tab-pane>
        <el-tab-pane label="党费测算" name="quote">
          <el-card shadow="never"><dues-quote /></el-card>
        </el-tab-pane>
      </el-tabs>
      <dues-setting v-if="dialog?.type === 'setting'" :member="dialog.member" @saved="onSaved" @close="dialog = null" />
      <bulk-entry v-if="dialog?.type === 'bulk'" :rows="rows" :month="filters.month" @saved="onSaved" @close="dialog = null" />
    </div>`,
};
