// 党员: the member list with filters, sorting and pages; detail, create,
// edit and transfer between branches.
import { ref, reactive, onMounted } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { queryParam } from '../router.js';
import {
  GENDERS, MEMBER_STATUSES, MEMBER_CATEGORIES, MEMBER_STATES, ALL_STATES, labelOf,
} from '../labels.js';
import { OrgSelect } from '../orgs.js';
import { usePagedList, ListPager } from '../list.js';
import { isMobile, dialogWidth, useFormErrors } from '../ui.js';
import MemberForm from './member-form.js';
import MemberDetail from './member-detail.js';

const DEFAULT_FILTERS = {
  org_id: null, q: '', status: '', category: '', state: 'active', joined_from: '', joined_to: '',
};

/** Moving a member to another branch: a PATCH of org_id, kept as history. */
const TransferDialog = {
  name: 'TransferDialog',
  components: { OrgSelect },
  props: { member: { type: Object, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const orgId = ref(null);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function save() {
      clear();
      busy.value = true;
      try {
        await api.patch(`/members/${props.member.id}`, { org_id: orgId.value });
        ElMessage.success('组织关系已转接');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { orgId, errors, busy, save, dialogWidth };
  },
  template: `
    <el-dialog :model-value="true" :title="'转接「' + member.name + '」的组织关系'" :width="dialogWidth" @close="$emit('close')">
      <p class="hint">当前所在：{{ member.org_name }}。在本单位范围内调整支部，保留转接记录。</p>
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="转入党支部" required :error="errors.org_id">
          <org-select v-model="orgId" :kinds="['branch']" :exclude="member.org_id" placeholder="请选择党支部" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" :disabled="!orgId" @click="save">转接</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'MembersPage',
  components: { OrgSelect, ListPager, MemberForm, MemberDetail, TransferDialog },
  setup() {
    const filters = reactive({
      ...DEFAULT_FILTERS,
      org_id: Number(queryParam('org_id')) || null,
      // e.g. /members?state=incoming: members arriving with an incoming transfer
      state: MEMBER_STATES[queryParam('state')] ? queryParam('state') : DEFAULT_FILTERS.state,
    });
    const { list, load, search, sortBy } = usePagedList('/members', filters);
    const dialog = ref(null); // { type: 'detail' | 'form' | 'transfer', id?, member? }
    const filtersOpen = ref(!isMobile.value);
    const joined = ref(null);

    function runSearch() {
      [filters.joined_from, filters.joined_to] = joined.value ?? ['', ''];
      search();
    }

    function reset() {
      Object.assign(filters, DEFAULT_FILTERS);
      joined.value = null;
      search();
    }

    function onSaved() {
      dialog.value = null;
      load();
    }

    onMounted(() => {
      load();
      // An alert links to one member (/members?open=7).
      const open = Number(queryParam('open'));
      if (open) dialog.value = { type: 'detail', id: open };
    });

    return {
      filters, joined, list, load, runSearch, sortBy, reset, dialog, onSaved, filtersOpen,
      writable: can('members.write'), isMobile, labelOf,
      GENDERS, MEMBER_STATUSES, MEMBER_CATEGORIES, MEMBER_STATES, ALL_STATES,
    };
  },
  template: `
    <div class="page members-page">
      <div class="page-head">
        <h2>党员</h2>
        <div class="actions">
          <el-button v-if="isMobile" icon="IconSearch" @click="filtersOpen = !filtersOpen">筛选</el-button>
          <el-button v-if="writable" type="primary" icon="IconPlus" @click="dialog = { type: 'form', id: null }">新增党员</el-button>
        </div>
      </div>
      <el-card v-show="filtersOpen" shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="runSearch">
          <el-form-item label="党组织">
            <org-select v-model="filters.org_id" placeholder="全部（含下级组织）" />
          </el-form-item>
          <el-form-item label="姓名">
            <el-input v-model="filters.q" name="q" placeholder="输入姓名查找" clearable @clear="runSearch" />
          </el-form-item>
          <el-form-item label="党员类型">
            <el-select v-model="filters.status" placeholder="全部" clearable>
              <el-option v-for="(label, value) in MEMBER_STATUSES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="人员类别">
            <el-select v-model="filters.category" placeholder="全部" clearable>
              <el-option v-for="(label, value) in MEMBER_CATEGORIES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="党籍状态">
            <el-select v-model="filters.state">
              <el-option v-for="(label, value) in MEMBER_STATES" :key="value" :value="value" :label="label" />
              <el-option :value="ALL_STATES" label="全部" />
            </el-select>
          </el-form-item>
          <el-form-item label="入党日期">
            <el-date-picker v-model="joined" type="daterange" value-format="YYYY-MM-DD"
              start-placeholder="开始日期" end-placeholder="结束日期" range-separator="至" />
          </el-form-item>
          <el-form-item class="filter-buttons">
            <el-button type="primary" native-type="submit" icon="IconSearch">查询</el-button>
            <el-button icon="IconRefresh" @click="reset">重置</el-button>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card shadow="never">
        <div v-if="isMobile" class="member-cards" v-loading="list.loading">
          <div v-for="row in list.items" :key="row.id" class="member-card">
            <div class="member-card-head">
              <el-button link type="primary" @click="dialog = { type: 'detail', id: row.id }">{{ row.name }}</el-button>
              <span class="member-card-meta">{{ labelOf(GENDERS, row.gender) }} · {{ labelOf(MEMBER_CATEGORIES, row.category) }}</span>
              <el-tag disable-transitions :type="row.status === 'full' ? 'danger' : 'warning'" effect="plain" size="small">{{ labelOf(MEMBER_STATUSES, row.status) }}</el-tag>
              <el-tag v-if="row.state === 'incoming'" disable-transitions type="info" size="small" class="tag-gap incoming-tag">{{ labelOf(MEMBER_STATES, row.state) }}</el-tag>
            </div>
            <div class="member-card-line">{{ row.org_name }}<span v-if="row.joined_on"> · {{ row.joined_on }} 入党</span></div>
            <div class="member-card-line mono">{{ row.id_card }}<span v-if="row.phone"> · {{ row.phone }}</span></div>
            <div v-if="writable" class="member-card-actions">
              <el-button size="small" @click="dialog = { type: 'form', id: row.id }">编辑</el-button>
              <el-button v-if="row.state !== 'incoming'" size="small" @click="dialog = { type: 'transfer', member: row }">转接</el-button>
            </div>
          </div>
          <el-empty v-if="!list.items.length && !list.loading" :image-size="80" description="没有符合条件的党员" />
        </div>
        <el-table v-else class="member-table" :data="list.items" v-loading="list.loading" row-key="id"
          empty-text="没有符合条件的党员" @sort-change="sortBy">
          <el-table-column prop="name" label="姓名" min-width="90" sortable="custom" fixed="left">
            <template #default="{ row }">
              <el-button link type="primary" @click="dialog = { type: 'detail', id: row.id }">{{ row.name }}</el-button>
              <el-tag v-if="row.state === 'incoming'" disable-transitions type="info" size="small" class="tag-gap incoming-tag">{{ labelOf(MEMBER_STATES, row.state) }}</el-tag>
            </template>
          </el-table-column>
          <el-table-column prop="gender" label="性别" width="60">
            <template #default="{ row }">{{ labelOf(GENDERS, row.gender) }}</template>
          </el-table-column>
          <el-table-column prop="org_name" label="所在党组织" min-width="160" show-overflow-tooltip>
            <template #default="{ row }">{{ row.org_name }}</template>
          </el-table-column>
          <el-table-column prop="id_card" label="身份证号" min-width="180">
            <template #default="{ row }"><span class="mono">{{ row.id_card }}</span></template>
          </el-table-column>
          <el-table-column prop="phone" label="手机号" min-width="120">
            <template #default="{ row }"><span class="mono">{{ row.phone }}</span></template>
          </el-table-column>
          <el-table-column prop="status" label="党员类型" width="100">
            <template #default="{ row }">
              <el-tag disable-transitions :type="row.status === 'full' ? 'danger' : 'warning'" effect="plain" size="small">{{ labelOf(MEMBER_STATUSES, row.status) }}</el-tag>
            </template>
          </el-table-column>
          <el-table-column prop="category" label="人员类别" width="90">
            <template #default="{ row }">{{ labelOf(MEMBER_CATEGORIES, row.category) }}</template>
          </el-table-column>
          <el-table-column prop="joined_on" label="入党日期" width="120" sortable="custom" />
          <el-table-column label="操作" :width="writable ? 150 : 70" fixed="right">
            <template #default="{ row }">
              <el-button link type="primary" @click="dialog = { type: 'detail', id: row.id }">详情</el-button>
              <template v-if="writable">
                <el-button link type="primary" @click="dialog = { type: 'form', id: row.id }">编辑</el-button>
                <el-button v-if="row.state !== 'incoming'" link type="primary" @click="dialog = { type: 'transfer', member: row }">转接</el-button>
              </template>
            </template>
          </el-table-column>
        </el-table>
        <list-pager :list="list" @change="load" />
      </el-card>
      <member-detail v-if="dialog?.type === 'detail'" :member-id="dialog.id" @close="dialog = null" />
      <member-form v-if="dialog?.type === 'form'" :member-id="dialog.id" :org-id="filters.org_id"
        @saved="onSaved" @close="dialog = null" />
      <transfer-dialog v-if="dialog?.type === 'transfer'" :member="dialog.member" @saved="onSaved" @close="dialog = null" />
    </div>`,
};
