// Login page: the password, then for accounts with two-factor login
// (SEC-04) the code of the authenticator app; at the first such login the
// enrolment (QR code, the secret as text) and the recovery codes, shown once.
import { reactive, ref } from 'vue';
import { ElMessage } from 'element-plus';
import { login, loginMfa, acceptSession } from '../session.js';
import { useFormErrors } from '../ui.js';

/** A warning at login when the password is due for its change (SEC-01). */
function warnPasswordAge(user) {
  const days = user?.password_expires_in_days;
  if (days === undefined || days === null || user.must_change_password) return;
  ElMessage.warning({
    message: days > 0 ? `您的密码将在 ${days} 天后到期，请尽快在右上角菜单中修改密码` : '您的密码今天到期，请尽快修改密码',
    duration: 8000,
  });
}

export default {
  name: 'LoginPage',
  setup() {
    const form = reactive({ username: '', password: '', code: '', recovery: '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    // 'password' → 'code' (verify or enrol) → 'recovery' (after enrolment) → the console.
    const step = ref('password');
    const mfa = ref(null);
    const useRecovery = ref(false);
    const finished = ref(null);

    async function submit() {
      clear();
      busy.value = true;
      try {
        const second = await login(form.username.trim(), form.password);
        if (second) {
          mfa.value = second;
          step.value = 'code';
          form.password = '';
        }
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    async function submitCode() {
      clear();
      const code = form.code.replace(/\s/g, '');
      if (!useRecovery.value && !/^\d{6}$/.test(code)) {
        errors.code = '请输入 6 位数字验证码';
        return;
      }
      if (useRecovery.value && !form.recovery.trim()) {
        errors.recovery_code = '请输入恢复码';
        return;
      }
      busy.value = true;
      try {
        const answer = await loginMfa(mfa.value.mfa_token, useRecovery.value
          ? { recoveryCode: form.recovery.trim() } : { code });
        if (answer.recovery_codes?.length) {
          finished.value = answer;
          step.value = 'recovery';
        } else {
          acceptSession(answer);
          warnPasswordAge(answer.user);
        }
      } catch (err) {
        form.code = '';
        if (err.code === 'bad_code') {
          errors[useRecovery.value ? 'recovery_code' : 'code'] = err.message;
        } else {
          // Expired, locked (SEC-02) or anything else: said as a message;
          // an expired or locked login starts again from the password.
          if (err.code === 'mfa_expired' || err.status === 429) restart();
          report(err);
        }
      } finally {
        busy.value = false;
      }
    }

    function enter() {
      acceptSession(finished.value);
      warnPasswordAge(finished.value.user);
    }

    function restart() {
      step.value = 'password';
      mfa.value = null;
      form.code = '';
      form.recovery = '';
      useRecovery.value = false;
      clear();
    }

    return { form, errors, busy, submit, step, mfa, useRecovery, submitCode, finished, enter, restart };
  },
  template: `
    <div class="login-page">
      <el-card class="login-card" shadow="always">
        <div class="brand-mark">红岩</div>
        <h1 class="login-title">红岩智慧党建平台</h1>
        <p class="login-sub">区教育系统学校党建工作管理</p>
        <el-form v-if="step === 'password'" :model="form" label-position="top" @submit.prevent="submit">
          <el-form-item label="用户名" :error="errors.username">
            <el-input v-model="form.username" name="username" autocomplete="username" prefix-icon="IconUser" placeholder="请输入用户名" />
          </el-form-item>
          <el-form-item label="密码" :error="errors.password">
            <el-input v-model="form.password" name="password" type="password" show-password autocomplete="current-password" prefix-icon="IconLock" placeholder="请输入密码" />
          </el-form-item>
          <el-button class="wide" type="primary" native-type="submit" :loading="busy">登 录</el-button>
        </el-form>

        <el-form v-else-if="step === 'code'" class="mfa-step" :model="form" label-position="top" @submit.prevent="submitCode">
          <template v-if="mfa.mfa === 'enroll'">
            <h2 class="mfa-title">设置双因素认证</h2>
            <p class="mfa-help">您的账号须使用双因素认证。请用手机上的身份验证器（如 Google Authenticator、Microsoft Authenticator 或其他支持 TOTP 的应用）扫描下方二维码，或手动输入密钥，然后填写应用显示的 6 位验证码。</p>
            <div class="mfa-qr" v-html="mfa.qr_svg" aria-label="双因素认证二维码"></div>
            <p class="mfa-secret-label">手动输入的密钥：</p>
            <code class="mfa-secret">{{ mfa.secret }}</code>
          </template>
          <template v-else>
            <h2 class="mfa-title">双因素认证</h2>
            <p class="mfa-help">请输入身份验证器显示的 6 位验证码。</p>
          </template>
          <el-form-item v-if="!useRecovery" label="验证码" :error="errors.code">
            <el-input v-model="form.code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" placeholder="6 位数字" />
          </el-form-item>
          <el-form-item v-else label="恢复码" :error="errors.recovery_code">
            <el-input v-model="form.recovery" name="recovery_code" autocomplete="off" placeholder="例如 ABCDE-FGHJK" />
          </el-form-item>
          <el-button class="wide" type="primary" native-type="submit" :loading="busy">验 证</el-button>
          <div class="mfa-links">
            <el-button v-if="mfa.mfa === 'verify'" link type="primary" @click="useRecovery = !useRecovery">{{ useRecovery ? '使用验证码' : '手机丢失？使用恢复码' }}</el-button>
            <el-button link @click="restart">返回重新登录</el-button>
          </div>
        </el-form>

        <div v-else-if="step === 'recovery'" class="mfa-recovery">
          <h2 class="mfa-title">请妥善保存恢复码</h2>
          <el-alert type="warning" :closable="false" show-icon title="以下 10 个恢复码仅显示这一次，每个只能使用一次。手机丢失或无法使用身份验证器时，可用恢复码代替验证码登录。请抄写或打印后妥善保存，不要与他人分享。" />
          <ol class="recovery-codes">
            <li v-for="c in finished.recovery_codes" :key="c"><code>{{ c }}</code></li>
          </ol>
          <el-button class="wide" type="primary" @click="enter">我已妥善保存，进入系统</el-button>
        </div>
      </el-card>
    </div>`,
};
