// /checkin?t=…: where a meeting's QR code leads. A member who opens it
// (logged in, or after logging in, which keeps this address) is signed in
// for the meeting; the server's Chinese refusal is shown as it is (signed
// already, outside the time window, another branch's meeting).
import { ref, onMounted } from 'vue';
import { api } from '../api.js';
import { navigate, queryParam } from '../router.js';
import { MEETING_KINDS, ACTIVITY_THEMES, ATTENDANCE, labelOf } from '../labels.js';
import { showDateTime } from '../life.js';

/** The check-in answer {status, message, meeting:{org_name, kind, theme, topic, place, held_at}} → what the page says. */
function resultOf(answer) {
  const m = answer?.meeting ?? {};
  return {
    kind: m.kind ? labelOf(MEETING_KINDS, m.kind) + (m.theme ? `·${labelOf(ACTIVITY_THEMES, m.theme)}` : '') : '',
    org: m.org_name ?? '',
    topic: m.topic ?? '',
    place: m.place ?? '',
    heldAt: showDateTime(m.held_at),
    status: labelOf(ATTENDANCE, answer?.status ?? 'present'),
  };
}

/** Titles of the server's refusals (its Chinese message says the rest). */
const REFUSALS = {
  token_invalid: '二维码无效',
  token_expired: '二维码已过期',
  checkin_not_open: '签到尚未开始',
  checkin_closed: '签到已结束',
  other_branch: '不是本组织的会议',
  not_member: '仅限党员账号签到',
};

export default {
  name: 'CheckinPage',
  setup() {
    const state = ref('busy'); // busy | ok | signed (already) | refused
    const result = ref(null);
    const message = ref('');
    const reason = ref('');

    async function checkin(token) {
      if (!token) {
        state.value = 'refused';
        message.value = '签到链接无效，请重新扫描会议现场的二维码';
        return;
      }
      try {
        result.value = resultOf(await api.post('/checkin', { token }));
        state.value = 'ok';
        // A reload must not sign again: forget the token once it is used.
        history.replaceState(null, '', '/checkin');
      } catch (err) {
        // 409 already_signed is no failure: the member is on the list.
        state.value = err.code === 'already_signed' ? 'signed' : 'refused';
        reason.value = REFUSALS[err.code] ?? '';
        message.value = err.fields?.token || err.message;
        if (state.value === 'signed') history.replaceState(null, '', '/checkin');
      }
    }

    onMounted(() => checkin(queryParam('t')));
    return { state, result, message, reason, home: () => navigate('/') };
  },
  template: `
    <div class="page checkin-page">
      <el-card shadow="never" class="checkin-card">
        <div v-if="state === 'busy'" v-loading="true" class="checkin-busy">正在签到……</div>
        <el-result v-else-if="state === 'ok'" icon="success" title="签到成功"
          :sub-title="(result.kind ? result.kind + ' · ' : '') + (result.topic || '') + (result.heldAt ? '（' + result.heldAt + '）' : '')">
          <template #extra>
            <p v-if="result.org || result.place" class="hint">{{ result.org }}<template v-if="result.place"> · {{ result.place }}</template></p>
            <p class="checkin-status">已记为：{{ result.status }}</p>
            <el-button type="primary" @click="home">返回首页</el-button>
          </template>
        </el-result>
        <el-result v-else-if="state === 'signed'" icon="success" title="已签到" :sub-title="message">
          <template #extra><el-button type="primary" @click="home">返回首页</el-button></template>
        </el-result>
        <el-result v-else icon="warning" title="未能签到" :sub-title="message">
          <template #extra>
            <p v-if="reason" class="checkin-status">{{ reason }}</p>
            <el-button @click="home">返回首页</el-button>
          </template>
        </el-result>
      </el-card>
    </div>`,
};
