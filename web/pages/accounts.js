// 党员账号: accounts for every member of a branch in one action. The server
// answers a printable .xlsx with each username and initial password, once;
// members must change the password at first login.
import { ref } from 'vue';
import { ElMessageBox } from 'element-plus';
import { OrgSelect, orgName } from '../orgs.js';
import { saveFile } from '../life.js';

export default {
  name: 'AccountsPage',
  components: { OrgSelect },
  setup() {
    const orgId = ref(null);
    const busy = ref(false);
    const done = ref('');

    async function create() {
      try {
        await ElMessageBox.confirm(
          `将为「${orgName(orgId.value)}」尚无账号的党员逐一生成登录账号和初始密码，并下载账号清单。初始密码只提供这一次，请妥善保管并分发给本人。`,
          '批量生成党员账号', { confirmButtonText: '生成并下载', cancelButtonText: '取消', type: 'warning' },
        );
      } catch {
        return;
      }
      busy.value = true;
      const ok = await saveFile('POST', `/orgs/${orgId.value}/member-accounts`, {
        body: {}, name: `党员账号-${orgName(orgId.value)}.xlsx`,
      });
      busy.value = false;
      if (ok) done.value = orgName(orgId.value);
    }

    return { orgId, busy, done, create };
  },
  template: `
    <div class="page accounts-page">
      <div class="page-head"><h2>党员账号</h2></div>
      <el-card shadow="never">
        <p class="hint">党员用账号登录手机端，可查看本人党费、扫码签到、接收提醒。首次登录须修改初始密码。</p>
        <el-form label-position="top" @submit.prevent="create">
          <el-form-item label="党支部">
            <org-select v-model="orgId" :kinds="['branch']" placeholder="请选择党支部" />
          </el-form-item>
          <el-button type="primary" icon="IconDownload" :disabled="!orgId" :loading="busy" native-type="submit">生成账号并下载清单</el-button>
        </el-form>
        <el-alert v-if="done" class="accounts-done" type="success" show-icon :closable="false"
          :title="'已为「' + done + '」生成账号，清单已下载。初始密码不会再次显示。'" />
      </el-card>
    </div>`,
};
