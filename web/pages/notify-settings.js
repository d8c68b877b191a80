// 消息设置 (issue 12): the user's own e-mail address and, per kind of
// message, whether it also comes by e-mail (in the console it always does).
import { reactive, ref, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { useFormErrors, showError } from '../ui.js';

export default {
  name: 'NotifySettingsPage',
  setup() {
    const form = reactive({ email: '', kinds: [] });
    const emailChannel = ref(false);
    const loading = ref(true);
    const busy = ref(false);
    const { errors, clear, report } = useFormErrors();

    function take(answer) {
      form.email = answer.email ?? '';
      form.kinds = (answer.kinds ?? []).map((k) => ({ ...k }));
      emailChannel.value = Boolean(answer.email_channel);
    }

    async function load() {
      loading.value = true;
      try {
        take(await api.get('/session/notify-settings'));
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    async function save() {
      clear();
      busy.value = true;
      try {
        take(await api.put('/session/notify-settings', {
          email: form.email.trim(),
          email_kinds: form.kinds.filter((k) => k.email).map((k) => k.kind),
        }));
        ElMessage.success('消息设置已保存');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    /** The message of a per-kind field error (email_kinds[i]), if any. */
    function kindsError() {
      return Object.entries(errors).filter(([k]) => k.startsWith('email_kinds')).map(([, v]) => v).join('；');
    }

    onMounted(load);
    return { form, emailChannel, loading, busy, errors, save, kindsError, navigate };
  },
  template: `
    <div class="page notify-settings-page">
      <div class="page-head">
        <h2>消息设置</h2>
        <el-button link type="primary" @click="navigate('/notifications')">返回消息</el-button>
      </div>
      <el-card shadow="never" v-loading="loading">
        <el-form label-position="top" @submit.prevent="save" class="notify-settings-form">
          <el-form-item label="电子邮箱" :error="errors.email">
            <el-input v-model="form.email" name="email" inputmode="email" autocomplete="email" placeholder="name@example.cn（可不填）" />
          </el-form-item>
          <el-alert v-if="!emailChannel" type="info" :closable="false" show-icon
            title="系统尚未配置邮件服务器，所选的邮件提醒将在配置后发送。" />
          <el-form-item label="提醒方式" :error="kindsError()">
            <el-table :data="form.kinds" size="small" class="notify-kinds">
              <el-table-column prop="label" label="消息类型" min-width="160" />
              <el-table-column label="站内消息" width="90">
                <template #default><el-tag size="small" type="success" disable-transitions>始终</el-tag></template>
              </el-table-column>
              <el-table-column label="邮件" width="80">
                <template #default="{ row }">
                  <el-switch v-model="row.email" :aria-label="row.label + ' 邮件提醒'" :disabled="!form.email.trim()" />
                </template>
              </el-table-column>
            </el-table>
          </el-form-item>
          <el-button type="primary" native-type="submit" :loading="busy">保存</el-button>
        </el-form>
      </el-card>
    </div>`,
};
