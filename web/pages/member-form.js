// Create or edit one party member (a dialog of the member list).
import { ref, reactive, computed, watch, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import {
  GENDERS, MEMBER_STATUSES, MEMBER_CATEGORIES, MEMBER_STATES, EDUCATIONS,
} from '../labels.js';
import { OrgSelect, orgById } from '../orgs.js';
import { isMobile, useFormErrors, showError, changedFields, filledFields } from '../ui.js';

const EMPTY_MEMBER = {
  name: '', gender: '', ethnicity: '汉族', birth_date: null, id_card: '', phone: '',
  education: '', title: '', post: '', category: 'in_service', status: 'probationary',
  joined_on: null, full_on: null, org_id: null, backbone: false, dual_leader: false,
};

/** Fields only an existing member has: leaving the party, death, transfer out. */
const STATE_FIELDS = { state: 'active', state_on: null, state_reason: '' };

/** Birth date and gender encoded in an 18-digit ID number (GB 11643), or null. */
export function idCardFacts(idCard) {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{2}(\d)[\dX]$/.exec(idCard);
  if (!m) return null;
  return { birth_date: `${m[1]}-${m[2]}-${m[3]}`, gender: Number(m[4]) % 2 ? 'male' : 'female' };
}

/** True for a number the server sent masked (the caller may not see it whole). */
function isMasked(value) {
  return typeof value === 'string' && value.includes('*');
}

export default {
  name: 'MemberForm',
  components: { OrgSelect },
  props: { memberId: { type: Number, default: null }, orgId: { type: Number, default: null } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const editing = props.memberId !== null;
    const fields = editing ? { ...EMPTY_MEMBER, ...STATE_FIELDS } : EMPTY_MEMBER;
    // A list filtered to one branch suggests that branch for a new member.
    const branchId = orgById.value.get(props.orgId)?.kind === 'branch' ? props.orgId : null;
    const form = reactive({ ...fields, org_id: branchId });
    const original = ref(null);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const loading = ref(editing);

    watch(() => form.id_card, (idCard) => {
      form.id_card = idCard.toUpperCase();
      Object.assign(form, idCardFacts(form.id_card) ?? {});
    });
    watch(() => form.status, (status) => {
      if (status === 'probationary') form.full_on = null;
    });

    async function loadMember() {
      try {
        const member = await api.get(`/members/${props.memberId}`);
        original.value = Object.fromEntries(Object.keys(fields).map((k) => [k, member[k] ?? fields[k]]));
        Object.assign(form, original.value);
      } catch (err) {
        showError(err);
        emit('close');
      } finally {
        loading.value = false;
      }
    }

    async function save() {
      clear();
      busy.value = true;
      try {
        const saved = editing
          ? await api.patch(`/members/${props.memberId}`, changedFields(original.value, form))
          : await api.post('/members', filledFields(form));
        ElMessage.success(editing ? '党员信息已保存' : '党员已添加');
        emit('saved', saved);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    if (editing) onMounted(loadMember);
    // 待转入 is the incoming transfer's to set and end (XFER-01): offered only to a member in it.
    const stateChoices = computed(() => Object.fromEntries(Object.entries(MEMBER_STATES)
      .filter(([value]) => value !== 'incoming' || original.value?.state === 'incoming')));

    return {
      form, errors, busy, loading, editing, save, isMasked, isMobile, stateChoices,
      GENDERS, MEMBER_STATUSES, MEMBER_CATEGORIES, MEMBER_STATES, EDUCATIONS,
    };
  },
  template: `
    <el-dialog :model-value="true" :title="editing ? '编辑党员' : '新增党员'" :width="isMobile ? '94%' : '760px'"
      :close-on-click-modal="false" @close="$emit('close')">
      <el-form class="member-form" :model="form" v-loading="loading" :label-position="isMobile ? 'top' : 'right'"
        label-width="110px" @submit.prevent="save">
        <div class="form-grid">
          <el-form-item label="姓名" required :error="errors.name">
            <el-input v-model="form.name" name="name" maxlength="32" />
          </el-form-item>
          <el-form-item label="所在党支部" required :error="errors.org_id">
            <org-select v-model="form.org_id" :kinds="['branch']" placeholder="请选择党支部" :disabled="editing" />
          </el-form-item>
          <el-form-item label="身份证号" required :error="errors.id_card">
            <el-input v-model.trim="form.id_card" name="id_card" maxlength="18" :disabled="isMasked(form.id_card)"
              placeholder="18 位，出生日期和性别自动识别" />
          </el-form-item>
          <el-form-item label="手机号" :error="errors.phone">
            <el-input v-model.trim="form.phone" name="phone" maxlength="11" :disabled="isMasked(form.phone)" />
          </el-form-item>
          <el-form-item label="性别" required :error="errors.gender">
            <el-radio-group v-model="form.gender">
              <el-radio v-for="(label, value) in GENDERS" :key="value" :value="value">{{ label }}</el-radio>
            </el-radio-group>
          </el-form-item>
          <el-form-item label="出生日期" required :error="errors.birth_date">
            <el-date-picker v-model="form.birth_date" name="birth_date" type="date" value-format="YYYY-MM-DD" placeholder="选择日期" />
          </el-form-item>
          <el-form-item label="民族" :error="errors.ethnicity">
            <el-input v-model="form.ethnicity" maxlength="16" />
          </el-form-item>
          <el-form-item label="学历" :error="errors.education">
            <el-select v-model="form.education" filterable allow-create clearable :value-on-clear="''" placeholder="请选择或输入">
              <el-option v-for="e in EDUCATIONS" :key="e" :value="e" :label="e" />
            </el-select>
          </el-form-item>
          <el-form-item label="职称" :error="errors.title">
            <el-input v-model="form.title" maxlength="32" />
          </el-form-item>
          <el-form-item label="职务/岗位" :error="errors.post">
            <el-input v-model="form.post" maxlength="32" />
          </el-form-item>
          <el-form-item label="人员类别" required :error="errors.category">
            <el-select v-model="form.category">
              <el-option v-for="(label, value) in MEMBER_CATEGORIES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="党员类型" required :error="errors.status">
            <el-radio-group v-model="form.status">
              <el-radio v-for="(label, value) in MEMBER_STATUSES" :key="value" :value="value">{{ label }}</el-radio>
            </el-radio-group>
          </el-form-item>
          <el-form-item label="入党日期" required :error="errors.joined_on">
            <el-date-picker v-model="form.joined_on" name="joined_on" type="date" value-format="YYYY-MM-DD" placeholder="政治生日" />
          </el-form-item>
          <el-form-item v-if="form.status === 'full'" label="转正日期" required :error="errors.full_on">
            <el-date-picker v-model="form.full_on" name="full_on" type="date" value-format="YYYY-MM-DD" placeholder="选择日期" />
          </el-form-item>
          <el-form-item label="教育教学骨干" :error="errors.backbone">
            <el-switch v-model="form.backbone" active-text="是" inactive-text="否" inline-prompt disabled />
          </el-form-item>
          <el-form-item label="双带头人" :error="errors.dual_leader">
            <el-switch v-model="form.dual_leader" active-text="是" inactive-text="否" inline-prompt disabled />
          </el-form-item>
          <template v-if="editing">
            <el-form-item label="党籍状态" :error="errors.state">
              <el-select v-model="form.state">
                <el-option v-for="(label, value) in stateChoices" :key="value" :value="value" :label="label" />
              </el-select>
            </el-form-item>
            <el-form-item v-if="form.state !== 'active'" label="状态变更日期" :error="errors.state_on">
              <el-date-picker v-model="form.state_on" type="date" value-format="YYYY-MM-DD" placeholder="选择日期" />
            </el-form-item>
            <el-form-item v-if="form.state !== 'active'" label="变更原因" :error="errors.state_reason" class="span-2">
              <el-input v-model="form.state_reason" maxlength="200" />
            </el-form-item>
          </template>
        </div>
        <p v-if="editing" class="hint">调整所在党支部请使用列表中的“转接”。</p>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" :disabled="loading" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};
