// 会议活动: a month of one organization's meetings as a calendar (held,
// planned, missing) and as a list; record, edit, attendance, QR, files.
import { ref, reactive, computed, onMounted } from 'vue';
import { api } from '../api.js';
import { can } from '../session.js';
import { queryParam, navigate } from '../router.js';
import { MEETING_KINDS, ACTIVITY_THEMES, labelOf } from '../labels.js';
import { OrgSelect, orgById } from '../orgs.js';
import { isMobile } from '../ui.js';
import { itemsOf, showDateTime, thisMonth, addMonths, periodLabel, useLoad, LoadState } from '../life.js';
import MeetingForm from './meeting-form.js';
import MeetingDetail from './meeting-detail.js';
import { PlanForm, CommitteeDialog } from './meeting-extras.js';

/** Calendar states of an entry and their tag colours. */
const ENTRY_STATES = {
  held: ['已召开', 'success'],
  open: ['进行中', 'warning'],
  scheduled: ['未开始', 'primary'],
  planned: ['已计划', 'info'],
  missing: ['未召开', 'danger'],
};

/** One API meeting → a list/calendar row. */
function meetingRow(m) {
  return {
    id: m.id,
    date: String(m.held_at ?? '').slice(0, 10),
    time: showDateTime(m.held_at).slice(11),
    when: showDateTime(m.held_at),
    kind: labelOf(MEETING_KINDS, m.kind) + (m.theme ? `·${labelOf(ACTIVITY_THEMES, m.theme)}` : ''),
    topic: m.topic ?? '',
    org: m.org_name ?? '',
    place: m.place ?? '',
    host: m.host_name ?? '',
    attendance: m.expected ? `${m.present ?? 0}/${m.expected}` : '',
    state: ENTRY_STATES[m.status] ? m.status : 'held',
  };
}

/**
 * The calendar answer's planned and missing entries: {month, days:[{date,
 * entries:[{what, kind, topic, plan_id | meeting_id}]}]}. Held and
 * scheduled meetings come from the meeting list (with their details).
 */
function calendarRows(answer) {
  return itemsOf(answer?.days)
    .flatMap((d) => itemsOf(d.entries).map((e) => ({ date: d.date, ...e })))
    .filter((e) => e.what === 'planned' || e.what === 'missing')
    .map((e) => ({
      id: `plan-${e.plan_id}-${e.what}`,
      date: String(e.date ?? '').slice(0, 10),
      kind: labelOf(MEETING_KINDS, e.kind),
      topic: e.topic ?? '',
      state: e.what,
    }));
}

function monthBounds(month) {
  const next = addMonths(month, 1);
  const last = new Date(`${next}-01T00:00:00Z`);
  last.setUTCDate(0);
  return { from: `${month}-01`, to: last.toISOString().slice(0, 10) };
}

