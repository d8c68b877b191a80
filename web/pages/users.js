// 用户管理 (the security administrator, SEC-05): accounts, roles, scopes,
// disabling, password resets. The three administrators' accounts are listed
// but made and changed only with the CLI (hongyan user …).
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { ROLES, ADMIN_ROLES, UNSCOPED_ROLES, labelOf } from '../labels.js';
import { ensureOrgs, orgName, OrgSelect } from '../orgs.js';
import { usePagedList, ListPager } from '../list.js';
import { isMobile, dialogWidth, showError, useFormErrors, changedFields, filledFields } from '../ui.js';
import { PASSWORD_POLICY, passwordProblem } from './password.js';

/** The roles an account may be given here: every one but the administrators'. */
const ASSIGNABLE_ROLES = Object.fromEntries(Object.entries(ROLES).filter(([r]) => !ADMIN_ROLES.includes(r)));

const EMPTY_USER = { username: '', role: 'secretary', scope: [], member_id: null, disabled: false };

const PASSWORD_ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%^&*-_+='];

/** A random 14-character password with every character class (SEC-01). */
function generatePassword() {
  const all = PASSWORD_ALPHABETS.join('');
  const random = (n) => crypto.getRandomValues(new Uint32Array(1))[0] % n;
  const chars = PASSWORD_ALPHABETS.map((a) => a[random(a.length)]);
  while (chars.length < 14) chars.push(all[random(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** Create (no `user`) or edit dialog; a create without password gets a generated one. */
const UserDialog = {
  name: 'UserDialog',
  components: { OrgSelect },
  props: { user: Object },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const original = Object.fromEntries(
      Object.keys(EMPTY_USER).map((k) => [k, props.user?.[k] ?? EMPTY_USER[k]]),
    );
    const form = reactive({ ...original, password: '' });
    const scoped = computed(() => !UNSCOPED_ROLES.includes(form.role));
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    function payload() {
      const { password, disabled, ...fields } = form;
      // A role without organization scope sends none (the server refuses
      // one for the supervision office and a 督学, issue 13).
      if (!scoped.value) fields.scope = [];
      if (props.user) return changedFields(original, { ...fields, disabled });
      return filledFields({ ...fields, password });
    }

    async function save() {
      clear();
      busy.value = true;
      try {
        const saved = props.user
          ? await api.patch(`/users/${props.user.id}`, payload())
          : await api.post('/users', payload());
        ElMessage.success(props.user ? '用户已保存' : '用户已创建');
        emit('saved', saved);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { form, scoped, errors, busy, save, ASSIGNABLE_ROLES, PASSWORD_POLICY, dialogWidth, isMobile };
  },
  template: `
    <el-dialog :model-value="true" :title="user ? '编辑用户' : '新建用户'" :width="dialogWidth" @close="$emit('close')">
      <el-form :model="form" :label-position="isMobile ? 'top' : 'right'" label-width="100px" @submit.prevent="save">
        <el-form-item label="用户名" required :error="errors.username">
          <el-input v-model.trim="form.username" name="username" maxlength="32" autocomplete="off" />
        </el-form-item>
        <el-form-item label="角色" required :error="errors.role">
          <el-select v-model="form.role">
            <el-option v-for="(label, value) in ASSIGNABLE_ROLES" :key="value" :value="value" :label="label" />
          </el-select>
        </el-form-item>
        <el-form-item v-if="scoped" label="管辖范围" :error="errors.scope">
          <org-select v-model="form.scope" multiple placeholder="可管辖的组织（含下级）" />
        </el-form-item>
        <el-form-item label="关联党员编号" :error="errors.member_id">
          <el-input-number v-model="form.member_id" :min="1" :controls="false" placeholder="可不填" />
        </el-form-item>
        <el-form-item v-if="user" label="停用账号" :error="errors.disabled">
          <el-switch v-model="form.disabled" active-text="停用" inactive-text="正常" inline-prompt />
        </el-form-item>
        <el-form-item v-else label="初始密码" :error="errors.password">
          <el-input v-model="form.password" type="password" show-password autocomplete="new-password"
            placeholder="留空则由系统生成" />
          <div class="field-hint">{{ PASSWORD_POLICY }}；用户首次登录须修改。</div>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

/** Setting a new password for another user, who must change it at next login. */
const ResetDialog = {
  name: 'ResetDialog',
  props: { user: { type: Object, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const password = ref(generatePassword());
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function save() {
      clear();
      const problem = passwordProblem(password.value);
      if (problem) {
        errors.password = problem;
        return;
      }
      busy.value = true;
      try {
        await api.patch(`/users/${props.user.id}`, { password: password.value });
        emit('saved', password.value);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { password, errors, busy, save, generatePassword, dialogWidth };
  },
  template: `
    <el-dialog :model-value="true" :title="'重置「' + user.username + '」的密码'" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="新密码" :error="errors.password">
          <el-input v-model="password" class="mono">
            <template #append><el-button @click="password = generatePassword()">重新生成</el-button></template>
          </el-input>
        </el-form-item>
      </el-form>
      <p class="hint">用户使用新密码登录后须立即修改。</p>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">重置密码</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'UsersPage',
  components: { UserDialog, ResetDialog, ListPager },
  setup() {
    // Issue 12: searched on the server (q: part of the username; role), paged in SQL.
    const filters = reactive({ q: '', role: '' });
    const { list, load, search } = usePagedList('/users', filters);
    const dialog = ref(null); // { type: 'form' | 'reset', user? }
    const shownPassword = reactive({ username: '', password: '' });

    function showPassword(username, password) {
      Object.assign(shownPassword, { username, password });
    }

    function onSaved(user) {
      dialog.value = null;
      if (user?.password) showPassword(user.username, user.password);
      load();
    }

    function onReset(password) {
      showPassword(dialog.value.user.username, password);
      dialog.value = null;
      load();
    }

    async function copyPassword() {
      try {
        await navigator.clipboard.writeText(shownPassword.password);
        ElMessage.success('已复制');
      } catch {
        ElMessage.warning('无法访问剪贴板，请手动复制');
      }
    }

    // SEC-04: a lost phone; the user enrols again at the next login.
    async function resetTotp(user) {
      try {
        await ElMessageBox.confirm(`重置后「${user.username}」的身份验证器和恢复码全部失效，其登录会话也将结束，下次登录时须重新绑定。确定重置？`,
          '重置双因素认证', { type: 'warning', confirmButtonText: '重置', cancelButtonText: '取消' });
      } catch {
        return;
      }
      try {
        await api.del(`/users/${user.id}/totp`);
        ElMessage.success('已重置双因素认证');
        load();
      } catch (err) {
        showError(err);
      }
    }

    const UNSCOPED_NAMES = { supervision_office: '全部学校（校长任期督导）', supervisor: '挂牌学校（督导室分配）' };
    const scopeNames = (user) => (UNSCOPED_ROLES.includes(user.role) ? UNSCOPED_NAMES[user.role] ?? '全部' : (user.scope ?? []).map(orgName).join('、') || '—');

    onMounted(() => {
      ensureOrgs().catch(showError);
      load();
    });

    return {
      filters, search, list, load, dialog, onSaved, onReset, shownPassword, copyPassword, scopeNames, resetTotp,
      ROLES, ADMIN_ROLES, labelOf, isMobile, dialogWidth,
    };
  },
  template: `
    <div class="page">
      <div class="page-head">
        <h2>用户管理</h2>
        <el-button type="primary" icon="IconPlus" @click="dialog = { type: 'form', user: null }">新建用户</el-button>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" class="users-search" @submit.prevent="search">
          <el-form-item label="用户名">
            <el-input v-model.trim="filters.q" name="q" maxlength="32" placeholder="输入用户名查找" clearable @clear="search" />
          </el-form-item>
          <el-form-item label="角色">
            <el-select v-model="filters.role" placeholder="全部" clearable @change="search">
              <el-option v-for="(label, value) in ROLES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item class="filter-buttons">
            <el-button type="primary" native-type="submit" icon="IconSearch">查询</el-button>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card shadow="never">
        <el-table :data="list.items" v-loading="list.loading" row-key="id" :empty-text="filters.q || filters.role ? '没有符合条件的用户' : '暂无用户'">
          <el-table-column prop="username" label="用户名" min-width="120" />
          <el-table-column prop="role" label="角色" min-width="130">
            <template #default="{ row }">{{ labelOf(ROLES, row.role) }}</template>
          </el-table-column>
          <el-table-column label="管辖范围" min-width="180" show-overflow-tooltip>
            <template #default="{ row }">{{ scopeNames(row) }}</template>
          </el-table-column>
          <el-table-column prop="member_id" label="关联党员" width="90" />
          <el-table-column label="状态" width="250">
            <template #default="{ row }">
              <el-tag v-if="row.disabled" disable-transitions type="info" size="small">已停用</el-tag>
              <el-tag v-else disable-transitions type="success" size="small">正常</el-tag>
              <el-tag v-if="row.locked" disable-transitions type="danger" size="small" class="tag-gap">已锁定</el-tag>
              <el-tag v-if="row.must_change_password" disable-transitions type="warning" size="small" class="tag-gap">待改密</el-tag>
              <el-tag v-if="row.totp_enrolled" disable-transitions size="small" class="tag-gap">已绑定验证器</el-tag>
            </template>
          </el-table-column>
          <el-table-column label="操作" width="230" :fixed="isMobile ? false : 'right'">
            <template #default="{ row }">
              <span v-if="ADMIN_ROLES.includes(row.role)" class="hint">命令行管理</span>
              <template v-else>
                <el-button link type="primary" @click="dialog = { type: 'form', user: row }">编辑</el-button>
                <el-button link type="primary" @click="dialog = { type: 'reset', user: row }">重置密码</el-button>
                <el-button v-if="row.totp_enrolled" link type="danger" @click="resetTotp(row)">重置双因素</el-button>
              </template>
            </template>
          </el-table-column>
        </el-table>
        <list-pager :list="list" @change="load" />
      </el-card>
      <user-dialog v-if="dialog?.type === 'form'" :user="dialog.user" @saved="onSaved" @close="dialog = null" />
      <reset-dialog v-if="dialog?.type === 'reset'" :user="dialog.user" @saved="onReset" @close="dialog = null" />
      <el-dialog :model-value="Boolean(shownPassword.password)" title="请记下密码" :width="dialogWidth"
        @close="shownPassword.password = ''">
        <p>用户 <b>{{ shownPassword.username }}</b> 的密码如下，<b>只显示这一次</b>，请妥善转交。用户首次登录须修改密码。</p>
        <div class="shown-password mono">{{ shownPassword.password }}</div>
        <template #footer>
          <el-button @click="copyPassword">复制</el-button>
          <el-button type="primary" @click="shownPassword.password = ''">我已记下</el-button>
        </template>
      </el-dialog>
    </div>`,
};
