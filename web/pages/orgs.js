// 组织机构: the organization tree with create, edit, move and delete.
import { ref, reactive, computed, watch, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { navigate } from '../router.js';
import { ORG_KINDS, CHILD_KINDS, SCHOOL_STAGES } from '../labels.js';
import {
  orgTree, orgById, openedOrgIds, orgName, reloadOrgs, ensureOrgs, OrgSelect,
} from '../orgs.js';
import { isMobile, dialogWidth, showError, useFormErrors, changedFields, filledFields } from '../ui.js';

const EMPTY_ORG = {
  name: '', kind: '', school_id: null, basis: '',
  founded_on: null, term_started_on: null, term_years: null,
};

/** The kinds that may be created under an org of `parentKind`. */
function kindsUnder(parentKind) {
  return CHILD_KINDS[parentKind ?? ''] ?? [];
}

/** The kinds `org` may have under its parent; just its own when the parent is out of scope. */
function kindsFor(org) {
  const parent = orgById.value.get(org.parent_id);
  return parent || org.parent_id === null ? kindsUnder(parent?.kind) : [org.kind];
}

/** Schools for the school picker (a district has about a hundred). */
async function loadSchools() {
  if (!can('schools.read')) return [];
  const answer = await api.get('/schools', { per_page: 100, sort: 'name' });
  return answer.items;
}

/** Create (with `parent`) or edit (with `org`) dialog. */
const OrgDialog = {
  name: 'OrgDialog',
  props: { org: Object, parent: Object, schools: Array },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const editing = Boolean(props.org);
    const original = editing ? pick(props.org) : null;
    const kinds = editing ? kindsFor(props.org) : kindsUnder(props.parent?.kind);
    const form = reactive(editing ? { ...original } : { ...EMPTY_ORG, kind: kinds[0] ?? '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const title = editing ? '编辑组织' : props.parent ? `在「${props.parent.name}」下新建组织` : '新建顶级组织';

    function pick(org) {
      return Object.fromEntries(Object.keys(EMPTY_ORG).map((k) => [k, org[k] ?? EMPTY_ORG[k]]));
    }

    async function save() {
      clear();
      busy.value = true;
      try {
        const saved = editing
          ? await api.patch(`/orgs/${props.org.id}`, changedFields(original, form))
          : await api.post('/orgs', { ...filledFields(form), ...(props.parent ? { parent_id: props.parent.id } : {}) });
        ElMessage.success(editing ? '组织已保存' : '组织已创建');
        emit('saved', saved);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { form, errors, busy, title, kinds, save, ORG_KINDS, SCHOOL_STAGES, dialogWidth, isMobile };
  },
  template: `
    <el-dialog :model-value="true" :title="title" :width="dialogWidth" @close="$emit('close')">
      <el-form :model="form" :label-position="isMobile ? 'top' : 'right'" label-width="110px" @submit.prevent="save">
        <el-form-item label="组织名称" required :error="errors.name">
          <el-input v-model="form.name" name="name" maxlength="64" placeholder="如：第一中学党委" />
        </el-form-item>
        <el-form-item label="组织类型" required :error="errors.kind">
          <el-select v-model="form.kind" name="kind" placeholder="请选择">
            <el-option v-for="k in kinds" :key="k" :value="k" :label="ORG_KINDS[k]" />
          </el-select>
        </el-form-item>
        <el-form-item label="所属学校" :error="errors.school_id">
          <el-select v-model="form.school_id" filterable clearable placeholder="可选，党组织所在学校">
            <el-option v-for="s in schools" :key="s.id" :value="s.id" :label="s.name">
              <span>{{ s.name }}</span><span class="option-hint">{{ SCHOOL_STAGES[s.stage] }}</span>
            </el-option>
          </el-select>
        </el-form-item>
        <el-form-item label="组建依据" :error="errors.basis">
          <el-input v-model="form.basis" maxlength="64" placeholder="如支部建在学科/年级上，填写学科或年级" />
        </el-form-item>
        <el-form-item label="成立日期" :error="errors.founded_on">
          <el-date-picker v-model="form.founded_on" type="date" value-format="YYYY-MM-DD" placeholder="选择日期" />
        </el-form-item>
        <el-form-item label="本届任期开始" :error="errors.term_started_on">
          <el-date-picker v-model="form.term_started_on" type="date" value-format="YYYY-MM-DD" placeholder="选择日期" />
        </el-form-item>
        <el-form-item label="任期（年）" :error="errors.term_years">
          <el-input-number v-model="form.term_years" :min="1" :max="10" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

/** Moving an org (with its subtree and members) under a new parent. */
const MoveDialog = {
  name: 'MoveDialog',
  components: { OrgSelect },
  props: { org: { type: Object, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const parentId = ref(props.org.parent_id);
    const parentKinds = Object.keys(CHILD_KINDS).filter((k) => CHILD_KINDS[k].includes(props.org.kind));
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function save() {
      clear();
      busy.value = true;
      try {
        const saved = await api.post(`/orgs/${props.org.id}/move`, { parent_id: parentId.value });
        ElMessage.success('组织已移动');
        emit('saved', saved);
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { parentId, parentKinds, errors, busy, save, dialogWidth };
  },
  template: `
    <el-dialog :model-value="true" :title="'移动「' + org.name + '」'" :width="dialogWidth" @close="$emit('close')">
      <p class="hint">下级组织和党员随之移动。</p>
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="新的上级组织" required :error="errors.parent_id">
          <org-select v-model="parentId" :kinds="parentKinds" :exclude="org.id" placeholder="请选择新的上级组织" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" :disabled="!parentId" @click="save">移动</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'OrgsPage',
  components: { OrgDialog, MoveDialog },
  setup() {
    const treeRef = ref(null);
    const filter = ref('');
    const selectedId = ref(null);
    const schools = ref([]);
    const dialog = ref(null); // { type: 'create' | 'edit' | 'move', org?, parent? }
    const writable = can('orgs.write');
    const rootWritable = can('orgs.root');
    const selected = computed(() => orgById.value.get(selectedId.value) ?? null);
    const childKinds = computed(() => kindsUnder(selected.value?.kind));

    watch(filter, (text) => treeRef.value?.filter(text));

    async function refresh(selectId = selectedId.value) {
      try {
        await reloadOrgs();
        selectedId.value = orgById.value.has(selectId) ? selectId : null;
      } catch (err) {
        showError(err);
      }
    }

    function onSaved(org) {
      dialog.value = null;
      refresh(org?.id ?? selectedId.value);
    }

    async function remove(org) {
      try {
        await ElMessageBox.confirm(`确定删除「${org.name}」吗？有下级组织或党员的组织不能删除。`, '删除组织', {
          confirmButtonText: '删除', cancelButtonText: '取消', type: 'warning',
        });
      } catch {
        return;
      }
      try {
        await api.del(`/orgs/${org.id}`);
        ElMessage.success('组织已删除');
        refresh(org.parent_id);
      } catch (err) {
        showError(err);
      }
    }

    onMounted(async () => {
      try {
        await ensureOrgs();
        schools.value = await loadSchools();
      } catch (err) {
        showError(err);
      }
    });

    return {
      treeRef, filter, selectedId, selected, schools, dialog, writable, rootWritable, childKinds,
      orgTree, openedOrgIds, orgName, onSaved, remove, navigate, isMobile,
      ORG_KINDS,
      filterNode: (text, data) => !text || data.name.includes(text),
    };
  },
  template: `
    <div class="page orgs-page">
      <div class="page-head">
        <h2>组织机构</h2>
        <el-button v-if="rootWritable" icon="IconPlus" @click="dialog = { type: 'create', parent: null }">新建顶级组织</el-button>
      </div>
      <div class="split">
        <el-card class="tree-card" shadow="never">
          <el-input v-model="filter" placeholder="按名称筛选" clearable prefix-icon="IconSearch" class="tree-filter" />
          <el-tree ref="treeRef" class="org-tree" :data="orgTree" node-key="id" :props="{ label: 'name' }"
            :default-expanded-keys="openedOrgIds" :filter-node-method="filterNode"
            highlight-current :expand-on-click-node="false" empty-text="暂无组织"
            @current-change="(data) => selectedId = data.id">
            <template #default="{ data }">
              <span class="tree-node">
                <span class="tree-node-name" :title="data.name">{{ data.name }}</span>
                <el-tag disable-transitions size="small" type="info" effect="plain">{{ ORG_KINDS[data.kind] }}</el-tag>
              </span>
            </template>
          </el-tree>
        </el-card>
        <el-card class="detail-card" shadow="never">
          <template v-if="selected">
            <div class="detail-head">
              <h3>{{ selected.name }}</h3>
              <div class="actions">
                <el-button v-if="writable && childKinds.length" type="primary" icon="IconPlus"
                  @click="dialog = { type: 'create', parent: selected }">新建下级组织</el-button>
                <el-button v-if="writable" @click="dialog = { type: 'edit', org: selected }">编辑</el-button>
                <el-button v-if="writable && selected.parent_id" @click="dialog = { type: 'move', org: selected }">移动</el-button>
                <el-button v-if="writable" type="danger" plain @click="remove(selected)">删除</el-button>
                <el-button @click="navigate('/members?org_id=' + selected.id)">查看党员</el-button>
              </div>
            </div>
            <el-descriptions :column="isMobile ? 1 : 2" border>
              <el-descriptions-item label="组织类型">{{ ORG_KINDS[selected.kind] }}</el-descriptions-item>
              <el-descriptions-item label="上级组织">{{ orgName(selected.parent_id) || '（无）' }}</el-descriptions-item>
              <el-descriptions-item label="所属学校">{{ selected.school_name || '—' }}</el-descriptions-item>
              <el-descriptions-item label="组建依据">{{ selected.basis || '—' }}</el-descriptions-item>
              <el-descriptions-item label="成立日期">{{ selected.founded_on || '—' }}</el-descriptions-item>
              <el-descriptions-item label="本届任期开始">{{ selected.term_started_on || '—' }}</el-descriptions-item>
              <el-descriptions-item label="任期">{{ selected.term_years ? selected.term_years + ' 年' : '—' }}</el-descriptions-item>
              <el-descriptions-item label="直属党员">{{ selected.member_count }} 人</el-descriptions-item>
            </el-descriptions>
          </template>
          <el-empty v-else :image-size="80"
            :description="orgTree.length ? (isMobile ? '请在上方选择一个组织' : '请在左侧选择一个组织') : '还没有组织，请先新建顶级组织（区教育工委）'" />
        </el-card>
      </div>
      <org-dialog v-if="dialog?.type === 'create' || dialog?.type === 'edit'" :org="dialog.org" :parent="dialog.parent"
        :schools="schools" @saved="onSaved" @close="dialog = null" />
      <move-dialog v-if="dialog?.type === 'move'" :org="dialog.org" @saved="onSaved" @close="dialog = null" />
    </div>`,
};
