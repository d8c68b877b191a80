// Console entry: mounts Vue with Element Plus (zh-CN), restores the session
// and maps paths to pages.
import { createApp, computed, watch, watchEffect } from 'vue';
import ElementPlus, { ElMessage } from 'element-plus';
import zhCn from 'element-plus/zh-cn';
import * as ICONS from '@element-plus/icons-vue';
import { session, can, restoreSession } from './session.js';
import { currentPath, navigate } from './router.js';
import { RuleRef, RuleText } from './rules.js';
import AppLayout from './pages/layout.js';
import LoginPage from './pages/login.js';
import ForcedPasswordPage from './pages/password.js';
import OrgsPage from './pages/orgs.js';
import SchoolsPage from './pages/schools.js';
import MembersPage from './pages/members.js';
import UsersPage from './pages/users.js';
import AuditPage from './pages/audit.js';
import EmptyPage from './pages/empty.js';
import SystemPage from './pages/system.js';
import MePage from './pages/me.js';
import MeetingsPage from './pages/meetings.js';
import CompliancePage from './pages/compliance.js';
import DuesPage from './pages/dues.js';
import TransfersPage from './pages/transfers.js';
import AlertsPage from './pages/alerts.js';
import AccountsPage from './pages/accounts.js';
import LedgersPage from './pages/ledgers.js';
import CheckinPage from './pages/checkin.js';
import IndicatorSystemsPage from './pages/indicator-systems.js';
import FindingsPage from './pages/findings.js';
import ReviewsPage from './pages/reviews.js';
import CultivationPage from './pages/cultivation.js';
import LeadersPage from './pages/leaders.js';
import ProgrammesPage from './pages/programmes.js';
import StudiosPage from './pages/studios.js';
import AssessmentsPage from './pages/assessments.js';
import StudyLibraryPage from './pages/study-library.js';
import StudyPage from './pages/study.js';
import PointsPage from './pages/points.js';
import ExchangePage from './pages/exchange.js';
import ApplicantsPage from './pages/applicants.js';
import HolidaysPage from './pages/holidays.js';
import AlliancesPage from './pages/create-alliances.js';
import BrandsPage from './pages/create-brands.js';
import PostsPage from './pages/create-posts.js';
import IdeologyPage from './pages/create-ideology.js';
import CleanSchoolsPage from './pages/create-clean.js';
import EthicsPage from './pages/create-ethics.js';
import CreationSummaryPage from './pages/create-summary.js';
import InspectionPlansPage from './pages/inspection-plans.js';
import InspectionsPage from './pages/inspections.js';
import NotificationsPage from './pages/notifications.js';
import NotifySettingsPage from './pages/notify-settings.js';
import TodoPage from './pages/todo.js';
import { todoCounts } from './todo-counts.js';
import NoticesPage from './pages/notices.js';
import HomePage, { ScreenPage } from './pages/home.js';
import PrincipalListPage from './pages/principal.js';
import PrincipalTenurePage from './pages/principal-tenure.js';
import PrincipalPeoplePage from './pages/principal-people.js';
import PrincipalAssignPage from './pages/principal-assign.js';
import PrincipalVisitsPage from './pages/principal-visits.js';
import RosterPage from './pages/roster.js';

