// Two-factor login by choice (SEC-04) for a user whose role does not
// require it: the QR code and the secret, the first code, then the recovery
// codes shown once. Required roles enrol at login instead (login.js).
import { ref, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { restoreSession } from '../session.js';
import { showError } from '../ui.js';

export const TotpEnrol = {
  name: 'TotpEnrol',
  emits: ['done'],
  setup(_, { emit }) {
    const start = ref(null);
    const code = ref('');
    const error = ref('');
    const codes = ref(null);
    const busy = ref(false);

    onMounted(async () => {
      try {
        start.value = await api.post('/session/totp');
      } catch (err) {
        showError(err);
        emit('done');
      }
    });

    async function confirm() {
      error.value = '';
      if (!/^\d{6}$/.test(code.value.trim())) {
        error.value = '请输入 6 位数字验证码';
        return;
      }
      busy.value = true;
      try {
        const answer = await api.post('/session/totp/confirm', { mfa_token: start.value.mfa_token, code: code.value.trim() });
        codes.value = answer.recovery_codes;
      } catch (err) {
        code.value = '';
        if (err.code === 'bad_code') error.value = err.message;
        else showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function finish() {
      await restoreSession();
      ElMessage.success('已开启双因素认证，下次登录时须输入验证码');
      emit('done');
    }

    return { start, code, error, codes, busy, confirm, finish };
  },
  template: `
    <div class="totp-enrol">
      <template v-if="codes">
        <el-alert type="warning" :closable="false" show-icon title="以下 10 个恢复码仅显示这一次，每个只能使用一次。手机丢失时可用恢复码代替验证码登录，请妥善保存。" />
        <ol class="recovery-codes">
          <li v-for="c in codes" :key="c"><code>{{ c }}</code></li>
        </ol>
        <el-button class="wide" type="primary" @click="finish">我已妥善保存</el-button>
      </template>
      <el-form v-else-if="start" label-position="top" @submit.prevent="confirm">
        <p class="mfa-help">用手机上的身份验证器扫描二维码，或手动输入密钥，然后填写应用显示的 6 位验证码。</p>
        <div class="mfa-qr" v-html="start.qr_svg" aria-label="双因素认证二维码"></div>
        <p class="mfa-secret-label">手动输入的密钥：</p>
        <code class="mfa-secret">{{ start.secret }}</code>
        <el-form-item label="验证码" :error="error">
          <el-input v-model="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" placeholder="6 位数字" />
        </el-form-item>
        <el-button class="wide" type="primary" native-type="submit" :loading="busy">确认绑定</el-button>
      </el-form>
    </div>`,
};
