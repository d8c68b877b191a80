// One member's record in a drawer. The server sends whole ID and phone
// numbers only to those allowed to see them (and audits that read).
import { ref, onMounted } from 'vue';
import { api } from '../api.js';
import {
  GENDERS, MEMBER_STATUSES, MEMBER_CATEGORIES, MEMBER_STATES, labelOf,
} from '../labels.js';
import { orgName, ensureOrgs } from '../orgs.js';
import { isMobile, showError } from '../ui.js';

export default {
  name: 'MemberDetail',
  props: { memberId: { type: Number, required: true } },
  emits: ['close'],
  setup(props, { emit }) {
    const member = ref(null);

    onMounted(async () => {
      try {
        [member.value] = await Promise.all([api.get(`/members/${props.memberId}`), ensureOrgs()]);
      } catch (err) {
        showError(err);
        emit('close');
      }
    });

    const yesNo = (v) => (v ? '是' : '否');
    return {
      member, isMobile, orgName, labelOf, yesNo,
      GENDERS, MEMBER_STATUSES, MEMBER_CATEGORIES, MEMBER_STATES,
    };
  },
  template: `
    <el-drawer :model-value="true" :title="member ? member.name + ' · 党员信息' : '党员信息'"
      :size="isMobile ? '100%' : '560px'" @close="$emit('close')">
      <template v-if="member">
        <el-descriptions class="member-detail" :column="1" border>
          <el-descriptions-item label="姓名">{{ member.name }}</el-descriptions-item>
          <el-descriptions-item label="所在党组织">{{ member.org_name }}</el-descriptions-item>
          <el-descriptions-item label="性别">{{ labelOf(GENDERS, member.gender) }}</el-descriptions-item>
          <el-descriptions-item label="民族">{{ member.ethnicity || '—' }}</el-descriptions-item>
          <el-descriptions-item label="出生日期">{{ member.birth_date || (member.id_card && member.id_card.includes('*') ? '（随完整身份证号显示）' : '—') }}</el-descriptions-item>
          <el-descriptions-item label="身份证号"><span class="mono">{{ member.id_card || '—' }}</span></el-descriptions-item>
          <el-descriptions-item label="手机号"><span class="mono">{{ member.phone || '—' }}</span></el-descriptions-item>
          <el-descriptions-item label="学历">{{ member.education || '—' }}</el-descriptions-item>
          <el-descriptions-item label="职称">{{ member.title || '—' }}</el-descriptions-item>
          <el-descriptions-item label="职务/岗位">{{ member.post || '—' }}</el-descriptions-item>
          <el-descriptions-item label="人员类别">{{ labelOf(MEMBER_CATEGORIES, member.category) }}</el-descriptions-item>
          <el-descriptions-item label="党员类型">{{ labelOf(MEMBER_STATUSES, member.status) }}</el-descriptions-item>
          <el-descriptions-item label="入党日期">{{ member.joined_on || '—' }}</el-descriptions-item>
          <el-descriptions-item label="转正日期">{{ member.full_on || '—' }}</el-descriptions-item>
          <el-descriptions-item label="党籍状态">
            {{ labelOf(MEMBER_STATES, member.state) }}
            <template v-if="member.state_on">（{{ member.state_on }}<template v-if="member.state_reason">，{{ member.state_reason }}</template>）</template>
          </el-descriptions-item>
          <el-descriptions-item label="教育教学骨干">{{ yesNo(member.backbone) }}</el-descriptions-item>
          <el-descriptions-item label="双带头人">{{ yesNo(member.dual_leader) }}</el-descriptions-item>
        </el-descriptions>
        <template v-if="member.org_history?.length">
          <h4 class="section-title">组织关系转接记录</h4>
          <el-timeline>
            <el-timeline-item v-for="(move, i) in member.org_history" :key="i" :timestamp="move.moved_on">
              {{ move.from_org_id ? orgName(move.from_org_id) + ' → ' : '编入 ' }}{{ orgName(move.to_org_id) }}
            </el-timeline-item>
          </el-timeline>
        </template>
      </template>
      <el-skeleton v-else :rows="8" animated />
    </el-drawer>`,
};
