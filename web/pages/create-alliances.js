// 联盟: party-work + education-group alliances and the monthly "four ones"
// board (one joint study, one shared book, one hot topic, one school visit).
import { ref, reactive, computed, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { FOUR_ONES } from '../labels.js';
import { isMobile, dialogWidth, useFormErrors, filledFields, showError } from '../ui.js';
import { itemsOf, useLoad, LoadState, thisMonth, todayChina, periodLabel } from '../life.js';
import { SchoolSelect, loadSchools } from './create-common.js';

const KINDS = Object.keys(FOUR_ONES);

/** Forming an alliance, or editing one (`alliance`; the district). */
const AllianceForm = {
  name: 'AllianceForm',
  components: { SchoolSelect },
  props: { alliance: { type: Object, default: null } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const a = props.alliance;
    const form = reactive(a
      ? { name: a.name, lead_school_id: a.lead_school_id, school_ids: (a.schools ?? []).filter((s) => s.role !== 'lead').map((s) => s.id), founded_on: a.founded_on ?? null, note: a.note ?? '' }
      : { name: '', lead_school_id: null, school_ids: [], founded_on: null, note: '' });
    const schools = ref([]);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    onMounted(async () => { schools.value = await loadSchools().catch(() => []); });
    async function save() {
      clear();
      if (!form.name.trim()) errors.name = '请填写联盟名称';
      if (!form.lead_school_id) errors.lead_school_id = '请选择牵头学校';
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        if (a) await api.patch(`/alliances/${a.id}`, { ...filledFields(form), school_ids: form.school_ids });
        else await api.post('/alliances', filledFields(form));
        ElMessage.success(a ? '联盟已修改' : '联盟已创建');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, schools, errors, busy, save, dialogWidth, editing: !!a };
  },
  template: `
    <el-dialog :model-value="true" :title="editing ? '修改联盟' : '新建联盟'" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item label="联盟名称" required :error="errors.name">
          <el-input v-model="form.name" name="name" maxlength="60" />
        </el-form-item>
        <el-form-item label="牵头学校" required :error="errors.lead_school_id">
          <school-select v-model="form.lead_school_id" placeholder="请选择牵头学校" :clearable="false" />
        </el-form-item>
        <el-form-item label="成员学校" :error="errors.school_ids">
          <el-select v-model="form.school_ids" multiple filterable placeholder="请选择成员学校">
            <el-option v-for="s in schools" :key="s.id" :value="s.id" :label="s.name" />
          </el-select>
        </el-form-item>
        <el-form-item label="成立日期" :error="errors.founded_on">
          <el-date-picker v-model="form.founded_on" type="date" value-format="YYYY-MM-DD" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

const ActivityForm = {
  name: 'ActivityForm',
  props: { alliance: { type: Object, required: true }, kind: { type: String, default: 'joint_study' } },
  emits: ['saved', 'close'],
  setup(props, { emit }) {
    const form = reactive({
      kind: props.kind, held_on: todayChina(), host_school_id: props.alliance.schools?.[0]?.id ?? null,
      title: '', attendance: null, outputs: '',
    });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    async function save() {
      clear();
      if (!form.title.trim()) errors.title = '请填写主题';
      if (form.attendance === null) errors.attendance = '请填写参加人数';
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        await api.post(`/alliances/${props.alliance.id}/activities`, filledFields(form));
        ElMessage.success('已记录');
        emit('saved');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, save, dialogWidth, FOUR_ONES };
  },
  template: `
    <el-dialog :model-value="true" :title="'记录“四个一” · ' + alliance.name" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <div class="form-grid">
          <el-form-item label="类别" required :error="errors.kind">
            <el-select v-model="form.kind" name="kind">
              <el-option v-for="(label, value) in FOUR_ONES" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="日期" required :error="errors.held_on">
            <el-date-picker v-model="form.held_on" type="date" value-format="YYYY-MM-DD" />
          </el-form-item>
          <el-form-item label="承办学校" required :error="errors.host_school_id">
            <el-select v-model="form.host_school_id" name="host_school_id">
              <el-option v-for="s in alliance.schools" :key="s.id" :value="s.id" :label="s.name" />
            </el-select>
          </el-form-item>
          <el-form-item label="参加人数" required :error="errors.attendance">
            <el-input-number v-model="form.attendance" :min="0" :max="100000" controls-position="right" />
          </el-form-item>
        </div>
        <el-form-item label="主题" required :error="errors.title">
          <el-input v-model="form.title" name="title" maxlength="100" />
        </el-form-item>
        <el-form-item label="成果" :error="errors.outputs">
          <el-input v-model="form.outputs" name="outputs" type="textarea" :rows="2" maxlength="2000" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
      </template>
    </el-dialog>`,
};

export default {
  name: 'AlliancesPage',
  components: { LoadState, AllianceForm, ActivityForm },
  setup() {
    const month = ref(thisMonth());
    const board = useLoad(async () => itemsOf(await api.get('/alliances/board', { month: month.value })));
    const alliances = useLoad(async () => itemsOf(await api.get('/alliances')));
    const creating = ref(false);
    const editing = ref(null);
    const recording = ref(null); // { alliance, kind }
    async function remove(a) {
      try {
        await ElMessageBox.confirm(`确定删除联盟“${a.name}”吗？`, '删除联盟', { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
      } catch {
        return;
      }
      try {
        await api.del(`/alliances/${a.id}`);
        ElMessage.success('联盟已删除');
        load();
      } catch (err) {
        showError(err);
      }
    }
    const byId = computed(() => Object.fromEntries((alliances.data.value ?? []).map((a) => [a.id, a])));
    const boardRows = computed(() => board.data.value ?? []);
    const complete = computed(() => boardRows.value.filter((r) => r.complete).length);

    function record(id, kind) {
      const alliance = byId.value[id];
      if (alliance) recording.value = { alliance, kind };
    }
    function load() {
      board.load();
      alliances.load();
    }
    onMounted(load);
    return {
      month, board, alliances, boardRows, complete, creating, editing, remove, recording, record, load, isMobile,
      KINDS, FOUR_ONES, periodLabel, district: can('create.district'), writable: can('create.write'),
    };
  },
  template: `
    <div class="page alliances-page">
      <div class="page-head">
        <h2>党建+教育集团联盟</h2>
        <div class="actions">
          <el-date-picker v-model="month" type="month" value-format="YYYY-MM" format="YYYY年M月" :clearable="false" @change="board.load" />
          <el-button v-if="district" type="primary" icon="IconPlus" @click="creating = true">新建联盟</el-button>
        </div>
      </div>
      <el-card shadow="never">
        <template #header>{{ periodLabel(month) }}“四个一”完成情况<span class="hint">（{{ complete }}/{{ boardRows.length }} 个联盟四项全部完成）</span></template>
        <load-state :state="board.state" :empty="board.state.loaded && !boardRows.length ? '暂无联盟' : ''" @retry="board.load">
          <div v-if="isMobile" class="member-cards">
            <div v-for="r in boardRows" :key="r.alliance_id" class="member-card">
              <div class="member-card-head"><b>{{ r.name }}</b><span class="member-card-meta">{{ r.done }}/4</span></div>
              <div class="member-card-line">
                <el-tag v-for="k in KINDS" :key="k" size="small" disable-transitions class="tag-gap"
                  :type="r[k].done ? 'success' : 'info'" @click="writable && record(r.alliance_id, k)">{{ FOUR_ONES[k] }}{{ r[k].done ? '✓' : '' }}</el-tag>
              </div>
            </div>
          </div>
          <el-table v-else :data="boardRows" row-key="alliance_id" class="four-ones-board">
            <el-table-column prop="name" label="联盟" min-width="160" show-overflow-tooltip />
            <el-table-column v-for="k in KINDS" :key="k" :label="FOUR_ONES[k]" width="120" align="center">
              <template #default="{ row }">
                <el-tag v-if="row[k].done" size="small" type="success" disable-transitions>已完成 {{ row[k].count }}</el-tag>
                <el-button v-else-if="writable" link type="primary" @click="record(row.alliance_id, k)">记录</el-button>
                <el-tag v-else size="small" type="info" disable-transitions>未开展</el-tag>
              </template>
            </el-table-column>
            <el-table-column label="完成" width="80" align="center">
              <template #default="{ row }"><b :style="{ color: row.complete ? '#67c23a' : '#e6a23c' }">{{ row.done }}/4</b></template>
            </el-table-column>
          </el-table>
        </load-state>
      </el-card>
      <el-card shadow="never">
        <template #header>联盟与成员学校</template>
        <load-state :state="alliances.state" :empty="alliances.state.loaded && !(alliances.data.value ?? []).length ? '暂无联盟' : ''" @retry="alliances.load">
          <div class="member-cards">
            <div v-for="a in alliances.data.value ?? []" :key="a.id" class="member-card">
              <div class="member-card-head"><b>{{ a.name }}</b><span class="member-card-meta">{{ a.founded_on ? a.founded_on + ' 成立' : '' }}</span>
                <el-button v-if="writable" size="small" @click="recording = { alliance: a, kind: 'joint_study' }">记录活动</el-button>
                <el-button v-if="district" size="small" @click="editing = a">修改</el-button>
                <el-button v-if="district" size="small" type="danger" plain @click="remove(a)">删除</el-button></div>
              <div class="member-card-line">
                <el-tag v-for="s in a.schools" :key="s.id" size="small" disable-transitions class="tag-gap"
                  :type="s.role === 'lead' ? 'danger' : ''">{{ s.role === 'lead' ? '牵头 · ' : '' }}{{ s.name }}</el-tag>
              </div>
            </div>
          </div>
        </load-state>
      </el-card>
      <alliance-form v-if="creating" @saved="creating = false; load()" @close="creating = false" />
      <alliance-form v-if="editing" :alliance="editing" @saved="editing = null; load()" @close="editing = null" />
      <activity-form v-if="recording" :alliance="recording.alliance" :kind="recording.kind"
        @saved="recording = null; board.load()" @close="recording = null" />
    </div>`,
};
