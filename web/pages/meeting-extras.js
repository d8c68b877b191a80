// Smaller pieces of organizational life: heart-to-heart talk pairs of a
// 谈心谈话 record, a planned meeting, and a branch committee (whose size
// decides a committee meeting's quorum, ORG-11).
import { ref, reactive, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { MEETING_KINDS, ACTIVITY_THEMES, PAIR_KINDS, COMMITTEE_POSTS } from '../labels.js';
import { OrgSelect, orgName } from '../orgs.js';
import { dialogWidth, useFormErrors, showError, filledFields } from '../ui.js';
import { itemsOf, useLoad, LoadState } from '../life.js';
import { loadOrgMembers } from './meeting-form.js';

/** Puts a 422 on `items[i].field` beside row i (errors keyed by row index). */
function placeItemErrors(err, errors) {
  let placed = false;
  for (const [key, msg] of Object.entries(err?.fields ?? {})) {
    const i = /items\[(\d+)\]/.exec(key)?.[1];
    if (i !== undefined) {
      errors[i] = msg;
      placed = true;
    }
  }
  if (placed) ElMessage.warning(err.message);
  else showError(err);
}

/** The pairs of a 谈心谈话 record (PUT /meetings/{id}/pairs). */
export const PairsPanel = {
  name: 'PairsPanel',
  components: { LoadState },
  props: { meeting: { type: Object, required: true } },
  emits: ['saved'],
  setup(props, { emit }) {
    const pairs = ref(itemsOf(props.meeting.pairs).map((p) => ({
      a: p.a_member_id, b: p.b_member_id, kind: p.pair_kind ?? 'member_member',
    })));
    const errors = reactive({});
    const busy = ref(false);
    const { state, data: members, load } = useLoad(() => loadOrgMembers(props.meeting.org_id));

    async function save() {
      for (const k of Object.keys(errors)) delete errors[k];
      pairs.value.forEach((p, i) => {
        if (!p.a || !p.b) errors[i] = '请选择谈话双方';
        else if (p.a === p.b) errors[i] = '谈话双方不能是同一人';
      });
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        await api.put(`/meetings/${props.meeting.id}/pairs`, {
          items: pairs.value.map((p) => ({ a_member_id: p.a, b_member_id: p.b, pair_kind: p.kind })),
        });
        ElMessage.success('谈心谈话记录已保存');
        emit('saved');
      } catch (err) {
        placeItemErrors(err, errors);
      } finally {
        busy.value = false;
      }
    }

    onMounted(load);
    return { pairs, errors, busy, state, members, load, save, writable: can('meetings.write'), PAIR_KINDS };
  },
  template: `
    <load-state :state="state" @retry="load">
      <div v-for="(p, i) in pairs" :key="i" class="bulk-line" :class="{ 'is-error': errors[i] }">
        <el-select v-model="p.a" filterable size="small" class="bulk-method" placeholder="谈话人" :disabled="!writable">
          <el-option v-for="m in members" :key="m.id" :value="m.id" :label="m.name" />
        </el-select>
        <span>与</span>
        <el-select v-model="p.b" filterable size="small" class="bulk-method" placeholder="谈话对象" :disabled="!writable">
          <el-option v-for="m in members" :key="m.id" :value="m.id" :label="m.name" />
        </el-select>
        <el-select v-model="p.kind" size="small" class="bulk-method" :disabled="!writable" aria-label="谈话类型">
          <el-option v-for="(label, value) in PAIR_KINDS" :key="value" :value="value" :label="label" />
        </el-select>
        <el-button v-if="writable" size="small" link type="danger" @click="pairs.splice(i, 1)">删除</el-button>
        <div v-if="errors[i]" class="row-error">{{ errors[i] }}</div>
      </div>
      <el-empty v-if="!pairs.length" :image-size="60" description="尚未登记谈话双方" />
      <div v-if="writable" class="actions grid-actions">
        <el-button icon="IconPlus" @click="pairs.push({ a: null, b: null, kind: 'member_member' })">添加一组</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存谈话记录</el-button>
      </div>
    </load-state>`,
};

