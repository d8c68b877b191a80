// Chinese labels for the API's enumerated values.

export const ORG_KINDS = {
  district_committee: '区教育工委',
  party_committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
};

/** Which kinds may sit directly under a parent kind ('' is the root). */
export const CHILD_KINDS = {
  '': ['district_committee'],
  district_committee: ['party_committee'],
  party_committee: ['general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
};

export const SCHOOL_STAGES = {
  kindergarten: '幼儿园',
  primary: '小学',
  junior: '初中',
  senior: '高中',
  complete_secondary: '完全中学',
  nine_year: '九年一贯制',
  vocational: '职业学校',
};

export const OWNERSHIPS = { public: '公办', private: '民办' };

export const ROLES = {
  admin: '系统管理员',
  district: '区教育工委',
  inspector: '督查员',
  secretary: '书记/党务工作者',
  principal: '校长',
  member: '党员',
  institution: '培训机构',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  supervision_office: '督导室',
  supervisor: '责任督学',
};

/** The three separated administrators (SEC-05): made and changed only with the CLI. */
export const ADMIN_ROLES = ['admin', 'security_admin', 'audit_admin'];

/**
 * Roles that take no organization scope: district staff see every
 * organization, administrators none; the supervision office every school
 * and a 督学 the schools the office assigns them (issue 13).
 */
export const UNSCOPED_ROLES = ['district', ...ADMIN_ROLES, 'supervision_office', 'supervisor'];

export const GENDERS = { male: '男', female: '女' };

export const MEMBER_STATUSES = { probationary: '预备党员', full: '正式党员' };

export const MEMBER_CATEGORIES = { in_service: '在职', retired: '离退休', other: '其他' };

export const MEMBER_STATES = {
  active: '正常',
  transferred_out: '已转出',
  stopped: '停止党籍',
  removed: '除名/出党',
  deceased: '已去世',
  incoming: '待转入',
};

export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中等专科', '高中', '初中及以下'];

/** The `state` filter value that lists members in every state. */
export const ALL_STATES = 'all';

export const AUDIT_ENTITIES = {
  session: '登录会话',
  user: '用户',
  school: '学校',
  org: '组织',
  member: '党员',
  database: '数据库',
  meeting: '会议活动',
  meeting_file: '会议附件',
  meeting_plan: '会议计划',
  dues: '党费',
  dues_payment: '党费缴纳',
  transfer: '组织关系转接',
  assessment: '年度考核',
  inspection_plan: '督查计划',
  inspection: '督查评分',
  inspection_file: '督查佐证材料',
  finding_file: '整改佐证材料',
  applicant_file: '发展党员材料',
  notice_file: '通知附件',
  attachment: '附件',
};

export const AUDIT_ACTIONS = {
  create: '新建',
  update: '修改',
  delete: '删除',
  move: '移动',
  transfer: '转接',
  read_pii: '查看完整证件号/手机号',
  login: '登录',
  login_failed: '登录失败',
  login_locked: '锁定期间尝试登录',
  lockout: '账号锁定',
  logout: '退出登录',
  change_password: '修改密码',
  demo_generate: '生成演示数据',
  checkin: '扫码签到',
  upload: '上传附件',
  replace: '替换附件',
  attendance: '登记出勤',
  grades: '民主评议等次',
  pairs: '谈心谈话',
  committee: '支委会成员',
  dues_pay: '登记党费',
  dues_setting: '党费设置',
  member_accounts: '批量开通账号',
  export: '导出台账',
  approve: '审批转接',
  send: '开出介绍信',
  receive: '接收',
  return: '退回',
  confirm: '确认回执',
  run: '开展考核',
  mark: '列为整顿',
  lift: '解除整顿',
  score: '督查评分',
  submit: '提交',
  revise: '修订',
  issue_finding: '开具整改事项',
};

/** The label for `value` in `labels`, or the raw value when unknown. */
export function labelOf(labels, value) {
  return labels[value] ?? value ?? '';
}

// Organizational life (issue 3).

export const MEETING_KINDS = {
  branch_assembly: '支部党员大会',
  committee: '支部委员会会议',
  group: '党小组会',
  lecture: '党课',
  theme_day: '主题党日',
  org_life: '组织生活会',
  appraisal: '民主评议党员',
  talk: '谈心谈话',
  activity: '主题活动',
};

/** Themes of an `activity` meeting. */
export const ACTIVITY_THEMES = {
  political_birthday: '政治生日',
  oath: '重温入党誓词',
  constitution: '学习党章',
  vanguard_day: '先锋日',
  warning_day: '警示教育日',
  chosen: '自选动作',
};

export const ATTENDANCE = { present: '出席', late: '迟到', absent: '缺席' };

export const GRADES = { excellent: '优秀', qualified: '合格', basically_qualified: '基本合格', unqualified: '不合格' };

/** Kinds of a 谈心谈话 pair (ORG-17). */
export const PAIR_KINDS = { committee_committee: '支委之间', committee_member: '支委与党员', member_member: '党员之间' };

/** Posts in a branch committee. */
export const COMMITTEE_POSTS = {
  secretary: '书记',
  deputy: '副书记',
  organization: '组织委员',
  propaganda: '宣传委员',
  discipline: '纪检委员',
  member: '委员',
};

export const COMPLIANCE_STATUSES = { done: '已完成', due: '待完成', overdue: '逾期未完成', exempt: '免于考核' };
export const COMPLIANCE_TAGS = { done: 'success', due: 'warning', overdue: 'danger', exempt: 'info' };

export const DUES_CATEGORIES = {
  in_service: '在职',
  retired: '离退休',
  student: '学生',
  unemployed: '失业/无固定收入',
  relief: '享受低保',
  farmer: '农民',
};

export const PAY_METHODS = { cash: '现金', transfer: '银行转账', wechat: '微信', alipay: '支付宝', other: '其他' };

/** Kinds of the alert centre (GET /alerts), as the server names them. */
export const ALERT_KINDS = {
  meeting_overdue: '会议逾期未开',
  meeting_missing: '会议待召开',
  quorum: '会议人数不足',
  term_overdue: '换届逾期',
  term_expiring: '任期将满',
  transfer_overdue: '转接超期',
  dues_arrears: '党费欠缴',
  birthday: '政治生日',
  pipeline_overdue: '发展党员逾期',
  pipeline_due: '发展党员待办',
  brand_overdue: '品牌项目超周期',
  training_below_min: '培训学时不足',
  prin_term_ending: '校长任期将满未安排督导',
  prin_left_mid_term: '校长任期未满离任待督导',
  prin_no_principal: '学校未登记校长',
  prin_rotation: '校长连任超期宜轮岗',
};
export const SEVERITIES = { critical: '严重', warning: '警告', info: '提醒' };
export const SEVERITY_TAGS = { critical: 'danger', warning: 'warning', info: 'info' };

export const TRANSFER_DIRECTIONS = { internal: '系统内转接', out: '转出本区', in: '从区外转入' };
export const TRANSFER_STATES = {
  draft: '草稿',
  approved: '已审批',
  in_transit: '在途',
  received: '已接收',
  returned: '已退回',
  done: '已完成',
};

// Supervision (issue 4): indicator systems and findings.

export const INDICATOR_KINDS = {
  quarterly_inspection: '季度党建督查',
  instructor_visit: '党建指导员督查',
  secretary_review: '书记述职评议',
  clean_school: '清廉学校建设督查',
  principal_tenure: '校（园）长任期督导',
};
/** The stage a principal-tenure sheet is for (PRIN-01's three checklists). */
export const INDICATOR_STAGES = { kindergarten: '幼儿园', compulsory: '义务教育学校', senior: '普通高中' };
export const INDICATOR_STATUSES = { draft: '草稿', published: '已发布' };

export const FINDING_STATES = {
  issued: '已下发',
  rectifying: '整改中',
  submitted: '待核验',
  verified: '已销号',
  returned: '已退回',
};
export const FINDING_STATE_TAGS = { issued: 'info', rectifying: 'warning', submitted: 'primary', verified: 'success', returned: 'danger' };
export const FINDING_SEVERITIES = { minor: '一般', major: '较重', critical: '严重' };
export const FINDING_SEVERITY_TAGS = { minor: 'info', major: 'warning', critical: 'danger' };
export const FINDING_SOURCES = { inspection: '督查检查', review: '述职评议', assessment: '年度考核整顿', alert: '预警转办', manual: '直接下发', prin_visit: '责任督学督导' };
/** Report-and-review rounds (述职评议, EVAL-01…04). */
export const REVIEW_STATES = { open: '评议中', closed: '已结束', published: '已公布' };
export const REVIEW_STATE_TAGS = { open: 'warning', closed: 'info', published: 'success' };
export const REVIEW_GROUPS = { district: '区教育工委', secretary: '其他书记', member: '党员代表' };
export const REVIEW_GRADES = ['好', '较好', '一般', '差'];
// Cultivation registers (issue 5: 双培养, 双带头人, 培训, 三名工作室).
export const CULT_KINDS = { backbone_to_member: '骨干培养成党员', member_to_backbone: '党员培养成骨干' };
export const CULT_STATES = { nominated: '已推荐', selected: '培养对象', not_selected: '未入选', developed: '已培养' };
export const CULT_STATE_TAGS = { nominated: 'info', selected: 'warning', not_selected: '', developed: 'success' };
export const CULT_OUTCOMES = { joined_pipeline: '列入发展党员流程', became_backbone: '成为教育教学骨干' };
export const LEADER_POSITIONS = { secretary: '书记', deputy: '副书记' };
export const LEADER_LEVELS = { district: '区级', municipal: '市级' };
export const LEADER_CRITERIA = {
  evidence_party: '党性强', evidence_education: '懂教育', evidence_management: '会管理',
  evidence_prestige: '有威信', evidence_ideology: '善做思想政治工作',
};
export const TRAINING_FORMS = {
  full_coverage: '全覆盖培训', seminar: '专题研修', study_trip: '研学', shadow: '跟岗锻炼',
  site_visit: '现场观摩', online: '网络课堂',
};
export const STUDIO_KINDS = { teacher: '名师工作室', principal: '名校长工作室', class_teacher: '名班主任工作室' };
export const STUDIO_LEVELS = { district: '区级', municipal: '市级', national: '国家级' };
export const STUDIO_ACTIVITY_KINDS = { seminar: '专题研讨', lesson: '示范课', joint_preparation: '集智备课', course: '课程开发' };
export const STUDIO_OUTPUT_KINDS = { paper: '论文', course: '课程', award: '获奖' };
// Annual assessment (issue 4, 年度考核).
export const ASSESS_COMPONENTS = {
  compliance: '组织生活',
  dues: '党费按时',
  rectification: '整改销号',
  inspection: '督查',
  review: '述职评议',
};
export const ASSESS_GRADES = { 优秀: '优秀', 良好: '良好', 一般: '一般', 较差: '较差' };
export const ASSESS_MARKS = { none: '', rectify: '整顿', lifted: '已解除' };
/** The state of an assessment's rectification plan (a finding). */
export const ASSESS_PLAN_STATES = {
  issued: '已下发', rectifying: '整改中', submitted: '已提交', verified: '已销号', returned: '已退回',
};
// Exchange and study (issue 6).
export const STUDY_KINDS = {
  reading: '阅读', video: '视频', lecture: '讲座党课', document: '文件学习',
  reading_session: '读书会', discussion: '专题研讨', other: '其他',
};
export const LIBRARY_KINDS = { document: '文件资料', link: '链接', video: '视频' };
export const RECORD_STATUSES = { counted: '已计分', flagged: '待核（不计分）' };
export const RECORD_FLAGS = { burst: '短时间内提交过多' };
export const EXCHANGE_STATES = { draft: '草稿', submitted: '待审核', published: '已发布', rejected: '已退回' };
export const EXCHANGE_TAGS = { draft: 'info', submitted: 'warning', published: 'success', rejected: 'danger' };
Object.assign(AUDIT_ENTITIES, {
  study_item: '学习资料', study_plan: '学习计划', study_record: '学习记录', study_reading: '读书会',
  study_point_rule: '积分规则', exchange_post: '交流案例', exchange_comment: '案例评论',
});
Object.assign(AUDIT_ACTIONS, {
  add_item: '添加计划条目', attend: '登记出席', reflect: '撰写心得', submit: '提交审核', publish: '发布',
  reject: '退回', mark_excellent: '评为优秀案例', unmark_excellent: '取消优秀案例', hide: '隐藏评论', unhide: '恢复评论',
});
/** The development pipeline (issue 5): a person's status and a step's. */
export const APPLICANT_STATUSES = {
  pipeline: '发展中', probationary: '预备党员', full: '已转正', disqualified: '取消预备党员资格', ended: '已终止',
};
export const APPLICANT_STATUS_TAGS = { pipeline: 'primary', probationary: 'warning', full: 'success', disqualified: 'danger', ended: 'info' };
export const STEP_STATUSES = { done: '已完成', due: '待办理', overdue: '已逾期', not_yet: '未开始' };
export const STEP_STATUS_TAGS = { done: 'success', due: 'primary', overdue: 'danger', not_yet: 'info' };
// Dual creation and dual strengthening (issue 6).
export const FOUR_ONES = { joint_study: '联合学习', shared_book: '共读理论书', hot_topic: '热点话题', school_visit: '校际走访' };
export const BRAND_STAGES = { declared: '申报', cultivating: '培育', midterm: '中期评估', accepted: '验收', named: '命名' };
export const BRAND_LEVELS = { district: '区级培育创建单位', municipal_cultivation: '市级培育单位', municipal_creation: '市级创建单位' };
export const BRAND_ITEM_KINDS = { milestone: '里程碑', evidence: '佐证材料', output: '成果' };
export const TOPIC_LEVELS = { school: '校级', district: '区级', municipal: '市级', national: '国家级' };
export const TOPIC_STAGES = { approved: '立项', midterm: '中期', concluded: '结题' };
export const POST_KINDS = { area: '党员责任区', vanguard: '党员先锋岗', classroom: '党员示范课堂' };
export const TEACHER_MODES = { full_time: '专职', part_time: '兼职' };
export const TEACHER_SOURCES = { school: '本校', university: '高校合作', community: '社会（社区）' };
export const CLEAN_STATUSES = { none: '未参与', pilot: '试点学校', demonstration: '示范学校', named: '命名学校' };
export const CLEAN_FIVE = { party_style: '清正党风', school_style: '清静校风', teaching_style: '清纯教风', study_style: '清新学风', family_style: '清明家风' };
export const ETHICS_ACTIONS = { soul: '思想铸魂', foundation: '固本强基', clean: '清朗净化', evaluation: '评价优化', model: '典型赋能', care: '心理关怀' };
export const HONOR_KINDS = { commendation: '表彰', typical_case: '典型案例' };
export const HONOR_LEVELS = { school: '校级', district: '区级', municipal: '市级', national: '国家级' };
export const CASE_STATUSES = { open: '处理中', closed: '已办结' };
// Inspections (issue 4).

export const INSPECTION_KINDS = {
  quarterly_inspection: '季度党建督查',
  instructor_visit: '党建指导员督查',
  clean_school: '清廉学校建设督查',
};
export const INSPECTION_STATES = { draft: '草稿', submitted: '已提交', confirmed: '已确认' };
export const INSPECTION_STATE_TAGS = { draft: 'info', submitted: 'warning', confirmed: 'success' };
