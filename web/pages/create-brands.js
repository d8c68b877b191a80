// 党建品牌: "one school, one brand" projects moving 申报 → 培育 → 中期评估 →
// 验收 → 命名 (the district takes each step with its date and evaluation
// result), their milestones, evidence and outputs, and research topics.
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import {
  BRAND_STAGES, BRAND_LEVELS, BRAND_ITEM_KINDS, TOPIC_LEVELS, TOPIC_STAGES, labelOf,
} from '../labels.js';
import { isMobile, dialogWidth, useFormErrors, filledFields, showError } from '../ui.js';
import { itemsOf, useLoad, LoadState, todayChina } from '../life.js';
import { SchoolSelect, RecordSection, districtWide } from './create-common.js';

const STAGES = Object.keys(BRAND_STAGES);
const STAGE_TAGS = { declared: 'info', cultivating: '', midterm: 'warning', accepted: 'warning', named: 'success' };
const EVALUATIONS = ['midterm', 'accepted', 'named'];

const ITEM_FIELDS = [
  { key: 'kind', label: '类别', options: BRAND_ITEM_KINDS, required: true },
  { key: 'title', label: '名称', required: true },
  { key: 'held_on', label: '日期', type: 'date' },
  { key: 'detail', label: '说明', type: 'textarea' },
];
const TOPIC_FIELDS = [
  { key: 'title', label: '课题名称', required: true, width: 180 },
  { key: 'level', label: '级别', options: TOPIC_LEVELS, required: true },
  { key: 'stage', label: '阶段', options: TOPIC_STAGES, required: true },
  { key: 'lead', label: '负责人', maxlength: 40 },
  { key: 'started_on', label: '立项日期', type: 'date' },
];

/** Declaring a project, or editing one (`project`: name, aim, level). */
const BrandForm = {
  name: 'BrandForm',
  components: { SchoolSelect },
  props: { project: { type: Object, default: null } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const p = props.project;
    const form = reactive(p
      ? { name: p.name, aim: p.aim ?? '', level: p.level }
      : { school_id: null, name: '', aim: '', level: 'district', declared_on: todayChina() });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    async function save() {
      clear();
      if (!form.name.trim()) errors.name = '请填写项目名称';
      if (districtWide.value && !form.school_id && !p) errors.school_id = '请选择学校';
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        if (p) await api.patch(`/brands/${p.id}`, { name: form.name, aim: form.aim, level: form.level });
        else await api.post('/brands', filledFields(form));
        ElMessage.success(p ? '项目已修改' : '项目已申报');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, dialogWidth, districtWide, BRAND_LEVELS, editing: !!p };
  },
  template: `
    <el-dialog :model-value="true" :title="editing ? '修改党建品牌项目' : '申报党建品牌项目'" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item v-if="districtWide && !editing" label="学校" required :error="errors.school_id">
          <school-select v-model="form.school_id" placeholder="请选择学校" :clearable="false" />
        </el-form-item>
        <el-form-item label="项目名称" required :error="errors.name">
          <el-input v-model="form.name" name="name" maxlength="60" />
        </el-form-item>
        <div class="form-grid">
          <el-form-item label="级别" required :error="errors.level">
            <el-select v-model="form.level" name="level">
              <el-option v-for="(label, value) in BRAND_LEVELS" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="!editing" label="申报日期" required :error="errors.declared_on">
            <el-date-picker v-model="form.declared_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
        </div>
        <el-form-item label="建设目标" :error="errors.aim">
          <el-input v-model="form.aim" name="aim" type="textarea" :rows="3" maxlength="2000" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">{{ editing ? '保存' : '申报' }}</el-button>
      </template>
    </el-dialog>`,
};

