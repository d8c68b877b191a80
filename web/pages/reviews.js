// 述职评议: secretaries' annual report-and-review (EVAL-01…04). The district
// creates a round, names the secretaries under review and the evaluators
// of each group, closes it (results, ranking, and for 一般/差 a talk and a
// rectification finding) and publishes it. A secretary writes the report
// and, once published, reads their own result; an evaluator scores each
// secretary on the round's sheet with a grade and sees only their own ballots.
import { ref, reactive, computed, onMounted, watch } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '../api.js';
import { can, session } from '../session.js';
import { REVIEW_STATES, REVIEW_STATE_TAGS, REVIEW_GROUPS, REVIEW_GRADES, labelOf } from '../labels.js';
import { isMobile, dialogWidth, useFormErrors, showError } from '../ui.js';
import { itemsOf, thisYear, useLoad, LoadState } from '../life.js';
import { FileList, fileUrl } from '../files.js';
import { queryParam } from '../router.js';

const GRADE_TAGS = { 好: 'success', 较好: '', 一般: 'warning', 差: 'danger' };
/** Which roles each group takes (the server checks it too). */
const GROUP_ROLES = { district: ['district'], secretary: ['secretary'], member: ['member', 'principal'] };
const ROLE_NAMES = { district: '区教育工委', secretary: '书记', member: '党员', principal: '校长' };

const points = (v) => (v === null || v === undefined ? '—' : Number(v).toFixed(1));
const permille = (v) => `${(Number(v ?? 0) / 10).toFixed(1)}%`;

