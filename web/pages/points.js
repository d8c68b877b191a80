// 积分排行: study-points leaderboards of a branch or a school (ties share
// a rank: 1, 1, 3), and the points rules, which district staff edit.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can, session } from '../session.js';
import { OrgSelect } from '../orgs.js';
import { isMobile, dialogWidth, useFormErrors } from '../ui.js';
import { itemsOf, thisYear, useLoad, LoadState, EChart } from '../life.js';

/** Editing one rule (district staff). */
const RuleDialog = {
  name: 'RuleDialog',
  props: { rule: { type: Object, required: true } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({
      kind: props.rule.kind, per_record: props.rule.per_record, block_minutes: props.rule.block_minutes,
      per_block: props.rule.per_block, daily_cap: props.rule.daily_cap, enabled: props.rule.enabled,
    });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    async function save() {
      busy.value = true;
      clear();
      try {
        await api.put('/points/rules', form);
        ElMessage.success('积分规则已更新');
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, dialogWidth, isMobile };
  },
  template: `
    <el-dialog :model-value="true" :title="'积分规则：' + rule.label" :width="dialogWidth" @close="$emit('close')">
      <el-form :label-position="isMobile ? 'top' : 'right'" label-width="120px">
        <el-form-item label="每条记录" :error="errors.per_record"><el-input-number v-model="form.per_record" :min="0" :max="100" /> 分</el-form-item>
        <el-form-item label="每满（分钟）" :error="errors.block_minutes"><el-input-number v-model="form.block_minutes" :min="0" :max="1440" :step="5" /></el-form-item>
        <el-form-item label="加" :error="errors.per_block"><el-input-number v-model="form.per_block" :min="0" :max="100" /> 分</el-form-item>
        <el-form-item label="每日上限" :error="errors.daily_cap"><el-input-number v-model="form.daily_cap" :min="0" :max="1000" /> 分（0 为不限）</el-form-item>
        <el-form-item label="启用" :error="errors.enabled"><el-switch v-model="form.enabled" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'PointsPage',
  components: { OrgSelect, RuleDialog, LoadState, EChart },
  setup() {
    const orgId = ref(null);
    const year = ref(thisYear());
    const page = ref(1);
    const level = ref('member');
    const by = ref('per_member');
    const board = useLoad(() => api.get('/points/leaderboard', level.value === 'member'
      ? { org_id: orgId.value, year: year.value, page: page.value, per_page: 50 }
      : { level: level.value, by: by.value, org_id: orgId.value, year: year.value }));
    // STUDY-07: the organizations as a bar chart, best first from the top.
    const chart = computed(() => {
      const items = (board.data.value?.items ?? []).slice(0, 30).reverse();
      const total = by.value === 'total';
      return {
        grid: { left: 8, right: 24, top: 8, bottom: 28, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', name: total ? '总积分' : '人均积分', nameLocation: 'middle', nameGap: 24 },
        yAxis: { type: 'category', data: items.map((r) => r.name), axisLabel: { width: 110, overflow: 'truncate' } },
        series: [{ type: 'bar', name: total ? '总积分' : '人均积分', data: items.map((r) => (total ? r.points : r.per_member)), itemStyle: { color: '#c0392b' } }],
      };
    });
    const chartHeight = computed(() => `${Math.max(160, Math.min(30, board.data.value?.items?.length ?? 0) * 26 + 40)}px`);
    const rules = useLoad(async () => itemsOf(await api.get('/points/rules')));
    const editing = ref(null);
    function reload() {
      page.value = 1;
      board.load();
    }
    onMounted(() => {
      board.load();
      rules.load();
    });
    function ruleText(r) {
      const parts = [`每条 ${r.per_record} 分`];
      if (r.block_minutes > 0) parts.push(`每满 ${r.block_minutes} 分钟加 ${r.per_block} 分`);
      parts.push(r.daily_cap > 0 ? `每日最多 ${r.daily_cap} 分` : '每日不限');
      return parts.join('，');
    }
    return {
      orgId, year, page, level, by, chart, chartHeight, board, rules, editing, reload, ruleText, isMobile,
      staff: session.user?.role !== 'member', canEdit: can('points.rules'),
    };
  },
  template: `
    <div class="page">
      <div class="page-head"><h2>积分排行</h2></div>
      <div class="filters">
        <org-select v-if="staff" v-model="orgId" placeholder="本人管理范围" @update:model-value="reload" />
        <el-input-number v-model="year" :min="2000" :max="2100" aria-label="年度" @change="reload" />
      </div>
      <div class="filters">
        <el-radio-group v-model="level" aria-label="排行对象" @change="reload">
          <el-radio-button value="member">党员</el-radio-button>
          <el-radio-button value="branch">支部</el-radio-button>
          <el-radio-button value="school">学校</el-radio-button>
        </el-radio-group>
        <el-radio-group v-if="level !== 'member'" v-model="by" aria-label="排序方式" @change="reload">
          <el-radio-button value="per_member">按人均</el-radio-button>
          <el-radio-button value="total">按总分</el-radio-button>
        </el-radio-group>
      </div>
      <load-state v-if="level !== 'member'" :state="board.state" @retry="board.load">
        <e-chart v-if="(board.data.value?.items ?? []).length" class="org-board-chart" :option="chart" :height="chartHeight" />
        <el-table :data="board.data.value?.items ?? []" empty-text="暂无组织" class="org-board">
          <el-table-column :label="by === 'total' ? '名次(总分)' : '名次(人均)'" width="96"><template #default="{ row }">{{ by === 'total' ? row.rank_total : row.rank }}</template></el-table-column>
          <el-table-column prop="name" :label="level === 'school' ? '学校' : '支部'" min-width="120" show-overflow-tooltip />
          <el-table-column prop="per_member" label="人均积分" width="90" />
          <el-table-column prop="points" label="总积分" width="80" />
          <el-table-column v-if="!isMobile" prop="members" label="党员数" width="80" />
          <el-table-column v-if="!isMobile" prop="studied" label="参学人数" width="90" />
          <el-table-column v-if="!isMobile" prop="minutes" label="学习分钟" width="96" />
        </el-table>
      </load-state>
      <load-state v-else :state="board.state" @retry="board.load">
        <el-table :data="board.data.value?.items ?? []" empty-text="暂无党员" class="leaderboard">
          <el-table-column prop="rank" label="名次" width="64" />
          <el-table-column prop="name" label="党员" min-width="80" />
          <el-table-column v-if="!isMobile" prop="org_name" label="所在组织" min-width="140" show-overflow-tooltip />
          <el-table-column prop="points" label="积分" width="72" />
          <el-table-column v-if="!isMobile" prop="records" label="记录数" width="80" />
          <el-table-column v-if="!isMobile" prop="minutes" label="学习分钟" width="96" />
        </el-table>
        <el-pagination v-if="(board.data.value?.total ?? 0) > 50" class="pager" layout="total, prev, pager, next"
          v-model:current-page="page" :page-size="50" :total="board.data.value?.total ?? 0" @current-change="board.load" />
      </load-state>
      <el-card shadow="never" class="rules-card">
        <template #header>积分规则<span class="hint">（同一时段重复、时间重叠、单日超过24小时、未来时间或超过补记期限的记录不予登记；短时间内集中提交的记录待核实，不计分）</span></template>
        <load-state :state="rules.state" @retry="rules.load">
          <el-table :data="rules.data.value ?? []" class="rules-table">
            <el-table-column prop="label" label="学习方式" width="100" />
            <el-table-column label="规则" min-width="200"><template #default="{ row }">{{ ruleText(row) }}</template></el-table-column>
            <el-table-column label="状态" width="72"><template #default="{ row }">{{ row.enabled ? '启用' : '停用' }}</template></el-table-column>
            <el-table-column v-if="canEdit" label="操作" width="72">
              <template #default="{ row }"><el-button link type="primary" @click="editing = row">修改</el-button></template>
            </el-table-column>
          </el-table>
        </load-state>
      </el-card>
      <rule-dialog v-if="editing" :rule="editing" @done="editing = null; rules.load()" @close="editing = null" />
    </div>`,
};
