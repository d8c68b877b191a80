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
};

/** The label for `value` in `labels`, or the raw value when unknown. */
export function labelOf(labels, value) {
  return labels[value] ?? value ?? '';
}