/** 新建评议: year, name and the configurable weights and bands (EVAL-04). */
const CreateDialog = {
  name: 'ReviewCreateDialog',
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({
      year: thisYear(), name: `${thisYear()}年度党组织书记抓基层党建工作述职评议`,
      weight_district: 500, weight_secretary: 300, weight_member: 200,
      band_good: 90, band_fair: 80, band_average: 60, poor_share: 500,
    });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const sum = computed(() => form.weight_district + form.weight_secretary + form.weight_member);
    async function save() {
      busy.value = true;
      clear();
      try {
        emit('done', await api.post('/reviews', { ...form }));
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    return { form, errors, busy, sum, save, dialogWidth };
  },
  template: `
    <el-dialog :model-value="true" title="新建述职评议" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <div class="form-grid">
          <el-form-item label="年度" required :error="errors.year">
            <el-input-number v-model="form.year" :min="2000" :max="2100" />
          </el-form-item>
          <el-form-item label="评议名称" required :error="errors.name">
            <el-input v-model="form.name" name="name" maxlength="100" />
          </el-form-item>
        </div>
        <p class="hint">评议组权重（千分比，合计1000，当前 {{ sum }}）：某组无人评分时，其权重按比例分给其他组。</p>
        <div class="form-grid">
          <el-form-item label="区教育工委" :error="errors.weight_district">
            <el-input-number v-model="form.weight_district" :min="0" :max="1000" :step="50" />
          </el-form-item>
          <el-form-item label="其他书记" :error="errors.weight_secretary">
            <el-input-number v-model="form.weight_secretary" :min="0" :max="1000" :step="50" />
          </el-form-item>
          <el-form-item label="党员代表" :error="errors.weight_member">
            <el-input-number v-model="form.weight_member" :min="0" :max="1000" :step="50" />
          </el-form-item>
        </div>
        <p class="hint">等次分数线（分）：不低于“好”线为好，依次类推，低于“一般”线为差；“一般/差”票按权重占比达到下列比例时，等次最高为一般。</p>
        <div class="form-grid">
          <el-form-item label="好" :error="errors.band_good">
            <el-input-number v-model="form.band_good" :min="0" :max="1000" />
          </el-form-item>
          <el-form-item label="较好" :error="errors.band_fair">
            <el-input-number v-model="form.band_fair" :min="0" :max="1000" />
          </el-form-item>
          <el-form-item label="一般" :error="errors.band_average">
            <el-input-number v-model="form.band_average" :min="0" :max="1000" />
          </el-form-item>
          <el-form-item label="一般/差票占比（千分比）" :error="errors.poor_share">
            <el-input-number v-model="form.poor_share" :min="0" :max="1001" :step="50" />
          </el-form-item>
        </div>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">创建</el-button>
      </template>
    </el-dialog>`,
};

/** 添加被评议书记 / 添加评议人: users picked from the candidates. */
const AssignDialog = {
  name: 'ReviewAssignDialog',
  props: { round: { type: Object, required: true }, kind: { type: String, required: true } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const form = reactive({ group: 'district', user_ids: [] });
    const all = ref([]);
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const title = computed(() => (props.kind === 'secretaries' ? '添加被评议书记' : '添加评议人'));
    const roles = computed(() => (props.kind === 'secretaries' ? ['secretary'] : GROUP_ROLES[form.group]));
    const options = computed(() => all.value.filter((u) => roles.value.includes(u.role)));
    watch(() => form.group, () => { form.user_ids = []; });
    onMounted(async () => {
      try {
        all.value = itemsOf(await api.get('/reviews/candidates'));
      } catch (err) {
        showError(err);
      }
    });
    async function save() {
      busy.value = true;
      clear();
      const body = { user_ids: form.user_ids };
      if (props.kind === 'evaluators') body.group = form.group;
      try {
        emit('done', await api.post(`/reviews/${props.round.id}/${props.kind}`, body));
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    const label = (u) => `${u.username}（${ROLE_NAMES[u.role] ?? u.role}${u.org_name ? ' · ' + u.org_name : ''}）`;
    return { form, errors, busy, title, options, save, label, dialogWidth, REVIEW_GROUPS };
  },
  template: `
    <el-dialog :model-value="true" :title="title" :width="dialogWidth" @close="$emit('close')">
      <el-form label-position="top" @submit.prevent="save">
        <el-form-item v-if="kind === 'evaluators'" label="评议组" required :error="errors.group">
          <el-radio-group v-model="form.group">
            <el-radio-button v-for="(text, value) in REVIEW_GROUPS" :key="value" :value="value">{{ text }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item label="账号" required :error="errors.user_ids || errors['user_ids[0]']">
          <el-select v-model="form.user_ids" multiple filterable placeholder="选择账号" no-data-text="没有可选账号"
            class="review-users" aria-label="账号">
            <el-option v-for="u in options" :key="u.id" :value="u.id" :label="label(u)" />
          </el-select>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" :disabled="!form.user_ids.length" @click="save">添加</el-button>
      </template>
    </el-dialog>`,
};

/** 评分: one ballot on one secretary, every leaf of the sheet and a grade. */
const BallotDialog = {
  name: 'ReviewBallotDialog',
  components: { FileList },
  props: { round: { type: Object, required: true }, subject: { type: Object, required: true } },
  emits: ['done', 'close'],
  setup(props, { emit }) {
    const sheet = computed(() => props.round.sheet ?? []);
    const leaves = computed(() => sheet.value.filter((x) => x.leaf && !x.veto));
    const parents = computed(() => sheet.value.filter((x) => x.level === 1));
    const form = reactive({ grade: '', note: '', scores: {} });
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);
    const total = computed(() => leaves.value.reduce((s, x) => s + Number(form.scores[x.code] ?? 0), 0));
    const childrenOf = (code) => leaves.value.filter((x) => x.parent === code || (x.level === 1 && x.code === code));
    onMounted(async () => {
      for (const x of leaves.value) form.scores[x.code] = null;
      if (!props.subject.my_ballot_id) return;
      try {
        const b = await api.get(`/reviews/ballots/${props.subject.my_ballot_id}`);
        form.grade = b.grade;
        form.note = b.note ?? '';
        for (const s of b.scores ?? []) form.scores[s.code] = s.points;
      } catch (err) {
        showError(err);
      }
    });
    async function save() {
      busy.value = true;
      clear();
      const scores = leaves.value.filter((x) => form.scores[x.code] !== null && form.scores[x.code] !== undefined)
        .map((x) => ({ code: x.code, points: Number(form.scores[x.code]) }));
      try {
        await api.post(`/reviews/${props.round.id}/ballots`, {
          secretary_id: props.subject.secretary_id, grade: form.grade || null, note: form.note, scores,
        });
        emit('done');
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }
    /** The first message about a leaf's score, by its position in what was sent. */
    const scoreError = computed(() => Object.entries(errors).filter(([k]) => k.startsWith('scores')).map(([, v]) => v).join('；'));
    return { leaves, parents, childrenOf, form, errors, busy, total, save, scoreError, points, dialogWidth, REVIEW_GRADES };
  },
  template: `
    <el-dialog :model-value="true" :title="'评分 · ' + subject.secretary + '（' + subject.org_name + '）'" :width="dialogWidth"
      @close="$emit('close')">
      <details v-if="subject.report" class="review-report"><summary>述职报告</summary><p>{{ subject.report }}</p></details>
      <template v-if="subject.file_name && subject.subject_id">
        <h4>述职报告附件</h4>
        <file-list path="review-reports" :owner-id="subject.subject_id" single readonly class="review-files" />
      </template>
      <el-form label-position="top" @submit.prevent="save">
        <div v-for="p in parents" :key="p.code" class="review-part">
          <h4>{{ p.code }} {{ p.name }}（{{ points(p.max_points) }}分）</h4>
          <el-form-item v-for="x in childrenOf(p.code)" :key="x.code" :label="x.code + ' ' + x.name + '（' + points(x.max_points) + '分）'">
            <el-input-number v-model="form.scores[x.code]" :min="0" :max="Number(x.max_points)" :step="0.5" :precision="1"
              :aria-label="'得分 ' + x.code" />
          </el-form-item>
        </div>
        <el-alert v-if="scoreError" type="error" :closable="false" :title="scoreError" />
        <p class="review-total">合计 <strong>{{ total.toFixed(1) }}</strong> 分</p>
        <el-form-item label="评议等次" required :error="errors.grade">
          <el-radio-group v-model="form.grade">
            <el-radio-button v-for="g in REVIEW_GRADES" :key="g" :value="g">{{ g }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item label="评议意见" :error="errors.note">
          <el-input v-model="form.note" type="textarea" :rows="2" maxlength="1000" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('close')">取消</el-button>
        <el-button type="primary" :loading="busy" @click="save">提交评分</el-button>
      </template>
    </el-dialog>`,
};

/** The results table (district), or one's own result (a secretary). */
const ResultsTable = {
  name: 'ReviewResults',
  props: { items: { type: Array, required: true }, manager: Boolean },
  emits: ['talk'],
  setup() {
    return { points, permille, GRADE_TAGS, isMobile };
  },
  template: `
    <el-table :data="items" size="small" style="width: 100%" empty-text="暂无结果">
      <el-table-column prop="rank" label="名次" width="60" />
      <el-table-column prop="secretary" label="书记" min-width="90" />
      <el-table-column v-if="!isMobile" prop="org_name" label="组织" min-width="140" show-overflow-tooltip />
      <el-table-column label="得分" width="70"><template #default="{ row }">{{ points(row.score) }}</template></el-table-column>
      <el-table-column label="等次" width="70">
        <template #default="{ row }"><el-tag :type="GRADE_TAGS[row.grade]" size="small">{{ row.grade }}</el-tag></template>
      </el-table-column>
      <el-table-column v-if="!isMobile" label="各组均分（工委/书记/党员）" min-width="170">
        <template #default="{ row }">{{ points(row.avg_district) }} / {{ points(row.avg_secretary) }} / {{ points(row.avg_member) }}</template>
      </el-table-column>
      <el-table-column v-if="!isMobile" label="一般/差票" width="90"><template #default="{ row }">{{ permille(row.poor_share) }}</template></el-table-column>
      <el-table-column v-if="manager" label="约谈" min-width="120">
        <template #default="{ row }">
          <span v-if="!row.talk_id">—</span>
          <el-tag v-else-if="row.talk_done" type="success" size="small">已约谈</el-tag>
          <el-button v-else size="small" type="warning" plain @click="$emit('talk', row)">约谈（{{ row.talk_due }}前）</el-button>
        </template>
      </el-table-column>
    </el-table>`,
};

export default {
  name: 'ReviewsPage',
  components: { LoadState, CreateDialog, AssignDialog, BallotDialog, ResultsTable, FileList },
  setup() {
    const manager = computed(() => can('reviews.manage'));
    const rounds = ref([]);
    const roundId = ref(null);
    const dialog = reactive({ create: false, assign: '', ballot: null });
    const report = reactive({ text: '', busy: false, subject: null });
    const { state, data: round, load: loadRound } = useLoad((id) => api.get(`/reviews/${id}`));
    const results = ref(null);
    const ballots = ref([]);
    const tab = ref('');

    async function loadRounds(select) {
      try {
        rounds.value = itemsOf(await api.get('/reviews'));
      } catch (err) {
        showError(err);
      }
      if (select) roundId.value = select;
      else if (!rounds.value.some((r) => r.id === roundId.value)) roundId.value = rounds.value[0]?.id ?? null;
    }

    async function refresh() {
      if (!roundId.value) return;
      const r = await loadRound(roundId.value);
      if (!r) return;
      const mine = r.me.under_review ? r.secretaries_under_review.find((s) => s.secretary_id === session.user?.id) : null;
      report.text = mine?.report ?? '';
      report.subject = mine?.subject_id ?? null; // the owner of the report's file
      results.value = null;
      ballots.value = [];
      const canSee = r.me.manager ? r.state !== 'open' : r.me.under_review && r.state === 'published';
      if (canSee) {
        try {
          results.value = itemsOf(await api.get(`/reviews/${r.id}/results`));
        } catch (err) {
          showError(err);
        }
      }
      if (r.me.group) {
        try {
          ballots.value = itemsOf(await api.get(`/reviews/${r.id}/ballots`));
        } catch (err) {
          showError(err);
        }
      }
      const tabs = visibleTabs.value;
      if (!tabs.includes(tab.value)) tab.value = tabs[0] ?? '';
    }

    const visibleTabs = computed(() => {
      const r = round.value;
      if (!r) return [];
      const t = [];
      if (r.me.group) t.push('score');
      if (r.me.under_review) t.push('mine');
      if (r.me.manager) t.push('people', 'results');
      return t;
    });

    watch(roundId, refresh);
    // A notification links here with ?open=<round id>.
    onMounted(() => loadRounds(Number(queryParam('open')) || undefined));

    const toScore = computed(() => (round.value?.secretaries_under_review ?? [])
      .filter((s) => s.secretary_id !== session.user?.id)
      .map((s) => ({ ...s, ballot: ballots.value.find((b) => b.secretary_id === s.secretary_id) })));

    async function created(r) {
      dialog.create = false;
      ElMessage.success('已创建评议');
      await loadRounds(r.id);
    }

    async function assigned() {
      dialog.assign = '';
      await refresh();
    }

    async function scored() {
      dialog.ballot = null;
      ElMessage.success('评分已提交');
      await refresh();
    }

    async function step(action, text) {
      try {
        await ElMessageBox.confirm(text, '请确认', { type: 'warning', confirmButtonText: '确定', cancelButtonText: '取消' });
      } catch {
        return;
      }
      try {
        await api.post(`/reviews/${roundId.value}/${action}`);
        ElMessage.success(action === 'close' ? '评议已结束，结果已生成' : '结果已公布');
        await loadRounds();
        await refresh();
      } catch (err) {
        showError(err);
      }
    }

    async function remove(kind, userId) {
      try {
        await api.del(`/reviews/${roundId.value}/${kind}?user_id=${userId}`);
        await refresh();
      } catch (err) {
        showError(err);
      }
    }

    async function submitReport() {
      report.busy = true;
      try {
        await api.post(`/reviews/${roundId.value}/report`, { report: report.text });
        ElMessage.success('述职报告已提交');
        await refresh();
      } catch (err) {
        showError(err);
      } finally {
        report.busy = false;
      }
    }

    async function talkDone(row) {
      let note;
      try {
        ({ value: note } = await ElMessageBox.prompt(`${row.secretary}：记录约谈情况`, '完成约谈', {
          confirmButtonText: '保存', cancelButtonText: '取消', inputType: 'textarea',
          inputValidator: (v) => Boolean(v && v.trim()) || '请填写约谈情况',
        }));
      } catch {
        return;
      }
      try {
        await api.post(`/reviews/talks/${row.talk_id}/done`, { note });
        await refresh();
      } catch (err) {
        showError(err);
      }
    }

    return {
      manager, rounds, roundId, round, state, dialog, report, results, ballots, tab, visibleTabs, toScore,
      created, assigned, scored, step, remove, submitReport, talkDone, refresh, loadRounds, fileUrl,
      session, points, permille, labelOf, isMobile, REVIEW_STATES, REVIEW_STATE_TAGS, REVIEW_GROUPS, GRADE_TAGS,
    };
  },
  template: `
    <div class="page reviews-page">
      <div class="page-head">
        <h2>述职评议</h2>
        <div class="actions">
          <el-button v-if="manager" type="primary" icon="IconPlus" @click="dialog.create = true">新建评议</el-button>
        </div>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :label-position="isMobile ? 'top' : 'left'" @submit.prevent>
          <el-form-item label="评议轮次">
            <el-select v-model="roundId" placeholder="选择评议" no-data-text="暂无评议" class="review-round-select" style="width: 100%; max-width: 480px">
              <el-option v-for="r in rounds" :key="r.id" :value="r.id" :label="r.year + ' · ' + r.name" />
            </el-select>
          </el-form-item>
        </el-form>
      </el-card>
      <el-empty v-if="!rounds.length" :image-size="72" description="暂无评议：区教育工委创建评议后，参评人员在此提交述职报告和评分" />
      <load-state v-else-if="roundId" :state="state" @retry="refresh">
        <template v-if="round">
          <el-card shadow="never" class="review-head">
            <div class="review-title">
              <strong>{{ round.name }}</strong>
              <el-tag :type="REVIEW_STATE_TAGS[round.state]" size="small">{{ labelOf(REVIEW_STATES, round.state) }}</el-tag>
            </div>
            <p class="hint">
              评分细则：{{ round.system_name }}；权重 区教育工委 {{ round.weight_district }}‰、其他书记 {{ round.weight_secretary }}‰、党员代表 {{ round.weight_member }}‰；
              等次线 好 ≥ {{ points(round.band_good) }}、较好 ≥ {{ points(round.band_fair) }}、一般 ≥ {{ points(round.band_average) }}，一般/差票占比 ≥ {{ permille(round.poor_share) }} 时最高为一般。
            </p>
            <div v-if="round.me.manager" class="actions">
              <el-button v-if="round.state === 'open'" type="danger" plain @click="step('close', '结束后不能再提交评分，将计算结果并为“一般”“差”等次自动生成约谈和整改事项。确定结束评议？')">结束评议</el-button>
              <el-button v-if="round.state === 'closed'" type="success" @click="step('publish', '公布后，每位书记可查看本人的评议结果。确定公布？')">公布结果</el-button>
            </div>
          </el-card>
          <el-tabs v-model="tab">
            <el-tab-pane v-if="round.me.group" name="score" label="评分">
              <p class="hint">您在“{{ REVIEW_GROUPS[round.me.group] }}”评议组；只能查看自己提交的评分。</p>
              <el-table :data="toScore" size="small" style="width: 100%" empty-text="暂无需要评分的书记">
                <el-table-column prop="secretary" label="书记" min-width="90" />
                <el-table-column v-if="!isMobile" prop="org_name" label="组织" min-width="140" show-overflow-tooltip />
                <el-table-column label="我的评分" min-width="110">
                  <template #default="{ row }">
                    <span v-if="row.ballot">{{ points(row.ballot.total) }} 分 · <el-tag :type="GRADE_TAGS[row.ballot.grade]" size="small">{{ row.ballot.grade }}</el-tag></span>
                    <span v-else class="hint">未评分</span>
                  </template>
                </el-table-column>
                <el-table-column label="操作" width="90">
                  <template #default="{ row }">
                    <el-button v-if="round.state === 'open'" size="small" type="primary" plain @click="dialog.ballot = row">{{ row.ballot ? '修改' : '评分' }}</el-button>
                  </template>
                </el-table-column>
              </el-table>
            </el-tab-pane>
            <el-tab-pane v-if="round.me.under_review" name="mine" label="我的述职">
              <el-form label-position="top" @submit.prevent="submitReport">
                <el-form-item label="书面述职报告">
                  <el-input v-model="report.text" type="textarea" :rows="8" maxlength="20000" show-word-limit
                    :disabled="round.state !== 'open'" placeholder="围绕抓党建工作职责落实、组织生活、队伍建设、意识形态、党风廉政和特色亮点述职" />
                </el-form-item>
                <div class="actions">
                  <el-button v-if="round.state === 'open'" type="primary" :loading="report.busy" :disabled="!report.text.trim()" @click="submitReport">提交述职报告</el-button>
                </div>
                <el-form-item v-if="report.subject" label="附件（可选，一个文件，再次上传将替换）">
                  <file-list path="review-reports" :owner-id="report.subject" single :readonly="round.state !== 'open'" class="review-files" />
                </el-form-item>
              </el-form>
              <h3 class="review-sub">我的评议结果</h3>
              <results-table v-if="results" :items="results" />
              <p v-else class="hint">评议结果公布后在此查看。</p>
              <el-alert v-if="results?.[0]?.talk_id" type="warning" :closable="false" show-icon class="review-talk"
                :title="'根据评议结果，区教育工委将于 ' + results[0].talk_due + ' 前约谈；整改清单已列入整改事项，请按期整改。'" />
            </el-tab-pane>
            <el-tab-pane v-if="round.me.manager" name="people" label="参评人员">
              <div class="actions" v-if="round.state === 'open'">
                <el-button size="small" icon="IconPlus" @click="dialog.assign = 'secretaries'">添加被评议书记</el-button>
                <el-button size="small" icon="IconPlus" @click="dialog.assign = 'evaluators'">添加评议人</el-button>
              </div>
              <h3 class="review-sub">被评议书记（{{ round.secretaries }}）</h3>
              <el-table :data="round.secretaries_under_review" size="small" style="width: 100%" empty-text="尚未添加">
                <el-table-column prop="secretary" label="书记" min-width="90" />
                <el-table-column prop="org_name" label="组织" min-width="140" show-overflow-tooltip />
                <el-table-column label="述职报告" width="110">
                  <template #default="{ row }">
                    {{ row.report ? '已提交' : '未提交' }}
                    <a v-if="row.file_id" :href="fileUrl({ id: row.file_id })" download class="review-file">附件</a>
                  </template>
                </el-table-column>
                <el-table-column v-if="round.state === 'open'" label="" width="70">
                  <template #default="{ row }"><el-button size="small" link type="danger" @click="remove('secretaries', row.secretary_id)">移出</el-button></template>
                </el-table-column>
              </el-table>
              <h3 class="review-sub">评议人（{{ round.evaluators }}）</h3>
              <el-table :data="round.evaluator_list" size="small" style="width: 100%" empty-text="尚未添加">
                <el-table-column prop="username" label="账号" min-width="90" />
                <el-table-column label="评议组" min-width="90"><template #default="{ row }">{{ REVIEW_GROUPS[row.group] }}</template></el-table-column>
                <el-table-column prop="ballots" label="已评" width="60" />
                <el-table-column v-if="round.state === 'open'" label="" width="70">
                  <template #default="{ row }"><el-button size="small" link type="danger" @click="remove('evaluators', row.user_id)">移出</el-button></template>
                </el-table-column>
              </el-table>
            </el-tab-pane>
            <el-tab-pane v-if="round.me.manager" name="results" label="评议结果">
              <results-table v-if="results" :items="results" manager @talk="talkDone" />
              <p v-else class="hint">结束评议后计算得分、等次和排名；已收到 {{ round.ballots }} 份评分。</p>
            </el-tab-pane>
          </el-tabs>
        </template>
      </load-state>
      <create-dialog v-if="dialog.create" @close="dialog.create = false" @done="created" />
      <assign-dialog v-if="dialog.assign && round" :round="round" :kind="dialog.assign" @close="dialog.assign = ''" @done="assigned" />
      <ballot-dialog v-if="dialog.ballot && round" :round="round" :subject="dialog.ballot" @close="dialog.ballot = null" @done="scored" />
    </div>`,
};
