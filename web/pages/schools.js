// 学校: the district's schools, with create and edit.
import { ref, reactive, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { SCHOOL_STAGES, OWNERSHIPS } from '../labels.js';
import { usePagedList, ListPager } from '../list.js';
import { isMobile, dialogWidth, useFormErrors, changedFields, filledFields } from '../ui.js';

const EMPTY_SCHOOL = { name: '', stage: '', ownership: 'public', education_group: '' };

const DEFAULT_FILTERS = { q: '', stage: '', ownership: '', education_group: '' };

const SchoolDialog = {
  name: 'SchoolDialog',
  props: { school: Object },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const original = Object.fromEntries(
      Object.keys(EMPTY_SCHOOL).map((k) => [k, props.school?.[k] ?? EMPTY_SCHOOL[k]]),
    );
    const form = reactive({ ...original });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function save() {
      clear();
      busy.value = true;
      try {
        const saved = props.school
          ? await api.patch(`/schools/${props.school.id}`, changedFields(original, form))
          : await api.post('/schools', filledFields(form));
        ElMessage.success(props.school ? '学校已保存' : '学校已创建');
        emit('saved', saved);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { form, errors, busy, save, SCHOOL_STAGES, OWNERSHIPS, dialogWidth, isMobile };
  },
  template: `
    <el-dialog :model-value="true" :title="school ? '编辑学校' : '新建学校'" :width="dialogWidth" @close="$emit('close')">
      <el-form :model="form" :label-position="isMobile ? 'top' : 'right'" label-width="90px" @submit.prevent="save">
        <el-form-item label="学校名称" required :error="errors.name">
          <el-input v-model="form.name" name="name" maxlength="64" />
        </el-form-item>
        <el-form-item label="学段" required :error="errors.stage">
          <el-select v-model="form.stage" placeholder="请选择">
            <el-option v-for="(label, value) in SCHOOL_STAGES" :key="value" :value="value" :label="label" />
          </el-select>
        </el-form-item>
        <el-form-item label="办学性质" required :error="errors.ownership">
          <el-radio-group v-model="form.ownership">
            <el-radio v-for="(label, value) in OWNERSHIPS" :key="value" :value="value">{{ label }}</el-radio>
          </el-radio-group>
        </el-form-item>
        <el-form-item label="教育集团" :error="errors.education_group">
          <el-input v-model="form.education_group" maxlength="64" placeholder="所属教育集团，可不填" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'SchoolsPage',
  components: { SchoolDialog, ListPager },
  setup() {
    const filters = reactive({ ...DEFAULT_FILTERS });
    const { list, load, search, sortBy } = usePagedList('/schools', filters);
    const dialog = ref(null); // { school? }

    function reset() {
      Object.assign(filters, DEFAULT_FILTERS);
      search();
    }

    function onSaved() {
      dialog.value = null;
      load();
    }

    onMounted(load);
    return { filters, list, load, search, reset, sortBy, dialog, onSaved, writable: can('schools.write'), SCHOOL_STAGES, OWNERSHIPS, isMobile };
  },
  template: `
    <div class="page">
      <div class="page-head">
        <h2>学校</h2>
        <el-button v-if="writable" type="primary" icon="IconPlus" @click="dialog = { school: null }">新建学校</el-button>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="search">
          <el-form-item label="名称">
            <el-input v-model.trim="filters.q" placeholder="输入学校名称查找" clearable @clear="search" />
          </el-form-item>
          <el-form-item label="学段">
            <el-select v-model="filters.stage" placeholder="全部" clearable>
              <el-option v-for="(label, value) in SCHOOL_STAGES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="办学性质">
            <el-select v-model="filters.ownership" placeholder="全部" clearable>
              <el-option v-for="(label, value) in OWNERSHIPS" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="教育集团">
            <el-input v-model.trim="filters.education_group" placeholder="集团名称" clearable @clear="search" />
          </el-form-item>
          <el-form-item class="filter-buttons">
            <el-button type="primary" native-type="submit" icon="IconSearch">查询</el-button>
            <el-button icon="IconRefresh" @click="reset">重置</el-button>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card shadow="never">
        <el-table :data="list.items" v-loading="list.loading" row-key="id" empty-text="暂无学校" @sort-change="sortBy">
          <el-table-column prop="name" label="学校名称" min-width="200" sortable="custom" show-overflow-tooltip />
          <el-table-column prop="stage" label="学段" width="120" sortable="custom">
            <template #default="{ row }">{{ SCHOOL_STAGES[row.stage] ?? row.stage }}</template>
          </el-table-column>
          <el-table-column prop="ownership" label="办学性质" width="100">
            <template #default="{ row }">{{ OWNERSHIPS[row.ownership] ?? row.ownership }}</template>
          </el-table-column>
          <el-table-column prop="education_group" label="教育集团" min-width="160" sortable="custom" />
          <el-table-column v-if="writable" label="操作" width="80" :fixed="isMobile ? false : 'right'">
            <template #default="{ row }">
              <el-button link type="primary" @click="dialog = { school: row }">编辑</el-button>
            </template>
          </el-table-column>
        </el-table>
        <list-pager :list="list" @change="load" />
      </el-card>
      <school-dialog v-if="dialog" :school="dialog.school" @saved="onSaved" @close="dialog = null" />
    </div>`,
};
