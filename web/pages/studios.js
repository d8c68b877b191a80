// 三名工作室: studios of famous teachers, principals and class teachers:
// host, level, focus; members joining and leaving; activities (seminars,
// lessons, joint lesson preparation, courses) and outputs; district totals
// and per-studio counts, all counted by the server.
import { ref, computed, onMounted } from 'vue';
import { api } from '../api.js';
import { can } from '../session.js';
import { STUDIO_KINDS, STUDIO_LEVELS, STUDIO_ACTIVITY_KINDS, STUDIO_OUTPUT_KINDS, labelOf } from '../labels.js';
import { ElMessage, ElMessageBox } from 'element-plus';
import { isMobile, showError } from '../ui.js';
import { todayChina, useLoad, LoadState } from '../life.js';
import { FormDialog } from './cultivate-ui.js';

const STUDIO_FIELDS = [
  { key: 'org_id', label: '所属学校党组织', type: 'org', required: true },
  { key: 'name', label: '工作室名称', required: true, max: 64 },
  { key: 'kind', label: '类别', type: 'select', options: STUDIO_KINDS, required: true },
  { key: 'host_name', label: '领衔人', required: true, max: 32 },
  { key: 'level', label: '级别', type: 'select', options: STUDIO_LEVELS, required: true },
  { key: 'focus', label: '研究方向', max: 200 },
  { key: 'founded_on', label: '成立日期', type: 'date', required: true },
];
const MEMBER_FIELDS = [
  { key: 'name', label: '姓名', required: true, max: 32 },
  { key: 'unit', label: '单位', max: 64 },
  { key: 'joined_on', label: '加入日期', type: 'date', required: true },
];
const ACTIVITY_FIELDS = [
  { key: 'kind', label: '活动类型', type: 'select', options: STUDIO_ACTIVITY_KINDS, required: true },
  { key: 'title', label: '主题', required: true, max: 100 },
  { key: 'held_on', label: '日期', type: 'date', required: true },
  { key: 'participants', label: '参加人数', type: 'number', maxValue: 10000 },
];
const OUTPUT_FIELDS = [
  { key: 'kind', label: '成果类型', type: 'select', options: STUDIO_OUTPUT_KINDS, required: true },
  { key: 'title', label: '名称', required: true, max: 100 },
  { key: 'made_on', label: '日期', type: 'date', required: true },
  { key: 'level', label: '级别', max: 32 },
];
const LEAVE_FIELDS = [{ key: 'left_on', label: '退出日期', type: 'date', required: true }];
const CLOSE_FIELDS = [{ key: 'closed_on', label: '撤销日期（在册成员同日退出）', type: 'date', required: true }];
const formOf = (row, fields) => Object.fromEntries(fields.map((f) => [f.key, row[f.key] ?? null]));

