// Shared pieces of the cultivation pages (双培养, 双带头人, 培训项目,
// 三名工作室): a dialog form built from a field list, with every 422's
// messages beside their fields, and a member picker searching /members.
import { ref, reactive, watch } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { OrgSelect } from '../orgs.js';
import { dialogWidth, useFormErrors, showError } from '../ui.js';
import { itemsOf } from '../life.js';

/** Picks one member (or several with `multiple`) by searching names. */
export const MemberPicker = {
  name: 'MemberPicker',
  props: { modelValue: { type: [Number, Array], default: null }, multiple: Boolean, status: { type: String, default: '' } },
  emits: ['update:modelValue'],
  setup(props) {
    const options = ref([]);
    const loading = ref(false);
    async function search(q) {
      if (!q) return;
      loading.value = true;
      try {
        const query = { q, per_page: 20 };
        if (props.status) query.status = props.status;
        options.value = itemsOf(await api.get('/members', query));
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }
    return { options, loading, search };
  },
  template: `
    <el-select class="member-picker" :model-value="modelValue" :multiple="multiple" filterable remote
      :remote-method="search" :loading="loading" placeholder="输入姓名搜索党员" clearable
      no-data-text="没有匹配的党员" @update:model-value="$emit('update:modelValue', $event)">
      <el-option v-for="m in options" :key="m.id" :label="m.name + '（' + (m.org_name || '') + '）'" :value="m.id" />
    </el-select>`,
};

/**
 * A dialog with a form from `fields`: [{key, label, type, options, required,
 * max, show(form)}]; type is text, textarea, date, number, select, switch,
 * org, member or members. `submit(body)` sends it; `initial` fills it.
 */
export const FormDialog = {
  name: 'FormDialog',
  components: { OrgSelect, MemberPicker },
  props: {
    title: { type: String, required: true },
    fields: { type: Array, required: true },
    initial: { type: Object, default: () => ({}) },
    submit: { type: Function, required: true },
    okText: { type: String, default: '保存' },
    // Edits: a field that had a value and is now empty is sent as '' (cleared).
    sendCleared: { type: Boolean, default: false },
  },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({});
    for (const f of props.fields) form[f.key] = props.initial[f.key] ?? (f.type === 'switch' ? false : f.type === 'members' || f.type === 'checks' ? [] : null);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const visible = (f) => !f.show || f.show(form);
    watch(() => props.initial, () => {}, { deep: true });

    async function save() {
      clear();
      for (const f of props.fields) {
        const v = form[f.key];
        if (visible(f) && f.required && (v === null || v === '' || (Array.isArray(v) && !v.length))) errors[f.key] = `请填写${f.label}`;
      }
      if (Object.keys(errors).length) return;
      const body = {};
      for (const f of props.fields) {
        const v = form[f.key];
        if (!visible(f)) continue;
        if (v === null || v === '' || v === undefined) {
          if (props.sendCleared && f.type !== 'date' && props.initial[f.key]) body[f.key] = '';
          continue;
        }
        body[f.key] = typeof v === 'string' ? v.trim() : v;
      }
      busy.value = true;
      try {
        const answer = await props.submit(body);
        ElMessage.success(`${props.okText}成功`);
        emit('done', answer);
      } catch (err) {
        report(err);
        if (err?.status === 409) ElMessage.error(err.message);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, visible, save, dialogWidth };
  },
  template: `
    <el-dialog :model-value="true" :title="title" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" class="cult-form" @submit.prevent="save">
        <template v-for="f in fields" :key="f.key">
          <el-form-item v-if="visible(f)" :label="f.label" :required="f.required" :error="errors[f.key]">
            <el-input v-if="f.type === 'text' || !f.type" v-model="form[f.key]" :name="f.key" :maxlength="f.max || 100" />
            <el-input v-else-if="f.type === 'textarea'" v-model="form[f.key]" :name="f.key" type="textarea" :rows="2" :maxlength="f.max || 1000" />
            <el-date-picker v-else-if="f.type === 'date'" v-model="form[f.key]" :name="f.key" type="date" value-format="YYYY-MM-DD" />
            <el-input-number v-else-if="f.type === 'number'" v-model="form[f.key]" :name="f.key" :min="f.min ?? 0" :max="f.maxValue ?? 100000" />
            <el-select v-else-if="f.type === 'select'" v-model="form[f.key]" :name="f.key" :placeholder="'请选择' + f.label">
              <el-option v-for="(label, value) in f.options" :key="value" :label="label" :value="value" />
            </el-select>
            <el-switch v-else-if="f.type === 'switch'" v-model="form[f.key]" :name="f.key" />
            <OrgSelect v-else-if="f.type === 'org'" v-model="form[f.key]" :kinds="f.kinds || null" />
            <MemberPicker v-else-if="f.type === 'member'" v-model="form[f.key]" :status="f.status || ''" />
            <MemberPicker v-else-if="f.type === 'members'" v-model="form[f.key]" multiple :status="f.status || ''" />
            <el-checkbox-group v-else-if="f.type === 'checks'" v-model="form[f.key]" class="cult-checks">
              <el-checkbox v-for="o in f.options" :key="o.value" :value="o.value">{{ o.label }}</el-checkbox>
            </el-checkbox-group>
          </el-form-item>
        </template>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" class="dialog-ok" @click="save">{{ okText }}</el-button>
      </template>
    </el-dialog>`,
};

/** The year choices of the pages: this year and the four before it. */
export function recentYears(thisYear) {
  return [0, 1, 2, 3, 4].map((d) => thisYear - d);
}
