// 清廉学校: each school's status (pilot, demonstration, named) with its
// dates, its self-check against the clean-school indicator sheet (scored by
// the server with the supervision module's rules), and the "five clean"
// culture activities.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { CLEAN_STATUSES, CLEAN_FIVE, labelOf } from '../labels.js';
import { isMobile, dialogWidth, useFormErrors, filledFields, showError } from '../ui.js';
import { itemsOf, useLoad, LoadState, todayChina, thisYear } from '../life.js';
import { SchoolSelect, RecordSection, districtWide } from './create-common.js';

const STATUS_TAGS = { none: 'info', pilot: 'warning', demonstration: '', named: 'success' };
const ACTIVITY_FIELDS = [
  { key: 'kind', label: '五清', options: CLEAN_FIVE, required: true },
  { key: 'held_on', label: '日期', type: 'date', required: true },
  { key: 'title', label: '活动名称', required: true, width: 180 },
  { key: 'participants', label: '参加人数', type: 'int' },
  { key: 'outputs', label: '成果', type: 'textarea' },
];

const StatusForm = {
  name: 'StatusForm',
  props: { row: { type: Object, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const form = reactive({
      status: props.row.status, pilot_on: props.row.pilot_on, demonstration_on: props.row.demonstration_on,
      named_on: props.row.named_on, note: props.row.note ?? '',
    });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const level = computed(() => Object.keys(CLEAN_STATUSES).indexOf(form.status));
    async function save() {
      clear();
      const body = { status: form.status, note: form.note };
      ['pilot_on', 'demonstration_on', 'named_on'].forEach((k, i) => { if (i < level.value && form[k]) body[k] = form[k]; });
      busy.value = true;
      try {
        await api.put(`/clean-schools/${props.row.school_id}`, body);
        ElMessage.success('已更新');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, level, save, dialogWidth, CLEAN_STATUSES };
  },
  template: `
    <el-dialog :model-value="true" :title="'清廉学校创建状态 · ' + row.school_name" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="状态" required :error="errors.status">
          <el-radio-group v-model="form.status">
            <el-radio-button v-for="(label, value) in CLEAN_STATUSES" :key="value" :value="value">{{ label }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <div class="form-grid">
          <el-form-item v-if="level >= 1" label="确定为试点日期" required :error="errors.pilot_on">
            <el-date-picker v-model="form.pilot_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
          <el-form-item v-if="level >= 2" label="确定为示范日期" required :error="errors.demonstration_on">
            <el-date-picker v-model="form.demonstration_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
          <el-form-item v-if="level >= 3" label="命名日期" required :error="errors.named_on">
            <el-date-picker v-model="form.named_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
        </div>
        <el-form-item label="备注" :error="errors.note"><el-input v-model="form.note" maxlength="500" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

/** A self-check: points for each leaf indicator of the published sheet.
 * A school may save it as a draft (only the school sees it) and submit it
 * later; `check` is a draft being edited. */
const CheckForm = {
  name: 'CheckForm',
  components: { LoadState, SchoolSelect },
  props: { check: { type: Object, default: null } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const c = props.check;
    const form = reactive({ school_id: null, checked_on: c?.checked_on ?? todayChina(), note: c?.note ?? '' });
    const points = reactive(Object.fromEntries((c?.scores ?? []).filter((x) => !x.failed_veto).map((x) => [x.code, x.points])));
    const vetoes = reactive(Object.fromEntries((c?.scores ?? []).filter((x) => x.failed_veto).map((x) => [x.code, true])));
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const sheet = useLoad(async () => {
      const systems = itemsOf(await api.get('/indicator-systems', { kind: 'clean_school', per_page: 100 }))
        .filter((s) => s.status === 'published');
      if (!systems.length) return null;
      const tree = await api.get(`/indicator-systems/${systems[0].id}/indicators`);
      const items = itemsOf(tree);
      const parents = new Set(items.map((x) => x.parent).filter(Boolean));
      return { system: systems[0], leaves: items.filter((x) => !parents.has(x.code)) };
    });
    async function save(draft) {
      clear();
      if (districtWide.value && !form.school_id && !c) errors.school_id = '请选择学校';
      if (Object.keys(errors).length || !sheet.data.value) return;
      const scores = sheet.data.value.leaves
        .filter((x) => points[x.code] !== null && points[x.code] !== undefined || vetoes[x.code])
        .map((x) => ({ code: x.code, points: points[x.code] ?? 0, ...(vetoes[x.code] ? { failed_veto: true } : {}) }));
      busy.value = true;
      try {
        const body = { ...filledFields(form), system_id: sheet.data.value.system.id, scores, draft: !!draft };
        if (c) await api.put(`/clean-schools/checks/${c.id}`, body);
        else await api.post('/clean-schools/checks', body);
        ElMessage.success(draft ? '草稿已保存' : '自评已提交');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    onMounted(sheet.load);
    return { form, points, vetoes, errors, busy, sheet, save, districtWide, isMobile, dialogWidth, editing: !!c };
  },
  template: `
    <el-dialog :model-value="true" title="清廉学校建设自评" :width="isMobile ? '96%' : '820px'" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save(false)">
        <div class="form-grid">
          <el-form-item v-if="districtWide && !editing" label="学校" required :error="errors.school_id">
            <school-select v-model="form.school_id" placeholder="请选择学校" :clearable="false" />
          </el-form-item>
          <el-form-item label="自评日期" required :error="errors.checked_on">
            <el-date-picker v-model="form.checked_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
        </div>
        <load-state :state="sheet.state" :empty="sheet.state.loaded && !sheet.data.value ? '尚未发布清廉学校评价指标体系' : ''" @retry="sheet.load">
          <p v-if="sheet.data.value" class="hint">{{ sheet.data.value.system.name }}：按三级指标逐项打分，未填的按 0 分计；一票否决项触发时总分为 0。</p>
          <el-alert v-for="(msg, field) in errors" v-show="field.startsWith('scores')" :key="field" type="error" :closable="false" :title="field + '：' + msg" />
          <el-table v-if="sheet.data.value" :data="sheet.data.value.leaves" row-key="code" max-height="360">
            <el-table-column prop="code" label="编号" width="90" />
            <el-table-column prop="name" label="指标" min-width="200" show-overflow-tooltip />
            <el-table-column label="得分" width="170">
              <template #default="{ row }">
                <el-checkbox v-if="row.veto" v-model="vetoes[row.code]">触发否决</el-checkbox>
                <el-input-number v-else v-model="points[row.code]" :min="0" :max="row.max_points" :step="0.5" :precision="1" size="small" controls-position="right" />
              </template>
            </el-table-column>
            <el-table-column v-if="!isMobile" prop="max_points" label="分值" width="70" />
          </el-table>
        </load-state>
        <el-form-item label="说明" :error="errors.note"><el-input v-model="form.note" maxlength="2000" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button v-if="!districtWide" :loading="busy" :disabled="!sheet.data.value" @click="save(true)">保存草稿</el-button>
        <el-button type="primary" :loading="busy" :disabled="!sheet.data.value" @click="save(false)">提交自评</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'CleanSchoolsPage',
  components: { LoadState, RecordSection, SchoolSelect, StatusForm, CheckForm },
  setup() {
    const year = ref(thisYear());
    const schools = useLoad(async () => itemsOf(await api.get('/clean-schools', { year: year.value })));
    const checks = useLoad(async () => itemsOf(await api.get('/clean-schools/checks')));
    const editing = ref(null);
    const checking = ref(false);
    const draft = ref(null);
    async function editDraft(row) {
      try {
        draft.value = await api.get(`/clean-schools/checks/${row.id}`);
      } catch (err) {
        showError(err);
      }
    }
    async function submitDraft(row) {
      try {
        await api.post(`/clean-schools/checks/${row.id}/submit`);
        ElMessage.success('自评已提交');
        load();
      } catch (err) {
        showError(err);
      }
    }
    async function removeDraft(row) {
      try {
        await ElMessageBox.confirm('确定删除这份自评草稿吗？', '删除草稿', { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
      } catch {
        return;
      }
      try {
        await api.del(`/clean-schools/checks/${row.id}`);
        load();
      } catch (err) {
        showError(err);
      }
    }
    const rows = computed(() => schools.data.value ?? []);
    const counts = computed(() => Object.fromEntries(Object.keys(CLEAN_STATUSES).map((s) => [s, rows.value.filter((r) => r.status === s).length])));
    function load() {
      schools.load();
      checks.load();
    }
    onMounted(load);
    return {
      year, schools, checks, rows, counts, editing, checking, draft, editDraft, submitDraft, removeDraft, load, isMobile, districtWide, labelOf, showError,
      CLEAN_STATUSES, STATUS_TAGS, ACTIVITY_FIELDS, district: can('create.district'), writable: can('create.write'),
    };
  },
  template: `
    <div class="page clean-page">
      <div class="page-head">
        <h2>清廉学校建设</h2>
        <div class="actions">
          <el-button v-if="writable" type="primary" icon="IconPlus" @click="checking = true">建设自评</el-button>
        </div>
      </div>
      <el-card shadow="never">
        <template #header>创建状态<span class="hint">（<span v-for="(label, s) in CLEAN_STATUSES" :key="s">{{ label }} {{ counts[s] }}　</span>）</span></template>
        <load-state :state="schools.state" :empty="schools.state.loaded && !rows.length ? '暂无学校' : ''" @retry="schools.load">
          <div v-if="isMobile" class="member-cards">
            <div v-for="r in rows" :key="r.school_id" class="member-card">
              <div class="member-card-head"><b>{{ r.school_name }}</b><span class="member-card-meta"></span>
                <el-tag size="small" disable-transitions :type="STATUS_TAGS[r.status]">{{ CLEAN_STATUSES[r.status] }}</el-tag></div>
              <div class="member-card-line">最近自评：{{ r.last_check ? r.last_check.total + ' 分（' + r.last_check.grade + '）' : '—' }} · 本年五清活动 {{ r.activities }} 次</div>
              <div v-if="district" class="member-card-actions"><el-button size="small" @click="editing = r">设置状态</el-button></div>
            </div>
          </div>
          <el-table v-else :data="rows" row-key="school_id" max-height="460">
            <el-table-column prop="school_name" label="学校" min-width="150" show-overflow-tooltip />
            <el-table-column label="状态" width="100">
              <template #default="{ row }"><el-tag size="small" disable-transitions :type="STATUS_TAGS[row.status]">{{ CLEAN_STATUSES[row.status] }}</el-tag></template>
            </el-table-column>
            <el-table-column prop="pilot_on" label="试点" width="105" />
            <el-table-column prop="demonstration_on" label="示范" width="105" />
            <el-table-column prop="named_on" label="命名" width="105" />
            <el-table-column label="最近自评" width="140">
              <template #default="{ row }">{{ row.last_check ? row.last_check.total + ' 分 · ' + row.last_check.grade : '—' }}</template>
            </el-table-column>
            <el-table-column prop="activities" label="五清活动" width="90" align="right" />
            <el-table-column v-if="district" label="操作" width="90" fixed="right">
              <template #default="{ row }"><el-button link type="primary" @click="editing = row">设置状态</el-button></template>
            </el-table-column>
          </el-table>
        </load-state>
      </el-card>
      <el-card shadow="never">
        <template #header>自评记录</template>
        <load-state :state="checks.state" :empty="checks.state.loaded && !(checks.data.value ?? []).length ? '暂无自评' : ''" @retry="checks.load">
          <el-table :data="checks.data.value ?? []" row-key="id">
            <el-table-column prop="school_name" label="学校" min-width="140" show-overflow-tooltip />
            <el-table-column prop="checked_on" label="日期" width="110" />
            <el-table-column prop="total" label="总分" width="80" align="right" />
            <el-table-column prop="grade" label="等次" width="80" />
            <el-table-column v-if="!isMobile" label="否决" width="70"><template #default="{ row }">{{ row.vetoed ? '是' : '' }}</template></el-table-column>
            <el-table-column label="状态" width="80">
              <template #default="{ row }"><el-tag size="small" disable-transitions :type="row.state === 'draft' ? 'info' : 'success'">{{ row.state === 'draft' ? '草稿' : '已提交' }}</el-tag></template>
            </el-table-column>
            <el-table-column v-if="writable" label="操作" :width="isMobile ? 110 : 150">
              <template #default="{ row }">
                <template v-if="row.state === 'draft'">
                  <el-button link type="primary" @click="editDraft(row)">修改</el-button>
                  <el-button link type="primary" @click="submitDraft(row)">提交</el-button>
                  <el-button link type="danger" @click="removeDraft(row)">删除</el-button>
                </template>
              </template>
            </el-table-column>
          </el-table>
        </load-state>
      </el-card>
      <record-section title="“五清”文化活动" path="/clean-schools/activities" :fields="ACTIVITY_FIELDS" :writable="writable"
        hint="清正党风、清静校风、清纯教风、清新学风、清明家风" />
      <status-form v-if="editing" :row="editing" @saved="editing = null; schools.load()" @close="editing = null" />
      <check-form v-if="checking" @saved="checking = false; load()" @close="checking = false" />
      <check-form v-if="draft" :check="draft" @saved="draft = null; load()" @close="draft = null" />
    </div>`,
};
