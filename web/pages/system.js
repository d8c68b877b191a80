// 系统状态 (the system administrator, SEC-05): the system's own health —
// version, schema, uptime, database size, accounts per role, sessions,
// audit rows and record counts — from GET /api/v1/system. Counts only: the
// system administrator reads no business record.
import { ref, onMounted } from 'vue';
import { api } from '../api.js';
import { ROLES, labelOf } from '../labels.js';
import { showError, formatTime } from '../ui.js';

const COUNT_LABELS = {
  schools: '学校', orgs: '党组织', members: '党员', meetings: '会议活动', sessions: '在线会话', audit_rows: '审计记录',
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
    async function load() {
      try {
        info.value = await api.get('/system');
      } catch (err) {
        showError(err);
      }
    }
    onMounted(load);
    return { info, load, uptime, size, formatTime, labelOf, ROLES, COUNT_LABELS, SETTING_LABELS };
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
      </template>
    </div>`,
};
