// 审计日志: every write, login and sensitive read, newest first, with
// filters. The audit administrator reads the whole log; district staff the
// business rows, not the administrators' (SEC-05).
import { ref, reactive, onMounted } from 'vue';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, labelOf } from '../labels.js';
import { usePagedList, ListPager } from '../list.js';
import { isMobile, formatTime } from '../ui.js';
import { session } from '../session.js';

const DEFAULT_FILTERS = { actor: '', entity: '', entity_id: '', from: '', to: '' };

export default {
  name: 'AuditPage',
  components: { ListPager },
  setup() {
    const filters = reactive({ ...DEFAULT_FILTERS });
    const range = ref(null);
    const { list, load, search } = usePagedList('/audit', filters);

    function applyRange() {
      [filters.from, filters.to] = range.value ?? ['', ''];
    }

    function runSearch() {
      applyRange();
      search();
    }

    function reset() {
      Object.assign(filters, DEFAULT_FILTERS);
      range.value = null;
      search();
    }

    const pretty = (json) => (json === null || json === undefined ? '（无）' : JSON.stringify(json, null, 2));

    onMounted(load);
    return {
      filters, range, list, load, runSearch, reset, pretty, formatTime, labelOf, isMobile, session,
      AUDIT_ACTIONS, AUDIT_ENTITIES,
    };
  },
  template: `
    <div class="page">
      <div class="page-head"><h2>审计日志</h2></div>
      <p v-if="session.user?.role !== 'audit_admin'" class="hint audit-scope">显示业务操作记录；系统、安全、审计管理员的操作由审计管理员查阅。</p>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="runSearch">
          <el-form-item label="操作人">
            <el-input v-model.trim="filters.actor" placeholder="用户名" clearable />
          </el-form-item>
          <el-form-item label="对象类型">
            <el-select v-model="filters.entity" placeholder="全部" clearable filterable allow-create>
              <el-option v-for="(label, value) in AUDIT_ENTITIES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="对象编号">
            <el-input v-model.trim="filters.entity_id" placeholder="ID" clearable />
          </el-form-item>
          <el-form-item label="日期">
            <el-date-picker v-model="range" type="daterange" value-format="YYYY-MM-DD"
              start-placeholder="开始日期" end-placeholder="结束日期" range-separator="至" />
          </el-form-item>
          <el-form-item class="filter-buttons">
            <el-button type="primary" native-type="submit" icon="IconSearch">查询</el-button>
            <el-button icon="IconRefresh" @click="reset">重置</el-button>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card shadow="never">
        <el-table :data="list.items" v-loading="list.loading" row-key="id" empty-text="没有符合条件的记录">
          <el-table-column type="expand">
            <template #default="{ row }">
              <div class="audit-diff">
                <div><h4>变更前</h4><pre>{{ pretty(row.before) }}</pre></div>
                <div><h4>变更后</h4><pre>{{ pretty(row.after) }}</pre></div>
              </div>
            </template>
          </el-table-column>
          <el-table-column label="时间" min-width="170">
            <template #default="{ row }">{{ formatTime(row.at) }}</template>
          </el-table-column>
          <el-table-column prop="actor" label="操作人" min-width="100" />
          <el-table-column label="操作" min-width="90">
            <template #default="{ row }">{{ labelOf(AUDIT_ACTIONS, row.action) }}</template>
          </el-table-column>
          <el-table-column label="对象" min-width="110">
            <template #default="{ row }">{{ labelOf(AUDIT_ENTITIES, row.entity) }}<span v-if="row.entity_id"> #{{ row.entity_id }}</span></template>
          </el-table-column>
          <el-table-column label="结果" width="80">
            <template #default="{ row }">
              <el-tag disable-transitions :type="row.ok ? 'success' : 'danger'" size="small">{{ row.ok ? '成功' : '失败' }}</el-tag>
            </template>
          </el-table-column>
          <el-table-column prop="address" label="来源地址" min-width="130" />
        </el-table>
        <list-pager :list="list" @change="load" />
      </el-card>
    </div>`,
};
