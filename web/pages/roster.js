// 名册导入导出 (issue 16): upload a roster (.xlsx, or .csv in UTF-8/GB18030),
// correct the column mapping, read every problem (row, column, reason), download
// them as a workbook beside the user's own rows, then commit: all or nothing, or
// explicitly the valid rows only. The roster exports back in the same layout.
import { ref, computed } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { showError } from '../ui.js';
import { saveFile } from '../life.js';

export default {
  name: 'RosterPage',
  setup() {
    const imp = ref(null);            // the import as the server shows it
    const mapping = ref({});          // column letter → field, as the user sets it
    const problems = ref([]);
    const total = ref(0);
    const page = ref(1);
    const busy = ref('');
    const done = ref(null);           // the counts of the last commit
    const createOrgs = ref(false);    // paths below a known organization become the tree
    const mayImport = computed(() => can('roster.import'));

    function take(answer) {
      imp.value = answer;
      mapping.value = Object.fromEntries(answer.mapping.map((m) => [m.col, m.field]));
      page.value = 1;
      return loadProblems();
    }
    async function loadProblems() {
      if (!imp.value) return;
      const r = await api.get(`/roster/imports/${imp.value.id}/problems`, { page: page.value, per_page: 20 });
      problems.value = r.items;
      total.value = r.total;
    }
    async function run(what, fn) {
      busy.value = what;
      try {
        await fn();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = '';
      }
    }
    function pick(uploadFile) {
      done.value = null;
      run('upload', async () => take(await api.upload('/roster/imports', uploadFile.raw, { name: uploadFile.name, create_orgs: createOrgs.value ? 1 : 0 })));
      return false;
    }
    function applyMapping() {
      run('mapping', async () => take(await api.put(`/roster/imports/${imp.value.id}/mapping`, { map: mapping.value, create_orgs: createOrgs.value })));
    }
    function downloadProblems() {
      return saveFile('GET', `/roster/imports/${imp.value.id}/problems.xlsx`, { name: `问题清单-${imp.value.name}.xlsx` });
    }
    async function commit(validOnly) {
      if (validOnly) {
        try {
          await ElMessageBox.confirm(`有 ${imp.value.bad_rows} 行有问题，将跳过这些行，只导入其余的行。`, '只导入无问题的行', { type: 'warning', confirmButtonText: '导入', cancelButtonText: '取消' });
        } catch {
          return;
        }
      }
      run('commit', async () => {
        const r = await api.post(`/roster/imports/${imp.value.id}/commit${validOnly ? '?valid_only=1' : ''}`, {});
        done.value = r;
        imp.value = null;
        problems.value = [];
        ElMessage.success(`已导入：新增 ${r.created} 人，更新 ${r.updated} 人，未变 ${r.unchanged} 人`);
      });
    }
    function downloadTemplate() {
      return saveFile('GET', '/roster/template.xlsx', { name: '党员名册模板.xlsx' });
    }
    function exportRoster() {
      return saveFile('GET', '/roster/export.xlsx', { name: '党员名册.xlsx' });
    }

    return { createOrgs, imp, mapping, problems, total, page, busy, done, mayImport, pick, applyMapping, loadProblems, downloadProblems, commit, exportRoster, downloadTemplate };
  },
  template: `
    <div class="page roster-page">
      <div class="page-head"><h2>名册导入导出</h2>
        <span>
          <el-button v-if="mayImport" icon="IconDownload" class="roster-template" @click="downloadTemplate">下载模板</el-button>
          <el-button icon="IconDownload" class="roster-export" @click="exportRoster">导出党员名册</el-button>
        </span>
      </div>
      <el-card v-if="mayImport" shadow="never" class="roster-upload">
        <el-upload drag :auto-upload="false" :show-file-list="false" accept=".xlsx,.csv" :on-change="pick">
          <div>将名册文件拖到此处，或<em>点击选择</em></div>
          <template #tip><div class="hint">支持 .xlsx 及 UTF-8/GB18030 编码的 .csv；第一行为表头（姓名、公民身份号码、所在党组织、入党时间等）。上传后先检查，不会写入任何数据。</div></template>
        </el-upload>
        <el-checkbox v-model="createOrgs" class="roster-create-orgs">新建名册中缺少的组织（按“上级组织/…/党支部”路径，类型由名称结尾判断，导入前可在预览中核对）</el-checkbox>
        <div v-if="busy === 'upload'" class="hint">正在检查…</div>
      </el-card>
      <el-alert v-if="done" type="success" :closable="false" show-icon class="roster-done"
        :title="'导入完成：新增 ' + done.created + ' 人，更新 ' + done.updated + ' 人，未变 ' + done.unchanged + ' 人' + (done.bad_rows ? '，跳过 ' + done.bad_rows + ' 行' : '')" />
      <template v-if="imp">
        <el-card shadow="never" class="roster-summary">
          <template #header><b>{{ imp.name }}</b></template>
          <p class="roster-counts">共 {{ imp.rows }} 行；有问题 {{ imp.bad_rows }} 行（{{ imp.problem_count }} 处）；将新增 {{ imp.created }} 人，更新 {{ imp.updated }} 人，未变 {{ imp.unchanged }} 人。</p>
          <h4>列的对应关系</h4>
          <el-table :data="imp.mapping" size="small" class="roster-mapping">
            <el-table-column prop="col" label="列" width="60" />
            <el-table-column prop="header" label="表头" />
            <el-table-column label="对应字段">
              <template #default="{ row }">
                <el-select v-model="mapping[row.col]" size="small" :class="'map-' + row.col">
                  <el-option value="none" label="（不导入）" />
                  <el-option v-for="f in imp.fields" :key="f.field" :value="f.field" :label="f.label" />
                </el-select>
              </template>
            </el-table-column>
          </el-table>
          <template v-if="imp.new_orgs.length">
            <h4>将新建的组织（请核对类型）</h4>
            <el-table :data="imp.new_orgs" size="small" class="roster-new-orgs">
              <el-table-column prop="name" label="名称" />
              <el-table-column prop="kind_label" label="类型" width="120" />
              <el-table-column prop="parent" label="上级组织" />
            </el-table>
          </template>
          <el-button class="roster-apply" :loading="busy === 'mapping'" @click="applyMapping">按此对应关系重新检查</el-button>
        </el-card>
        <el-card v-if="total" shadow="never" class="roster-problems">
          <template #header><b>问题清单（{{ total }} 处，未写入任何数据）</b>
            <el-button size="small" icon="IconDownload" class="roster-problem-book" @click="downloadProblems">下载问题表格</el-button>
          </template>
          <el-table :data="problems" size="small">
            <el-table-column prop="row" label="行" width="70" />
            <el-table-column prop="col" label="列" width="60" />
            <el-table-column prop="header" label="表头" width="140" />
            <el-table-column prop="reason" label="问题" />
          </el-table>
          <el-pagination layout="prev, pager, next" :total="total" :page-size="20" v-model:current-page="page" @current-change="loadProblems" />
        </el-card>
        <div class="roster-actions">
          <el-button type="primary" class="roster-commit" :disabled="imp.problem_count > 0" :loading="busy === 'commit'" @click="commit(false)">确认导入</el-button>
          <el-button v-if="imp.bad_rows && imp.bad_rows < imp.rows" class="roster-valid-only" :loading="busy === 'commit'" @click="commit(true)">只导入无问题的行</el-button>
        </div>
      </template>
    </div>`,
};
