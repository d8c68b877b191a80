// 挂牌督导 (issue 13 item 4, PRIN-10): a 责任督学 records each visit to an
// assigned school on a phone or tablet — the routine checklist with notes,
// a summary, photos and files — submits it, and turns a problem into a
// finding in one action. The office and the 督学 see the board of visits
// per 督学 and school per month; a principal reads the submitted visits of
// their school.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can, session } from '../session.js';
import { isMobile, dialogWidth, useFormErrors, showError } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';
import { queryParam } from '../router.js';
import { FileList } from '../files.js';

const KINDS = { routine: '常规督导', unannounced: '随机督导' };
const STATES = { draft: '草稿', submitted: '已提交' };
const SEVERITIES = { minor: '一般', major: '较重', critical: '严重' };

function today() {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

export default {
  name: 'PrincipalVisitsPage',
  components: { ListPager, FileList },
  setup() {
    const supervisor = session.user?.role === 'supervisor';
    const boardRight = can('principal.list');
    const tab = ref('visits');
    const filters = reactive({ school_id: Number(queryParam('school')) || undefined });
    const { list, load: loadList, search } = usePagedList('/prin-visits', filters);
    const schools = ref([]);
    const visit = ref(null);
    const creating = ref(null);
    const finding = ref(null);
    const board = ref(null);
    const { errors, clear, report } = useFormErrors();
    const editable = computed(() => supervisor && visit.value?.state === 'draft');

    async function loadSchools() {
      if (!supervisor) return;
      try {
        schools.value = (await api.get('/principal/schools', { per_page: 100 })).items;
      } catch (err) {
        showError(err);
      }
    }
    async function loadBoard() {
      if (!boardRight) return;
      try {
        board.value = await api.get('/prin-visits/board');
      } catch (err) {
        showError(err);
      }
    }
    async function open(row) {
      clear();
      try {
        visit.value = await api.get(`/prin-visits/${row.id}`);
      } catch (err) {
        showError(err);
      }
    }
    function add() {
      clear();
      creating.value = { school_id: filters.school_id ?? null, visited_on: today(), kind: 'routine' };
    }
    async function create() {
      clear();
      try {
        visit.value = await api.post('/prin-visits', creating.value);
        creating.value = null;
        ElMessage.success('督导记录已创建，请逐项检查');
        loadList();
      } catch (err) {
        report(err);
      }
    }
    async function save(quiet) {
      clear();
      const v = visit.value;
      try {
        await api.patch(`/prin-visits/${v.id}`, { visited_on: v.visited_on, kind: v.kind, summary: v.summary });
        visit.value = await api.put(`/prin-visits/${v.id}/items`, {
          items: v.items.filter((i) => i.checked || i.note).map((i) => ({ code: i.code, checked: i.checked, note: i.note })),
        });
        if (!quiet) ElMessage.success('已保存');
        loadList();
        return true;
      } catch (err) {
        report(err);
        return false;
      }
    }
    async function submit() {
      if (!(await save(true))) return;
      try {
        await ElMessageBox.confirm('提交后不能再修改，确定提交本次督导记录？', '提交督导记录');
        visit.value = await api.post(`/prin-visits/${visit.value.id}/submit`);
        ElMessage.success('督导记录已提交');
        loadList();
        loadBoard();
      } catch (err) {
        if (err !== 'cancel' && err !== 'close') report(err);
      }
    }
    function raise(item) {
      clear();
      const d = new Date(Date.now() + (8 + 24 * 30) * 3600 * 1000);
      finding.value = {
        title: item ? item.name.slice(0, 100) : '',
        detail: item?.note ?? '',
        severity: 'minor',
        deadline: d.toISOString().slice(0, 10),
        evidence_required: '',
      };
    }
    async function createFinding() {
      clear();
      try {
        const f = await api.post(`/prin-visits/${visit.value.id}/findings`, finding.value);
        finding.value = null;
        ElMessage.success(`已下发整改（第 ${f.id} 号），由学校按整改闭环办理`);
        // Only the findings: the checks and notes not yet saved stay as typed.
        visit.value.findings = (await api.get(`/prin-visits/${visit.value.id}`)).findings;
      } catch (err) {
        report(err);
      }
    }
    onMounted(() => {
      loadList();
      loadSchools();
      loadBoard();
    });
    return {
      supervisor, boardRight, tab, filters, list, loadList, search, schools, visit, creating, finding, board, errors, editable,
      open, add, create, save, submit, raise, createFinding, KINDS, STATES, SEVERITIES, isMobile, dialogWidth,
    };
  },
  template: `
    <div class="page">
      <div class="page-head">
        <h2>挂牌督导</h2>
        <el-button v-if="supervisor" type="primary" icon="IconPlus" @click="add">记录督导</el-button>
      </div>
      <el-tabs v-model="tab">
        <el-tab-pane label="督导记录" name="visits">
          <el-card shadow="never">
            <template v-if="isMobile">
              <div v-for="row in list.items" :key="row.id" class="visit-card" @click="open(row)">
                <div><b>{{ row.school_name }}</b> <el-tag size="small" :type="row.state === 'draft' ? 'warning' : 'success'" disable-transitions>{{ STATES[row.state] }}</el-tag></div>
                <div class="hint">{{ row.visited_on }} · {{ KINDS[row.kind] }} · {{ row.supervisor }}</div>
              </div>
              <div v-if="!list.items.length" class="hint">暂无督导记录</div>
            </template>
            <el-table v-else :data="list.items" v-loading="list.loading" row-key="id" empty-text="暂无督导记录" @row-click="open">
              <el-table-column prop="visited_on" label="日期" width="120" />
              <el-table-column prop="school_name" label="学校" min-width="200" />
              <el-table-column prop="supervisor" label="责任督学" width="140" />
              <el-table-column label="方式" width="110"><template #default="{ row }">{{ KINDS[row.kind] }}</template></el-table-column>
              <el-table-column label="状态" width="100"><template #default="{ row }">{{ STATES[row.state] }}</template></el-table-column>
            </el-table>
            <list-pager :list="list" @change="loadList" />
          </el-card>
        </el-tab-pane>
        <el-tab-pane v-if="boardRight" label="督导频次" name="board">
          <el-card v-if="board" shadow="never">
            <template #header>{{ board.year }} 年每月督导次数（每校每月应督导 {{ board.per_month }} 次，<rule-ref code="PRIN-10" />）</template>
            <el-table :data="board.items" row-key="school_id" empty-text="暂无挂牌" size="small">
              <el-table-column prop="username" label="责任督学" width="120" fixed />
              <el-table-column prop="school_name" label="学校" min-width="180" fixed />
              <el-table-column v-for="m in 12" :key="m" :label="m + '月'" width="56" align="center">
                <template #default="{ row }">{{ row.months[m - 1] }}</template>
              </el-table-column>
              <el-table-column label="未达标月数" width="100" align="center">
                <template #default="{ row }"><el-tag :type="row.short_months ? 'danger' : 'success'" disable-transitions>{{ row.short_months }}</el-tag></template>
              </el-table-column>
            </el-table>
          </el-card>
        </el-tab-pane>
      </el-tabs>

      <el-dialog v-if="creating" :model-value="true" title="记录督导" :width="dialogWidth" @close="creating = null">
        <el-form label-position="top" @submit.prevent="create">
          <el-form-item label="学校" required :error="errors.school_id">
            <el-select v-model="creating.school_id" placeholder="选择挂牌学校">
              <el-option v-for="s in schools" :key="s.school_id" :value="s.school_id" :label="s.school_name" />
            </el-select>
          </el-form-item>
          <el-form-item label="督导日期" required :error="errors.visited_on"><el-date-picker v-model="creating.visited_on" type="date" value-format="YYYY-MM-DD" /></el-form-item>
          <el-form-item label="方式" required :error="errors.kind">
            <el-radio-group v-model="creating.kind"><el-radio-button v-for="(l, k) in KINDS" :key="k" :value="k">{{ l }}</el-radio-button></el-radio-group>
          </el-form-item>
        </el-form>
        <template #footer>
          <el-button @click="creating = null">取消</el-button>
          <el-button type="primary" @click="create">开始记录</el-button>
        </template>
      </el-dialog>

      <el-drawer v-if="visit" :model-value="true" :size="isMobile ? '100%' : '720px'" :title="visit.school_name + ' · ' + visit.visited_on" @close="visit = null">
        <el-form label-position="top">
          <el-form-item label="督导日期" :error="errors.visited_on">
            <el-date-picker v-model="visit.visited_on" type="date" value-format="YYYY-MM-DD" :disabled="!editable" />
          </el-form-item>
          <el-form-item label="方式" :error="errors.kind">
            <el-radio-group v-model="visit.kind" :disabled="!editable"><el-radio-button v-for="(l, k) in KINDS" :key="k" :value="k">{{ l }}</el-radio-button></el-radio-group>
          </el-form-item>
        </el-form>
        <h3>检查清单</h3>
        <div v-for="(item, i) in visit.items" :key="item.code" class="visit-item">
          <div v-if="i === 0 || visit.items[i - 1].area !== item.area" class="visit-area">{{ item.area }}</div>
          <el-checkbox v-model="item.checked" :disabled="!editable">{{ item.code }} {{ item.name }}</el-checkbox>
          <div v-if="item.evidence" class="hint">查看：{{ item.evidence }}</div>
          <el-input v-if="editable" v-model="item.note" type="textarea" :rows="1" autosize placeholder="情况记录（可选）" maxlength="1000" />
          <div v-else-if="item.note">{{ item.note }}</div>
          <el-button v-if="supervisor" link type="danger" size="small" @click="raise(item)">发现问题，下发整改</el-button>
        </div>
        <h3>督导小结</h3>
        <el-form-item :error="errors.summary">
          <el-input v-model="visit.summary" type="textarea" :rows="4" maxlength="4000" :disabled="!editable" placeholder="本次督导的总体情况、问题和建议" />
        </el-form-item>
        <h3>照片与附件</h3>
        <file-list path="prin-visits" :owner-id="visit.id" :readonly="!editable" />
        <h3>下发的整改</h3>
        <div v-for="f in visit.findings" :key="f.id"><a :href="'/findings?open=' + f.id">{{ f.title }}</a> · {{ SEVERITIES[f.severity] }} · 期限 {{ f.deadline }}</div>
        <div v-if="!visit.findings.length" class="hint">无</div>
        <el-button v-if="supervisor" @click="raise(null)">下发整改</el-button>
        <template #footer>
          <template v-if="editable">
            <el-button @click="save(false)">保存草稿</el-button>
            <el-button type="primary" @click="submit">提交</el-button>
          </template>
          <el-button v-else @click="visit = null">关闭</el-button>
        </template>
      </el-drawer>

      <el-dialog v-if="finding" :model-value="true" title="下发整改" :width="dialogWidth" @close="finding = null">
        <el-form label-position="top" @submit.prevent="createFinding">
          <el-form-item label="问题" required :error="errors.title"><el-input v-model="finding.title" maxlength="100" /></el-form-item>
          <el-form-item label="详细情况" :error="errors.detail"><el-input v-model="finding.detail" type="textarea" maxlength="2000" /></el-form-item>
          <el-form-item label="严重程度" required :error="errors.severity">
            <el-radio-group v-model="finding.severity"><el-radio-button v-for="(l, k) in SEVERITIES" :key="k" :value="k">{{ l }}</el-radio-button></el-radio-group>
          </el-form-item>
          <el-form-item label="整改期限" required :error="errors.deadline"><el-date-picker v-model="finding.deadline" type="date" value-format="YYYY-MM-DD" /></el-form-item>
          <el-form-item label="整改佐证要求" :error="errors.evidence_required"><el-input v-model="finding.evidence_required" maxlength="500" /></el-form-item>
        </el-form>
        <template #footer>
          <el-button @click="finding = null">取消</el-button>
          <el-button type="primary" @click="createFinding">下发</el-button>
        </template>
      </el-dialog>
    </div>`,
};
