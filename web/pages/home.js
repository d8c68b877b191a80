// 首页 (issue 12): the first page after login for district staff (the
// cockpit of the district, or of one organization picked here) and for a
// school's secretary or principal (their school's figures under their
// to-do list). One card per figure of GET /api/v1/home with its trend and a
// link to the page where it is worked on. /screen (数据大屏) shows the same
// figures full-screen for a projector: dark, large type, no menus,
// refreshed every 60 s.
import { ref, computed, onMounted, onBeforeUnmount } from 'vue';
import { api } from '../api.js';
import { session } from '../session.js';
import { navigate, queryParam } from '../router.js';
import { ORG_KINDS } from '../labels.js';
import { OrgSelect } from '../orgs.js';
import { yuan, periodLabel, useLoad, LoadState, EChart } from '../life.js';

/** Seconds between two loads of the data screen. */
export const SCREEN_REFRESH_S = 60;

const GRADE_NAMES = ['优秀', '良好', '一般', '较差'];
const pct = (permille) => `${(Number(permille ?? 0) / 10).toFixed(1)}%`;
/** A compliance tally's rate, or '—' while nothing in it has fallen due (done or overdue). */
const rateOf = (t) => (t.done + t.overdue ? pct(t.rate_permille) : '—');
const monthLabel = (m) => `${Number(String(m).slice(5, 7))}月`;

/** Axis, legend and label colours for the light page or the dark screen. */
function palette(dark) {
  return dark
    ? { text: '#e6edf7', axis: '#5b6b82', split: '#26344a', colors: ['#ffcf5c', '#ff6b6b', '#5cc8ff', '#7ee787', '#c79bff'] }
    : { text: '#606266', axis: '#c0c4cc', split: '#ebeef5', colors: ['#c0392b', '#e6a23c', '#409eff', '#67c23a', '#909399'] };
}

/** A line or bar chart over months: series [{ name, data, type }]. */
function monthChart(months, series, dark, { percent = false } = {}) {
  const p = palette(dark);
  return {
    color: p.colors,
    backgroundColor: 'transparent',
    grid: { left: 8, right: 12, top: series.length > 1 ? 28 : 12, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: percent ? (v) => `${v}%` : undefined },
    legend: series.length > 1 ? { top: 0, textStyle: { color: p.text } } : undefined,
    xAxis: {
      type: 'category', data: months.map(monthLabel),
      axisLabel: { color: p.text }, axisLine: { lineStyle: { color: p.axis } },
    },
    yAxis: {
      type: 'value', minInterval: 1, max: percent ? 100 : undefined,
      axisLabel: { color: p.text }, splitLine: { lineStyle: { color: p.split } },
    },
    series: series.map((s) => ({ type: 'line', smooth: true, ...s })),
  };
}

function pieChart(data, dark) {
  const p = palette(dark);
  return {
    color: p.colors,
    backgroundColor: 'transparent',
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: { color: p.text } },
    series: [{
      type: 'pie', radius: ['38%', '66%'], center: ['50%', '44%'],
      label: { color: p.text, formatter: '{b} {c}' }, data: data.filter((d) => d.value > 0),
    }],
  };
}

function barChart(names, values, dark) {
  const p = palette(dark);
  return {
    color: p.colors,
    backgroundColor: 'transparent',
    grid: { left: 8, right: 12, top: 12, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: p.text }, splitLine: { lineStyle: { color: p.split } } },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { color: p.text } },
    series: [{ type: 'bar', data: values, barMaxWidth: 18, label: { show: true, position: 'right', color: p.text } }],
  };
}

/** The trend word of this month against the last: "较上月 +3". */
function versus(now, before, unit = '') {
  if (before === undefined || before === null) return '';
  const d = Number(now) - Number(before);
  return `较上月 ${d > 0 ? '+' : ''}${d}${unit}`;
}

