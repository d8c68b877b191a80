// Rule IDs shown to users (issue 12): the console names a rule in Chinese,
// with its ID and text in a tooltip, never as a bare code. RULES holds each
// rule the console may show (from /work/shared/RULES.md and docs/rules.md);
// <rule-ref code="ORG-13" /> (registered in app.js) is the one way to show
// one. An unknown ID shows as itself, so nothing is hidden.
import { computed } from 'vue';

/** ID → { name: a short Chinese name, text: what the rule says }. */
export const RULES = {
  'ORG-01': { name: '成立党支部', text: '正式党员 3 人以上的单位应当成立党支部' },
  'ORG-02': { name: '联合党支部', text: '正式党员不足 3 人的单位可成立联合党支部，一般不超过 5 个单位' },
  'ORG-03': { name: '支部党员人数', text: '党支部党员人数一般不超过 50 人' },
  'ORG-05': { name: '支部委员会设置', text: '正式党员 7 人以上的党支部设立支部委员会，委员一般 3 至 5 人，最多不超过 7 人' },
  'ORG-06': { name: '党总支与基层党委', text: '党员 50 人以上可设党总支，100 人以上设基层党委，须经上级批准' },
  'ORG-07': { name: '任期与换届', text: '基层党委任期一般 5 年，党总支、党支部一般 3 年；届满前提醒，逾期未换届标红' },
  'ORG-08': { name: '委员选举', text: '委员由党员大会选举产生，书记、副书记一般由支委会选举并报上级批准' },
  'ORG-09': { name: '选举有效性', text: '到会有选举权的党员超过应到会人数的五分之四，选举有效' },
  'ORG-10': { name: '支部党员大会', text: '支部党员大会一般每季度召开 1 次（《中国共产党支部工作条例（试行）》第十一条）' },
  'ORG-11': { name: '支部委员会会议', text: '支部委员会会议一般每月召开 1 次；到会委员超过半数方可召开' },
  'ORG-12': { name: '党小组会', text: '党小组会一般每月召开 1 次' },
  'ORG-13': { name: '党课', text: '党课按本地要求每季度至少 1 次（可配置）；党委（党组）书记每年至少讲 1 次党课' },
  'ORG-14': { name: '主题党日', text: '每月相对固定 1 天开展主题党日活动' },
  'ORG-15': { name: '组织生活会', text: '组织生活会每年至少召开 1 次，一般安排在第四季度' },
  'ORG-16': { name: '民主评议党员', text: '民主评议党员一般每年开展 1 次，评定等次中“优秀”不超过三分之一' },
  'ORG-17': { name: '谈心谈话', text: '支委之间、支委与党员、党员之间每年一般至少开展 1 次谈心谈话' },

  'DEV-01': { name: '递交入党申请书', text: '年满 18 周岁，向工作、学习所在单位党组织提出书面申请' },
  'DEV-02': { name: '党组织派人谈话', text: '党组织收到入党申请书后 1 个月内派人谈话' },
  'DEV-03': { name: '确定入党积极分子', text: '经党员推荐、群团组织推优，由支部委员会研究确定；本地要求申请后一般满 3 个月' },
  'DEV-04': { name: '积极分子上级备案', text: '确定入党积极分子报上级党委备案' },
  'DEV-05': { name: '指定培养联系人', text: '为入党积极分子指定 1 至 2 名正式党员作培养联系人' },
  'DEV-06': { name: '培养教育考察', text: '党组织每半年对入党积极分子进行一次考察' },
  'DEV-07': { name: '确定发展对象', text: '经过 1 年以上培养教育和考察，由支部委员会讨论确定发展对象' },
  'DEV-08': { name: '发展对象上级备案', text: '确定发展对象报上级党委备案' },
  'DEV-09': { name: '确定入党介绍人', text: '发展对象应有 2 名正式党员作入党介绍人' },
  'DEV-10': { name: '政治审查', text: '对发展对象进行政治审查，政审未通过的不能发展入党' },
  'DEV-11': { name: '集中培训', text: '发展对象集中培训一般不少于 3 天（或不少于 24 学时）' },
  'DEV-12': { name: '支部委员会审查', text: '支部委员会对发展对象进行严格审查后报上级党委预审' },
  'DEV-13': { name: '上级党委预审与公示', text: '上级党委预审，公示不少于 5 个工作日（本地规定）' },
  'DEV-14': { name: '填写入党志愿书', text: '预审合格的发展对象在入党介绍人指导下填写入党志愿书' },
  'DEV-15': { name: '支部大会讨论接收', text: '到会有表决权的党员超过应到会半数，赞成票超过应到会有表决权正式党员的半数，逐个表决' },
  'DEV-16': { name: '上级党委派人谈话', text: '上级党委审批前派党委委员或组织员同发展对象谈话' },
  'DEV-17': { name: '上级党委审批', text: '上级党委在 3 个月内审批，特殊情况不超过 6 个月' },
  'DEV-18': { name: '上级组织部门备案', text: '审批后报再上一级党委组织部门备案' },
  'DEV-19': { name: '编入支部和党小组', text: '预备党员编入党支部和党小组' },
  'DEV-20': { name: '入党宣誓', text: '预备党员面向党旗进行入党宣誓' },
  'DEV-21': { name: '继续教育考察', text: '对预备党员继续进行教育和考察' },
  'DEV-22': { name: '提出转正申请', text: '预备期满时预备党员提出书面转正申请' },
  'DEV-23': { name: '支部大会讨论转正', text: '表决要求与接收预备党员相同，结果为转正、延长预备期或取消预备党员资格' },
  'DEV-24': { name: '转正审批', text: '上级党委在 3 个月内审批转正（本地规定）' },
  'DEV-25': { name: '材料归档', text: '入党志愿书、入党申请书、政审材料、转正申请和考察材料归入本人档案' },

  'DUES-01': { name: '党费计算基数', text: '在职党员以每月工资收入中相对固定、经常性的部分（税后）为计算基数' },
  'DUES-02': { name: '在职党员交纳比例', text: '月工资收入 3000 元以下（含）0.5%，3000 至 5000 元（含）1%，5000 至 10000 元（含）1.5%，10000 元以上 2%，按全额计算' },
  'DUES-03': { name: '年薪与个体党员', text: '实行年薪制的按当月实际收入，个体经营者按上季度月平均纯收入计算' },
  'DUES-04': { name: '离退休党员交纳比例', text: '离退休费 5000 元以下（含）0.5%，5000 元以上 1%' },
  'DUES-05': { name: '学生等党员定额', text: '学生、失业、领取救济或低保的党员每月交纳 0.2 元；农民党员每月 0.2 至 1 元' },
  'DUES-06': { name: '少交或免交审批', text: '确有困难的党员少交或免交党费，须本人申请、支部研究、上一级党委批准' },
  'DUES-07': { name: '党费标准调整', text: '工资收入变化时自新工资发放当月起按新基数计算，或每年年初核定一次（可配置）' },
  'DUES-08': { name: '按月交纳与补交', text: '党费按月交纳，不得预交以后月份；补交以前月份最多 6 个月' },
  'DUES-09': { name: '连续未交党费', text: '连续 6 个月不交纳党费且无正当理由的视为自行脱党；连续 3 个月未交即提醒' },
  'DUES-10': { name: '自愿多交党费', text: '一次性自愿多交党费 1000 元以上的全部上缴中央' },
  'DUES-11': { name: '交纳组织与公示', text: '向正式组织关系所在党支部交纳，每年向党员公布党费收缴使用情况' },
  'DUES-12': { name: '党费计算精度', text: '以分为单位计算，四舍五入' },

  'XFER-01': { name: '组织关系转接', text: '接收方接收前，党员仍由转出方负责管理' },
  'XFER-02': { name: '失联党员', text: '失去联系满 6 个月的党员停止党籍，满 2 年仍无法联系的按自行脱党除名' },
  'XFER-03': { name: '介绍信有效期', text: '介绍信有效期一般不超过 3 个月，跨省不超过 6 个月；接收方 1 个月内寄回回执' },
  'XFER-04': { name: '转接流程', text: '草稿 → 转出审批 → 在途 → 接收或退回 → 完成' },

  'EVAL-01': { name: '述职评议', text: '党组织书记每年向上级党组织述职，接受评议考核' },
  'EVAL-02': { name: '民主评议等次', text: '参会人员按 好、较好、一般、差 四个等次进行民主评议' },
  'EVAL-03': { name: '评议主体与结果运用', text: '区教育工委、其他书记、党员代表参与评议；评为一般或差的约谈并列出整改清单' },
  'EVAL-04': { name: '考核计分规则', text: '指标权重、等次分数线按配置计算，否决项不合格总分为零' },

  'CUL-01': { name: '骨干与双带头人', text: '“双培养”结果与“双带头人”认定是党员骨干、双带头人标记的唯一来源' },
  'CUL-02': { name: '双带头人认定', text: '认定双带头人须具备党性强、懂教育、会管理、有威信、善做思想政治工作五项条件的佐证' },
  'CUL-03': { name: '年度培训学时', text: '培训对象每年培训学时不少于 40 学时（本地规定，可配置）' },
  'CUL-04': { name: '培养对象入党', text: '“双培养”对象进入发展党员流程时关联其发展档案' },

  'CL-01': { name: '清廉学校评价', text: '按强政治引领、强班子建设、强综合监督、强风险防范、强自治规范、强作风建设六个维度评价' },
  'CL-02': { name: '区级清廉学校指标', text: '区县可制定本地清廉学校评价指标，形成新版本' },
  'CL-03': { name: '党建品牌创建周期', text: '申报 → 培育 → 中期评估 → 验收 → 命名，逐阶段推进' },
  'CL-04': { name: '中小学校党建双创', text: '中小学校党建引领创新和质量创优培育创建单位，参照创建周期管理' },

  'STUDY-01': { name: '学习积分', text: '各类学习按积分规则计分，每日有上限' },
  'STUDY-02': { name: '防重复记录', text: '同一内容同一时间重复登记或时间重叠的记录不予登记' },
  'STUDY-03': { name: '单日学习时长', text: '一条记录或一天合计不超过 1440 分钟' },
  'STUDY-04': { name: '不得预先登记', text: '结束时间晚于当前时间的学习不予登记' },
  'STUDY-05': { name: '补登期限', text: '学习记录最多补登 7 天（可配置）' },
  'STUDY-06': { name: '集中登记核查', text: '短时间内集中登记过多的记录标记待核查，暂不计分' },
  'STUDY-07': { name: '组织学习排行', text: '支部或学校按人均积分排行，并列名次相同' },
  'STUDY-08': { name: '年度学习统计', text: '学校年度学习人数、积分和时长计入双创双强台账' },

  'SEC-01': { name: '密码策略', text: '密码至少 10 位，包含大写、小写、数字、符号中的 3 类，不得重复使用最近 5 个' },
  'SEC-02': { name: '登录锁定', text: '连续 5 次登录失败锁定 30 分钟；会话空闲 30 分钟后结束' },
  'SEC-04': { name: '双因素认证', text: '管理员、区教育工委、书记和督导室登录须输入身份验证器的动态验证码' },
  'PRIN-01': { name: '任期综合督导七个领域', text: '党的建设、立德树人、学校治理、教师工作、规范办学、安全卫生、满意度调查' },
  'PRIN-03': { name: '年度考核', text: '校长实行年度考核与任期考核，年度考核等次为优秀、合格、基本合格、不合格（可配置）' },
  'PRIN-05': { name: '任期结束督导', text: '校长任期届满或任期内离任（调任、离任、退休等）时，均须进行任期结束综合督导' },
  'PRIN-07': { name: '发展性评价', text: '评价任期末现状和相对任期起点的进步，任职时记录学校起点数据' },
  'PRIN-09': { name: '任期与交流轮岗', text: '校长每五年一任期（可配置）；在同一学校连任超过两个任期的，提示交流轮岗' },
  'PRIN-10': { name: '责任督学挂牌督导', text: '每名责任督学负责约 5 所学校，定期（一般每月）到校督导' },
  'SEC-05': { name: '三员分立', text: '系统管理员、安全管理员、审计管理员分设，均不接触业务数据' },
  'SEC-09': { name: '敏感信息加密', text: '身份证号、手机号和出生日期加密存储' },
  'PI-06': { name: '个人信息脱敏', text: '身份证号、手机号在页面上脱敏显示，出生日期不与脱敏号码同时出现' },
};

