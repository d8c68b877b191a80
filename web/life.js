// Shared pieces of the organizational-life pages (issue 3): money and
// period formatting, loads that fail calmly, an ECharts wrapper, downloads.
import { reactive, ref, shallowRef, watch, onMounted, onBeforeUnmount, nextTick } from 'vue';
import { ElMessage } from 'element-plus';
import { api } from './api.js';
import { showError } from './ui.js';

/** Fen as yuan with two decimals ("30.00"); '—' for no value. */
export function yuan(fen) {
  if (fen === null || fen === undefined || fen === '' || Number.isNaN(Number(fen))) return '—';
  const n = Math.round(Number(fen));
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A yuan amount typed by a user ("3000.01") in fen, or null when it is not one. */
export function toFen(text) {
  const m = /^\s*(\d{1,9})(?:\.(\d{0,2}))?\s*$/.exec(String(text ?? ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const pad = (n) => String(n).padStart(2, '0');

/** Today in China time as YYYY-MM-DD (the server's date rules are in China time). */
export function todayChina() {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export const thisMonth = () => todayChina().slice(0, 7);
export const thisYear = () => Number(todayChina().slice(0, 4));

/** `YYYY-MM` shifted by `delta` months. */
export function addMonths(month, delta) {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
}

/** "2026-07" → "2026年7月", "2026-Q3" → "2026年第3季度", "2026" → "2026年". */
export function periodLabel(period) {
  const s = String(period ?? '');
  let m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m) return `${m[1]}年第${m[2]}季度`;
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  return /^\d{4}$/.test(s) ? `${s}年` : s;
}

/** "2026-07-01T09:30" (China time, as the API sends it) → "2026-07-01 09:30". */
export function showDateTime(value) {
  return value ? String(value).replace('T', ' ').slice(0, 16) : '';
}

/** A rate (0..1, or a percentage above 1) as "85.0%". */
export function percent(rate) {
  if (rate === null || rate === undefined || Number.isNaN(Number(rate))) return '—';
  const r = Number(rate);
  return `${(r > 1 ? r : r * 100).toFixed(1)}%`;
}

/** The list in an answer: `{items}`, a bare array, or nothing. */
export function itemsOf(answer) {
  if (Array.isArray(answer)) return answer;
  return Array.isArray(answer?.items) ? answer.items : [];
}

/**
 * A load whose failure is shown in the page (by LoadState) instead of a
 * popup: a module whose endpoint is missing or empty stays calm.
 */
export function useLoad(fn) {
  const state = reactive({ loading: false, error: null, loaded: false });
  const data = shallowRef(null);
  async function load(...args) {
    state.loading = true;
    state.error = null;
    try {
      data.value = await fn(...args);
      state.loaded = true;
    } catch (err) {
      if (err?.status === undefined) console.error(err);
      state.error = err;
    } finally {
      state.loading = false;
    }
    return data.value;
  }
  return { state, data, load };
}

/** The Chinese text for a failed load. */
export function loadErrorText(err) {
  if (!err) return '';
  if (err.status === 404) return '暂无数据：该功能尚未开通，或所选组织不在您的管理范围内';
  if (err.status === 403) return err.message || '没有权限查看此内容';
  if (err.status === undefined) return '页面出错，请刷新后重试';
  return err.message;
}

/** Skeleton while loading; a calm empty state with a retry after a failure. */
export const LoadState = {
  name: 'LoadState',
  props: { state: { type: Object, required: true }, empty: { type: String, default: '' } },
  emits: ['retry'],
  setup() {
    return { loadErrorText };
  },
  template: `
    <el-skeleton v-if="state.loading && !state.loaded" :rows="4" animated />
    <el-empty v-else-if="state.error" class="load-error" :image-size="72" :description="loadErrorText(state.error)">
      <el-button size="small" icon="IconRefresh" @click="$emit('retry')">重试</el-button>
    </el-empty>
    <el-empty v-else-if="empty" :image-size="72" :description="empty" />
    <slot v-else />`,
};

let echartsModule = null;
/** ECharts, loaded on first use (it is large and most pages have no chart). */
function loadECharts() {
  echartsModule ??= import('echarts').catch((err) => {
    echartsModule = null;
    throw err;
  });
  return echartsModule;
}

/** An ECharts chart for `option`; emits `pick` with the clicked item's data. */
export const EChart = {
  name: 'EChart',
  props: { option: { type: Object, required: true }, height: { type: String, default: '280px' } },
  emits: ['pick'],
  setup(props, { emit }) {
    const el = ref(null);
    let chart = null;
    const failed = ref(false);
    const resize = () => chart?.resize();

    async function draw() {
      if (!el.value) return;
      try {
        const echarts = await loadECharts();
        if (!el.value) return;
        if (!chart) {
          chart = echarts.init(el.value, null, { renderer: 'canvas' });
          chart.on('click', (p) => emit('pick', p.data));
        }
        chart.setOption(props.option, true);
      } catch (err) {
        console.error(err);
        failed.value = true;
      }
    }

    onMounted(() => {
      nextTick(draw);
      window.addEventListener('resize', resize);
    });
    watch(() => props.option, draw, { deep: true });
    onBeforeUnmount(() => {
      window.removeEventListener('resize', resize);
      chart?.dispose();
      chart = null;
    });
    return { el, failed };
  },
  template: `
    <div class="echart-box">
      <div ref="el" class="echart" :style="{ height }"></div>
      <p v-if="failed" class="hint">图表加载失败，请刷新页面后重试</p>
    </div>`,
};

/** Downloads a file from the API, telling the user what happened. */
export async function saveFile(method, path, options) {
  try {
    const name = await api.download(method, path, options);
    ElMessage.success(`已下载：${name}`);
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}