/** The cards of an answer of GET /home, in the order shown. */
export function homeCards(h, dark = false) {
  const last = (t, k) => t?.[t.length - 1]?.[k];
  const prev = (t, k) => t?.[t.length - 2]?.[k];
  const months = (t) => (t ?? []).map((x) => x.month);
  const m = h.members;
  const c = h.compliance;
  const d = h.dues;
  const f = h.findings;
  const pl = h.pipeline;
  const a = h.assessment;
  const s = h.study;
  const inPipeline = pl.stages.reduce((n, x) => n + x.count, 0);
  return [
    {
      key: 'members', title: '党员', value: m.active, unit: '名',
      lines: [`正式党员 ${m.full} · 预备党员 ${m.probationary}`, versus(last(m.trend, 'active'), prev(m.trend, 'active'), '名')],
      option: monthChart(months(m.trend), [{ name: '党员数（月末）', data: m.trend.map((x) => x.active), areaStyle: { opacity: 0.12 } }], dark),
      link: m.link, linkText: '党员管理',
    },
    {
      key: 'orgs', title: '党组织', value: h.orgs.total, unit: '个',
      lines: [Object.entries(h.orgs.by_kind).filter(([, n]) => n).map(([k, n]) => `${ORG_KINDS[k] ?? k} ${n}`).join(' · ')],
      option: pieChart(Object.entries(h.orgs.by_kind).map(([k, n]) => ({ name: ORG_KINDS[k] ?? k, value: n })), dark),
      link: h.orgs.link, linkText: '组织机构',
    },
    {
      key: 'compliance', title: '三会一课完成率（本月）', value: rateOf(c.month), unit: '',
      lines: [
        `本季度 ${rateOf(c.quarter)}（${periodLabel(c.quarter.period)}）`,
        `本月已完成 ${c.month.done} · 待完成 ${c.month.due} · 逾期 ${c.month.overdue}`,
      ],
      option: monthChart(months(c.trend), [{ name: '完成率', data: c.trend.map((x) => (x.done + x.overdue ? Math.round(x.rate_permille) / 10 : null)), type: 'bar', barMaxWidth: 18 }], dark, { percent: true }),
      link: c.link, linkText: '合规看板',
    },
    {
      key: 'dues', title: '党费（本月已收）', value: yuan(d.paid_fen), unit: '元',
      lines: [`应收 ${yuan(d.due_fen)} 元 · 未缴 ${yuan(d.unpaid_fen)} 元`, `欠缴党员 ${d.arrears_members} 名（预警 ${d.warnings} · 标记 ${d.flags}）`],
      option: monthChart(months(d.trend), [{ name: '实收（元）', data: d.trend.map((x) => Math.round(x.collected_fen) / 100), type: 'bar', barMaxWidth: 18 }], dark),
      link: d.link, linkText: '党费',
    },
    {
      key: 'findings', title: '整改事项（未完成）', value: f.open, unit: '项',
      lines: [`逾期 ${f.overdue} 项 · 已销号 ${f.closed} 项`, `按期销号 ${f.closed_on_time} 项${f.closed ? `（${Math.round((f.closed_on_time * 1000) / f.closed) / 10}%）` : ''}`],
      option: monthChart(months(f.trend), [
        { name: '下发', data: f.trend.map((x) => x.issued), type: 'bar', barMaxWidth: 12 },
        { name: '销号', data: f.trend.map((x) => x.closed), type: 'bar', barMaxWidth: 12 },
      ], dark),
      link: f.link, linkText: '问题整改',
    },
    {
      key: 'pipeline', title: '发展党员（在培养）', value: inPipeline, unit: '人',
      lines: [`近期到期步骤 ${pl.steps_due} 个 · 已逾期 ${pl.steps_overdue} 个`],
      option: barChart(pl.stages.map((x) => x.name.replace('的确定和培养教育', '').replace('的确定和考察', '').replace('的教育考察和转正', '转正')), pl.stages.map((x) => x.count), dark),
      link: pl.link, linkText: '发展党员',
    },
    {
      key: 'assessment', title: '年度考核', value: a.year ? `${a.year}年` : '暂无', unit: '',
      lines: [a.year ? `${GRADE_NAMES.map((g) => `${g} ${a.grades[g] ?? 0}`).join(' · ')}` : '尚无考核结果', a.rectify ? `列入整顿 ${a.rectify} 个` : ''],
      option: pieChart(GRADE_NAMES.map((g) => ({ name: g, value: a.grades[g] ?? 0 })), dark),
      link: a.link, linkText: '年度考核',
    },
    {
      key: 'study', title: '学习（本月记录）', value: s.records, unit: '条',
      lines: [`积分 ${s.points} · 参与党员 ${s.members} 名`, versus(s.records, prev(s.trend, 'records'), '条')],
      option: monthChart(months(s.trend), [{ name: '学习记录', data: s.trend.map((x) => x.records), areaStyle: { opacity: 0.12 } }], dark),
      link: s.link, linkText: '学习记录',
    },
  ];
}

/** The caller's to-do list (GET /todo): nothing at all while the API is not there (404). */
const TodoPanel = {
  name: 'TodoPanel',
  setup() {
    const items = ref([]);
    const counts = ref(null);
    const shown = ref(false);
    onMounted(async () => {
      try {
        const [list, c] = await Promise.all([
          api.get('/todo', { page: 1, per_page: 6 }),
          api.get('/todo/counts'),
        ]);
        items.value = list?.items ?? [];
        counts.value = c;
        shown.value = true;
      } catch {
        shown.value = false; // not there yet (404) or not for this role: no panel
      }
    });
    const open = (item) => item.link && navigate(item.link);
    return { items, counts, shown, open, navigate };
  },
  template: `
    <el-card v-if="shown" class="home-todo" shadow="never">
      <template #header>
        <div class="home-card-head">
          <span>我的待办 <el-tag v-if="counts?.overdue" type="danger" size="small" disable-transitions>逾期 {{ counts.overdue }}</el-tag></span>
          <el-link type="primary" @click="navigate('/todo')">全部待办（{{ counts?.total ?? items.length }}）</el-link>
        </div>
      </template>
      <el-empty v-if="!items.length" :image-size="56" description="暂无待办事项" />
      <ul v-else class="home-todo-list">
        <li v-for="(t, i) in items" :key="i" @click="open(t)">
          <el-tag :type="t.overdue ? 'danger' : 'info'" size="small" disable-transitions>{{ t.overdue ? '逾期' : (t.due || '待办') }}</el-tag>
          <span class="home-todo-what">{{ t.what }}</span>
          <span class="home-todo-where">{{ t.where }}</span>
        </li>
      </ul>
    </el-card>`,
};