/** A planned meeting (POST /meeting-plans). */
export const PlanForm = {
  name: 'PlanForm',
  components: { OrgSelect },
  props: { orgId: { type: Number, default: null } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const form = reactive({ org_id: props.orgId, kind: 'branch_assembly', theme: '', planned_on: null, topic: '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function save() {
      clear();
      busy.value = true;
      try {
        const body = filledFields(form);
        if (form.kind !== 'activity') delete body.theme;
        await api.post('/meeting-plans', body);
        ElMessage.success('计划已添加');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { form, errors, busy, save, dialogWidth, MEETING_KINDS, ACTIVITY_THEMES };
  },
  template: `
    <el-dialog :model-value="true" title="添加会议计划" :width="dialogWidth" @close="$emit('close')">
      <el-form class="meeting-form" label-position="top" @submit.prevent="save">
        <el-form-item label="党组织" required :error="errors.org_id">
          <org-select v-model="form.org_id" placeholder="请选择党组织" />
        </el-form-item>
        <div class="form-grid">
          <el-form-item label="会议类型" required :error="errors.kind">
            <el-select v-model="form.kind">
              <el-option v-for="(label, value) in MEETING_KINDS" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="计划日期" required :error="errors.planned_on">
            <el-date-picker v-model="form.planned_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
        </div>
        <el-form-item v-if="form.kind === 'activity'" label="活动主题" required :error="errors.theme">
          <el-select v-model="form.theme" placeholder="请选择主题">
            <el-option v-for="(label, value) in ACTIVITY_THEMES" :key="value" :value="value" :label="label" />
          </el-select>
        </el-form-item>
        <el-form-item label="议题" :error="errors.topic">
          <el-input v-model="form.topic" name="topic" maxlength="200" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

/** A branch's committee (GET|PUT /orgs/{id}/committee). */
export const CommitteeDialog = {
  name: 'CommitteeDialog',
  components: { LoadState },
  props: { orgId: { type: Number, required: true } },
  emits: ['close'],
  setup(props, { emit }) {
    const rows = ref([]);
    const members = ref([]);
    const errors = reactive({});
    const busy = ref(false);
    const { state, load } = useLoad(async () => {
      const [answer, list] = await Promise.all([api.get(`/orgs/${props.orgId}/committee`), loadOrgMembers(props.orgId)]);
      members.value = list;
      rows.value = itemsOf(answer).map((c) => ({
        member_id: c.member_id, post: c.post ?? 'member', from_on: c.from_on ?? null, to_on: c.to_on ?? null,
      }));
    });

    async function save() {
      for (const k of Object.keys(errors)) delete errors[k];
      rows.value.forEach((r, i) => {
        if (!r.member_id || !r.post || !r.from_on) errors[i] = '请选择党员、职务和任职日期';
      });
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        await api.put(`/orgs/${props.orgId}/committee`, { items: rows.value.map((r) => filledFields(r)) });
        ElMessage.success('支委会成员已保存');
        emit('close');
      } catch (err) {
        placeItemErrors(err, errors);
      } finally {
        busy.value = false;
      }
    }

    onMounted(load);
    return { rows, members, errors, busy, state, load, save, orgName, dialogWidth, COMMITTEE_POSTS, writable: can('meetings.write') };
  },
  template: `
    <el-dialog :model-value="true" :title="orgName(orgId) + ' · 支部委员会'" :width="dialogWidth === '94%' ? '98%' : '760px'" @close="$emit('close')">
      <p class="hint">支委会成员决定支委会会议是否过半数（<rule-ref code="ORG-11" />）。卸任的委员填写卸任日期，保留历史。</p>
      <load-state :state="state" @retry="load">
        <div v-for="(r, i) in rows" :key="i" class="bulk-line" :class="{ 'is-error': errors[i] }">
          <el-select v-model="r.member_id" filterable size="small" class="bulk-method" placeholder="党员" :disabled="!writable">
            <el-option v-for="m in members" :key="m.id" :value="m.id" :label="m.name" />
          </el-select>
          <el-select v-model="r.post" size="small" class="bulk-method" :disabled="!writable" aria-label="职务">
            <el-option v-for="(label, value) in COMMITTEE_POSTS" :key="value" :value="value" :label="label" />
          </el-select>
          <el-date-picker v-model="r.from_on" size="small" type="date" value-format="YYYY-MM-DD" class="bulk-date" placeholder="任职日期" :disabled="!writable" />
          <el-date-picker v-model="r.to_on" size="small" type="date" value-format="YYYY-MM-DD" class="bulk-date" placeholder="卸任日期" :disabled="!writable" />
          <el-button v-if="writable" size="small" link type="danger" @click="rows.splice(i, 1)">删除</el-button>
          <div v-if="errors[i]" class="row-error">{{ errors[i] }}</div>
        </div>
        <el-empty v-if="!rows.length" :image-size="60" description="尚未登记支委会成员" />
      </load-state>
      <template #footer>
        <el-button v-if="writable" icon="IconPlus" @click="rows.push({ member_id: null, post: 'member', from_on: null, to_on: null })">添加委员</el-button>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button v-if="writable" type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};
