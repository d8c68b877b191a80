// The organizations in the caller's scope: loaded once, shared by every page,
// and turned into a tree here (the API sends a flat list in tree order).
import { reactive, computed, watch } from 'vue';
import { api } from './api.js';
import { session } from './session.js';
import { ORG_KINDS } from './labels.js';
import { showError } from './ui.js';

const state = reactive({ flat: [] });
let loading = null; // the first load's promise, shared by every caller

// Another user may see other orgs.
watch(() => session.user?.id, () => {
  state.flat = [];
  loading = null;
});

export const orgById = computed(() => new Map(state.flat.map((o) => [o.id, o])));

/** Nested copies of the orgs, each with `children`; orgs whose parent is out of scope are roots. */
export const orgTree = computed(() => buildTree(state.flat));

function buildTree(flat) {
  const nodes = new Map(flat.map((o) => [o.id, { ...o, children: [] }]));
  const roots = [];
  for (const node of nodes.values()) {
    const parent = nodes.get(node.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export async function reloadOrgs() {
  // The security administrator assigns scopes but reads no business data
  // (SEC-05): the tree with names only.
  const answer = await api.get(session.user?.role === 'security_admin' ? '/org-tree' : '/orgs');
  state.flat = answer.items;
}

/** Loads the orgs unless another page already has (or is doing so). */
export function ensureOrgs() {
  loading ??= reloadOrgs().catch((err) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** The top two levels in scope: what a tree shows opened at first. */
export const openedOrgIds = computed(() => {
  const top = Math.min(...state.flat.map((o) => o.depth));
  return state.flat.filter((o) => o.depth <= top + 1).map((o) => o.id);
});

export function orgName(id) {
  return orgById.value.get(id)?.name ?? (id ? `组织 #${id}` : '');
}

/** The ids of `id` and everything below it (the list is in tree order). */
function subtreeIds(id) {
  const ids = new Set([id]);
  for (const o of state.flat) if (ids.has(o.parent_id)) ids.add(o.id);
  return ids;
}

/**
 * A tree picker over the orgs. `kinds` limits which kinds can be picked,
 * `exclude` disables an org with its subtree (a move can't go below itself).
 */
export const OrgSelect = {
  name: 'OrgSelect',
  props: {
    modelValue: { type: [Number, Array], default: null },
    kinds: { type: Array, default: null },
    exclude: { type: Number, default: null },
    multiple: Boolean,
    placeholder: { type: String, default: '请选择党组织' },
  },
  emits: ['update:modelValue'],
  setup(props) {
    const excluded = computed(() => (props.exclude ? subtreeIds(props.exclude) : new Set()));
    const treeProps = {
      label: 'name',
      disabled: (o) => excluded.value.has(o.id) || Boolean(props.kinds && !props.kinds.includes(o.kind)),
    };
    // The picked organization's whole name on hover: the field cuts long names (issue 12).
    const pickedName = computed(() => (props.multiple
      ? (props.modelValue ?? []).map(orgName).join('、') : (props.modelValue ? orgName(props.modelValue) : '')));
    ensureOrgs().catch(showError);
    return { orgTree, openedOrgIds, treeProps, pickedName, ORG_KINDS };
  },
  template: `
    <el-tree-select class="org-select" :title="pickedName || undefined" :model-value="modelValue" :data="orgTree" node-key="id"
      :props="treeProps" :multiple="multiple" check-strictly filterable clearable
      :default-expanded-keys="openedOrgIds" :placeholder="placeholder"
      no-data-text="暂无组织" no-match-text="没有匹配的组织"
      @update:model-value="$emit('update:modelValue', $event)">
      <template #default="{ data }">
        <span :title="data.name">{{ data.name }}</span><span class="org-kind-hint">{{ ORG_KINDS[data.kind] }}</span>
      </template>
    </el-tree-select>`,
};
