// Record or edit one meeting (三会一课 and themed activities): a dialog of
// the meetings page. The fields each kind uses are in KIND_FIELDS.
import { ref, reactive, computed, watch, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { MEETING_KINDS, ACTIVITY_THEMES } from '../labels.js';
import { OrgSelect } from '../orgs.js';
import { dialogWidth, useFormErrors, showError, changedFields, filledFields } from '../ui.js';
import { itemsOf } from '../life.js';

/** The API's meeting fields and their empty values (what the form edits). */
export const MEETING_FIELDS = {
  org_id: null, kind: 'branch_assembly', theme: '', held_at: null, ends_at: null, place: '', topic: '',
  host_id: null, recorder_id: null, lecturer: '', minutes: '',
};

/** Fields only some kinds have (the server refuses them elsewhere); every other field is common. */
const KIND_FIELDS = { theme: ['activity', 'theme_day'], lecturer: ['lecture'] };
/** Fields a kind must have. */
const KIND_REQUIRED = { theme: ['activity'], lecturer: ['lecture'] };

export function kindHas(kind, field) {
  return !KIND_FIELDS[field] || KIND_FIELDS[field].includes(kind);
}

/** Every member of an org (all pages of the member list, 100 at a time). */
export async function loadOrgMembers(orgId) {
  const out = [];
  for (let page = 1; page <= 20; page += 1) {
    const answer = await api.get('/members', { org_id: orgId, per_page: 100, page, sort: 'name' });
    const items = itemsOf(answer);
    out.push(...items);
    if (!items.length || out.length >= (answer?.total ?? 0)) break;
  }
  return out;
}

export default {
  name: 'MeetingForm',
  components: { OrgSelect },
  props: {
    meetingId: { type: Number, default: null },
    preset: { type: Object, default: () => ({}) },
  },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const editing = props.meetingId !== null;
    const form = reactive({ ...MEETING_FIELDS, ...props.preset });
    const original = ref(null);
    const members = ref([]);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const loading = ref(editing);

    async function loadMembers(orgId) {
      members.value = [];
      if (!orgId) return;
      try {
        members.value = await loadOrgMembers(orgId);
      } catch {
        members.value = []; // the pickers stay empty; saving still reports errors
      }
    }
    watch(() => form.org_id, loadMembers);

    onMounted(async () => {
      if (editing) {
        try {
          const m = await api.get(`/meetings/${props.meetingId}`);
          original.value = Object.fromEntries(
            Object.keys(MEETING_FIELDS).map((k) => [k, m?.[k] ?? MEETING_FIELDS[k]]),
          );
          Object.assign(form, original.value);
        } catch (err) {
          showError(err);
          emit('close');
          return;
        } finally {
          loading.value = false;
        }
      }
      loadMembers(form.org_id);
    });

    /**
     * What the server gets: fields this kind has; only changes when editing,
     * where a field the new kind lacks is cleared (null) and an emptied
     * nullable field is sent as null.
     */
    function body() {
      const fields = Object.fromEntries(Object.entries(form).filter(([k]) => kindHas(form.kind, k)));
      if (!editing) return filledFields(fields);
      const out = changedFields(original.value, fields);
      for (const k of ['theme', 'ends_at', 'host_id', 'recorder_id']) {
        if (k in out && (out[k] === '' || out[k] === undefined)) out[k] = null;
      }
      if (!kindHas(form.kind, 'theme') && original.value.theme) out.theme = null;
      if (!kindHas(form.kind, 'lecturer') && original.value.lecturer) out.lecturer = '';
      return out;
    }

    async function save() {
      clear();
      busy.value = true;
      try {
        const saved = editing
          ? await api.patch(`/meetings/${props.meetingId}`, body())
          : await api.post('/meetings', body());
        ElMessage.success(editing ? '会议记录已保存' : '会议已记录');
        emit('saved', saved);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    const title = computed(() => (editing ? '编辑会议记录' : '记录会议活动'));
    const has = (field) => kindHas(form.kind, field);
    const needs = (field) => Boolean(KIND_REQUIRED[field]?.includes(form.kind));
    return {
      form, errors, busy, loading, save, title, has, needs, members, dialogWidth, MEETING_KINDS, ACTIVITY_THEMES,
    };
  },
  template: `
    <el-dialog :model-value="true" :title="title" :width="dialogWidth" top="4vh" @close="$emit('close')">
      <el-skeleton v-if="loading" :rows="6" animated />
      <el-form v-else class="meeting-form form-grid" label-position="top" @submit.prevent="save">
        <el-form-item label="党组织" required :error="errors.org_id">
          <org-select v-model="form.org_id" placeholder="请选择召开会议的党组织" />
        </el-form-item>
        <el-form-item label="会议类型" required :error="errors.kind">
          <el-select v-model="form.kind">
            <el-option v-for="(label, value) in MEETING_KINDS" :key="value" :value="value" :label="label" />
          </el-select>
        </el-form-item>
        <el-form-item v-if="has('theme')" label="活动主题" :required="needs('theme')" :error="errors.theme">
          <el-select v-model="form.theme" placeholder="请选择主题" :clearable="!needs('theme')">
            <el-option v-for="(label, value) in ACTIVITY_THEMES" :key="value" :value="value" :label="label" />
          </el-select>
        </el-form-item>
        <el-form-item label="召开时间" required :error="errors.held_at">
          <el-date-picker v-model="form.held_at" type="datetime" value-format="YYYY-MM-DDTHH:mm"
            format="YYYY-MM-DD HH:mm" placeholder="选择日期和时间" aria-label="召开时间" />
        </el-form-item>
        <el-form-item label="结束时间（扫码签到截止）" :error="errors.ends_at">
          <el-date-picker v-model="form.ends_at" type="datetime" value-format="YYYY-MM-DDTHH:mm"
            format="YYYY-MM-DD HH:mm" placeholder="默认开始后 2 小时" aria-label="结束时间" />
        </el-form-item>
        <el-form-item label="地点" :error="errors.place">
          <el-input v-model="form.place" name="place" maxlength="100" />
        </el-form-item>
        <el-form-item class="span-2" label="议题/主题" :error="errors.topic">
          <el-input v-model="form.topic" name="topic" maxlength="200" />
        </el-form-item>
        <el-form-item label="主持人" :error="errors.host_id">
          <el-select v-model="form.host_id" filterable clearable placeholder="从本组织党员中选择" no-data-text="请先选择党组织">
            <el-option v-for="m in members" :key="m.id" :value="m.id" :label="m.name" />
          </el-select>
        </el-form-item>
        <el-form-item label="记录人" :error="errors.recorder_id">
          <el-select v-model="form.recorder_id" filterable clearable placeholder="从本组织党员中选择" no-data-text="请先选择党组织">
            <el-option v-for="m in members" :key="m.id" :value="m.id" :label="m.name" />
          </el-select>
        </el-form-item>
        <el-form-item v-if="has('lecturer')" label="授课人" required :error="errors.lecturer">
          <el-input v-model="form.lecturer" name="lecturer" maxlength="32" />
        </el-form-item>
        <el-form-item class="span-2" label="会议记录" :error="errors.minutes">
          <el-input v-model="form.minutes" name="minutes" type="textarea" :autosize="{ minRows: 4, maxRows: 12 }" maxlength="20000" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" :disabled="loading" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};
