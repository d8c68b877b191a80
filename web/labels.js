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
};

/** Roles that see every organization, so they take no scope. */
export const UNSCOPED_ROLES = ['admin', 'district'];

export const GENDERS = { male: '男', female: '女' };

export const MEMBER_STATUSES = { probationary: '预备党员', full: '正式党员' };

export const MEMBER_CATEGORIES = { in_service: '在职', retired: '离退休', other: '其他' };

export const MEMBER_STATES = {
  active: '正常',
  transferred_out: '已转出',
  stopped: '停止党籍',
  removed: '除名/出党',
  deceased: '已去世',
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
  inspection_plan: '督查计划',
  inspection: '督查评分',
  inspection_file: '督查佐证材料',
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

// Inspections (issue 4).

export const INSPECTION_KINDS = {
  quarterly_inspection: '季度党建督查',
  instructor_visit: '党建指导员督查',
  clean_school: '清廉学校建设督查',
};
export const INSPECTION_STATES = { draft: '草稿', submitted: '已提交', confirmed: '已确认' };
export const INSPECTION_STATE_TAGS = { draft: 'info', submitted: 'warning', confirmed: 'success' };
export const FINDING_SEVERITIES = { minor: '一般', major: '较重', critical: '严重' };
