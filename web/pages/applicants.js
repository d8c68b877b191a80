// 发展党员: the membership development pipeline (RULES.md section 2): a board
// by stage with each person's next step and its deadline (overdue in red),
// a person's 25 steps as a timeline with the form for the next step
// (fields by step: people, the assembly's vote, training, 公示, outcome),
// documents per step, and the roster as .xlsx.
import { ref, reactive, computed, onMounted, watch } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { queryParam, navigate } from '../router.js';
import { APPLICANT_STATUSES, APPLICANT_STATUS_TAGS, STEP_STATUSES, STEP_STATUS_TAGS, MEMBER_CATEGORIES, labelOf } from '../labels.js';
import { OrgSelect } from '../orgs.js';
import { isMobile, dialogWidth, useFormErrors, showError, filledFields } from '../ui.js';
import { itemsOf, todayChina, toFen, useLoad, LoadState, saveFile } from '../life.js';
import { FileList } from '../files.js';

const STAGES = [
  { no: 1, name: '申请入党' },
  { no: 2, name: '入党积极分子的确定和培养教育' },
  { no: 3, name: '发展对象的确定和考察' },
  { no: 4, name: '预备党员的接收' },
  { no: 5, name: '预备党员的教育考察和转正' },
];

const OUTCOMES = {
  10: { passed: '政审合格', failed: '政审不合格（终止发展）' },
  23: { convert: '按期转正', extend: '延长预备期', disqualify: '取消预备党员资格' },
};

/** One person from the API → a board card. */
function card(a) {
  return {
    id: a.id,
    name: a.name,
    org: a.org_name ?? '',
    stage: a.stage,
    status: a.status,
    next: a.next_step ? `第${a.next_step}步 ${a.next_step_name}` : (a.status === 'full' ? '已转正' : '流程已结束'),
    due: a.next_due ?? '',
    overdue: Boolean(a.overdue),
    fromCultivation: Boolean(a.cultivation_id),
  };
}