export default {
  name: 'MeetingsPage',
  components: { OrgSelect, LoadState, MeetingForm, MeetingDetail, PlanForm, CommitteeDialog },
  setup() {
    const filters = reactive({
      org_id: Number(queryParam('org_id')) || null,
      month: /^\d{4}-\d{2}$/.test(queryParam('month')) ? queryParam('month') : thisMonth(),
      kind: Object.hasOwn(MEETING_KINDS, queryParam('kind')) && !queryParam('new') ? queryParam('kind') : '',
    });
    const view = ref(isMobile.value ? 'list' : 'calendar');
    const dialog = ref(null); // { type: 'form' | 'detail' | 'plan' | 'committee', id, preset }
    const isBranch = computed(() => orgById.value.get(filters.org_id)?.kind === 'branch');
    const plans = ref([]);

    const { state, data, load: loadMeetings } = useLoad(async () => {
      const { from, to } = monthBounds(filters.month);
      const answer = await api.get('/meetings', {
        org_id: filters.org_id, kind: filters.kind, month: filters.month, from, to, per_page: 100, sort: 'held_at',
      });
      return itemsOf(answer).map(meetingRow);
    });

    async function loadCalendar() {
      plans.value = [];
      if (!filters.org_id) return;
      try {
        plans.value = calendarRows(await api.get('/meetings/calendar', { org_id: filters.org_id, month: filters.month }));
      } catch {
        plans.value = []; // plans are extra; the meetings themselves still show
      }
    }

    function load() {
      loadMeetings();
      loadCalendar();
    }

    const rows = computed(() => [...(data.value ?? []), ...plans.value]
      .sort((a, b) => a.date.localeCompare(b.date)));
    const byDay = computed(() => {
      const map = {};
      for (const r of rows.value) (map[r.date] ??= []).push(r);
      return map;
    });
    const calendarDate = computed(() => new Date(`${filters.month}-01T12:00:00`));

    function shift(delta) {
      filters.month = addMonths(filters.month, delta);
      load();
    }

    function open(row) {
      if (typeof row.id === 'number') dialog.value = { type: 'detail', id: row.id };
    }

    function onSaved(saved) {
      dialog.value = saved?.id ? { type: 'detail', id: saved.id } : null;
      load();
    }

    onMounted(() => {
      load();
      // An alert links to one meeting (/meetings?open=12).
      const open = Number(queryParam('open'));
      if (open) dialog.value = { type: 'detail', id: open };
      // The compliance board links here to record a missing meeting.
      if (queryParam('new') && can('meetings.write')) {
        dialog.value = { type: 'form', id: null, preset: { org_id: filters.org_id, kind: queryParam('kind') || 'branch_assembly' } };
        navigate(`/meetings?org_id=${filters.org_id ?? ''}&month=${filters.month}`, { replace: true });
      }
    });

    return {
      filters, view, dialog, isBranch, state, rows, byDay, calendarDate, load, shift, open, onSaved, periodLabel,
      writable: can('meetings.write'), isMobile, MEETING_KINDS, ENTRY_STATES,
    };
  },
  template: `
    <div class="page meetings-page">
      <div class="page-head">
        <h2>会议活动</h2>
        <div class="actions">
          <el-radio-group v-model="view" size="small">
            <el-radio-button value="calendar">日历</el-radio-button>
            <el-radio-button value="list">列表</el-radio-button>
          </el-radio-group>
          <el-button v-if="writable" type="primary" icon="IconPlus"
            @click="dialog = { type: 'form', id: null, preset: { org_id: filters.org_id } }">记录会议</el-button>
          <el-button v-if="writable" icon="IconCalendar" @click="dialog = { type: 'plan' }">添加计划</el-button>
          <el-button v-if="isBranch" icon="IconUserFilled" @click="dialog = { type: 'committee' }">支委会成员</el-button>
        </div>
      </div>
      <el-card shadow="never" class="filters">
        <el-form :inline="!isMobile" :label-position="isMobile ? 'top' : 'left'" @submit.prevent="load">
          <el-form-item label="党组织">
            <org-select v-model="filters.org_id" placeholder="全部（含下级组织）" @update:model-value="load" />
          </el-form-item>
          <el-form-item label="会议类型">
            <el-select v-model="filters.kind" placeholder="全部" clearable @change="load">
              <el-option v-for="(label, value) in MEETING_KINDS" :key="value" :value="value" :label="label" />
            </el-select>
          </el-form-item>
          <el-form-item label="月份">
            <div class="month-step">
              <el-button aria-label="上个月" @click="shift(-1)">‹</el-button>
              <el-date-picker v-model="filters.month" type="month" value-format="YYYY-MM" format="YYYY年M月"
                :clearable="false" class="month-picker" @change="load" />
              <el-button aria-label="下个月" @click="shift(1)">›</el-button>
            </div>
          </el-form-item>
        </el-form>
      </el-card>
      <el-card shadow="never">
        <p v-if="!filters.org_id" class="hint">选择一个党支部可同时看到本月的计划和未召开的会议。</p>
        <load-state :state="state" @retry="load">
          <el-calendar v-if="view === 'calendar'" :model-value="calendarDate" class="meeting-calendar">
            <template #header>
              <span class="calendar-title">{{ periodLabel(filters.month) }}</span>
            </template>
            <template #date-cell="{ data: cell }">
              <div class="calendar-cell" :class="{ 'other-month': cell.type !== 'current-month' }">
                <span class="calendar-day">{{ Number(cell.day.slice(8)) }}</span>
                <template v-if="cell.type === 'current-month'">
                  <div v-for="r in byDay[cell.day] ?? []" :key="r.id" class="calendar-entry"
                    :class="'entry-' + r.state" :title="r.topic" @click.stop="open(r)">{{ r.kind }}</div>
                </template>
              </div>
            </template>
          </el-calendar>
          <template v-else>
            <el-empty v-if="!rows.length" :image-size="72" :description="periodLabel(filters.month) + '暂无会议活动'" />
            <div v-for="r in rows" :key="r.id" class="meeting-item" :class="{ clickable: typeof r.id === 'number' }" @click="open(r)">
              <div class="meeting-item-date">{{ r.date.slice(5) }}<span>{{ r.time }}</span></div>
              <div class="meeting-item-main">
                <div class="meeting-item-title">{{ r.kind }}
                  <el-tag disable-transitions size="small" :type="ENTRY_STATES[r.state][1]" effect="plain">{{ ENTRY_STATES[r.state][0] }}</el-tag>
                </div>
                <div class="meeting-item-line">{{ r.topic }}<template v-if="r.org"> · {{ r.org }}</template><template v-if="r.place"> · {{ r.place }}</template><template v-if="r.host"> · 主持人 {{ r.host }}</template></div>
              </div>
              <div v-if="r.attendance" class="meeting-item-att" title="实到/应到">{{ r.attendance }}</div>
            </div>
          </template>
        </load-state>
      </el-card>
      <meeting-form v-if="dialog?.type === 'form'" :meeting-id="dialog.id" :preset="dialog.preset"
        @saved="onSaved" @close="dialog = null" />
      <meeting-detail v-if="dialog?.type === 'detail'" :meeting-id="dialog.id" :key="dialog.id"
        @edit="dialog = { type: 'form', id: $event }" @changed="load" @close="dialog = null" />
      <plan-form v-if="dialog?.type === 'plan'" :org-id="filters.org_id" @saved="dialog = null; load()" @close="dialog = null" />
      <committee-dialog v-if="dialog?.type === 'committee'" :org-id="filters.org_id" @close="dialog = null" />
    </div>`,
};
