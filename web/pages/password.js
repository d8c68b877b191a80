// Changing one's own password: forced after a generated or reset password,
// or chosen from the user menu.
import { reactive, ref, computed } from 'vue';
import { ElMessage } from 'element-plus';
import { changePassword, logout, session } from '../session.js';
import { useFormErrors } from '../ui.js';

export const PASSWORD_POLICY = '至少 10 位，且包含大写字母、小写字母、数字、符号中的至少三类';

/** The policy problem with `pw` in Chinese, or '' when it complies (SEC-01). */
export function passwordProblem(pw) {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (pw.length < 10) return '密码至少 10 位';
  if (classes < 3) return '须包含大写字母、小写字母、数字、符号中的至少三类';
  return '';
}

/** The change form; emits `done` after the server accepted the new password. */
export const PasswordForm = {
  name: 'PasswordForm',
  emits: ['done'],
  setup(_, { emit }) {
    const form = reactive({ old_password: '', new_password: '', confirm: '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    function checkLocally() {
      const problem = passwordProblem(form.new_password);
      if (problem) errors.new_password = problem;
      else if (form.new_password === form.old_password) errors.new_password = '新密码不能与原密码相同';
      if (form.confirm !== form.new_password) errors.confirm = '两次输入的新密码不一致';
      return Object.keys(errors).length === 0;
    }

    async function submit() {
      clear();
      if (!checkLocally()) return;
      busy.value = true;
      try {
        await changePassword(form.old_password, form.new_password);
        ElMessage.success('密码已修改');
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { form, errors, busy, submit, PASSWORD_POLICY };
  },
  template: `
    <el-form class="password-form" :model="form" label-position="top" @submit.prevent="submit">
      <el-form-item label="原密码" :error="errors.old_password">
        <el-input v-model="form.old_password" name="old_password" type="password" show-password autocomplete="current-password" />
      </el-form-item>
      <el-form-item label="新密码" :error="errors.new_password">
        <el-input v-model="form.new_password" name="new_password" type="password" show-password autocomplete="new-password" />
      </el-form-item>
      <el-form-item label="确认新密码" :error="errors.confirm">
        <el-input v-model="form.confirm" name="confirm" type="password" show-password autocomplete="new-password" />
      </el-form-item>
      <el-alert class="policy" type="info" :closable="false" show-icon :title="'密码要求：' + PASSWORD_POLICY" />
      <el-button class="wide" type="primary" native-type="submit" :loading="busy">确认修改</el-button>
    </el-form>`,
};

/** The full page shown until the first-login change is done. */
export default {
  name: 'ForcedPasswordPage',
  components: { PasswordForm },
  setup() {
    const userName = computed(() => session.user?.username ?? '');
    // SEC-01: past its age rather than chosen by someone else.
    const expired = computed(() => Boolean(session.user?.password_expired));
    return { userName, expired, logout };
  },
  template: `
    <div class="login-page">
      <el-card class="login-card" shadow="always">
        <h1 class="login-title">{{ expired ? '密码已到期' : '修改初始密码' }}</h1>
        <p v-if="expired" class="login-sub">{{ userName }}，您的密码已超过规定期限未修改，为保障账号安全，请先设置新密码。</p>
        <p v-else class="login-sub">{{ userName }}，您正在使用系统生成或他人设置的密码，为保障账号安全，请先设置新密码。</p>
        <password-form />
        <el-button class="wide back-link" link @click="logout">退出登录</el-button>
      </el-card>
    </div>`,
};