/** The form for one step: the fields the step's definition asks for. */
const StepDialog = {
  name: 'StepDialog',
  props: { person: { type: Object, required: true }, def: { type: Object, required: true } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({
      date: todayChina(), note: '', talkers: [], contacts: [], sponsors: [], outcome: null,
      expected: null, present: null, yes_votes: null, written: null, days: null, hours: null,
      notice_from: null, notice_to: null, leaving: false, extend_months: 6, dues_yuan: '',
      meeting_id: null,
    });
    const members = ref([]);
    // Members found by name in the caller's scope (e.g. step 16's talker, a
    // 党委委员 or 组织员 of the higher committee), merged after the branch's.
    const found = ref([]);
    const query = ref('');
    const meetings = ref([]);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const d = props.def;
    const needsPeople = d.talker || d.contacts || d.sponsors;
    const outcomes = OUTCOMES[d.no] ?? {};

    onMounted(async () => {
      try {
        if (needsPeople) members.value = itemsOf(await api.get('/members', { org_id: props.person.org_id, status: 'full', per_page: 100 }));
        if (d.vote) meetings.value = itemsOf(await api.get('/meetings', { org_id: props.person.org_id, kind: 'branch_assembly', per_page: 50 }));
      } catch (err) {
        showError(err);
      }
    });
    const people = computed(() => {
      const seen = new Set();
      const q = query.value.trim();
      return [...members.value, ...found.value].filter((m) => {
        if (seen.has(m.id)) return false;
        seen.add(m.id);
        return !q || m.name.includes(q);
      });
    });
    let searchSeq = 0;
    async function searchPeople(q) {
      query.value = q ?? '';
      if (!query.value.trim()) return;
      const seq = ++searchSeq;
      try {
        const items = itemsOf(await api.get('/members', { q: query.value.trim(), per_page: 20 }));
        if (seq === searchSeq) found.value = [...found.value, ...items];
      } catch (err) {
        showError(err);
      }
    }
    const personLabel = (m) => (m.org_id === props.person.org_id || !m.org_name ? m.name : `${m.name}（${m.org_name}）`);
    const meetingLabel = (m) => `${(m.held_at || '').replace('T', ' ')} ${m.topic || '支部党员大会'}（到会${m.present}人）`;

    function body() {
      const b = { step: d.no, date: form.date, note: form.note };
      if (d.talker) b.talkers = form.talkers;
      if (d.contacts) b.contacts = form.contacts;
      if (d.sponsors) b.sponsors = form.sponsors;
      if (d.vote) Object.assign(b, { meeting_id: form.meeting_id, expected: form.expected, present: form.present, yes_votes: form.yes_votes, written: form.written });
      if (d.training) Object.assign(b, { days: form.days, hours: form.hours });
      if (d.notice) Object.assign(b, { notice_from: form.notice_from, notice_to: form.notice_to, leaving: form.leaving || null });
      if (d.outcome) b.outcome = form.outcome;
      if (d.no === 23 && form.outcome === 'extend') b.extend_months = form.extend_months;
      if (d.no === 17 && form.dues_yuan !== '') b.dues_base_fen = toFen(form.dues_yuan);
      return filledFields(b);
    }

    async function save() {
      clear();
      if (d.outcome && !form.outcome) errors.outcome = '请选择结论';
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        const answer = await api.post(`/applicants/${props.person.id}/steps`, body());
        const last = answer.history?.[answer.history.length - 1];
        if (last?.warning) ElMessage.warning(`已记录，但请注意：${last.warning}`);
        else ElMessage.success(`已记录第${d.no}步：${d.name}`);
        emit('done');
      } catch (err) {
        report(err); // 409 names fields.step, 422 the rule (code) and the field
      } finally {
        busy.value = false;
      }
    }

    return { form, people, searchPeople, personLabel, meetings, meetingLabel, errors, busy, save, dialogWidth, d, outcomes };
  },
  template: `
    <el-dialog :model-value="true" :title="'第' + d.no + '步 · ' + d.name" :width="dialogWidth" @close="$emit('close')">
      <p class="hint">{{ person.name }} · {{ d.decides }}<template v-if="d.needs"> · 材料：{{ d.needs }}</template></p>
      <p v-if="d.limit" class="hint">时限与条件：{{ d.limit }}（<rule-ref :code="d.rule" />）<template v-if="d.due">，期限 {{ d.due }}</template><template v-if="d.earliest">，最早 {{ d.earliest }}</template></p>
      <el-alert v-if="errors.step" type="error" :closable="false" show-icon :title="errors.step" />
      <el-form label-position="top" @submit.prevent="save">
        <div class="form-grid">
          <el-form-item label="日期" required :error="errors.date || errors.applied_on">
            <el-date-picker v-model="form.date" type="date" value-format="YYYY-MM-DD" name="date" />
          </el-form-item>
          <el-form-item v-if="d.talker" label="谈话人" required :error="errors.talkers">
            <el-select v-model="form.talkers" multiple filterable :filter-method="searchPeople" placeholder="选择或输入姓名搜索党员" class="step-talkers" @visible-change="(v) => v || searchPeople('')">
              <el-option v-for="m in people" :key="m.id" :value="m.id" :label="personLabel(m)" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="d.contacts" label="培养联系人（1至2名正式党员）" required :error="errors.contacts">
            <el-select v-model="form.contacts" multiple filterable :multiple-limit="2" :filter-method="searchPeople" placeholder="选择或输入姓名搜索党员" class="step-contacts" @visible-change="(v) => v || searchPeople('')">
              <el-option v-for="m in people" :key="m.id" :value="m.id" :label="personLabel(m)" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="d.sponsors" label="入党介绍人（2名正式党员）" required :error="errors.sponsors">
            <el-select v-model="form.sponsors" multiple filterable :multiple-limit="2" :filter-method="searchPeople" placeholder="选择或输入姓名搜索党员" class="step-sponsors" @visible-change="(v) => v || searchPeople('')">
              <el-option v-for="m in people" :key="m.id" :value="m.id" :label="personLabel(m)" />
            </el-select>
          </el-form-item>
          <template v-if="d.vote">
            <el-form-item label="决议会议（支部党员大会，可选）" :error="errors.meeting_id" class="step-meeting">
              <el-select v-model="form.meeting_id" clearable placeholder="选择会议记录" name="meeting_id">
                <el-option v-for="m in meetings" :key="m.id" :value="m.id" :label="meetingLabel(m)" />
              </el-select>
              <div v-if="form.meeting_id" class="hint">应到、实到人数按会议签到计算（正式党员），可不填</div>
            </el-form-item>
            <el-form-item label="应到会有表决权党员" :required="!form.meeting_id" :error="errors.expected">
              <el-input-number v-model="form.expected" :min="1" name="expected" />
            </el-form-item>
            <el-form-item label="实到会" :required="!form.meeting_id" :error="errors.present">
              <el-input-number v-model="form.present" :min="0" name="present" />
            </el-form-item>
            <el-form-item label="赞成票" required :error="errors.yes_votes">
              <el-input-number v-model="form.yes_votes" :min="0" name="yes_votes" />
            </el-form-item>
            <el-form-item label="未到会党员书面赞成意见" :error="errors.written">
              <el-input-number v-model="form.written" :min="0" name="written" />
            </el-form-item>
          </template>
          <template v-if="d.training">
            <el-form-item label="培训天数" :error="errors.days">
              <el-input-number v-model="form.days" :min="0" name="days" />
            </el-form-item>
            <el-form-item label="或培训学时" :error="errors.hours">
              <el-input-number v-model="form.hours" :min="0" name="hours" />
            </el-form-item>
          </template>
          <template v-if="d.notice">
            <el-form-item label="公示开始" required :error="errors.notice_from">
              <el-date-picker v-model="form.notice_from" type="date" value-format="YYYY-MM-DD" name="notice_from" />
            </el-form-item>
            <el-form-item label="公示结束" required :error="errors.notice_to">
              <el-date-picker v-model="form.notice_to" type="date" value-format="YYYY-MM-DD" name="notice_to" />
            </el-form-item>
            <el-form-item label="3个月内将离开本单位" :error="errors.leaving">
              <el-switch v-model="form.leaving" />
            </el-form-item>
          </template>
          <el-form-item v-if="d.no === 17" label="党费计算基数（元/月，在职或离退休必填）" :error="errors.dues_base_fen">
            <el-input v-model="form.dues_yuan" name="dues_yuan" placeholder="如 6000" />
          </el-form-item>
        </div>
        <el-form-item v-if="d.outcome" label="结论" required :error="errors.outcome">
          <el-radio-group v-model="form.outcome">
            <el-radio v-for="(label, value) in outcomes" :key="value" :value="value">{{ label }}</el-radio>
          </el-radio-group>
        </el-form-item>
        <el-form-item v-if="d.no === 23 && form.outcome === 'extend'" label="延长（月，6至12）" :error="errors.extend_months">
          <el-input-number v-model="form.extend_months" :min="6" :max="12" />
        </el-form-item>
        <el-form-item label="备注" :error="errors.note">
          <el-input v-model="form.note" name="note" type="textarea" maxlength="1000" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">记录</el-button>
      </template>
    </el-dialog>`,
};

