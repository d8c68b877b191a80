// 换届与转接: terms expiring (ORG-07 reminders from the alert engine) and
// the formal transfer of members' organizational relations (XFER-*):
// list, create, and the steps approve → send → receive (or return).
import { ref, reactive, computed, watch, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import {
  TRANSFER_DIRECTIONS, TRANSFER_STATES, GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES, labelOf,
} from '../labels.js';
import { OrgSelect, orgName } from '../orgs.js';
import { isMobile, dialogWidth, useFormErrors, showError, filledFields } from '../ui.js';
import { itemsOf, todayChina, useLoad, LoadState } from '../life.js';
import { alertRow, AlertList } from './alerts.js';
import { idCardFacts } from './member-form.js';
import { queryParam } from '../router.js';

const STATE_TAGS = { draft: 'info', approved: 'warning', in_transit: 'warning', received: 'success', returned: 'danger', done: 'success' };

/** The steps from each state (docs/api.md: the server checks the side and the state). */
const NEXT_ACTIONS = { draft: ['approve'], approved: ['send'], in_transit: ['receive', 'return'], received: ['confirm'] };
// As the server names the steps (transfer_action_label).
const ACTION_LABELS = { approve: '审批', send: '开出介绍信', receive: '接收', return: '退回', confirm: '确认回执' };

/** The fields each step's dialog asks for (all optional unless required). */
const ACTION_FIELDS = {
  approve: ['note'],
  send: ['letter_no', 'sent_on', 'valid_until', 'dues_paid_to', 'cross_province'],
  receive: ['received_on'],
  return: ['reason'],
  confirm: ['note'],
};

/** One transfer from the API → a table row. */
function transferRow(t) {
  const outside = t.outside_org ?? '';
  return {
    id: t.id,
    member: t.member_name ?? `党员 #${t.member_id}`,
    direction: labelOf(TRANSFER_DIRECTIONS, t.direction),
    from: t.from_org_name ?? (t.from_org_id ? orgName(t.from_org_id) : outside),
    to: t.to_org_name ?? (t.to_org_id ? orgName(t.to_org_id) : outside),
    state: t.state,
    stateLabel: t.state_label ?? labelOf(TRANSFER_STATES, t.state),
    letterNo: t.letter_no ?? '',
    validUntil: t.valid_until ?? '',
    receiptDue: t.receipt_due ?? '',
    overdue: Boolean(t.overdue),
    newMember: Boolean(t.new_member),
    actions: NEXT_ACTIONS[t.state] ?? [],
  };
}

/** One step of a transfer: the letter for send, the date for receive, the reason for return. */
const ActDialog = {
  name: 'ActDialog',
  props: { row: { type: Object, required: true }, action: { type: String, required: true } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({
      note: '', letter_no: '', sent_on: todayChina(), valid_until: null, dues_paid_to: null,
      cross_province: false, received_on: todayChina(), reason: '',
    });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const has = (f) => ACTION_FIELDS[props.action].includes(f);

    async function save() {
      clear();
      if (props.action === 'return' && !form.reason.trim()) errors.reason = '请填写退回原因';
      if (props.action === 'send' && !form.letter_no.trim()) errors.letter_no = '请填写介绍信编号';
      if (Object.keys(errors).length) return;
      const body = filledFields(Object.fromEntries(ACTION_FIELDS[props.action].map((f) => [f, form[f]])));
      if (!form.cross_province) delete body.cross_province;
      busy.value = true;
      try {
        await api.post(`/transfers/${props.row.id}/${props.action}`, body);
        ElMessage.success(`已${ACTION_LABELS[props.action]}`);
        emit('done');
      } catch (err) {
        report(err); // 409 wrong_state names fields.state
      } finally {
        busy.value = false;
      }
    }

    return { form, errors, busy, has, save, dialogWidth, ACTION_LABELS };
  },
  template: `
    <el-dialog :model-value="true" :title="ACTION_LABELS[action] + ' · ' + row.member" :width="dialogWidth" @close="$emit('close')">
      <p class="hint">{{ row.from || '—' }} → {{ row.to || '—' }}</p>
      <el-alert v-if="errors.state" type="error" :closable="false" show-icon :title="errors.state" />
      <el-form label-position="top" @submit.prevent="save">
        <div class="form-grid">
          <el-form-item v-if="has('letter_no')" label="介绍信编号" required :error="errors.letter_no">
            <el-input v-model="form.letter_no" name="letter_no" maxlength="40" />
          </el-form-item>
          <el-form-item v-if="has('sent_on')" label="开出日期" :error="errors.sent_on">
            <el-date-picker v-model="form.sent_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
          <el-form-item v-if="has('valid_until')" label="有效期至（不填则 3 个月，跨省 6 个月）" :error="errors.valid_until">
            <el-date-picker v-model="form.valid_until" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
          <el-form-item v-if="has('dues_paid_to')" label="党费交至" :error="errors.dues_paid_to">
            <el-date-picker v-model="form.dues_paid_to" type="month" value-format="YYYY-MM" format="YYYY年M月" />
          </el-form-item>
          <el-form-item v-if="has('cross_province')" label="跨省转接" :error="errors.cross_province">
            <el-switch v-model="form.cross_province" />
          </el-form-item>
          <el-form-item v-if="has('received_on')" label="接收日期" :error="errors.received_on">
            <el-date-picker v-model="form.received_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
        </div>
        <el-form-item v-if="has('reason')" label="退回原因" required :error="errors.reason">
          <el-input v-model="form.reason" name="reason" maxlength="200" />
        </el-form-item>
        <el-form-item v-if="has('note')" label="备注" :error="errors.note">
          <el-input v-model="form.note" name="note" maxlength="200" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">{{ ACTION_LABELS[action] }}</el-button>
      </template>
    </el-dialog>`,
};

/** The member's record as it arrives with an incoming letter (POST /transfers `member`). */
const EMPTY_ARRIVING = {
  name: '', gender: '', id_card: '', category: 'in_service', status: 'full', joined_on: null, full_on: null, phone: '',
};

const TransferForm = {
  name: 'TransferForm',
  components: { OrgSelect },
  emits: ['saved', 'close'],
  setup(_, { emit }) {
    const form = reactive({
      direction: 'internal', member_id: null, to_org_id: null, outside_org: '', reason: '',
      // A transfer in from outside arrives with its letter.
      letter_no: '', sent_on: null, valid_until: null, dues_paid_to: null, cross_province: false,
    });
    // 转入: the person is usually new here (新党员档案), else an existing member.
    const source = ref('new');
    const arriving = reactive({ ...EMPTY_ARRIVING });
    const withRecord = computed(() => form.direction === 'in' && source.value === 'new');
    watch(() => arriving.id_card, (idCard) => {
      arriving.id_card = idCard.toUpperCase();
      const facts = idCardFacts(arriving.id_card);
      if (facts) arriving.gender = facts.gender;
    });
    watch(() => arriving.status, (status) => {
      if (status === 'probationary') arriving.full_on = null;
    });
    const candidates = ref([]);
    const searching = ref(false);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function findMembers(q) {
      if (!q) return;
      searching.value = true;
      try {
        candidates.value = itemsOf(await api.get('/members', { q, per_page: 20 }));
      } catch (err) {
        showError(err);
      } finally {
        searching.value = false;
      }
    }

    async function save() {
      clear();
      busy.value = true;
      const body = filledFields(form);
      if (form.direction === 'out') delete body.to_org_id;
      if (form.direction === 'internal') delete body.outside_org;
      if (form.direction !== 'in') {
        for (const k of ['letter_no', 'sent_on', 'valid_until', 'dues_paid_to']) delete body[k];
      }
      if (!form.cross_province || form.direction !== 'in') delete body.cross_province;
      if (withRecord.value) {
        delete body.member_id;
        body.member = filledFields(arriving);
      }
      try {
        await api.post('/transfers', body);
        ElMessage.success('转接已创建');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return {
      form, source, arriving, withRecord, candidates, searching, errors, busy, findMembers, save, dialogWidth,
      TRANSFER_DIRECTIONS, GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES,
    };
  },
  template: `
    <el-dialog :model-value="true" title="新建组织关系转接" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="转接类型" required :error="errors.direction">
          <el-radio-group v-model="form.direction">
            <el-radio-button v-for="(label, value) in TRANSFER_DIRECTIONS" :key="value" :value="value">{{ label }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item v-if="form.direction === 'in'" label="转入党员" :error="errors.member">
          <el-radio-group v-model="source" class="arriving-source">
            <el-radio-button value="new">新党员档案</el-radio-button>
            <el-radio-button value="existing">已有党员</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <div v-if="withRecord" class="form-grid arriving-record">
          <el-form-item label="姓名" required :error="errors['member.name']">
            <el-input v-model="arriving.name" name="member_name" maxlength="32" />
          </el-form-item>
          <el-form-item label="身份证号" :error="errors['member.id_card']">
            <el-input v-model.trim="arriving.id_card" name="member_id_card" maxlength="18" placeholder="18 位，性别自动识别" />
          </el-form-item>
          <el-form-item label="性别" required :error="errors['member.gender']">
            <el-radio-group v-model="arriving.gender">
              <el-radio v-for="(label, value) in GENDERS" :key="value" :value="value">{{ label }}</el-radio>
            </el-radio-group>
          </el-form-item>
          <el-form-item label="手机号" :error="errors['member.phone']">
            <el-input v-model.trim="arriving.phone" name="member_phone" maxlength="11" />
          </el-form-item>
          <el-form-item label="人员类别" required :error="errors['member.category']">
            <el-select v-model="arriving.category">
              <el-option v-for="(label, value) in MEMBER_CATEGORIES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="党员类型" required :error="errors['member.status']">
            <el-radio-group v-model="arriving.status">
              <el-radio v-for="(label, value) in MEMBER_STATUSES" :key="value" :value="value">{{ label }}</el-radio>
            </el-radio-group>
          </el-form-item>
          <el-form-item label="入党日期" required :error="errors['member.joined_on'] || errors['member.birth_date']">
            <el-date-picker v-model="arriving.joined_on" name="member_joined_on" type="date" value-format="YYYY-MM-DD" placeholder="政治生日" />
          </el-form-item>
          <el-form-item v-if="arriving.status === 'full'" label="转正日期" required :error="errors['member.full_on']">
            <el-date-picker v-model="arriving.full_on" name="member_full_on" type="date" value-format="YYYY-MM-DD" placeholder="选择日期" />
          </el-form-item>
          <p class="hint span-2">接收前为“待转入”，不计入党员人数；接收后成为本支部正常党员（<rule-ref code="XFER-01" />）。</p>
        </div>
        <el-form-item v-else label="党员" required :error="errors.member_id">
          <el-select v-model="form.member_id" filterable remote :remote-method="findMembers" :loading="searching"
            placeholder="输入姓名查找" no-data-text="没有找到该党员">
            <el-option v-for="m in candidates" :key="m.id" :value="m.id" :label="m.name + '（' + (m.org_name ?? '') + '）'" />
          </el-select>
        </el-form-item>
        <el-form-item v-if="form.direction !== 'out'" label="转入党支部" required :error="errors.to_org_id">
          <org-select v-model="form.to_org_id" :kinds="['branch']" placeholder="请选择党支部" />
        </el-form-item>
        <el-form-item v-if="form.direction !== 'internal'" :label="form.direction === 'out' ? '转往单位党组织' : '原所在单位党组织'" required :error="errors.outside_org">
          <el-input v-model="form.outside_org" name="outside_org" maxlength="100" />
        </el-form-item>
        <div v-if="form.direction === 'in'" class="form-grid">
          <el-form-item label="介绍信编号" required :error="errors.letter_no">
            <el-input v-model="form.letter_no" name="letter_no" maxlength="40" />
          </el-form-item>
          <el-form-item label="开出日期" :error="errors.sent_on">
            <el-date-picker v-model="form.sent_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
          <el-form-item label="介绍信有效期至" :error="errors.valid_until">
            <el-date-picker v-model="form.valid_until" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
          <el-form-item label="党费交至" :error="errors.dues_paid_to">
            <el-date-picker v-model="form.dues_paid_to" type="month" value-format="YYYY-MM" format="YYYY年M月" />
          </el-form-item>
          <el-form-item label="跨省转接" :error="errors.cross_province">
            <el-switch v-model="form.cross_province" />
          </el-form-item>
        </div>
        <p v-else class="hint">审批后由转出方开具介绍信（有效期不超过 3 个月，跨省不超过 6 个月，<rule-ref code="XFER-03" />）。</p>
        <el-form-item label="转接原因" :error="errors.reason">
          <el-input v-model="form.reason" name="reason" maxlength="200" placeholder="如：工作调动、升学、退休" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'TransfersPage',
  components: { OrgSelect, LoadState, AlertList, TransferForm, ActDialog },
  setup() {
    const filters = reactive({ org_id: null, state: '', direction: '' });
    const creating = ref(false);
    const busyId = ref(null);
    // ORG-07 reminders: expired terms first, then those expiring within 6 months.
    const terms = useLoad(async () => {
      const [overdue, expiring] = await Promise.all(['term_overdue', 'term_expiring'].map((kind) => (
        api.get('/alerts', { kind, org_id: filters.org_id, per_page: 100 }))));
      return [...itemsOf(overdue), ...itemsOf(expiring)].map(alertRow);
    });
    const transfers = useLoad(async () => itemsOf(await api.get('/transfers', { ...filters, per_page: 100 })).map(transferRow));

    function load() {
      terms.load();
      transfers.load();
    }

    const acting = ref(null); // { row, action }
    function act(row, action) {
      acting.value = { row, action };
    }
    function acted() {
      acting.value = null;
      transfers.load();
    }

    const transferRows = computed(() => transfers.data.value ?? []);
    // A notification (转入待接收) links here with ?open=<transfer id>: that row is marked.
    const openId = Number(queryParam('open')) || 0;
    const openedRow = ({ row }) => (row.id === openId ? 'row-opened' : '');
    const termRows = computed(() => terms.data.value ?? []);
    onMounted(load);
    return {
      filters, creating, busyId, acting, acted, terms, transfers, transferRows, termRows, load, act, isMobile, openId, openedRow,
      writable: can('transfers.write'), TRANSFER_DIRECTIONS, TRANSFER_STATES, STATE_TAGS, ACTION_LABELS, labelOf,
    };
  },
  template: `
    <div class="page transfers-page">
      <div class="page-head">
        <h2>换届与转接</h2>
        <div class="actions">
          <el-button v-if="writable" type="primary" icon="IconPlus" @click="creating = true">新建转接</el-button>
        </div>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="load">
          <el-form-item label="党组织">
            <org-select v-model="filters.org_id" placeholder="全部（含下级组织）" @update:model-value="load" />
          </el-form-item>
          <el-form-item label="转接状态">
            <el-select v-model="filters.state" placeholder="全部" clearable @change="transfers.load">
              <el-option v-for="(label, value) in TRANSFER_STATES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="转接类型">
            <el-select v-model="filters.direction" placeholder="全部" clearable @change="transfers.load">
              <el-option v-for="(label, value) in TRANSFER_DIRECTIONS" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card shadow="never">
        <template #header><span>任期届满提醒</span><span class="hint">（届满前 6 个月、1 个月提醒，逾期未换届标红，<rule-ref code="ORG-07" />）</span></template>
        <load-state :state="terms.state" :empty="terms.state.loaded && !termRows.length ? '近期没有需要换届的组织' : ''" @retry="terms.load">
          <alert-list :rows="termRows" />
        </load-state>
      </el-card>
      <el-card shadow="never">
        <template #header>组织关系转接</template>
        <load-state :state="transfers.state" :empty="transfers.state.loaded && !transferRows.length ? '暂无转接记录' : ''" @retry="transfers.load">
          <div v-if="isMobile" class="member-cards">
            <div v-for="r in transferRows" :key="r.id" class="member-card" :class="{ 'row-opened': r.id === openId }">
              <div class="member-card-head">
                <b>{{ r.member }}</b><span class="member-card-meta">{{ r.direction }}</span>
                <el-tag disable-transitions size="small" :type="STATE_TAGS[r.state]">{{ r.stateLabel }}</el-tag>
                <el-tag v-if="r.overdue" disable-transitions size="small" type="danger">超期</el-tag>
                <el-tag v-if="r.newMember" disable-transitions size="small" type="info">新档案</el-tag>
              </div>
              <div class="member-card-line">{{ r.from || '—' }} → {{ r.to || '—' }}</div>
              <div v-if="r.validUntil || r.receiptDue" class="member-card-line">介绍信有效期至 {{ r.validUntil || '—' }}<template v-if="r.receiptDue"> · 回执期限 {{ r.receiptDue }}</template></div>
              <div v-if="writable && r.actions.length" class="member-card-actions">
                <el-button v-for="a in r.actions" :key="a" size="small" :loading="busyId === r.id" @click="act(r, a)">{{ ACTION_LABELS[a] ?? a }}</el-button>
              </div>
            </div>
          </div>
          <el-table v-else :data="transferRows" row-key="id" :row-class-name="openedRow">
            <el-table-column prop="member" label="党员" min-width="110">
              <template #default="{ row }">
                {{ row.member }}<el-tag v-if="row.newMember" disable-transitions size="small" type="info" class="tag-gap">新档案</el-tag>
              </template>
            </el-table-column>
            <el-table-column prop="direction" label="类型" width="110" />
            <el-table-column prop="from" label="转出" min-width="140" show-overflow-tooltip />
            <el-table-column prop="to" label="转入" min-width="140" show-overflow-tooltip />
            <el-table-column label="状态" width="130">
              <template #default="{ row }">
                <el-tag disable-transitions size="small" :type="STATE_TAGS[row.state]">{{ row.stateLabel }}</el-tag>
                <el-tag v-if="row.overdue" disable-transitions size="small" type="danger" class="tag-gap">超期</el-tag>
              </template>
            </el-table-column>
            <el-table-column prop="validUntil" label="介绍信有效期" width="120" />
            <el-table-column prop="receiptDue" label="回执期限" width="110" />
            <el-table-column v-if="writable" label="操作" width="170" fixed="right">
              <template #default="{ row }">
                <el-button v-for="a in row.actions" :key="a" link type="primary" :loading="busyId === row.id" @click="act(row, a)">{{ ACTION_LABELS[a] ?? a }}</el-button>
              </template>
            </el-table-column>
          </el-table>
        </load-state>
      </el-card>
      <transfer-form v-if="creating" @saved="creating = false; transfers.load()" @close="creating = false" />
      <act-dialog v-if="acting" :row="acting.row" :action="acting.action" @done="acted" @close="acting = null" />
    </div>`,
};
