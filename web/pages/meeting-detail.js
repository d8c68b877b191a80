// One meeting in a drawer: the record, the attendance grid (with grades for
// a democratic appraisal), the sign-in QR code to project, and the files.
import { ref, reactive, computed, onMounted, onBeforeUnmount } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from '../api.js';
import { can } from '../session.js';
import { MEETING_KINDS, ACTIVITY_THEMES, ATTENDANCE, GRADES, labelOf } from '../labels.js';
import { isMobile, showError } from '../ui.js';
import { itemsOf, showDateTime, useLoad, LoadState } from '../life.js';
import { loadOrgMembers } from './meeting-form.js';
import { PairsPanel } from './meeting-extras.js';
import { FileList } from '../files.js';

/** The API's meeting answer → what the drawer shows (missing fields tolerated). */
function viewOf(m) {
  return {
    id: m.id,
    orgName: m.org_name ?? '',
    kind: labelOf(MEETING_KINDS, m.kind),
    theme: m.theme ? labelOf(ACTIVITY_THEMES, m.theme) : '',
    heldAt: showDateTime(m.held_at),
    endsAt: showDateTime(m.ends_at),
    place: m.place ?? '',
    topic: m.topic ?? '',
    host: m.host_name ?? '',
    recorder: m.recorder_name ?? '',
    lecturer: m.lecturer ?? '',
    minutes: m.minutes ?? '',
    expected: m.expected,
    present: m.present,
    quorum: m.quorum_ok === undefined || m.quorum_ok === null ? null : Boolean(m.quorum_ok),
    quorumMessage: m.quorum_message ?? '',
    // The QR sign-in window: from checkin_from (before the start) to the end.
    checkinFrom: showDateTime(m.checkin_from ?? m.held_at),
    checkinUntil: showDateTime(m.ends_at),
    status: m.status ?? '',
    // Who is on record, in the server's order (QR sign-ins carry via 'qr').
    attendance: itemsOf(m.attendance).map((a) => ({
      id: a.member_id,
      name: a.member_name ?? `党员 #${a.member_id}`,
      status: labelOf(ATTENDANCE, a.status),
      present: a.status === 'present' || a.status === 'late',
      reason: a.reason ?? '',
      qr: a.via === 'qr',
      signedAt: a.signed_at ? chinaClock(a.signed_at) : '',
    })),
  };
}

/** An ISO UTC timestamp as HH:MM in China time. */
function chinaClock(iso) {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? '' : new Date(t.getTime() + 8 * 3600 * 1000).toISOString().slice(11, 16);
}