/** A new person with their application (step 1). */
const ApplicantForm = {
  name: 'ApplicantForm',
  components: { OrgSelect },
  props: { orgId: { type: Number, default: null } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const form = reactive({
      org_id: props.orgId, name: '', id_card: '', applied_on: todayChina(), education: '', post: '',
      category: 'in_service', note: '',
    });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function save() {
      clear();
      busy.value = true;
      try {
        const a = await api.post('/applicants', filledFields(form));
        ElMessage.success('已登记入党申请');
        emit('saved', a.id);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, dialogWidth, MEMBER_CATEGORIES };
  },
  template: `
    <el-dialog :model-value="true" title="登记入党申请" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="所在党支部" required :error="errors.org_id">
          <org-select v-model="form.org_id" :kinds="['branch']" placeholder="请选择党支部" />
        </el-form-item>
        <div class="form-grid">
          <el-form-item label="姓名" required :error="errors.name">
            <el-input v-model="form.name" name="name" maxlength="40" />
          </el-form-item>
          <el-form-item label="身份证号（年满18周岁）" required :error="errors.id_card">
            <el-input v-model="form.id_card" name="id_card" maxlength="18" />
          </el-form-item>
          <el-form-item label="递交申请书日期" required :error="errors.applied_on">
            <el-date-picker v-model="form.applied_on" type="date" value-format="YYYY-MM-DD" name="applied_on" />
          </el-form-item>
          <el-form-item label="类别" :error="errors.category">
            <el-select v-model="form.category">
              <el-option v-for="(label, value) in MEMBER_CATEGORIES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="学历" :error="errors.education">
            <el-input v-model="form.education" name="education" maxlength="20" />
          </el-form-item>
          <el-form-item label="岗位" :error="errors.post">
            <el-input v-model="form.post" name="post" maxlength="40" />
          </el-form-item>
        </div>
        <el-form-item label="备注" :error="errors.note">
          <el-input v-model="form.note" name="note" maxlength="500" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">登记</el-button>
      </template>
    </el-dialog>`,
};

/** One person: the 25 steps as a timeline, their record, documents and the next step's form. */
const ApplicantDetail = {
  name: 'ApplicantDetail',
  components: { StepDialog, LoadState, FileList },
  props: { id: { type: Number, required: true } },
  emits: ['changed', 'close'],
  setup(props, { emit }) {
    const one = useLoad(() => api.get(`/applicants/${props.id}`));
    const recording = ref(null);
    const writable = can('applicants.write');
    const person = computed(() => one.data.value);
    const history = computed(() => {
      const p = person.value;
      if (!p) return {};
      const by = {};
      for (const h of p.history) (by[h.step] ??= []).push(h);
      return by;
    });
    const peopleOf = (stepId) => (person.value?.people ?? []).filter((x) => x.step_id === stepId).map((x) => x.name).join('、');
    const filesOf = (no) => (person.value?.files ?? []).filter((f) => (f.part ?? f.step) === no);
    const nextDef = computed(() => person.value?.steps.find((s) => s.no === person.value.next_step) ?? null);

    function done() {
      recording.value = null;
      one.load();
      emit('changed');
    }
    onMounted(one.load);
    watch(() => props.id, one.load);
    return {
      one, person, history, peopleOf, filesOf, nextDef, recording, done, writable, isMobile, STEP_STATUSES, STEP_STATUS_TAGS, APPLICANT_STATUSES, APPLICANT_STATUS_TAGS, labelOf,
    };
  },
  template: `
    <el-drawer :model-value="true" :size="isMobile ? '100%' : '60%'" :title="person ? person.name + ' · 发展纪实' : '发展纪实'" @close="$emit('close')">
      <load-state :state="one.state" @retry="one.load">
        <div v-if="person" class="applicant-detail">
          <p class="applicant-meta">
            <el-tag disable-transitions :type="APPLICANT_STATUS_TAGS[person.status]">{{ labelOf(APPLICANT_STATUSES, person.status) }}</el-tag>
            {{ person.org_name }} · 身份证号 {{ person.id_card }} · 申请于 {{ person.applied_on }}
            <el-tag v-if="person.cultivation_id" disable-transitions type="success" class="from-cultivation">来自双培养（{{ person.cultivation_year }} 年度）</el-tag>
            <template v-if="person.probation_end"> · 预备期至 {{ person.probation_end }}<template v-if="person.extended">（已延长）</template></template>
          </p>
          <div v-if="writable && nextDef" class="applicant-next">
            <span :class="{ overdue: nextDef.status === 'overdue' }">下一步：第{{ nextDef.no }}步 {{ nextDef.name }}<template v-if="nextDef.due">，期限 {{ nextDef.due }}</template></span>
            <el-button type="primary" size="small" @click="recording = nextDef">记录第{{ nextDef.no }}步</el-button>
          </div>
          <el-timeline class="applicant-timeline">
            <el-timeline-item v-for="s in person.steps" :key="s.no" :data-step="s.no"
              :type="s.status === 'done' ? 'success' : s.status === 'overdue' ? 'danger' : s.status === 'due' ? 'primary' : ''"
              :hollow="s.status === 'not_yet'">
              <div class="step-line">
                <b>{{ s.no }}. {{ s.name }}</b>
                <el-tag disable-transitions size="small" :type="STEP_STATUS_TAGS[s.status]">{{ labelOf(STEP_STATUSES, s.status) }}</el-tag>
                <span v-if="s.done_on" class="hint">{{ s.done_on }}</span>
                <span v-else-if="s.due" :class="['hint', { overdue: s.status === 'overdue' }]">期限 {{ s.due }}（<rule-ref :code="s.due_rule" />）</span>
                <span v-else-if="s.earliest && s.status !== 'done'" class="hint">最早 {{ s.earliest }}（<rule-ref :code="s.due_rule" />）</span>
              </div>
              <div class="hint">第{{ s.stage }}阶段 {{ s.stage_name }} · {{ s.decides }}<template v-if="s.limit"> · {{ s.limit }}</template></div>
              <div v-for="h in history[s.no] ?? []" :key="h.id" class="step-record">
                <span>{{ h.done_on }}</span>
                <span v-if="peopleOf(h.id)"> · {{ peopleOf(h.id) }}</span>
                <span v-if="h.expected !== null"> · 应到{{ h.expected }} 实到{{ h.present }} 赞成{{ h.yes_votes }}<template v-if="h.written"> 书面{{ h.written }}</template></span>
                <span v-if="h.days !== null || h.hours !== null"> · 培训<template v-if="h.days !== null">{{ h.days }}天</template><template v-if="h.hours !== null">{{ h.hours }}学时</template></span>
                <span v-if="h.outcome"> · {{ h.outcome }}</span>
                <span v-if="h.note"> · {{ h.note }}</span>
                <div v-if="h.warning" class="step-warning">⚠ <rule-text :text="h.warning" /></div>
              </div>
              <file-list v-if="filesOf(s.no).length || (writable && s.status === 'done')" path="applicants" :owner-id="person.id"
                :part="s.no" :readonly="!(writable && s.status === 'done')" class="step-files" />
            </el-timeline-item>
          </el-timeline>
        </div>
      </load-state>
      <step-dialog v-if="recording" :person="person" :def="recording" @done="done" @close="recording = null" />
    </el-drawer>`,
};

export default {
  name: 'ApplicantsPage',
  components: { OrgSelect, LoadState, ApplicantForm, ApplicantDetail },
  setup() {
    const filters = reactive({ org_id: Number(queryParam('org_id')) || null, status: null });
    const list = useLoad(async () => itemsOf(await api.get('/applicants', { ...filters, per_page: 100 })).map(card));
    const creating = ref(false);
    const openId = ref(Number(queryParam('open')) || null);
    const writable = can('applicants.write');
    const cards = computed(() => list.data.value ?? []);
    const active = computed(() => cards.value.filter((c) => c.status === 'pipeline' || c.status === 'probationary'));
    const finished = computed(() => cards.value.filter((c) => c.status !== 'pipeline' && c.status !== 'probationary'));
    const columns = computed(() => STAGES.map((s) => ({ ...s, cards: active.value.filter((c) => c.stage === s.no) })));

    function open(id) {
      openId.value = id;
      navigate(`/applicants?open=${id}`, { replace: true });
    }
    function close() {
      openId.value = null;
      navigate('/applicants', { replace: true });
    }
    function created(id) {
      creating.value = false;
      list.load();
      open(id);
    }
    function roster() {
      saveFile('GET', '/applicants.xlsx', { query: { org_id: filters.org_id }, name: '发展党员台账.xlsx' });
    }
    onMounted(list.load);
    return {
      filters, list, cards, columns, finished, creating, openId, open, close, created, roster, writable, isMobile,
      APPLICANT_STATUSES, APPLICANT_STATUS_TAGS, labelOf,
    };
  },
  template: `
    <div class="page applicants-page">
      <div class="page-head">
        <h2>发展党员</h2>
        <div class="actions">
          <el-button icon="IconDownload" @click="roster">下载发展台账</el-button>
          <el-button v-if="writable" type="primary" icon="IconPlus" @click="creating = true">登记入党申请</el-button>
        </div>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="list.load">
          <el-form-item label="党组织">
            <org-select v-model="filters.org_id" placeholder="全部（含下级组织）" @update:model-value="list.load" />
          </el-form-item>
          <el-form-item label="状态">
            <el-select v-model="filters.status" placeholder="全部" clearable @change="list.load">
              <el-option v-for="(label, value) in APPLICANT_STATUSES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
        </el-form>
      </el-card>
      <load-state :state="list.state" :empty="list.state.loaded && !cards.length ? '暂无发展对象，可登记入党申请' : ''" @retry="list.load">
        <div class="stage-board">
          <div v-for="col in columns" :key="col.no" class="stage-column">
            <div class="stage-head">第{{ col.no }}阶段 · {{ col.name }} <span class="hint">{{ col.cards.length }}人</span></div>
            <div v-for="c in col.cards" :key="c.id" class="stage-card" role="button" tabindex="0" @click="open(c.id)" @keydown.enter="open(c.id)">
              <div><b>{{ c.name }}</b> <span class="hint">{{ c.org }}</span></div>
              <div class="stage-next">{{ c.next }}</div>
              <div v-if="c.due" :class="['stage-due', { overdue: c.overdue }]">期限 {{ c.due }}<template v-if="c.overdue">（已逾期）</template></div>
              <el-tag v-if="c.status === 'probationary'" disable-transitions size="small" type="warning">预备党员</el-tag>
              <el-tag v-if="c.fromCultivation" disable-transitions size="small" type="success">双培养</el-tag>
            </div>
          </div>
        </div>
        <el-card v-if="finished.length" shadow="never" class="finished-card">
          <template #header>已转正或已结束</template>
          <div class="member-cards">
            <div v-for="c in finished" :key="c.id" class="stage-card" role="button" tabindex="0" @click="open(c.id)" @keydown.enter="open(c.id)">
              <b>{{ c.name }}</b> <span class="hint">{{ c.org }}</span>
              <el-tag disable-transitions size="small" :type="APPLICANT_STATUS_TAGS[c.status]">{{ labelOf(APPLICANT_STATUSES, c.status) }}</el-tag>
              <div class="stage-next">{{ c.next }}</div>
            </div>
          </div>
        </el-card>
      </load-state>
      <applicant-form v-if="creating" :org-id="filters.org_id" @saved="created" @close="creating = false" />
      <applicant-detail v-if="openId" :id="openId" @changed="list.load" @close="close" />
    </div>`,
};
