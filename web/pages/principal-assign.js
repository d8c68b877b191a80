// 督学挂牌 (issue 13, PRIN-10): the office assigns each 责任督学 to schools
// (about five each) with from/to dates; a 督学 sees their own.
import { ref, reactive, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { isMobile, dialogWidth, useFormErrors, filledFields, showError } from '../ui.js';
import { usePagedList, ListPager } from '../list.js';

export default {
  name: 'PrincipalAssignPage',
  components: { ListPager },
  setup() {
    const supervisors = ref([]);
    const schools = ref([]);
    const filters = reactive({ current: 1 });
    const { list, load: loadList, search } = usePagedList('/supervisor-assignments', filters);
    const form = ref(null);
    const office = can('principal.write');
    const { errors, clear, report } = useFormErrors();

    async function load() {
      await loadList();
      try {
        if (office) supervisors.value = (await api.get('/principal/supervisors')).items;
      } catch (err) {
        showError(err);
      }
    }
    async function searchSchools(q) {
      schools.value = (await api.get('/principal/schools', { q, per_page: 50 })).items;
    }
    async function save() {
      clear();
      try {
        await api.post('/supervisor-assignments', filledFields(form.value));
        ElMessage.success('挂牌已登记');
        form.value = null;
        load();
      } catch (err) {
        report(err);
      }
    }
    async function end(row) {
      try {
        const { value } = await ElMessageBox.prompt('结束日期（YYYY-MM-DD）', `结束 ${row.username} 对 ${row.school_name} 的挂牌`, { inputPattern: /^\d{4}-\d{2}-\d{2}$/, inputErrorMessage: '应为日期 YYYY-MM-DD' });
        await api.post(`/supervisor-assignments/${row.id}/end`, { to_on: value });
        ElMessage.success('挂牌已结束');
        load();
      } catch (err) {
        if (err !== 'cancel' && err !== 'close') showError(err);
      }
    }
    function add() {
      form.value = { user_id: null, school_id: null, from_on: '', to_on: null };
      searchSchools('');
    }
    onMounted(load);
    return { list, filters, search, supervisors, schools, form, office, errors, load, loadList, save, end, add, searchSchools, isMobile, dialogWidth };
  },
  template: `
    <div class="page">
      <div class="page-head">
        <h2>责任督学挂牌</h2>
        <el-button v-if="office" type="primary" icon="IconPlus" @click="add">新增挂牌</el-button>
      </div>
      <el-card v-if="office" shadow="never">
        <template #header>责任督学（每人负责约 5 所学校，<rule-ref code="PRIN-10" />）</template>
        <el-tag v-for="s in supervisors" :key="s.id" class="flag-tag" :type="s.schools > 5 ? 'warning' : 'info'" disable-transitions>{{ s.username }}：{{ s.schools }} 所</el-tag>
        <span v-if="!supervisors.length" class="hint">尚无责任督学账号（由安全管理员开通）</span>
      </el-card>
      <el-card shadow="never">
        <el-checkbox v-model="filters.current" :true-value="1" :false-value="0" @change="search">仅显示当前有效</el-checkbox>
        <el-table :data="list.items" v-loading="list.loading" row-key="id" empty-text="暂无挂牌">
          <el-table-column prop="username" label="责任督学" width="140" />
          <el-table-column prop="school_name" label="学校" min-width="200" />
          <el-table-column prop="from_on" label="开始" width="120" />
          <el-table-column label="结束" width="120"><template #default="{ row }">{{ row.to_on ?? '—' }}</template></el-table-column>
          <el-table-column v-if="office" label="操作" width="90">
            <template #default="{ row }"><el-button v-if="!row.to_on" link type="primary" @click="end(row)">结束</el-button></template>
          </el-table-column>
        </el-table>
        <list-pager :list="list" @change="loadList" />
      </el-card>
      <el-dialog v-if="form" :model-value="true" title="新增挂牌" :width="dialogWidth" @close="form = null">
        <el-form label-width="90px" @submit.prevent="save">
          <el-form-item label="责任督学" required :error="errors.user_id">
            <el-select v-model="form.user_id"><el-option v-for="s in supervisors" :key="s.id" :value="s.id" :label="s.username" /></el-select>
          </el-form-item>
          <el-form-item label="学校" required :error="errors.school_id">
            <el-select v-model="form.school_id" filterable remote :remote-method="searchSchools">
              <el-option v-for="s in schools" :key="s.school_id" :value="s.school_id" :label="s.school_name" />
            </el-select>
          </el-form-item>
          <el-form-item label="开始日期" required :error="errors.from_on"><el-date-picker v-model="form.from_on" type="date" value-format="YYYY-MM-DD" /></el-form-item>
          <el-form-item label="结束日期" :error="errors.to_on"><el-date-picker v-model="form.to_on" type="date" value-format="YYYY-MM-DD" placeholder="不填为长期" /></el-form-item>
        </el-form>
        <template #footer>
          <el-button @click="form = null">取消</el-button>
          <el-button type="primary" @click="save">保存</el-button>
        </template>
      </el-dialog>
    </div>`,
};
