// The frame around every page: side menu (a drawer on phones), header with
// the user's name and role, the user menu (change password, log out).
import { ref, computed } from 'vue';
import { ElMessageBox } from 'element-plus';
import { session, logout } from '../session.js';
import { navigate } from '../router.js';
import { ROLES, labelOf } from '../labels.js';
import { isMobile, dialogWidth } from '../ui.js';
import { PasswordForm } from './password.js';
import { TotpEnrol } from './totp.js';
import { NotifyBell } from './notifications.js';
import { can } from '../session.js';

/** The sub-menus' icons (a group without one takes its first entry's). */
const GROUP_ICONS = {
  交流学习: 'IconReading', 督查考核: 'IconStamp', 发展与培养: 'IconPromotion', 双创双强: 'IconFlag',
  校长任期督导: 'IconMedal',
};

/**
 * Menu entries in route order; entries with a `group` gather into one
 * sub-menu placed where the group's first entry is, opened when it holds
 * the current page.
 */
export function menuSections(menu) {
  const sections = [];
  const groups = new Map();
  for (const item of menu) {
    if (!item.group) {
      sections.push({ key: item.path, item });
    } else if (groups.has(item.group)) {
      groups.get(item.group).items.push(item);
    } else {
      const icon = GROUP_ICONS[item.group] ?? item.icon;
      const section = { key: `group:${item.group}`, title: item.group, icon, items: [item] };
      groups.set(item.group, section);
      sections.push(section);
    }
  }
  return sections;
}

const NavMenu = {
  name: 'NavMenu',
  props: { menu: Array, active: String },
  emits: ['go'],
  setup(props) {
    const sections = computed(() => menuSections(props.menu));
    const opened = computed(() => sections.value
      .filter((s) => s.items?.some((i) => i.path === props.active)).map((s) => s.key));
    return { sections, opened };
  },
  template: `
    <el-menu class="nav-menu" :default-active="active" :default-openeds="opened" @select="$emit('go', $event)">
      <template v-for="s in sections" :key="s.key">
        <el-menu-item v-if="s.item" :index="s.item.path">
          <el-icon><component :is="s.item.icon" /></el-icon>
          <span>{{ s.item.title }}</span>
          <el-badge v-if="s.item.count" :value="s.item.count" :max="99" class="menu-count" />
        </el-menu-item>
        <el-sub-menu v-else :index="s.key">
          <template #title>
            <el-icon><component :is="s.icon" /></el-icon>
            <span>{{ s.title }}</span>
          </template>
          <el-menu-item v-for="item in s.items" :key="item.path" :index="item.path">
            <el-icon><component :is="item.icon" /></el-icon>
            <span>{{ item.title }}</span>
            <el-badge v-if="item.count" :value="item.count" :max="99" class="menu-count" />
          </el-menu-item>
        </el-sub-menu>
      </template>
    </el-menu>`,
};

export default {
  name: 'AppLayout',
  components: { NavMenu, PasswordForm, TotpEnrol, NotifyBell },
  props: {
    menu: { type: Array, required: true },
    active: { type: String, default: '' },
  },
  setup() {
    const drawerOpen = ref(false);
    const passwordOpen = ref(false);
    const totpOpen = ref(false);
    const user = computed(() => session.user);
    const roleLabel = computed(() => labelOf(ROLES, user.value?.role));

    function go(path) {
      drawerOpen.value = false;
      navigate(path);
    }

    async function confirmLogout() {
      await ElMessageBox.confirm('确定退出登录吗？', '退出登录', {
        confirmButtonText: '退出', cancelButtonText: '取消', type: 'warning',
      });
      await logout();
    }

    function onUserCommand(cmd) {
      if (cmd === 'password') passwordOpen.value = true;
      if (cmd === 'totp') totpOpen.value = true;
      if (cmd === 'logout') confirmLogout().catch(() => {});
      if (cmd === 'notify-settings') navigate('/notify-settings');
    }

    return { drawerOpen, passwordOpen, totpOpen, user, roleLabel, isMobile, dialogWidth, go, onUserCommand, can };
  },
  template: `
    <el-container class="layout">
      <el-aside v-if="!isMobile" class="layout-aside" width="208px">
        <div class="aside-brand"><span class="brand-mark small">红岩</span>智慧党建</div>
        <nav-menu :menu="menu" :active="active" @go="go" />
      </el-aside>
      <el-drawer v-else v-model="drawerOpen" direction="ltr" size="240px" :with-header="false" class="nav-drawer">
        <div class="aside-brand"><span class="brand-mark small">红岩</span>智慧党建</div>
        <nav-menu :menu="menu" :active="active" @go="go" />
      </el-drawer>
      <el-container class="layout-main">
        <el-header class="layout-header">
          <el-button v-if="isMobile" class="menu-toggle" text icon="IconMenu" aria-label="打开菜单" @click="drawerOpen = true" />
          <span class="header-title">{{ isMobile ? '红岩党建' : '红岩智慧党建平台' }}</span>
          <notify-bell v-if="can('notifications')" />
          <el-dropdown trigger="click" @command="onUserCommand">
            <span class="user-chip">
              <el-icon><icon-user /></el-icon>
              <span class="user-name">{{ user.username }}</span>
              <el-tag disable-transitions size="small" effect="plain" class="role-tag">{{ roleLabel }}</el-tag>
              <el-icon><icon-arrow-down /></el-icon>
            </span>
            <template #dropdown>
              <el-dropdown-menu>
                <el-dropdown-item command="password" icon="IconKey">修改密码</el-dropdown-item>
                <el-dropdown-item v-if="can('notifications')" command="notify-settings" icon="IconBell">消息设置</el-dropdown-item>
                <el-dropdown-item v-if="!user.totp_enrolled" command="totp" icon="IconLock">开启双因素认证</el-dropdown-item>
                <el-dropdown-item command="logout" icon="IconSwitchButton" divided>退出登录</el-dropdown-item>
              </el-dropdown-menu>
            </template>
          </el-dropdown>
        </el-header>
        <el-main class="layout-content">
          <slot />
        </el-main>
      </el-container>
      <el-dialog v-model="passwordOpen" title="修改密码" :width="dialogWidth" destroy-on-close append-to-body>
        <password-form @done="passwordOpen = false" />
      </el-dialog>
      <el-dialog v-model="totpOpen" title="开启双因素认证" :width="dialogWidth" destroy-on-close append-to-body>
        <totp-enrol @done="totpOpen = false" />
      </el-dialog>
    </el-container>`,
};
