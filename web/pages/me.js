// 我的: a member's home, made for a phone (issue 12): their organization
// card, dues due and paid, the branch's meetings to sign in, announcements,
// study points with their ranks, exchange cases, own reminders and the
// dues calculator. Everything comes from routes that answer only the
// member's own data (the server scopes them to the session's member).
import { computed, onMounted } from 'vue';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { session } from '../session.js';
import { MEETING_KINDS, DUES_CATEGORIES, PAY_METHODS, MEMBER_STATUSES, labelOf } from '../labels.js';
import { itemsOf, yuan, todayChina, showDateTime, periodLabel, useLoad, LoadState } from '../life.js';
import { alertRow, AlertList } from './alerts.js';
import DuesQuote from './dues-quote.js';
import { ruleWords } from '../rules.js';

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
    arrearsMessage: ruleWords(d?.arrears_message ?? ''),
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
    // GET /me/card: the member's own organization card (no id in the request).
    const me = useLoad(() => api.get('/me/card'));
    const points = useLoad(() => api.get('/points/me'));
    const cases = useLoad(async () => itemsOf(await api.get('/exchange', { per_page: 3 })));
    // Announcements (通知公告): the count of unread ones addressed to the member.
    const notices = useLoad(async () => {
      try {
        const answer = await api.get('/notices', { unread: 1, per_page: 1 });
        return { total: answer?.total ?? 0 };
      } catch (err) {
        if (err.status === 404) return null;
        throw err;
      }
    });
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
      cases.load();
      notices.load();
      if (!memberId.value) return;
      dues.load();
      points.load();
      const card = await me.load();
      meetings.load(card?.branch?.id ?? null);
    }

    onMounted(load);
    return { memberId, me, dues, reminders, meetings, points, cases, notices, load, yuan, navigate, MEMBER_STATUSES, labelOf };
  },
  template: `
    <div class="page me-page">
      <div class="me-hello">
        <div class="me-name">{{ me.data.value?.name ?? '我的' }}</div>
        <div class="hint">{{ me.data.value?.branch?.name ?? '' }}</div>
      </div>
      <el-alert v-if="!memberId" type="warning" :closable="false" show-icon title="您的账号尚未关联党员档案，请联系所在支部书记。" />

      <nav class="me-links" aria-label="常用">
        <a class="me-link" href="/notices" @click.prevent="navigate('/notices')">
          <el-icon><icon-bell /></el-icon><span>通知公告</span>
          <el-badge v-if="notices.data.value?.total" :value="notices.data.value.total" class="me-badge" />
        </a>
        <a class="me-link" href="/study" @click.prevent="navigate('/study')"><el-icon><icon-finished /></el-icon><span>学习记录</span></a>
        <a class="me-link" href="/points" @click.prevent="navigate('/points')"><el-icon><icon-data-analysis /></el-icon><span>积分排行</span></a>
        <a class="me-link" href="/exchange" @click.prevent="navigate('/exchange')"><el-icon><icon-document /></el-icon><span>经验交流</span></a>
      </nav>

      <el-card v-if="memberId" shadow="never" class="me-card me-org-card">
        <template #header>我的组织</template>
        <load-state :state="me.state" @retry="me.load">
          <dl v-if="me.data.value" class="me-facts">
            <template v-if="me.data.value.organization">
              <dt>党组织</dt><dd :title="me.data.value.organization.name">{{ me.data.value.organization.name }}</dd>
            </template>
            <dt>所在支部</dt><dd :title="me.data.value.branch.name">{{ me.data.value.branch.name }}</dd>
            <dt>入党日期</dt><dd>{{ me.data.value.joined_on || '—' }}</dd>
            <dt>转正日期</dt><dd>{{ me.data.value.full_on || (me.data.value.status === 'probationary' ? '预备期中' : '—') }}</dd>
            <dt>党员类型</dt><dd>{{ labelOf(MEMBER_STATUSES, me.data.value.status) }}</dd>
            <dt>支部书记</dt><dd>{{ me.data.value.branch.secretary || '—' }}</dd>
            <template v-if="me.data.value.organization">
              <dt>党组织书记</dt><dd>{{ me.data.value.organization.secretary || '—' }}</dd>
            </template>
          </dl>
        </load-state>
      </el-card>

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
              <template v-if="dues.data.value.rule">（<rule-ref :code="dues.data.value.rule" />）</template>
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
          <p class="hint">会议开始后，用手机相机扫描会场二维码即可签到（打开的页面会自动完成签到）。</p>
          <ul class="me-list">
            <li v-for="m in meetings.data.value" :key="m.id">
              <div><b>{{ m.kind }}</b> {{ m.topic }}</div>
              <div class="hint">{{ m.when }}<template v-if="m.place"> · {{ m.place }}</template></div>
              <el-tag v-if="m.signed" disable-transitions size="small" type="success">已签到</el-tag>
            </li>
          </ul>
        </load-state>
      </el-card>

      <el-card v-if="memberId" shadow="never" class="me-card">
        <template #header>学习积分</template>
        <load-state :state="points.state" @retry="points.load">
          <template v-if="points.data.value">
            <div class="stat-row">
              <div class="stat"><b>{{ points.data.value.points }}</b><span>{{ points.data.value.year }} 年积分</span></div>
              <div class="stat me-rank"><b>{{ points.data.value.branch.rank }}<small>/{{ points.data.value.branch.size }}</small></b><span>支部排名</span></div>
              <div class="stat"><b>{{ points.data.value.school.rank }}<small>/{{ points.data.value.school.size }}</small></b><span>全校排名</span></div>
            </div>
            <p class="hint">学习 {{ points.data.value.records }} 次，共 {{ points.data.value.minutes }} 分钟<template v-if="points.data.value.flagged">；{{ points.data.value.flagged }} 条待核查</template></p>
            <el-button class="me-action" type="primary" plain @click="navigate('/study')">登记学习</el-button>
          </template>
        </load-state>
      </el-card>

      <el-card shadow="never" class="me-card">
        <template #header>经验交流</template>
        <load-state :state="cases.state" :empty="cases.state.loaded && !cases.data.value?.length ? '暂无交流案例' : ''" @retry="cases.load">
          <ul class="me-list me-cases">
            <li v-for="c in cases.data.value" :key="c.id">
              <a :href="'/exchange?id=' + c.id" @click.prevent="navigate('/exchange?id=' + c.id)">{{ c.title }}</a>
              <span class="hint" :title="c.org_name">{{ c.org_name }}</span>
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
