// 校长名册 (issue 13 item 1): the principals (persons) with their current
// post; ?id= opens one principal's whole history across schools.
import { ref, reactive, watch, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { GENDERS } from '../labels.js';
import { usePagedList, ListPager } from '../list.js';
import { navigate, currentSearch, queryParam } from '../router.js';
import { isMobile, dialogWidth, useFormErrors, changedFields, showError } from '../ui.js';
import { GOAL_STATES } from './principal-common.js';

const PersonDialog = {
  name: 'PersonDialog',
  props: { person: Object },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const original = { name: props.person.name, gender: props.person.gender, id_card: props.person.id_card ?? '' };
    const form = reactive({ ...original });
    const { errors, clear, report } = useFormErrors();
    async function save() {
      clear();
      try {
        const body = changedFields(original, form);
        if (body.id_card === '') body.id_card = null;
        emit('saved', await api.patch(`/principals/${props.person.id}`, body));
        ElMessage.success('已保存');
      } catch (err) {
        report(err);
      }
    }
    return { form, errors, save, dialogWidth };
  },
  template: `
    <el-dialog :model-value="true" title="编辑校长信息" :width="dialogWidth" @close="$emit('close')">
      <el-form label-width="90px" @submit.prevent="save">
        <el-form-item label="姓名" :error="errors.name"><el-input v-model.trim="form.name" maxlength="50" /></el-form-item>
        <el-form-item label="性别" :error="errors.gender">
          <el-radio-group v-model="form.gender"><el-radio value="male">男</el-radio><el-radio value="female">女</el-radio></el-radio-group>
        </el-form-item>
        <el-form-item label="身份证号" :error="errors.id_card"><el-input v-model.trim="form.id_card" maxlength="18" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'PrincipalPeoplePage',
  components: { ListPager, PersonDialog },
  setup() {
    const filters = reactive({ q: '' });
    const { list, load, search } = usePagedList('/principals', filters);
    const person = ref(null);
    const editing = ref(false);

    async function open() {
      const id = queryParam('id');
      person.value = null;
      if (!id) return load();
      try {
        person.value = await api.get(`/principals/${id}`);
      } catch (err) {
        showError(err);
      }
    }
    function onSaved(p) {
      person.value = p;
      editing.value = false;
    }
    watch(currentSearch, open);
    onMounted(open);
    return { filters, list, load, search, person, editing, onSaved, navigate, office: can('principal.write'), GENDERS, GOAL_STATES, isMobile };
  },
  template: `
    <div class="page">
      <template v-if="person">
        <div class="page-head">
          <h2>{{ person.name }} 的任职经历</h2>
          <div>
            <el-button v-if="office" @click="editing = true">编辑</el-button>
            <el-button icon="IconBack" @click="navigate('/principal-people')">返回名册</el-button>
          </div>
        </div>
        <el-card shadow="never">
          <el-descriptions :column="isMobile ? 1 : 3" border>
            <el-descriptions-item label="性别">{{ GENDERS[person.gender] }}</el-descriptions-item>
            <el-descriptions-item label="身份证号">{{ person.id_card ?? '未登记' }}</el-descriptions-item>
            <el-descriptions-item label="校长账号">{{ person.username ?? '未关联' }}</el-descriptions-item>
          </el-descriptions>
        </el-card>
        <el-card shadow="never">
          <el-timeline>
            <el-timeline-item v-for="t in person.tenures" :key="t.id" :timestamp="t.appointed_on + ' 至 ' + (t.ended_on ?? '今')" placement="top">
              <el-link type="primary" @click="navigate('/principal-tenure?id=' + t.id)">{{ t.school_name }} {{ t.post_label }}（在本校第 {{ t.term_no }} 任）</el-link>
              <div class="hint">
                任期届满 {{ t.term_end_on }}；{{ t.ended_on ? '离任：' + t.end_reason_label : '在任第 ' + t.term_year + ' 年' }}；
                任期目标{{ GOAL_STATES[t.goals_state ?? 'draft'] }}；已评定年度考核 {{ t.years_graded }} 次
              </div>
            </el-timeline-item>
          </el-timeline>
          <el-empty v-if="!person.tenures.length" description="暂无任职记录" />
        </el-card>
        <person-dialog v-if="editing" :person="person" @saved="onSaved" @close="editing = false" />
      </template>
      <template v-else>
        <div class="page-head"><h2>校长名册</h2></div>
        <el-card shadow="never" class="filters">
          <el-form :inline="!isMobile" @submit.prevent="search">
            <el-form-item label="姓名"><el-input v-model.trim="filters.q" clearable @clear="search" /></el-form-item>
            <el-form-item><el-button type="primary" native-type="submit" icon="IconSearch">查询</el-button></el-form-item>
          </el-form>
        </el-card>
        <el-card shadow="never">
          <el-table :data="list.items" v-loading="list.loading" row-key="id" empty-text="暂无校长" @row-click="(r) => navigate('/principal-people?id=' + r.id)" class="clickable">
            <el-table-column prop="name" label="姓名" width="120" />
            <el-table-column label="性别" width="70"><template #default="{ row }">{{ GENDERS[row.gender] }}</template></el-table-column>
            <el-table-column prop="id_card_mask" label="身份证号" width="190" />
            <el-table-column label="现任" min-width="200"><template #default="{ row }">{{ row.school_name ?? '不在任' }}</template></el-table-column>
            <el-table-column prop="term_end_on" label="任期届满" width="120" />
          </el-table>
          <list-pager :list="list" @change="load" />
        </el-card>
      </template>
    </div>`,
};
