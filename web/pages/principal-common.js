// 校长任期督导 (issue 13): what the platform's pages share: the flags'
// labels and the platform's settings (posts, end reasons, areas, grades,
// baseline figures), loaded once.
import { reactive } from 'vue';
import { api } from '../api.js';

/** The district list's flags (tenure.h) and their rules. */
export const PRIN_FLAGS = {
  term_ending: { label: '任期将满未安排督导', rule: 'PRIN-05', type: 'warning' },
  left_mid_term: { label: '任期未满离任待督导', rule: 'PRIN-05', type: 'danger' },
  rotation: { label: '连任超期宜轮岗', rule: 'PRIN-09', type: 'info' },
  no_principal: { label: '未登记校长', rule: '', type: 'danger' },
};

export const GOAL_STATES = { draft: '草稿', submitted: '待审核', approved: '已通过', returned: '已退回' };
export const REPORT_STATES = { draft: '草稿', submitted: '待评定', graded: '已评定' };

const settings = reactive({ loaded: false, posts: [], end_reasons: [], areas: [], grades: [], figures: [], term_years: 5 });

/** The platform's settings (GET /principal/settings), loaded once. */
export async function prinSettings() {
  if (!settings.loaded) {
    Object.assign(settings, await api.get('/principal/settings'), { loaded: true });
  }
  return settings;
}

/** label of value in a [{value,label}] list. */
export function labelIn(list, value) {
  return list.find((x) => x.value === value)?.label ?? value ?? '';
}