/** One figure: title, value, lines, chart, link. */
const FigureCard = {
  name: 'FigureCard',
  components: { EChart },
  props: { card: { type: Object, required: true }, height: { type: String, default: '180px' } },
  setup() {
    return { navigate };
  },
  template: `
    <el-card class="home-card" shadow="hover" :data-figure="card.key">
      <template #header>
        <div class="home-card-head">
          <span>{{ card.title }}</span>
          <el-link v-if="card.link" type="primary" @click="navigate(card.link)">{{ card.linkText }} ›</el-link>
        </div>
      </template>
      <div class="home-value">{{ card.value }}<small v-if="card.unit">{{ card.unit }}</small></div>
      <p v-for="(l, i) in card.lines.filter(Boolean)" :key="i" class="home-line">{{ l }}</p>
      <e-chart :option="card.option" :height="height" />
    </el-card>`,
};

export default {
  name: 'HomePage',
  components: { LoadState, FigureCard, TodoPanel, OrgSelect },
  setup() {
    const orgId = ref(Number(queryParam('org_id')) || null);
    const { state, data, load } = useLoad(() => api.get('/home', { org_id: orgId.value }));
    const cards = computed(() => (data.value ? homeCards(data.value) : []));
    const district = computed(() => session.user?.role === 'district');
    const school = computed(() => ['secretary', 'principal'].includes(session.user?.role));

    function pick(id) {
      orgId.value = id || null;
      history.replaceState(null, '', id ? `/home?org_id=${id}` : '/home');
      load();
    }
    function screen() {
      navigate(orgId.value ? `/screen?org_id=${orgId.value}` : '/screen');
    }
    onMounted(load);
    return { state, data, cards, district, school, orgId, pick, screen, load, periodLabel };
  },
  template: `
    <div class="home-page">
      <todo-panel v-if="school" />
      <div class="page-head home-head">
        <h2>首页<span v-if="data" class="home-org">{{ data.org_name }} · {{ data.today }}</span></h2>
        <div class="home-tools">
          <org-select v-if="district" :model-value="orgId" placeholder="全区（可选择学校或组织）" @update:model-value="pick" />
          <el-button icon="IconFullScreen" @click="screen">数据大屏</el-button>
        </div>
      </div>
      <load-state :state="state" @retry="load">
        <el-row :gutter="16">
          <el-col v-for="c in cards" :key="c.key" :xs="24" :sm="12" :lg="6">
            <figure-card :card="c" />
          </el-col>
        </el-row>
      </load-state>
    </div>`,
};

/** 数据大屏: full-screen, dark, no menus; reloads every SCREEN_REFRESH_S seconds. */
export const ScreenPage = {
  name: 'ScreenPage',
  components: { EChart },
  setup() {
    const orgId = Number(queryParam('org_id')) || null;
    // The first load is the user's; the refreshes are background polls, so
    // an unattended screen does not keep its session alive (SEC-02) and
    // asks for a login again after the idle timeout.
    let polling = false;
    const { state, data, load } = useLoad(() => (polling ? api.poll : api.get)('/home', { org_id: orgId }));
    const cards = computed(() => (data.value ? homeCards(data.value, true) : []));
    const clock = ref('');
    let timer = null;
    let tick = null;
    const showClock = () => {
      clock.value = new Date().toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
    };
    onMounted(() => {
      document.body.classList.add('screen-mode');
      load();
      showClock();
      polling = true;
      timer = setInterval(load, SCREEN_REFRESH_S * 1000);
      tick = setInterval(showClock, 1000);
    });
    onBeforeUnmount(() => {
      document.body.classList.remove('screen-mode');
      clearInterval(timer);
      clearInterval(tick);
    });
    const leave = () => navigate(orgId ? `/home?org_id=${orgId}` : '/home');
    return { state, data, cards, clock, leave, SCREEN_REFRESH_S };
  },
  template: `
    <div class="screen">
      <header class="screen-head">
        <span class="screen-brand">红岩智慧党建 · 数据大屏</span>
        <span class="screen-org">{{ data?.org_name }}</span>
        <span class="screen-clock">{{ clock }}</span>
        <button class="screen-exit" type="button" title="退出大屏" @click="leave">退出</button>
      </header>
      <p v-if="state.error && !data" class="screen-error">数据加载失败，{{ SCREEN_REFRESH_S }} 秒后自动重试</p>
      <main class="screen-grid">
        <section v-for="c in cards" :key="c.key" class="screen-card" :data-figure="c.key">
          <h3>{{ c.title }}</h3>
          <div class="screen-value">{{ c.value }}<small v-if="c.unit">{{ c.unit }}</small></div>
          <p v-for="(l, i) in c.lines.filter(Boolean)" :key="i" class="screen-line">{{ l }}</p>
          <e-chart :option="c.option" height="26vh" />
        </section>
      </main>
    </div>`,
};