/** The rule's Chinese name, or the ID itself when unknown. */
export function ruleName(code) {
  return RULES[code]?.name ?? code ?? '';
}

/** "ORG-13：text" for a tooltip, or the bare ID when unknown. */
export function ruleTip(code) {
  const r = RULES[code];
  return r ? `${code}：${r.text}` : (code ?? '');
}

/** A rule ID inside a message: "…（ORG-07）", "ORG-10至ORG-17". */
const RULE_ID = /\b([A-Z]{2,5}-\d{2})\b/;

/** `text` cut into plain parts and known rule IDs: [{text} | {code}]. */
export function ruleParts(text) {
  return String(text ?? '').split(RULE_ID).filter((p) => p !== '')
    .map((p) => (RULES[p] ? { code: p } : { text: p }));
}

/**
 * Plain text (an error message, an alert's title) where no tooltip fits:
 * each known rule ID gets its name before it, "（DUES-08）" →
 * "（按月交纳与补交 DUES-08）". Text already naming the rule stays as it is.
 */
export function ruleWords(text) {
  if (!text) return text;
  return String(text).replace(new RegExp(RULE_ID.source, 'g'), (id) => (RULES[id] ? `${RULES[id].name} ${id}` : id));
}

/** A rule named in Chinese, its ID and text in a tooltip (keyboard-focusable). */
export const RuleRef = {
  name: 'RuleRef',
  props: { code: { type: String, default: '' } },
  setup(props) {
    const name = computed(() => ruleName(props.code));
    const tip = computed(() => ruleTip(props.code));
    return { name, tip };
  },
  template: `
    <el-tooltip v-if="code" :content="tip" placement="top" :show-after="200">
      <span class="rule-ref" tabindex="0" :data-rule="code">{{ name }}</span>
    </el-tooltip>`,
};

/** A server message with each rule ID in it shown as a RuleRef. */
export const RuleText = {
  name: 'RuleText',
  components: { RuleRef },
  props: { text: { type: String, default: '' } },
  setup(props) {
    return { parts: computed(() => ruleParts(props.text)) };
  },
  template: `<span class="rule-text"><template v-for="(p, i) in parts" :key="i"><rule-ref v-if="p.code" :code="p.code" /><template v-else>{{ p.text }}</template></template></span>`,
};
