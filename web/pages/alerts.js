// 预警中心: every computed alert in scope with its rule ID, filtered by
// organization, kind and severity; each links to where it is fixed.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { navigate, queryParam } from '../router.js';
import { ALERT_KINDS, SEVERITIES, SEVERITY_TAGS, labelOf } from '../labels.js';
import { OrgSelect } from '../orgs.js';
import { isMobile, showError } from '../ui.js';
import { itemsOf, useLoad, LoadState } from '../life.js';

/**
 * The console path for an alert's link. The server names a record
 * (/meetings/12, /members/7, /transfers/3, /orgs/5); the console opens it
 * from its list page (?open=12). Only console paths are followed.
 */
export function consoleLink(link) {
  if (typeof link !== 'string' || !link.startsWith('/') || link.startsWith('//')) return '';
  const m = /^\/(meetings|members|transfers|orgs)\/(\d+)$/.exec(link);
  return m ? `/${m[1]}?open=${m[2]}` : link;
}

/** One alert from the API ({kind, severity, rule, org_id, org_name, member_id, message, link}) → a list row. */
export function alertRow(a, i) {
  return {
    key: `${a.rule}-${a.org_id ?? ''}-${a.member_id ?? ''}-${i}`,
    kind: labelOf(ALERT_KINDS, a.kind),
    severity: a.severity ?? 'info',
    rule: a.rule ?? '',
    org: a.org_name ?? '',
    message: a.message ?? '',
    link: consoleLink(a.link),
    alert: { kind: a.kind, rule: a.rule ?? undefined, org_id: a.org_id, member_id: a.member_id ?? undefined },
  };
}

/** Raises a finding from an alert (POST /findings {alert}) and opens it. */
export async function raiseFinding(row) {
  try {
    await ElMessageBox.confirm(`将这条预警转为整改问题，下发给「${row.org}」？整改期限默认 30 天。`, '转为整改问题', {
      confirmButtonText: '转为整改问题', cancelButtonText: '取消', type: 'info',
    });
  } catch {
    return;
  }
  try {
    const f = await api.post('/findings', { alert: row.alert });
    ElMessage.success('已转为整改问题');
    navigate(`/findings?open=${f.id}`);
  } catch (err) {
    showError(err);
  }
}

/** Follows an alert's link (console paths only). */
export function followAlert(row) {
  if (row.link) navigate(row.link);
}

/** The alerts as cards; used by the alert centre, the terms page and 我的. */
export const AlertList = {
  name: 'AlertList',
  props: { rows: { type: Array, required: true } },
  setup() {
    return { followAlert, raiseFinding, canRaise: can('findings.issue'), SEVERITIES, SEVERITY_TAGS };
  },
  template: `
    <div class="alert-list">
      <div v-for="r in rows" :key="r.key" class="alert-item" :class="'alert-' + r.severity">
        <div class="alert-item-head">
          <el-tag disable-transitions size="small" :type="SEVERITY_TAGS[r.severity]" effect="dark">{{ SEVERITIES[r.severity] ?? r.severity }}</el-tag>
          <span class="alert-kind">{{ r.kind }}</span>
          <span v-if="r.org" class="hint">{{ r.org }}</span>
          <rule-ref class="alert-rule" :code="r.rule" />
        </div>
        <div class="alert-message"><rule-text :text="r.message" /></div>
        <el-button v-if="r.link" link type="primary" size="small" @click="followAlert(r)">去处理 ›</el-button>
        <el-button v-if="canRaise && r.alert.org_id" link type="danger" size="small" @click="raiseFinding(r)">转为整改问题</el-button>
      </div>
    </div>`,
};

export default {
  name: 'AlertsPage',
  components: { OrgSelect, LoadState, AlertList },
  setup() {
    const filters = reactive({
      org_id: Number(queryParam('org_id')) || null, kind: queryParam('kind'), severity: queryParam('severity'),
    });
    const paging = reactive({ page: 1, perPage: 50, total: 0 });
    const bySeverity = ref({}); // {critical, warning, info} over every page, from the server
    const { state, data, load: fetch } = useLoad(async () => {
      const answer = await api.get('/alerts', { ...filters, page: paging.page, per_page: paging.perPage });
      paging.total = answer?.total ?? 0;
      bySeverity.value = answer?.severity_totals ?? {};
      return itemsOf(answer).map(alertRow);
    });
    const rows = computed(() => data.value ?? []);
    /** A filter changed: back to the first page. */
    function load() {
      paging.page = 1;
      fetch();
    }
    /** Counts over every page (a severity filter leaves the other two at 0). */
    const counts = computed(() => ({
      critical: bySeverity.value.critical ?? 0, warning: bySeverity.value.warning ?? 0, info: bySeverity.value.info ?? 0,
    }));
    onMounted(load);
    // The principal platform's roles have no organizations to filter by (issue 13).
    const orgFilter = can('orgs.read');
    return { filters, paging, state, rows, counts, load, fetch, isMobile, ALERT_KINDS, SEVERITIES, orgFilter };
  },
  template: `
    <div class="page alerts-page">
      <div class="page-head">
        <h2>预警中心</h2>
        <div class="actions"><el-button icon="IconRefresh" @click="load">刷新</el-button></div>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="load">
          <el-form-item v-if="orgFilter" label="党组织">
            <org-select v-model="filters.org_id" placeholder="全部（含下级组织）" @update:model-value="load" />
          </el-form-item>
          <el-form-item label="类别">
            <el-select v-model="filters.kind" placeholder="全部" clearable @change="load">
              <el-option v-for="(label, value) in ALERT_KINDS" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="级别">
            <el-select v-model="filters.severity" placeholder="全部" clearable @change="load">
              <el-option v-for="(label, value) in SEVERITIES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card shadow="never">
        <load-state :state="state" :empty="state.loaded && !rows.length ? '暂无预警，各项工作均已按要求完成' : ''" @retry="load">
          <p class="hint alert-counts">共 {{ paging.total }} 条：严重 {{ counts.critical }} 条 · 警告 {{ counts.warning }} 条 · 提醒 {{ counts.info }} 条<template v-if="paging.total > rows.length">（严重的在前）</template></p>
          <alert-list :rows="rows" />
          <el-pagination v-if="paging.total > paging.perPage" v-model:current-page="paging.page" :page-size="paging.perPage"
            :total="paging.total" :layout="isMobile ? 'prev, pager, next' : 'total, prev, pager, next'" :pager-count="5"
            class="pager" @current-change="fetch" />
        </load-state>
      </el-card>
    </div>`,
};