/** The next step of a project: its date, and the result at an evaluation. */
const AdvanceForm = {
  name: 'AdvanceForm',
  props: { project: { type: Object, required: true } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const next = STAGES[STAGES.indexOf(props.project.stage) + 1];
    const form = reactive({ stage: next, held_on: todayChina(), result: '', note: '' });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const needsResult = EVALUATIONS.includes(next);
    async function save() {
      clear();
      if (needsResult && !form.result.trim()) errors.result = '请填写评估结果';
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        await api.post(`/brands/${props.project.id}/advance`, filledFields(form));
        ElMessage.success(`已进入“${BRAND_STAGES[next]}”阶段`);
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, needsResult, next, dialogWidth, BRAND_STAGES };
  },
  template: `
    <el-dialog :model-value="true" :title="'进入“' + BRAND_STAGES[next] + '”阶段 · ' + project.name" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" class="advance-form" @submit.prevent="save">
        <el-form-item label="日期" required :error="errors.held_on">
          <el-date-picker v-model="form.held_on" type="date" value-format="YYYY-MM-DD" />
        </el-form-item>
        <el-form-item label="评估结果" :required="needsResult" :error="errors.result">
          <el-input v-model="form.result" name="result" maxlength="500" placeholder="如：中期评估良好" />
        </el-form-item>
        <el-form-item label="备注" :error="errors.note">
          <el-input v-model="form.note" name="note" maxlength="1000" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">确定</el-button>
      </template>
    </el-dialog>`,
};

