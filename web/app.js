// Console entry: mounts Vue with Element Plus (zh-CN), restores the session
// and maps paths to pages.
import { createApp, computed, watchEffect } from 'vue';
import ElementPlus, { ElMessage } from 'element-plus';
import zhCn from 'element-plus/zh-cn';
import {
  ArrowDown, Bell, Calendar, Coin, DataAnalysis, Document, Download, Finished, Key, Lock,
  Menu, OfficeBuilding, Plus, Refresh, School, Search, Switch, SwitchButton, Tickets,
  Upload, User, UserFilled, Iphone,
} from '@element-plus/icons-vue';
import { session, can, restoreSession } from './session.js';
import { currentPath, navigate } from './router.js';
import AppLayout from './pages/layout.js';
import LoginPage from './pages/login.js';
import ForcedPasswordPage from './pages/password.js';
import OrgsPage from './pages/orgs.js';
import SchoolsPage from './pages/schools.js';
import MembersPage from './pages/members.js';
import UsersPage from './pages/users.js';
import AuditPage from './pages/audit.js';
import EmptyPage from './pages/empty.js';
import MePage from './pages/me.js';
import MeetingsPage from './pages/meetings.js';
import CompliancePage from './pages/compliance.js';
import DuesPage from './pages/dues.js';
import TransfersPage from './pages/transfers.js';
import AlertsPage from './pages/alerts.js';
import AccountsPage from './pages/accounts.js';
import LedgersPage from './pages/ledgers.js';
import CheckinPage from './pages/checkin.js';
import InspectionPlansPage from './pages/inspection-plans.js';
import InspectionsPage from './pages/inspections.js';

const ICONS = {
  ArrowDown, Bell, Calendar, Coin, DataAnalysis, Document, Download, Finished, Key, Lock,
  Menu, OfficeBuilding, Plus, Refresh, School, Search, Switch, SwitchButton, Tickets,
  Upload, User, UserFilled, Iphone,
};

/** Menu order is route order; `right` is checked with can(). */
const ROUTES = [
  { path: '/me', title: '我的', icon: 'IconIphone', right: 'self', page: MePage },
  { path: '/alerts', title: '预警中心', icon: 'IconBell', right: 'alerts', page: AlertsPage },
  { path: '/meetings', title: '会议活动', icon: 'IconCalendar', right: 'meetings.read', page: MeetingsPage },
  { path: '/compliance', title: '合规看板', icon: 'IconDataAnalysis', right: 'compliance', page: CompliancePage },
  { path: '/dues', title: '党费', icon: 'IconCoin', right: 'dues.read', page: DuesPage },
  { path: '/transfers', title: '换届与转接', icon: 'IconSwitch', right: 'transfers.read', page: TransfersPage },
  { path: '/members', title: '党员', icon: 'IconUser', right: 'members.read', page: MembersPage },
  { path: '/orgs', title: '组织机构', icon: 'IconOfficeBuilding', right: 'orgs.read', page: OrgsPage },
  { path: '/schools', title: '学校', icon: 'IconSchool', right: 'schools.read', page: SchoolsPage },
  { path: '/accounts', title: '账号开通', icon: 'IconTickets', right: 'accounts', page: AccountsPage },
  { path: '/ledgers', title: '台账导出', icon: 'IconDownload', right: 'ledgers', page: LedgersPage },
  { path: '/users', title: '用户管理', icon: 'IconUserFilled', right: 'users', page: UsersPage },
  { path: '/inspection-plans', title: '督查计划', icon: 'IconTickets', right: 'inspection-plans.read', page: InspectionPlansPage, group: '督查考核' },
  { path: '/inspections', title: '督查评分', icon: 'IconFinished', right: 'inspections.read', page: InspectionsPage, group: '督查考核' },
  { path: '/audit', title: '审计日志', icon: 'IconDocument', right: 'audit', page: AuditPage },
];

/** Pages reached by a link, not the menu (a QR code's /checkin?t=…). */
const HIDDEN_ROUTES = [
  { path: '/checkin', title: '扫码签到', right: 'checkin', page: CheckinPage },
];

const Root = {
  name: 'HongyanConsole',
  components: { AppLayout, LoginPage, ForcedPasswordPage },
  setup() {
    const menu = computed(() => ROUTES.filter((r) => can(r.right)));
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

    return { session, menu, route, page, currentPath };
  },
  template: `
    <div v-if="!session.ready" class="boot">正在加载……</div>
    <login-page v-else-if="!session.user" />
    <forced-password-page v-else-if="session.user.must_change_password" />
    <app-layout v-else :menu="menu" :active="currentPath">
      <component :is="page" :key="currentPath + ':' + session.user.id" />
    </app-layout>`,
};

const app = createApp(Root);
// Cleared pickers give null, which the API reads as "no value".
app.use(ElementPlus, { locale: zhCn, valueOnClear: null });
for (const [name, icon] of Object.entries(ICONS)) app.component(`Icon${name}`, icon);
app.mount('#app');

restoreSession().catch((err) => ElMessage.error(err.message));