/** The attendance grid: every member of the meeting's org, one status each. */
const AttendanceGrid = {
  name: 'AttendanceGrid',
  props: { meeting: { type: Object, required: true } },
  emits: ['saved'],
  setup(props, { emit }) {
    const rows = ref([]);
    const errors = reactive({});
    const busy = ref(false);
    const writable = can('meetings.write');
    const appraisal = computed(() => props.meeting.kind === 'appraisal');
    const { state, load } = useLoad(async () => {
      const members = await loadOrgMembers(props.meeting.org_id);
      const marked = new Map(itemsOf(props.meeting.attendance).map((a) => [a.member_id, a]));
      const grades = new Map(itemsOf(props.meeting.grades).map((g) => [g.member_id, g.grade]));
      rows.value = members.map((m) => ({
        member_id: m.id,
        name: m.name,
        status: marked.get(m.id)?.status ?? '',
        reason: marked.get(m.id)?.reason ?? '',
        via: marked.get(m.id)?.via ?? '',
        grade: grades.get(m.id) ?? '',
      }));
    });

    const counts = computed(() => {
      const c = { present: 0, late: 0, absent: 0, none: 0 };
      for (const r of rows.value) c[r.status || 'none'] += 1;
      return c;
    });
    const excellentCap = computed(() => Math.floor(rows.value.length / 3));
    const excellent = computed(() => rows.value.filter((r) => r.grade === 'excellent').length);

    function allPresent() {
      for (const r of rows.value) if (!r.status) r.status = 'present';
    }

    /** Local checks with messages beside the rows; the server checks again. */
    function check() {
      for (const k of Object.keys(errors)) delete errors[k];
      for (const r of rows.value) {
        if (r.status === 'absent' && !r.reason.trim()) errors[r.member_id] = '请填写缺席原因';
      }
      return Object.keys(errors).length === 0;
    }

    /** A 422's fields may name items ("items[3].reason") or member ids. */
    function placeErrors(err) {
      const fields = err?.fields ?? {};
      let placed = false;
      for (const [key, msg] of Object.entries(fields)) {
        const i = /items\[(\d+)\]/.exec(key)?.[1];
        const id = i !== undefined ? sent[Number(i)]?.member_id : Number(/\d+/.exec(key)?.[0]);
        if (id) {
          errors[id] = msg;
          placed = true;
        }
      }
      if (placed) ElMessage.warning(err.message);
      else showError(err);
    }

    let sent = [];
    async function save() {
      if (!check()) return;
      busy.value = true;
      try {
        sent = rows.value.filter((r) => r.status)
          .map((r) => ({ member_id: r.member_id, status: r.status, reason: r.status === 'absent' ? r.reason.trim() : '' }));
        await api.put(`/meetings/${props.meeting.id}/attendance`, { items: sent });
        if (appraisal.value) {
          sent = rows.value.filter((r) => r.grade).map((r) => ({ member_id: r.member_id, grade: r.grade }));
          await api.put(`/meetings/${props.meeting.id}/grades`, { items: sent });
        }
        ElMessage.success('出勤情况已保存');
        emit('saved');
      } catch (err) {
        placeErrors(err);
      } finally {
        busy.value = false;
      }
    }

    onMounted(load);
    return {
      rows, errors, busy, writable, appraisal, state, load, counts, excellent, excellentCap,
      allPresent, save, isMobile, ATTENDANCE, GRADES,
    };
  },
  template: `
    <load-state :state="state" :empty="state.loaded && !rows.length ? '该组织暂无党员' : ''" @retry="load">
      <div class="attendance-summary">
        应到 {{ rows.length }} 人：出席 {{ counts.present }}，迟到 {{ counts.late }}，缺席 {{ counts.absent }}<template v-if="counts.none">，未登记 {{ counts.none }}</template>
        <span v-if="appraisal" :class="{ 'text-danger': excellent > excellentCap }">；评为优秀 {{ excellent }} 人（不超过 {{ excellentCap }} 人）</span>
      </div>
      <div class="attendance-grid">
        <div v-for="r in rows" :key="r.member_id" class="attendance-row" :class="{ 'is-error': errors[r.member_id] }">
          <span class="attendance-name">{{ r.name }}<el-tag v-if="r.via === 'qr'" size="small" effect="plain" class="tag-gap">扫码</el-tag></span>
          <el-radio-group v-model="r.status" :disabled="!writable" size="small" :aria-label="r.name + '的出勤'">
            <el-radio-button v-for="(label, value) in ATTENDANCE" :key="value" :value="value">{{ label }}</el-radio-button>
          </el-radio-group>
          <el-input v-if="r.status === 'absent'" v-model="r.reason" size="small" class="attendance-reason"
            placeholder="缺席原因" maxlength="100" :disabled="!writable" />
          <el-select v-if="appraisal" v-model="r.grade" size="small" class="attendance-grade" placeholder="评议等次" clearable :disabled="!writable">
            <el-option v-for="(label, value) in GRADES" :key="value" :value="value" :label="label" />
          </el-select>
          <div v-if="errors[r.member_id]" class="row-error">{{ errors[r.member_id] }}</div>
        </div>
      </div>
      <div v-if="writable" class="actions grid-actions">
        <el-button @click="allPresent">未登记的全部记为出席</el-button>
        <el-button type="primary" :loading="busy" @click="save">保存出勤</el-button>
      </div>
    </load-state>`,
};

/** The sign-in QR code, big enough to project (full screen on request). */
const QrPanel = {
  name: 'QrPanel',
  props: { meeting: { type: Object, required: true }, view: { type: Object, required: true } },
  setup(props) {
    const src = ref('');
    const link = ref('');
    const projecting = ref(false);
    const { state, load } = useLoad(async () => {
      // The code must hold an absolute link for a phone's camera: the server
      // prefixes its configured public address, else this console's origin.
      const query = { origin: window.location.origin };
      const [svg, json] = await Promise.all([
        api.text(`/meetings/${props.meeting.id}/qr`, { ...query, format: 'svg' }),
        api.get(`/meetings/${props.meeting.id}/qr`, { ...query, format: 'json' }),
      ]);
      if (src.value) URL.revokeObjectURL(src.value);
      src.value = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      link.value = json?.url ?? '';
    });
    onMounted(load);
    onBeforeUnmount(() => src.value && URL.revokeObjectURL(src.value));
    return { src, link, projecting, state, load };
  },
  template: `
    <load-state :state="state" @retry="load">
      <div class="qr-panel">
        <img v-if="src" :src="src" class="qr-image" alt="签到二维码" />
        <p class="qr-validity">签到有效时间：{{ view.checkinFrom || '—' }} 至 {{ view.checkinUntil || '—' }}</p>
        <p class="hint">党员用手机扫码登录后即记为出席；重复签到、超出时间或非本支部党员扫码将被拒绝。</p>
        <p v-if="link" class="hint qr-link">签到链接：<a :href="link" target="_blank" rel="noopener">{{ link }}</a></p>
        <div class="actions">
          <el-button type="primary" @click="projecting = true">全屏投影</el-button>
          <el-button icon="IconRefresh" @click="load">刷新二维码</el-button>
        </div>
      </div>
      <el-dialog v-model="projecting" fullscreen append-to-body class="qr-projection" :title="view.kind + ' · 扫码签到'">
        <div class="qr-projection-body">
          <h2>{{ view.topic || view.kind }}</h2>
          <img v-if="src" :src="src" class="qr-image-big" alt="签到二维码" />
          <p class="qr-validity">请用手机扫码签到 · 有效时间 {{ view.checkinFrom }} 至 {{ view.checkinUntil }}</p>
        </div>
      </el-dialog>
    </load-state>`,
};

