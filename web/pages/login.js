// Login page.
import { reactive, ref } from 'vue';
import { login } from '../session.js';
import { useFormErrors } from '../ui.js';

export default {
  name: 'LoginPage',
  setup() {
    const form = reactive({ username: '', password: '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function submit() {
      clear();
      busy.value = true;
      try {
        await login(form.username.trim(), form.password);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { form, errors, busy, submit };
  },
  template: `
    <div class="login-page">
      <el-card class="login-card" shadow="always">
        <div class="brand-mark">红岩</div>
        <h1 class="login-title">红岩智慧党建平台</h1>
        <p class="login-sub">区教育系统学校党建工作管理</p>
        <el-form :model="form" label-position="top" @submit.prevent="submit">
          <el-form-item label="用户名" :error="errors.username">
            <el-input v-model="form.username" name="username" autocomplete="username" prefix-icon="IconUser" placeholder="请输入用户名" />
          </el-form-item>
          <el-form-item label="密码" :error="errors.password">
            <el-input v-model="form.password" name="password" type="password" show-password autocomplete="current-password" prefix-icon="IconLock" placeholder="请输入密码" />
          </el-form-item>
          <el-button class="wide" type="primary" native-type="submit" :loading="busy">登 录</el-button>
        </el-form>
      </el-card>
    </div>`,
};
