// 任期一览 (issue 13 item 1): every school with its current principal,
// term year and term end, and the flags (PRIN-05, PRIN-09); the office
// records principals and appoints them here.
import { ref, reactive, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { SCHOOL_STAGES } from '../labels.js';
import { usePagedList, ListPager } from '../list.js';
import { navigate, queryParam } from '../router.js';
import { isMobile, dialogWidth, useFormErrors, filledFields } from '../ui.js';
import { PRIN_FLAGS, prinSettings } from './principal-common.js';

const AppointDialog = {
  name: 'AppointDialog',
  props: { school: Object },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const form = reactive({ principal_id: null, post: props.school.stage === 'kindergarten' ? 'kindergarten_head' : 'principal', appointed_on: '', term_years: null, term_no: null });
    const person = reactive({ name: '', gender: 'male', id_card: '' });
    const mode = ref('existing');
    const people = ref([]);
    const settings = reactive({ posts: [], term_years: 5 });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function searchPeople(q) {
      const answer = await api.get('/principals', { q, per_page: 20 });
      people.value = answer.items.filter((p) => !p.tenure_id);
    }

    async function save() {
      clear();
      busy.value = true;
      try {
        let pid = form.principal_id;
        if (mode.value === 'new') {
          const created = await api.post('/principals', filledFields(person));
          pid = created.id;
          mode.value = 'existing';
          form.principal_id = pid;
          people.value = [{ id: pid, name: created.name }];
        }
        const t = await api.post('/tenures', filledFields({ ...form, principal_id: pid, school_id: props.school.school_id }));
        ElMessage.success('任职已登记，任期起点数据已采集');
        emit('saved', t);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    onMounted(async () => {
      Object.assign(settings, await prinSettings());
      searchPeople('');
    });
    return { form, person, mode, people, settings, errors, busy, save, searchPeople, dialogWidth, isMobile };
  },
  template: `
    <el-dialog :model-value="true" :title="'登记任职：' + school.school_name" :width="dialogWidth" @close="$emit('close')">
      <el-form :label-position="isMobile ? 'top' : 'right'" label-width="100px" @submit.prevent="save">
        <el-form-item label="校长">
          <el-radio-group v-model="mode">
            <el-radio value="existing">从名册选择</el-radio>
            <el-radio value="new">新登记一位校长</el-radio>
          </el-radio-group>
        </el-form-item>
        <el-form-item v-if="mode === 'existing'" label="选择校长" required :error="errors.principal_id">
          <el-select v-model="form.principal_id" filterable remote :remote-method="searchPeople" placeholder="输入姓名查找（仅列出未在任者）">
            <el-option v-for="p in people" :key="p.id" :value="p.id" :label="p.name" />
          </el-select>
        </el-form-item>
        <template v-else>
          <el-form-item label="姓名" required :error="errors.name"><el-input v-model.trim="person.name" maxlength="50" /></el-form-item>
          <el-form-item label="性别" required :error="errors.gender">
            <el-radio-group v-model="person.gender"><el-radio value="male">男</el-radio><el-radio value="female">女</el-radio></el-radio-group>
          </el-form-item>
          <el-form-item label="身份证号" :error="errors.id_card"><el-input v-model.trim="person.id_card" maxlength="18" placeholder="加密保存" /></el-form-item>
        </template>
        <el-form-item label="职务" required :error="errors.post">
          <el-select v-model="form.post"><el-option v-for="p in settings.posts" :key="p.value" :value="p.value" :label="p.label" /></el-select>
        </el-form-item>
        <el-form-item label="任职日期" required :error="errors.appointed_on">
          <el-date-picker v-model="form.appointed_on" type="date" value-format="YYYY-MM-DD" placeholder="任命日期" />
        </el-form-item>
        <el-form-item label="任期年限" :error="errors.term_years">
          <el-input-number v-model="form.term_years" :min="1" :max="10" :placeholder="String(settings.term_years)" />
          <span class="hint">不填按配置 {{ settings.term_years }} 年（<rule-ref code="PRIN-09" />）</span>
        </el-form-item>
        <el-form-item label="在本校第几任" :error="errors.term_no">
          <el-input-number v-model="form.term_no" :min="1" :max="20" placeholder="自动" />
        </el-form-item>
        <el-alert v-if="errors.school_id" type="error" :closable="false" :title="errors.school_id" />
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">登记</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'PrincipalListPage',
  components: { ListPager, AppointDialog },
  setup() {
    const filters = reactive({ q: '', stage: '', flag: queryParam('flag') });
    const { list, load, search, sortBy } = usePagedList('/principal/schools', filters);
    const appoint = ref(null);

    function reset() {
      Object.assign(filters, { q: '', stage: '', flag: '' });
      search();
    }
    function open(row) {
      if (row.tenure_id) navigate(`/principal-tenure?id=${row.tenure_id}`);
    }
    function onSaved(t) {
      appoint.value = null;
      navigate(`/principal-tenure?id=${t.id}`);
    }
    onMounted(load);
    return { filters, list, load, search, reset, sortBy, open, appoint, onSaved, office: can('principal.write'), SCHOOL_STAGES, PRIN_FLAGS, isMobile };
  },
  template: `
    <div class="page">
      <div class="page-head"><h2>校长任期一览</h2></div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="search">
          <el-form-item label="学校"><el-input v-model.trim="filters.q" placeholder="学校名称" clearable @clear="search" /></el-form-item>
          <el-form-item label="学段">
            <el-select v-model="filters.stage" placeholder="全部" clearable>
              <el-option v-for="(label, value) in SCHOOL_STAGES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="提示">
            <el-select v-model="filters.flag" placeholder="全部" clearable @change="search">
              <el-option v-for="(f, value) in PRIN_FLAGS" :key="value" :value="value" :label="f.label" />
            </el-select>
          </el-form-item>
          <el-form-item class="filter-buttons">
            <el-button type="primary" native-type="submit" icon="IconSearch">查询</el-button>
            <el-button icon="IconRefresh" @click="reset">重置</el-button>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card shadow="never">
        <el-table :data="list.items" v-loading="list.loading" row-key="school_id" empty-text="没有符合条件的学校" @sort-change="sortBy" @row-click="open" class="clickable">
          <el-table-column prop="school" label="学校" min-width="200" sortable="custom" show-overflow-tooltip>
            <template #default="{ row }">{{ row.school_name }}</template>
          </el-table-column>
          <el-table-column label="学段" width="100"><template #default="{ row }">{{ SCHOOL_STAGES[row.stage] ?? row.stage }}</template></el-table-column>
          <el-table-column prop="principal" label="现任校长" width="140" sortable="custom">
            <template #default="{ row }">{{ row.principal_name ? row.principal_name + '（' + row.post_label + '）' : '—' }}</template>
          </el-table-column>
          <el-table-column prop="appointed" label="任职日期" width="120" sortable="custom"><template #default="{ row }">{{ row.appointed_on ?? '—' }}</template></el-table-column>
          <el-table-column label="任期" width="120">
            <template #default="{ row }">{{ row.tenure_id ? '第' + row.term_no + '任 第' + row.term_year + '年' : '—' }}</template>
          </el-table-column>
          <el-table-column prop="term_end" label="任期届满" width="120" sortable="custom"><template #default="{ row }">{{ row.term_end_on ?? '—' }}</template></el-table-column>
          <el-table-column label="提示" min-width="220">
            <template #default="{ row }">
              <el-tag v-for="f in row.flags" :key="f" :type="PRIN_FLAGS[f].type" size="small" class="flag-tag" disable-transitions>{{ PRIN_FLAGS[f].label }}</el-tag>
              <span v-if="row.left" class="hint">{{ row.left.principal_name }} {{ row.left.ended_on }} 离任</span>
            </template>
          </el-table-column>
          <el-table-column v-if="office" label="操作" width="100" :fixed="isMobile ? false : 'right'">
            <template #default="{ row }">
              <el-button v-if="!row.tenure_id" link type="primary" @click.stop="appoint = row">登记任职</el-button>
              <el-button v-else link type="primary" @click.stop="open(row)">查看</el-button>
            </template>
          </el-table-column>
        </el-table>
        <list-pager :list="list" @change="load" />
      </el-card>
      <appoint-dialog v-if="appoint" :school="appoint" @saved="onSaved" @close="appoint = null" />
    </div>`,
};
