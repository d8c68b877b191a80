// 我的: a member's own page, made for a phone: dues due and paid, the
// branch's meetings to sign in, own reminders, and the dues calculator.
import { computed, onMounted } from 'vue';
import { api } from '../api.js';
import { session } from '../session.js';
import { MEETING_KINDS, DUES_CATEGORIES, PAY_METHODS, labelOf } from '../labels.js';
import { itemsOf, yuan, todayChina, showDateTime, periodLabel, useLoad, LoadState } from '../life.js';
import { alertRow, AlertList } from './alerts.js';
import DuesQuote from './dues-quote.js';

/** Status of one month of the dues answer. */
const MONTH_STATES = { paid: '已交', unpaid: '未交', waived: '免交', none: '未设置' };

/**
 * GET /members/{id}/dues ({current, months: the last 12 oldest first,
 * arrears_months, arrears_message}) → what the dues card shows.
 */
function duesView(d) {
  const cur = d?.current ?? null;
  const months = itemsOf(d?.months);
  const paid = months.filter((m) => m.status === 'paid');
  return {
    hasSetting: Boolean(cur),
    category: cur?.category ? labelOf(DUES_CATEGORIES, cur.category) : '',
    monthly: cur ? cur.due_fen ?? cur.monthly_fen : null,
    rule: cur?.rule ?? '',
    arrears: d?.arrears_months ?? 0,
    // This month may still be paid this month: it is "due", not yet "in arrears" (DUES-09 counts it).
    thisMonthDue: months.at(-1)?.status === 'unpaid',
    arrearsMessage: d?.arrears_message ?? '',
    paidTo: paid.length ? periodLabel(paid.at(-1).month) : '',
    // Newest first: this month at the top.
    months: months.slice().reverse().filter((m) => m.status !== 'none').map((m) => ({
      month: periodLabel(m.month),
      status: m.status,
      state: MONTH_STATES[m.status] ?? m.status,
      amount: m.status === 'paid' ? yuan((m.paid_fen ?? 0) + (m.extra_fen ?? 0)) : yuan(m.due_fen),
      paidOn: m.paid_on ?? '',
      method: m.method ? labelOf(PAY_METHODS, m.method) : '',
    })),
  };
}

export default {
  name: 'MePage',
  components: { LoadState, AlertList, DuesQuote },
  setup() {
    const memberId = computed(() => session.user?.member_id ?? null);
    const me = useLoad(() => api.get(`/members/${memberId.value}`));
    const dues = useLoad(async () => duesView(await api.get(`/members/${memberId.value}/dues`)));
    // A member's own reminders (dues arrears, political birthday): nothing to follow from here.
    const reminders = useLoad(async () => itemsOf(await api.get('/alerts', { per_page: 50 }))
      .map((a, i) => ({ ...alertRow(a, i), link: '' })));
    const meetings = useLoad(async (orgId) => {
      const today = todayChina();
      const answer = await api.get('/meetings', { org_id: orgId, from: today, per_page: 20, sort: 'held_at' });
      return itemsOf(answer)
        .filter((m) => String(m.held_at ?? '').slice(0, 10) >= today)
        .map((m) => ({
          id: m.id,
          kind: labelOf(MEETING_KINDS, m.kind),
          topic: m.topic ?? '',
          when: showDateTime(m.held_at),
          place: m.place ?? '',
          signed: m.my_status === 'present' || m.my_status === 'late',
        }));
    });

    async function load() {
      reminders.load();
      if (!memberId.value) return;
      dues.load();
      const self = await me.load();
      meetings.load(self?.org_id ?? null);
    }

    onMounted(load);
    return { memberId, me, dues, reminders, meetings, load, yuan };
  },
  template: `
    <div class="page me-page">
      <div class="me-hello">
        <div class="me-name">{{ me.data.value?.name ?? '我的' }}</div>
        <div class="hint">{{ me.data.value?.org_name ?? '' }}</div>
      </div>
      <el-alert v-if="!memberId" type="warning" :closable="false" show-icon title="您的账号尚未关联党员档案，请联系所在支部书记。" />

      <el-card v-if="memberId" shadow="never" class="me-card">
        <template #header>我的党费</template>
        <load-state :state="dues.state" @retry="dues.load">
          <template v-if="dues.data.value">
            <div class="stat-row">
              <div class="stat"><b>{{ yuan(dues.data.value.monthly) }}</b><span>每月应交（元）</span></div>
              <div v-if="dues.data.value.arrears > (dues.data.value.thisMonthDue ? 1 : 0)" class="stat overdue me-arrears">
                <b>{{ dues.data.value.arrears - (dues.data.value.thisMonthDue ? 1 : 0) }}</b><span>欠缴月数（不含本月）</span></div>
              <div v-else-if="dues.data.value.thisMonthDue" class="stat due me-arrears"><b>待交</b><span>本月党费</span></div>
              <div v-else class="stat me-arrears"><b>0</b><span>欠缴月数</span></div>
            </div>
            <p class="hint">
              <template v-if="!dues.data.value.hasSetting">支部尚未为您设置党费标准。</template>
              <template v-if="dues.data.value.category">类别：{{ dues.data.value.category }}</template>
              <template v-if="dues.data.value.rule">（{{ dues.data.value.rule }}）</template>
              <template v-if="dues.data.value.paidTo"> · 已交至 {{ dues.data.value.paidTo }}</template>
            </p>
            <el-alert v-if="dues.data.value.arrearsMessage" type="error" :closable="false" show-icon
              :title="dues.data.value.arrearsMessage" />
            <ul v-if="dues.data.value.months.length" class="me-list">
              <li v-for="p in dues.data.value.months" :key="p.month">
                <span>{{ p.month }}</span><b>{{ p.amount }} 元</b>
                <el-tag disable-transitions size="small" :type="p.status === 'paid' ? 'success' : p.status === 'unpaid' ? 'danger' : 'info'">{{ p.state }}</el-tag>
                <span class="hint">{{ p.paidOn }} {{ p.method }}</span>
              </li>
            </ul>
          </template>
        </load-state>
      </el-card>

      <el-card v-if="memberId" shadow="never" class="me-card">
        <template #header>待参加的会议</template>
        <load-state :state="meetings.state" :empty="meetings.state.loaded && !meetings.data.value?.length ? '近期没有会议安排' : ''" @retry="load">
          <p class="hint">会议开始后，用手机扫描会场二维码即可签到。</p>
          <ul class="me-list">
            <li v-for="m in meetings.data.value" :key="m.id">
              <div><b>{{ m.kind }}</b> {{ m.topic }}</div>
              <div class="hint">{{ m.when }}<template v-if="m.place"> · {{ m.place }}</template></div>
              <el-tag v-if="m.signed" disable-transitions size="small" type="success">已签到</el-tag>
            </li>
          </ul>
        </load-state>
      </el-card>

      <el-card shadow="never" class="me-card">
        <template #header>我的提醒</template>
        <load-state :state="reminders.state" :empty="reminders.state.loaded && !reminders.data.value?.length ? '暂无提醒' : ''" @retry="reminders.load">
          <alert-list :rows="reminders.data.value ?? []" />
        </load-state>
      </el-card>

      <el-card shadow="never" class="me-card">
        <template #header>党费测算</template>
        <dues-quote />
      </el-card>
    </div>`,
};
