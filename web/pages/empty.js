// Shown to a role that has no page in the console yet.
export default {
  name: 'EmptyPage',
  template: `<el-empty description="您的账号暂无可用的功能，相关模块即将上线" />`,
};
