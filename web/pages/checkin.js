// /checkin?t=…: where a meeting's QR code leads. A member who opens it
// (logged in, or after logging in, which keeps this address) is signed in
// for the meeting; the server's Chinese refusal is shown as it is (signed
// already, outside the time window, another branch's meeting).
import { ref, onMounted } from 'vue';
import { api } from '../api.js';
import { navigate, queryParam } from '../router.js';
import { MEETING_KINDS, ATTENDANCE, labelOf } from '../labels.js';
import { showDateTime } from '../life.js';

/** The check-in answer → what the page says (fields tolerated when missing). */
function resultOf(answer) {
  const m = answer?.meeting ?? answer ?? {};
  return {
    kind: m.kind ? labelOf(MEETING_KINDS, m.kind) : '',
    topic: m.topic ?? '',
    heldAt: showDateTime(m.held_at),
    status: answer?.status ? labelOf(ATTENDANCE, answer.status) : labelOf(ATTENDANCE, 'present'),
  };
}

export default {
  name: 'CheckinPage',
  setup() {
    const state = ref('busy'); // busy | ok | refused
    const result = ref(null);
    const message = ref('');

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
        state.value = 'refused';
        message.value = err.fields?.token || err.message;
      }
    }

    onMounted(() => checkin(queryParam('t')));
    return { state, result, message, home: () => navigate('/') };
  },
  template: `
    <div class="page checkin-page">
      <el-card shadow="never" class="checkin-card">
        <div v-if="state === 'busy'" v-loading="true" class="checkin-busy">正在签到……</div>
        <el-result v-else-if="state === 'ok'" icon="success" title="签到成功"
          :sub-title="(result.kind ? result.kind + ' · ' : '') + (result.topic || '') + (result.heldAt ? '（' + result.heldAt + '）' : '')">
          <template #extra>
            <p class="checkin-status">已记为：{{ result.status }}</p>
            <el-button type="primary" @click="home">返回首页</el-button>
          </template>
        </el-result>
        <el-result v-else icon="warning" title="未能签到" :sub-title="message">
          <template #extra><el-button @click="home">返回首页</el-button></template>
        </el-result>
      </el-card>
    </div>`,
};
