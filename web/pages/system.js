// 系统状态 (the system administrator, SEC-05): the system's own health —
// version, schema, uptime, database size, accounts per role, sessions,
// audit rows and record counts — from GET /api/v1/system. Counts only: the
// system administrator reads no business record.
import { ref, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { ROLES, labelOf } from '../labels.js';
import { showError, formatTime } from '../ui.js';

const COUNT_LABELS = {
  schools: '学校', orgs: '党组织', members: '党员', meetings: '会议活动', sessions: '在线会话', audit_rows: '审计记录',
  outbox_pending: '待发外发消息', outbox_dead: '外发失败消息',
};

const SETTING_LABELS = {
  session_idle_s: '会话空闲超时（秒）',
  lockout_threshold: '登录失败锁定次数',
  lockout_s: '锁定时长（秒）',
  password_min_length: '密码最短长度',
  password_history: '不得重复的历史密码数',
  body_max: '请求体上限（字节）',
  upload_max: '上传文件上限（字节）',
  threads: '工作线程（0 为按核数）',
};

/** "3 天 4 小时" from seconds. */
function uptime(s) {
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return d ? `${d} 天 ${h} 小时` : h ? `${h} 小时 ${m} 分` : `${m} 分`;
}

/** "12.3 MB" from bytes. */
function size(bytes) {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export default {
  name: 'SystemPage',
  setup() {
    const info = ref(null);
    const dead = ref({ items: [], total: 0 });
    async function load() {
      try {
        info.value = await api.get('/system');
        dead.value = await api.get('/system/dead-letters', { per_page: 20 });
      } catch (err) {
        showError(err);
      }
    }
    // Issue 12: an outbound message (group robot, e-mail) that used up its retries.
    async function retry(row) {
      try {
        await api.post(`/system/dead-letters/${row.id}/retry`);
        ElMessage.success('已重新排队发送');
        load();
      } catch (err) {
        showError(err);
      }
    }
    onMounted(load);
    return { info, dead, load, retry, uptime, size, formatTime, labelOf, ROLES, COUNT_LABELS, SETTING_LABELS };
  },
  template: `
    <div class="page system-page">
      <div class="page-head">
        <h2>系统状态</h2>
        <el-button icon="IconRefresh" @click="load">刷新</el-button>
      </div>
      <p class="hint">系统管理员负责系统配置、备份与运行状态；账号由安全管理员管理，审计日志由审计管理员查阅，业务数据由区教育工委和各级党组织处理（三员分立）。</p>
      <template v-if="info">
        <el-card shadow="never" class="system-card">
          <template #header>运行状态</template>
          <el-descriptions :column="2" border>
            <el-descriptions-item label="版本">{{ info.version }}</el-descriptions-item>
            <el-descriptions-item label="数据库结构">{{ info.schema }}（本版本 {{ info.schema_latest }}）</el-descriptions-item>
            <el-descriptions-item label="启动时间">{{ formatTime(info.started_at) }}</el-descriptions-item>
            <el-descriptions-item label="已运行">{{ uptime(info.uptime_s) }}</el-descriptions-item>
            <el-descriptions-item label="数据库大小">{{ size(info.database_bytes) }}</el-descriptions-item>
          </el-descriptions>
        </el-card>
        <el-card shadow="never" class="system-card">
          <template #header>数据量</template>
          <el-descriptions :column="3" border>
            <el-descriptions-item v-for="(label, key) in COUNT_LABELS" :key="key" :label="label">{{ info.counts[key] }}</el-descriptions-item>
          </el-descriptions>
        </el-card>
        <el-card shadow="never" class="system-card">
          <template #header>启用账号（按角色）</template>
          <el-descriptions :column="3" border>
            <el-descriptions-item v-for="(n, role) in info.accounts" :key="role" :label="labelOf(ROLES, role)">{{ n }}</el-descriptions-item>
          </el-descriptions>
        </el-card>
        <el-card shadow="never" class="system-card">
          <template #header>安全设置（启动参数，见运维文档）</template>
          <el-descriptions :column="2" border>
            <el-descriptions-item v-for="(label, key) in SETTING_LABELS" :key="key" :label="label">{{ info.settings[key] }}</el-descriptions-item>
          </el-descriptions>
        </el-card>
        <el-card shadow="never" class="system-card dead-letters">
          <template #header>外发消息失败（群机器人、邮件，共 {{ dead.total }} 条）</template>
          <el-table :data="dead.items" size="small" empty-text="没有发送失败的消息">
            <el-table-column label="渠道" width="90">
              <template #default="{ row }">{{ row.channel === 'email' ? '邮件' : '群机器人' }}</template>
            </el-table-column>
            <el-table-column prop="target" label="发往" min-width="180" show-overflow-tooltip />
            <el-table-column prop="attempts" label="尝试次数" width="90" />
            <el-table-column prop="last_error" label="最后错误" min-width="160" show-overflow-tooltip />
            <el-table-column label="失败时间" width="170">
              <template #default="{ row }">{{ formatTime(row.dead_at) }}</template>
            </el-table-column>
            <el-table-column label="" width="90">
              <template #default="{ row }"><el-button link type="primary" @click="retry(row)">重新发送</el-button></template>
            </el-table-column>
          </el-table>
        </el-card>
      </template>
    </div>`,
};
