// 节假日: the holiday calendar of a year (China's statutory holidays and
// adjusted working days) that rules counted in working days use (DEV-13's
// 公示 of 5 working days). The district and admin edit it (PUT
// /holidays/{year} replaces the year); other staff read it.
import { ref, computed, onMounted, watch } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { isMobile, useFormErrors } from '../ui.js';
import { thisYear, useLoad, LoadState } from '../life.js';

const KINDS = { off: '放假', work: '调休上班' };
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function weekday(date) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) return '';
  return '周' + WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

export default {
  name: 'HolidaysPage',
  components: { LoadState },
  setup() {
    const year = ref(thisYear());
    const years = [thisYear() + 1, thisYear(), thisYear() - 1, thisYear() - 2];
    const one = useLoad(() => api.get(`/holidays/${year.value}`));
    const rows = ref([]);
    const editing = ref(false);
    const busy = ref(false);
    const canEdit = computed(() => can('holidays.write'));
    const { errors, clear, report } = useFormErrors();
    const data = computed(() => one.data.value);
    const offDays = computed(() => (data.value?.days ?? []).filter((d) => d.kind === 'off').length);
    const workDays = computed(() => (data.value?.days ?? []).filter((d) => d.kind === 'work').length);

    function reset() {
      rows.value = (data.value?.days ?? []).map((d) => ({ ...d }));
      editing.value = false;
      clear();
    }
    watch(data, reset);
    watch(year, () => one.load());
    onMounted(one.load);

    function edit() {
      reset();
      editing.value = true;
    }
    function add() {
      rows.value.push({ date: `${year.value}-`, kind: 'off', name: '' });
    }
    function remove(i) {
      rows.value.splice(i, 1);
      clear();
    }
    const errorOf = (i) => errors[`days[${i}].date`] || errors[`days[${i}].kind`] || errors[`days[${i}].name`] || errors[`days[${i}]`] || '';
    async function save() {
      clear();
      busy.value = true;
      try {
        const days = rows.value.map((r) => ({ date: (r.date ?? '').trim(), kind: r.kind, name: (r.name ?? '').trim() }));
        one.data.value = await api.put(`/holidays/${year.value}`, { days });
        ElMessage.success(`${year.value} 年节假日已保存`);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return {
      year, years, one, data, rows, editing, busy, canEdit, errors, errorOf, offDays, workDays,
      edit, add, remove, save, reset, weekday, isMobile, KINDS,
    };
  },
  template: `
    <div class="page holidays-page">
      <div class="page-head">
        <h2>节假日</h2>
        <template v-if="canEdit">
          <el-button v-if="!editing" type="primary" class="holidays-edit" @click="edit">编辑</el-button>
          <template v-else>
            <el-button @click="reset">取消</el-button>
            <el-button type="primary" :loading="busy" class="holidays-save" @click="save">保存</el-button>
          </template>
        </template>
      </div>
      <el-card shadow="never" class="filters">
        <el-select v-model="year" class="year-select" style="width: 110px" :disabled="editing">
          <el-option v-for="y in years" :key="y" :label="y + ' 年'" :value="y" />
        </el-select>
        <span v-if="data" class="hint holidays-summary">
          {{ data.source === 'edited' ? '已在系统中编辑' : '来自随附的国务院安排文件' }} ·
          放假 {{ offDays }} 天 · 调休上班 {{ workDays }} 天 · 全年工作日 {{ data.workdays }} 天
        </span>
      </el-card>
      <el-card shadow="never">
        <p class="hint">工作日 = 列为“调休上班”的日期，或未列为“放假”的周一至周五。发展党员第13步公示（不少于5个工作日）按此计算。请与国务院办公厅当年的放假通知核对。</p>
        <LoadState :state="one.state" @retry="one.load()">
          <el-alert v-if="errors.days" type="error" :closable="false" show-icon :title="errors.days" />
          <el-table v-if="!editing" :data="data ? data.days : []" class="holidays-table" empty-text="本年度未登记节假日，仅按周末计算">
            <el-table-column prop="date" label="日期" min-width="110" />
            <el-table-column label="星期" width="70"><template #default="{ row }">{{ weekday(row.date) }}</template></el-table-column>
            <el-table-column label="类型" width="100">
              <template #default="{ row }"><el-tag :type="row.kind === 'off' ? 'success' : 'warning'" size="small" disable-transitions>{{ KINDS[row.kind] }}</el-tag></template>
            </el-table-column>
            <el-table-column prop="name" label="名称" min-width="100" />
          </el-table>
          <div v-else class="holidays-editor">
            <div v-for="(r, i) in rows" :key="i" class="holiday-row">
              <el-input v-model="r.date" :name="'date-' + i" placeholder="YYYY-MM-DD" class="holiday-date" maxlength="10" />
              <span class="hint holiday-weekday">{{ weekday(r.date) }}</span>
              <el-select v-model="r.kind" class="holiday-kind" style="width: 110px">
                <el-option v-for="(l, v) in KINDS" :key="v" :label="l" :value="v" />
              </el-select>
              <el-input v-model="r.name" :name="'name-' + i" placeholder="名称，如 春节" class="holiday-name" maxlength="20" />
              <el-button link type="danger" @click="remove(i)">删除</el-button>
              <div v-if="errorOf(i)" class="field-error holiday-error">{{ errorOf(i) }}</div>
            </div>
            <el-button icon="IconPlus" class="holidays-add" @click="add">添加日期</el-button>
          </div>
        </LoadState>
      </el-card>
    </div>`,
};