export default {
  name: 'StudiosPage',
  components: { FormDialog, LoadState },
  setup() {
    const all = useLoad(() => api.get('/studios'));
    const picked = ref(null);
    const detail = useLoad((id) => api.get(`/studios/${id}`));
    const dialog = ref(null);
    const canWrite = computed(() => can('cultivation.write'));
    const rows = computed(() => all.data.value?.items ?? []);
    const totals = computed(() => all.data.value?.totals ?? null);
    const info = computed(() => detail.data.value);
    onMounted(() => all.load());

    function choose(row) {
      picked.value = row.id;
      detail.load(row.id);
    }
    function open(kind, row) {
      const id = picked.value;
      const today = todayChina();
      const specs = {
        studio: ['新建工作室', STUDIO_FIELDS, { kind: 'teacher', level: 'district', founded_on: today }, (b) => api.post('/studios', b)],
        member: ['添加成员', MEMBER_FIELDS, { joined_on: today }, (b) => api.post(`/studios/${id}/members`, b)],
        activity: ['记录活动', ACTIVITY_FIELDS, { kind: 'seminar', held_on: today }, (b) => api.post(`/studios/${id}/activities`, b)],
        output: ['登记成果', OUTPUT_FIELDS, { kind: 'paper', made_on: today }, (b) => api.post(`/studios/${id}/outputs`, b)],
        leave: [`成员退出 · ${row?.name}`, LEAVE_FIELDS, { left_on: today }, (b) => api.post(`/studios/members/${row?.id}/leave`, b)],
        // Edits replace the record (PUT): a field left empty is cleared.
        editStudio: [`编辑工作室 · ${row?.name}`, STUDIO_FIELDS, row && formOf(row, STUDIO_FIELDS), (b) => api.put(`/studios/${row?.id}`, { host_member_id: row?.host_member_id ?? undefined, ...b })],
        close: [`撤销工作室 · ${row?.name}`, CLOSE_FIELDS, { closed_on: today }, (b) => api.post(`/studios/${row?.id}/close`, b)],
        editMember: [`编辑成员 · ${row?.name}`, MEMBER_FIELDS, row && formOf(row, MEMBER_FIELDS), (b) => api.put(`/studios/members/${row?.id}`, { member_id: row?.member_id ?? undefined, ...b })],
        editActivity: [`编辑活动 · ${row?.title}`, ACTIVITY_FIELDS, row && formOf(row, ACTIVITY_FIELDS), (b) => api.put(`/studios/activities/${row?.id}`, b)],
        editOutput: [`编辑成果 · ${row?.title}`, OUTPUT_FIELDS, row && formOf(row, OUTPUT_FIELDS), (b) => api.put(`/studios/outputs/${row?.id}`, b)],
      };
      const [title, fields, initial, submit] = specs[kind];
      dialog.value = { title, fields, initial, submit, ok: '保存' };
    }
    async function remove(kind, row) {
      const what = kind === 'activities' ? '活动' : '成果';
      try {
        await ElMessageBox.confirm(`删除${what}“${row.title}”？`, '删除', { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
      } catch {
        return;
      }
      try {
        await api.del(`/studios/${kind}/${row.id}`);
        ElMessage.success(`${what}已删除`);
        done();
      } catch (err) {
        showError(err);
      }
    }
    async function reopen(row) {
      try {
        await ElMessageBox.confirm(`恢复工作室“${row.name}”？撤销时退出的成员不会自动恢复，可重新添加。`, '恢复工作室',
          { type: 'warning', confirmButtonText: '恢复', cancelButtonText: '取消' });
      } catch {
        return;
      }
      try {
        await api.post(`/studios/${row.id}/reopen`);
        ElMessage.success('工作室已恢复');
        done();
      } catch (err) {
        showError(err);
      }
    }
    function done() {
      dialog.value = null;
      all.load();
      if (picked.value) detail.load(picked.value);
    }
    return {
      all, rows, totals, picked, detail, info, dialog, canWrite, pick: choose, open, done, remove, reopen, isMobile,
      STUDIO_KINDS, STUDIO_LEVELS, STUDIO_ACTIVITY_KINDS, STUDIO_OUTPUT_KINDS, labelOf,
    };
  },
  template: `
    <div class="page studios-page">
      <div class="page-head">
        <h2>三名工作室</h2>
        <el-button v-if="canWrite" type="primary" icon="IconPlus" @click="open('studio')">新建工作室</el-button>
      </div>
      <LoadState :state="all.state" @retry="all.load()">
        <el-row v-if="totals" :gutter="12" class="studio-totals">
          <el-col :xs="12" :sm="6"><el-card shadow="never"><el-statistic title="工作室" :value="totals.studios" /></el-card></el-col>
          <el-col :xs="12" :sm="6"><el-card shadow="never"><el-statistic title="在册成员" :value="totals.members" /></el-card></el-col>
          <el-col :xs="12" :sm="6"><el-card shadow="never"><el-statistic title="专题研讨" :value="totals.seminars" /></el-card></el-col>
          <el-col :xs="12" :sm="6"><el-card shadow="never"><el-statistic title="成果" :value="totals.outputs" /></el-card></el-col>
        </el-row>
        <el-table :data="rows" class="studios-table" highlight-current-row empty-text="暂无工作室" @row-click="pick">
          <el-table-column label="工作室" min-width="170">
            <template #default="{ row }">{{ row.name }}<el-tag v-if="row.closed_on" type="info" size="small" class="studio-closed">已撤销</el-tag></template>
          </el-table-column>
          <el-table-column v-if="!isMobile" label="类别" width="120"><template #default="{ row }">{{ labelOf(STUDIO_KINDS, row.kind) }}</template></el-table-column>
          <el-table-column prop="host_name" label="领衔人" width="90" />
          <el-table-column v-if="!isMobile" label="级别" width="70"><template #default="{ row }">{{ labelOf(STUDIO_LEVELS, row.level) }}</template></el-table-column>
          <el-table-column prop="member_count" label="成员" width="60" />
          <el-table-column prop="seminar_count" label="研讨" width="60" />
          <el-table-column v-if="!isMobile" prop="output_count" label="成果" width="60" />
        </el-table>
      </LoadState>
      <el-card v-if="picked" shadow="never" class="studio-detail">
        <LoadState :state="detail.state" @retry="detail.load(picked)">
          <template v-if="info">
            <div class="page-head">
              <h3>{{ info.name }}<span class="hint"> · {{ info.focus }}</span><el-tag v-if="info.closed_on" type="info" size="small" class="studio-closed">已撤销 {{ info.closed_on }}</el-tag></h3>
              <div v-if="canWrite && !info.closed_on">
                <el-button size="small" class="studio-edit" @click="open('editStudio', info)">编辑</el-button>
                <el-button size="small" type="danger" plain class="studio-close" @click="open('close', info)">撤销</el-button>
                <el-button size="small" @click="open('member')">添加成员</el-button>
                <el-button size="small" @click="open('activity')">记录活动</el-button>
                <el-button size="small" @click="open('output')">登记成果</el-button>
              </div>
              <el-button v-else-if="canWrite" size="small" class="studio-reopen" @click="reopen(info)">恢复</el-button>
            </div>
            <el-table :data="info.members" size="small" empty-text="暂无成员">
              <el-table-column prop="name" label="成员" min-width="90" />
              <el-table-column prop="unit" label="单位" min-width="120" />
              <el-table-column prop="joined_on" label="加入" width="110" />
              <el-table-column label="退出" width="120">
                <template #default="{ row }">
                  <span v-if="row.left_on">{{ row.left_on }}</span>
                  <el-button v-else-if="canWrite && !info.closed_on" link type="danger" @click="open('leave', row)">退出</el-button>
                </template>
              </el-table-column>
              <el-table-column v-if="canWrite && !info.closed_on" label="" width="60">
                <template #default="{ row }"><el-button link type="primary" @click="open('editMember', row)">编辑</el-button></template>
              </el-table-column>
            </el-table>
            <el-table :data="info.activities" size="small" empty-text="暂无活动">
              <el-table-column prop="held_on" label="日期" width="110" />
              <el-table-column label="类型" width="100"><template #default="{ row }">{{ labelOf(STUDIO_ACTIVITY_KINDS, row.kind) }}</template></el-table-column>
              <el-table-column prop="title" label="主题" min-width="140" />
              <el-table-column prop="participants" label="人数" width="60" />
              <el-table-column v-if="canWrite && !info.closed_on" label="" width="100">
                <template #default="{ row }">
                  <el-button link type="primary" @click="open('editActivity', row)">编辑</el-button>
                  <el-button link type="danger" @click="remove('activities', row)">删除</el-button>
                </template>
              </el-table-column>
            </el-table>
            <el-table :data="info.outputs" size="small" empty-text="暂无成果">
              <el-table-column prop="made_on" label="日期" width="110" />
              <el-table-column label="类型" width="80"><template #default="{ row }">{{ labelOf(STUDIO_OUTPUT_KINDS, row.kind) }}</template></el-table-column>
              <el-table-column prop="title" label="名称" min-width="140" />
              <el-table-column prop="level" label="级别" width="70" />
              <el-table-column v-if="canWrite && !info.closed_on" label="" width="100">
                <template #default="{ row }">
                  <el-button link type="primary" @click="open('editOutput', row)">编辑</el-button>
                  <el-button link type="danger" @click="remove('outputs', row)">删除</el-button>
                </template>
              </el-table-column>
            </el-table>
          </template>
        </LoadState>
      </el-card>
      <FormDialog v-if="dialog" :title="dialog.title" :fields="dialog.fields" :initial="dialog.initial"
        :submit="dialog.submit" :ok-text="dialog.ok" @done="done" @close="dialog = null" />
    </div>`,
};