/** Menu order is route order; `right` is checked with can(). */
const ROUTES = [
  { path: '/home', title: '首页', icon: 'IconHomeFilled', right: 'home', page: HomePage },
  { path: '/system', title: '系统状态', icon: 'IconMonitor', right: 'system', page: SystemPage },
  { path: '/me', title: '我的', icon: 'IconIphone', right: 'self', page: MePage },
  { path: '/todo', title: '待办', icon: 'IconList', right: 'todo', page: TodoPage, badge: 'todo' },
  { path: '/alerts', title: '预警中心', icon: 'IconBell', right: 'alerts', page: AlertsPage },
  { path: '/notices', title: '通知公告', icon: 'IconNotification', right: 'notices.read', page: NoticesPage },
  { path: '/meetings', title: '会议活动', icon: 'IconCalendar', right: 'meetings.read', page: MeetingsPage },
  { path: '/compliance', title: '合规看板', icon: 'IconDataAnalysis', right: 'compliance', page: CompliancePage },
  { path: '/dues', title: '党费', icon: 'IconCoin', right: 'dues.read', page: DuesPage },
  { path: '/transfers', title: '换届与转接', icon: 'IconSwitch', right: 'transfers.read', page: TransfersPage },
  { path: '/study', title: '学习记录', icon: 'IconFinished', right: 'study.read', page: StudyPage, group: '交流学习' },
  { path: '/study-library', title: '学习资料', icon: 'IconTickets', right: 'study.read', page: StudyLibraryPage, group: '交流学习' },
  { path: '/points', title: '积分排行', icon: 'IconDataAnalysis', right: 'points.read', page: PointsPage, group: '交流学习' },
  { path: '/exchange', title: '经验交流', icon: 'IconDocument', right: 'exchange.read', page: ExchangePage, group: '交流学习' },
  { path: '/inspection-plans', title: '督查计划', icon: 'IconTickets', right: 'inspection-plans.read', page: InspectionPlansPage, group: '督查考核' },
  { path: '/inspections', title: '督查评分', icon: 'IconFinished', right: 'inspections.read', page: InspectionsPage, group: '督查考核' },
  { path: '/findings', title: '问题整改', icon: 'IconFinished', right: 'findings', page: FindingsPage, group: '督查考核' },
  { path: '/reviews', title: '述职评议', icon: 'IconFinished', right: 'reviews', page: ReviewsPage, group: '督查考核' },
  { path: '/assessments', title: '年度考核', icon: 'IconFinished', right: 'assessments', page: AssessmentsPage, group: '督查考核' },
  { path: '/indicator-systems', title: '评分细则', icon: 'IconTickets', right: 'indicators', page: IndicatorSystemsPage, group: '督查考核' },
  { path: '/applicants', title: '发展党员', icon: 'IconFinished', right: 'applicants.read', page: ApplicantsPage, group: '发展与培养' },
  { path: '/cultivation', title: '双培养', icon: 'IconFinished', right: 'cultivation.read', page: CultivationPage, group: '发展与培养' },
  { path: '/leaders', title: '双带头人', icon: 'IconUserFilled', right: 'cultivation.read', page: LeadersPage, group: '发展与培养' },
  { path: '/programmes', title: '培训项目', icon: 'IconCalendar', right: 'cultivation.read', page: ProgrammesPage, group: '发展与培养' },
  { path: '/studios', title: '三名工作室', icon: 'IconSchool', right: 'cultivation.read', page: StudiosPage, group: '发展与培养' },
  { path: '/holidays', title: '节假日', icon: 'IconCalendar', right: 'holidays.read', page: HolidaysPage, group: '发展与培养' },
  { path: '/alliances', title: '联盟', icon: 'IconSchool', right: 'create.read', page: AlliancesPage, group: '双创双强' },
  { path: '/brands', title: '党建品牌', icon: 'IconFinished', right: 'create.read', page: BrandsPage, group: '双创双强' },
  { path: '/posts', title: '党员先锋岗', icon: 'IconUserFilled', right: 'create.read', page: PostsPage, group: '双创双强' },
  { path: '/ideology', title: '大思政课', icon: 'IconDocument', right: 'create.read', page: IdeologyPage, group: '双创双强' },
  { path: '/clean-schools', title: '清廉学校', icon: 'IconTickets', right: 'create.read', page: CleanSchoolsPage, group: '双创双强' },
  { path: '/ethics', title: '师德师风', icon: 'IconKey', right: 'create.read', page: EthicsPage, group: '双创双强' },
  { path: '/creation', title: '双创双强台账', icon: 'IconDataAnalysis', right: 'create.read', page: CreationSummaryPage, group: '双创双强' },
  { path: '/principal', title: '任期一览', icon: 'IconDataAnalysis', right: 'principal.list', page: PrincipalListPage, group: '校长任期督导' },
  { path: '/principal-tenure', title: '任期档案', icon: 'IconDocument', right: 'principal.tenure', page: PrincipalTenurePage, group: '校长任期督导' },
  { path: '/principal-people', title: '校长名册', icon: 'IconUserFilled', right: 'principal.list', page: PrincipalPeoplePage, group: '校长任期督导' },
  { path: '/principal-assign', title: '督学挂牌', icon: 'IconTickets', right: 'principal.list', page: PrincipalAssignPage, group: '校长任期督导' },
  { path: '/principal-visits', title: '挂牌督导', icon: 'IconCamera', right: 'principal.visits', page: PrincipalVisitsPage, group: '校长任期督导' },
  { path: '/members', title: '党员', icon: 'IconUser', right: 'members.read', page: MembersPage },
  { path: '/orgs', title: '组织机构', icon: 'IconOfficeBuilding', right: 'orgs.read', page: OrgsPage },
  { path: '/schools', title: '学校', icon: 'IconSchool', right: 'schools.read', page: SchoolsPage },
  { path: '/accounts', title: '账号开通', icon: 'IconTickets', right: 'accounts', page: AccountsPage },
  { path: '/roster', title: '名册导入导出', icon: 'IconUpload', right: 'roster', page: RosterPage },
  { path: '/ledgers', title: '台账导出', icon: 'IconDownload', right: 'ledgers', page: LedgersPage },
  { path: '/users', title: '用户管理', icon: 'IconUserFilled', right: 'users', page: UsersPage },
  { path: '/audit', title: '审计日志', icon: 'IconDocument', right: 'audit', page: AuditPage },
];

