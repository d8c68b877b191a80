// Console entry: mounts Vue with Element Plus (zh-CN), restores the session
// and maps paths to pages.
import { createApp, computed, watchEffect } from 'vue';
import ElementPlus, { ElMessage } from 'element-plus';
import zhCn from 'element-plus/zh-cn';
import {
  ArrowDown, Document, Key, Lock, Menu, OfficeBuilding, Plus, Refresh,
  School, Search, SwitchButton, User, UserFilled,
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

const ICONS = {
  ArrowDown, Document, Key, Lock, Menu, OfficeBuilding, Plus, Refresh,
  School, Search, SwitchButton, User, UserFilled,
};

/** Menu order is route order; `right` is checked with can(). */
const ROUTES = [
  { path: '/members', title: '党员', icon: 'IconUser', right: 'members.read', page: MembersPage },
  { path: '/orgs', title: '组织机构', icon: 'IconOfficeBuilding', right: 'orgs.read', page: OrgsPage },
  { path: '/schools', title: '学校', icon: 'IconSchool', right: 'schools.read', page: SchoolsPage },
  { path: '/users', title: '用户管理', icon: 'IconUserFilled', right: 'users', page: UsersPage },
  { path: '/audit', title: '审计日志', icon: 'IconDocument', right: 'audit', page: AuditPage },
];

const Root = {
  name: 'HongyanConsole',
  components: { AppLayout, LoginPage, ForcedPasswordPage },
  setup() {
    const menu = computed(() => ROUTES.filter((r) => can(r.right)));
    const route = computed(() => menu.value.find((r) => r.path === currentPath.value));
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
