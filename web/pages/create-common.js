// Shared pieces of the dual-creation and dual-strengthening pages (issue 6):
// a school picker, and a section that lists, creates and deletes one kind of
// plain school record (the API's rec kinds share one shape: GET/POST on the
// list, GET/PATCH/DELETE on /:id, each row with school_name).
import { ref, reactive, computed, watch, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { session } from '../session.js';
import { labelOf } from '../labels.js';
import { isMobile, dialogWidth, useFormErrors, showError, filledFields } from '../ui.js';
import { itemsOf, useLoad, LoadState } from '../life.js';

let schoolsPromise = null;

/** The schools in the caller's scope (cached for the page's life). */
export function loadSchools() {
  schoolsPromise ??= api.get('/schools', { per_page: 100 }).then(itemsOf).catch((err) => {
    schoolsPromise = null;
    throw err;
  });
  return schoolsPromise;
}

/** Whether the caller sees the whole district (district staff). */
export const districtWide = computed(() => session.user?.role === 'district');

/** A select over the schools in scope; v-model is a school id or null. */
export const SchoolSelect = {
  name: 'SchoolSelect',
  props: { modelValue: { type: Number, default: null }, placeholder: { type: String, default: '全部学校' }, clearable: { type: Boolean, default: true } },
  emits: ['update:modelValue'],
  setup() {
    const schools = ref([]);
    onMounted(async () => {
      try {
        schools.value = await loadSchools();
      } catch (err) {
        showError(err);
      }
    });
    return { schools };
  },
  template: `
    <el-select class="school-select" :model-value="modelValue" filterable :clearable="clearable" :placeholder="placeholder"
      @update:model-value="$emit('update:modelValue', $event ?? null)">
      <el-option v-for="s in schools" :key="s.id" :value="s.id" :label="s.name" />
    </el-select>`,
};

/** How one field shows in a table cell or a card line. */
export function showValue(field, value) {
  if (value === null || value === undefined || value === '') return '—';
  if (field.options) return labelOf(field.options, value);
  if (field.type === 'int' && field.unit) return `${value}${field.unit}`;
  return String(value);
}

/** A blank form for fields (numbers start empty, dates too). */
function blankForm(fields) {
  return Object.fromEntries(fields.filter((f) => !f.readonly).map((f) => [f.key, f.type === 'int' || f.type === 'member' ? null : f.default ?? '']));
}

/** The create dialog of a record section. */
const RecordForm = {
  name: 'RecordForm',
  components: { SchoolSelect },
  props: {
    title: { type: String, required: true },
    path: { type: String, required: true },
    fields: { type: Array, required: true },
    fixed: { type: Object, default: () => ({}) },
  },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const form = reactive({ school_id: null, ...blankForm(props.fields) });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const members = ref([]);
    async function findMembers(q) {
      if (!q) return;
      try {
        members.value = itemsOf(await api.get('/members', { q, per_page: 20 }));
      } catch (err) {
        showError(err);
      }
    }
    const needSchool = computed(() => districtWide.value && !('project_id' in props.fixed));

    async function save() {
      clear();
      for (const f of props.fields.filter((x) => !x.readonly)) {
        if (f.required && (form[f.key] === '' || form[f.key] === null)) errors[f.key] = `请填写${f.label}`;
      }
      if (needSchool.value && !form.school_id) errors.school_id = '请选择学校';
      if (Object.keys(errors).length) return;
      const body = { ...filledFields(form), ...props.fixed };
      if (!needSchool.value) delete body.school_id;
      busy.value = true;
      try {
        await api.post(props.path, body);
        ElMessage.success('已保存');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, needSchool, dialogWidth, members, findMembers };
  },
  template: `
    <el-dialog :model-value="true" :title="title" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item v-if="needSchool" label="学校" required :error="errors.school_id">
          <school-select v-model="form.school_id" placeholder="请选择学校" :clearable="false" />
        </el-form-item>
        <div class="form-grid">
          <el-form-item v-for="f in fields.filter((x) => !x.readonly)" :key="f.key" :label="f.label" :required="f.required" :error="errors[f.key]"
            :class="{ 'span-2': f.type === 'textarea' }">
            <el-select v-if="f.options" v-model="form[f.key]" :name="f.key" placeholder="请选择">
              <el-option v-for="(label, value) in f.options" :key="value" :value="value" :label="label" />
            </el-select>
            <el-select v-else-if="f.type === 'member'" v-model="form[f.key]" filterable remote :remote-method="findMembers"
              placeholder="输入姓名查找" no-data-text="没有找到该党员">
              <el-option v-for="m in members" :key="m.id" :value="m.id" :label="m.name + '（' + (m.org_name ?? '') + '）'" />
            </el-select>
            <el-date-picker v-else-if="f.type === 'date'" v-model="form[f.key]" type="date" value-format="YYYY-MM-DD" :name="f.key" />
            <el-input-number v-else-if="f.type === 'int'" v-model="form[f.key]" :min="f.min ?? 0" :max="f.max ?? 100000" :name="f.key" controls-position="right" />
            <el-input v-else-if="f.type === 'textarea'" v-model="form[f.key]" type="textarea" :rows="3" :maxlength="f.maxlength ?? 2000" :name="f.key" />
            <el-input v-else v-model="form[f.key]" :maxlength="f.maxlength ?? 100" :name="f.key" />
          </el-form-item>
        </div>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

/**
 * One kind of record: a card with its list (a table on desktop, cards on a
 * phone), a create dialog and delete. `fields` describe the columns and the
 * form; `query` filters the list; `fixed` is added to every create.
 */
export const RecordSection = {
  name: 'RecordSection',
  components: { LoadState, RecordForm },
  props: {
    title: { type: String, required: true },
    path: { type: String, required: true },
    fields: { type: Array, required: true },
    query: { type: Object, default: () => ({}) },
    fixed: { type: Object, default: () => ({}) },
    writable: { type: Boolean, default: false },
    deletable: { type: Boolean, default: true },
    hint: { type: String, default: '' },
  },
  setup(props) {
    const rows = useLoad(async () => itemsOf(await api.get(props.path, { ...props.query, per_page: 100 })));
    const creating = ref(false);
    const shown = computed(() => props.fields.filter((f) => !f.hidden));

    async function remove(row) {
      try {
        await ElMessageBox.confirm('删除后不可恢复，确定删除这条记录吗？', '删除', { type: 'warning' });
      } catch {
        return;
      }
      try {
        await api.del(`${props.path}/${row.id}`);
        ElMessage.success('已删除');
        rows.load();
      } catch (err) {
        showError(err);
      }
    }
    onMounted(rows.load);
    watch(() => props.query, () => rows.load(), { deep: true });
    return { rows, creating, shown, remove, showValue, isMobile, districtWide };
  },
  template: `
    <el-card shadow="never" class="record-section">
      <template #header>
        <div style="display:flex;align-items:center;justify-content:space-between;gap:8px;flex-wrap:wrap">
          <span>{{ title }}<span v-if="hint" class="hint">（{{ hint }}）</span></span>
          <el-button v-if="writable" size="small" type="primary" icon="IconPlus" @click="creating = true">新增</el-button>
        </div>
      </template>
      <load-state :state="rows.state" :empty="rows.state.loaded && !(rows.data.value ?? []).length ? '暂无记录' : ''" @retry="rows.load">
        <div v-if="isMobile" class="member-cards">
          <div v-for="r in rows.data.value ?? []" :key="r.id" class="member-card">
            <div class="member-card-head"><b>{{ showValue(shown[0], r[shown[0].key]) }}</b>
              <span class="member-card-meta">{{ r.school_name }}</span></div>
            <div v-for="f in shown.slice(1)" :key="f.key" class="member-card-line">{{ f.label }}：{{ showValue(f, r[f.key]) }}</div>
            <div v-if="writable && deletable" class="member-card-actions"><el-button size="small" @click="remove(r)">删除</el-button></div>
          </div>
        </div>
        <el-table v-else :data="rows.data.value ?? []" row-key="id">
          <el-table-column v-if="districtWide" prop="school_name" label="学校" min-width="140" show-overflow-tooltip />
          <el-table-column v-for="f in shown" :key="f.key" :label="f.label" :min-width="f.width ?? 110" show-overflow-tooltip>
            <template #default="{ row }">{{ showValue(f, row[f.key]) }}</template>
          </el-table-column>
          <el-table-column v-if="writable && deletable" label="操作" width="80" fixed="right">
            <template #default="{ row }"><el-button link type="danger" @click="remove(row)">删除</el-button></template>
          </el-table-column>
        </el-table>
      </load-state>
      <record-form v-if="creating" :title="'新增' + title" :path="path" :fields="fields" :fixed="fixed"
        @saved="creating = false; rows.load()" @close="creating = false" />
    </el-card>`,
};