/** The menu groups a member sees as groups (their own study and exchange). */
const MEMBER_GROUPS = ['交流学习'];

/** Pages reached by a link, not the menu (a QR code's /checkin?t=…). */
const HIDDEN_ROUTES = [
  { path: '/checkin', title: '扫码签到', right: 'checkin', page: CheckinPage },
  { path: '/notifications', title: '消息', right: 'notifications', page: NotificationsPage },
  { path: '/notify-settings', title: '消息设置', right: 'notifications', page: NotifySettingsPage },
  // 数据大屏: full screen, outside the menu frame (bare).
  { path: '/screen', title: '数据大屏', right: 'home', page: ScreenPage, bare: true },
];

const Root = {
  name: 'HongyanConsole',
  components: { AppLayout, LoginPage, ForcedPasswordPage },
  setup() {
    // A member's menu has no staff groups (issue 12): 述职评议, where they
    // vote as members' representatives, stands alone outside 督查考核.
    // The to-do entry carries its count.
    const menu = computed(() => ROUTES.filter((r) => can(r.right)).map((r) => (
      session.user?.role === 'member' && r.group && !MEMBER_GROUPS.includes(r.group) ? { ...r, group: undefined } : r))
      .map((r) => (r.badge === 'todo' ? { ...r, count: todoCounts.total } : r)));
    const route = computed(() => [...menu.value, ...HIDDEN_ROUTES.filter((r) => can(r.right))]
      .find((r) => r.path === currentPath.value));
    const page = computed(() => route.value?.page ?? EmptyPage);

    // An unknown or forbidden path goes to the first page this user may see.
    watchEffect(() => {
      if (session.user && !route.value && menu.value.length) navigate(menu.value[0].path, { replace: true });
    });
    watchEffect(() => {
      document.title = route.value ? `${route.value.title} - 红岩智慧党建平台` : '红岩智慧党建平台';
    });

    // After a login (not a reload) the first page is the home page of roles that have one.
    watch(() => session.user?.id, (id, old) => {
      if (booted && id && !old && can('home')) navigate('/home', { replace: true });
    });

    return { session, menu, route, page, currentPath };
  },
  template: `
    <div v-if="!session.ready" class="boot">正在加载……</div>
    <login-page v-else-if="!session.user" />
    <forced-password-page v-else-if="session.user.must_change_password" />
    <component v-else-if="route?.bare" :is="page" :key="currentPath" />
    <app-layout v-else :menu="menu" :active="currentPath">
      <component :is="page" :key="currentPath + ':' + session.user.id" />
    </app-layout>`,
};

let booted = false; // the session restored at page load is not a login

const app = createApp(Root);
// Cleared pickers give null, which the API reads as "no value".
app.use(ElementPlus, { locale: zhCn, valueOnClear: null });
for (const [name, icon] of Object.entries(ICONS)) app.component(`Icon${name}`, icon);
// Rule IDs are shown by name with a tooltip everywhere (issue 12).
app.component('RuleRef', RuleRef);
app.component('RuleText', RuleText);
app.mount('#app');

restoreSession().catch((err) => ElMessage.error(err.message)).finally(() => {
  booted = true;
});