/** One project: the five-stage timeline, the next step, its items. */
const BrandDetail = {
  name: 'BrandDetail',
  components: { LoadState, AdvanceForm, RecordSection, BrandForm },
  props: { id: { type: Number, required: true } },
  emits: ['changed', 'close'],
  setup(props, { emit }) {
    const detail = useLoad(() => api.get(`/brands/${props.id}`));
    const advancing = ref(false);
    const editing = ref(false);
    function edited() {
      editing.value = false;
      detail.load();
      emit('changed');
    }
    async function remove() {
      try {
        await ElMessageBox.confirm(`确定删除项目“${detail.data.value.name}”吗？`, '删除项目', { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
      } catch {
        return;
      }
      try {
        await api.del(`/brands/${props.id}`);
        ElMessage.success('项目已删除');
        emit('changed');
        emit('close');
      } catch (err) {
        showError(err);
      }
    }
    const project = computed(() => detail.data.value);
    const active = computed(() => STAGES.indexOf(project.value?.stage ?? 'declared'));
    const byStage = computed(() => Object.fromEntries((project.value?.timeline ?? []).map((t) => [t.stage, t])));
    function advanced() {
      advancing.value = false;
      detail.load();
      emit('changed');
    }
    onMounted(detail.load);
    return {
      detail, project, active, byStage, advancing, advanced, editing, edited, remove, isMobile, dialogWidth, STAGES, BRAND_STAGES,
      BRAND_LEVELS, ITEM_FIELDS, labelOf, district: can('create.district'), writable: can('create.write'),
    };
  },
  template: `
    <el-dialog :model-value="true" :title="project ? project.name : '党建品牌项目'" :width="isMobile ? '96%' : '820px'" @close="$emit('close')">
      <load-state :state="detail.state" @retry="detail.load">
        <template v-if="project">
          <p class="hint">{{ project.school_name }} · {{ labelOf(BRAND_LEVELS, project.level) }}
            <template v-if="project.cycle_due_on"> · 建设周期至 {{ project.cycle_due_on }}</template>
            <el-tag v-if="project.overdue" size="small" type="danger" disable-transitions>超周期未验收</el-tag></p>
          <p v-if="project.aim">{{ project.aim }}</p>
          <el-steps class="brand-timeline" :active="active" finish-status="success" :direction="isMobile ? 'vertical' : 'horizontal'" align-center>
            <el-step v-for="s in STAGES" :key="s" :title="BRAND_STAGES[s]"
              :description="byStage[s] ? byStage[s].held_on + (byStage[s].result ? ' · ' + byStage[s].result : '') : ''" />
          </el-steps>
          <div v-if="(district && project.stage !== 'named') || writable" style="margin: 12px 0">
            <el-button v-if="district && project.stage !== 'named'" type="primary" class="advance-button" @click="advancing = true">进入下一阶段</el-button>
            <el-button v-if="writable" @click="editing = true">修改项目</el-button>
            <el-button v-if="writable && project.stage === 'declared'" type="danger" plain @click="remove">删除项目</el-button>
          </div>
          <record-section title="里程碑、佐证与成果" path="/brands/items" :fields="ITEM_FIELDS"
            :query="{ project_id: project.id }" :fixed="{ project_id: project.id }" :writable="writable" />
        </template>
      </load-state>
      <advance-form v-if="advancing && project" :project="project" @saved="advanced" @close="advancing = false" />
      <brand-form v-if="editing && project" :project="project" @saved="edited" @close="editing = false" />
    </el-dialog>`,
};

export default {
  name: 'BrandsPage',
  components: { LoadState, BrandForm, BrandDetail, RecordSection, SchoolSelect },
  setup() {
    const filters = reactive({ school_id: null, stage: '', level: '' });
    const projects = useLoad(async () => itemsOf(await api.get('/brands', { ...filters, per_page: 100 })));
    const creating = ref(false);
    const openId = ref(null);
    const rows = computed(() => projects.data.value ?? []);
    // The alert centre links here with ?open=<project id>.
    const opened = Number(new URLSearchParams(window.location.search).get('open'));
    if (opened > 0) openId.value = opened;
    const counts = computed(() => Object.fromEntries(STAGES.map((s) => [s, rows.value.filter((r) => r.stage === s).length])));
    onMounted(projects.load);
    return {
      filters, projects, rows, counts, creating, openId, isMobile, districtWide, STAGES, STAGE_TAGS,
      BRAND_STAGES, BRAND_LEVELS, TOPIC_FIELDS, labelOf, writable: can('create.write'),
    };
  },
  template: `
    <div class="page brands-page">
      <div class="page-head">
        <h2>党建品牌与课题</h2>
        <div class="actions">
          <el-button v-if="writable" type="primary" icon="IconPlus" @click="creating = true">申报项目</el-button>
        </div>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="projects.load">
          <el-form-item v-if="districtWide" label="学校"><school-select v-model="filters.school_id" @update:model-value="projects.load" /></el-form-item>
          <el-form-item label="阶段">
            <el-select v-model="filters.stage" placeholder="全部" clearable @change="projects.load">
              <el-option v-for="(label, value) in BRAND_STAGES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="级别">
            <el-select v-model="filters.level" placeholder="全部" clearable @change="projects.load">
              <el-option v-for="(label, value) in BRAND_LEVELS" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
        </el-form>
        <div class="hint">
          <span v-for="s in STAGES" :key="s" style="margin-right: 12px">{{ BRAND_STAGES[s] }} {{ counts[s] }}</span>
        </div>
      </el-card>
      <el-card shadow="never">
        <template #header>品牌项目（一校一品 / 一校多品）</template>
        <load-state :state="projects.state" :empty="projects.state.loaded && !rows.length ? '暂无品牌项目' : ''" @retry="projects.load">
          <div v-if="isMobile" class="member-cards">
            <div v-for="r in rows" :key="r.id" class="member-card">
              <div class="member-card-head"><el-button link type="primary" @click="openId = r.id">{{ r.name }}</el-button>
                <span class="member-card-meta">{{ r.school_name }}</span>
                <el-tag size="small" disable-transitions :type="STAGE_TAGS[r.stage]">{{ BRAND_STAGES[r.stage] }}</el-tag></div>
              <div class="member-card-line">{{ labelOf(BRAND_LEVELS, r.level) }} · {{ r.stage_on }}
                <el-tag v-if="r.overdue" size="small" type="danger" disable-transitions>超周期</el-tag></div>
            </div>
          </div>
          <el-table v-else :data="rows" row-key="id">
            <el-table-column label="项目" min-width="180">
              <template #default="{ row }"><el-button link type="primary" @click="openId = row.id">{{ row.name }}</el-button></template>
            </el-table-column>
            <el-table-column prop="school_name" label="学校" min-width="140" show-overflow-tooltip />
            <el-table-column label="级别" min-width="130"><template #default="{ row }">{{ labelOf(BRAND_LEVELS, row.level) }}</template></el-table-column>
            <el-table-column label="阶段" width="150">
              <template #default="{ row }"><el-tag size="small" disable-transitions :type="STAGE_TAGS[row.stage]">{{ BRAND_STAGES[row.stage] }}</el-tag>
                <el-tag v-if="row.overdue" size="small" type="danger" disable-transitions class="tag-gap">超周期</el-tag></template>
            </el-table-column>
            <el-table-column prop="stage_on" label="阶段日期" width="110" />
            <el-table-column prop="cycle_due_on" label="建设周期至" width="110" />
          </el-table>
        </load-state>
      </el-card>
      <record-section title="党建研究课题" path="/brands/topics" :fields="TOPIC_FIELDS" :writable="writable"
        :query="{ school_id: filters.school_id }" />
      <brand-form v-if="creating" @saved="creating = false; projects.load()" @close="creating = false" />
      <brand-detail v-if="openId" :id="openId" @changed="projects.load" @close="openId = null" />
    </div>`,
};