export default {
  name: 'MeetingDetail',
  components: { LoadState, AttendanceGrid, QrPanel, FileList, PairsPanel },
  props: { meetingId: { type: Number, required: true } },
  emits: ['close', 'edit', 'changed'],
  setup(props) {
    const tab = ref('record');
    const { state, data, load } = useLoad(() => api.get(`/meetings/${props.meetingId}`));
    const view = computed(() => (data.value ? viewOf(data.value) : null));
    onMounted(load);
    return { tab, state, data, view, load, isMobile, writable: can('meetings.write') };
  },
  template: `
    <el-drawer :model-value="true" :title="view ? view.kind + ' · ' + view.heldAt : '会议记录'"
      :size="isMobile ? '100%' : '720px'" class="meeting-drawer" @close="$emit('close')">
      <load-state :state="state" @retry="load">
        <el-tabs v-if="view" v-model="tab">
          <el-tab-pane label="会议记录" name="record">
            <el-descriptions :column="1" border>
              <el-descriptions-item label="党组织">{{ view.orgName || '—' }}</el-descriptions-item>
              <el-descriptions-item label="会议类型">{{ view.kind }}<template v-if="view.theme"> · {{ view.theme }}</template></el-descriptions-item>
              <el-descriptions-item label="召开时间">{{ view.heldAt }}<template v-if="view.endsAt"> 至 {{ view.endsAt }}</template></el-descriptions-item>
              <el-descriptions-item label="地点">{{ view.place || '—' }}</el-descriptions-item>
              <el-descriptions-item label="议题">{{ view.topic || '—' }}</el-descriptions-item>
              <el-descriptions-item label="主持人">{{ view.host || '—' }}</el-descriptions-item>
              <el-descriptions-item label="记录人">{{ view.recorder || '—' }}</el-descriptions-item>
              <el-descriptions-item v-if="view.lecturer" label="授课人">{{ view.lecturer }}</el-descriptions-item>
              <el-descriptions-item v-if="view.expected !== undefined" label="出席情况">应到 {{ view.expected }} 人，实到 {{ view.present ?? 0 }} 人</el-descriptions-item>
              <el-descriptions-item v-if="view.quorum !== null" label="法定人数">
                <el-tag disable-transitions :type="view.quorum ? 'success' : 'danger'" size="small">{{ view.quorum ? '已过半数' : '未过半数' }}<template v-if="!view.quorum">（<rule-ref code="ORG-11" />）</template></el-tag>
                <span v-if="view.quorumMessage" class="hint tag-gap"><rule-text :text="view.quorumMessage" /></span>
              </el-descriptions-item>
            </el-descriptions>
            <h4 class="section-title">出席名单</h4>
            <p v-if="!view.attendance.length" class="hint">尚未登记出勤<template v-if="writable">，可在“出勤”中登记，或由党员扫码签到</template>。</p>
            <ul v-else class="attendance-list">
              <li v-for="a in view.attendance" :key="a.id" :class="{ absent: !a.present }">
                <span class="attendance-name">{{ a.name }}</span>
                <el-tag disable-transitions size="small" :type="a.present ? 'success' : 'info'">{{ a.status }}</el-tag>
                <el-tag v-if="a.qr" disable-transitions size="small" effect="plain" class="tag-gap">扫码 {{ a.signedAt }}</el-tag>
                <span v-if="a.reason" class="hint tag-gap">{{ a.reason }}</span>
              </li>
            </ul>
            <h4 class="section-title">会议记录</h4>
            <div class="minutes">{{ view.minutes || '暂无会议记录' }}</div>
            <div v-if="writable" class="actions grid-actions">
              <el-button type="primary" @click="$emit('edit', data.id)">编辑记录</el-button>
            </div>
          </el-tab-pane>
          <el-tab-pane v-if="writable" label="出勤" name="attendance" lazy>
            <attendance-grid :meeting="data" @saved="load(); $emit('changed')" />
          </el-tab-pane>
          <el-tab-pane v-if="data.kind === 'talk'" label="谈话双方" name="pairs" lazy>
            <pairs-panel :meeting="data" @saved="load()" />
          </el-tab-pane>
          <el-tab-pane v-if="writable" label="签到二维码" name="qr" lazy>
            <qr-panel :meeting="data" :view="view" />
          </el-tab-pane>
          <el-tab-pane label="照片与附件" name="files" lazy>
            <file-list path="meetings" :owner-id="data.id" :readonly="!writable" class="meeting-files" />
          </el-tab-pane>
        </el-tabs>
      </load-state>
    </el-drawer>`,
};
