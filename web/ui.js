// Shared view helpers: screen size, error display, dates.
import { ref, reactive, computed } from 'vue';
import { ElMessage } from 'element-plus';

const phoneQuery = window.matchMedia('(max-width: 767px)');

/** True on a phone-sized screen (narrower than 768px). */
export const isMobile = ref(phoneQuery.matches);
phoneQuery.addEventListener('change', (e) => {
  isMobile.value = e.matches;
});

export const dialogWidth = computed(() => (isMobile.value ? '94%' : '640px'));

/** Shows an error as a message: the server's Chinese text when it sent one. */
export function showError(err) {
  if (err?.status === undefined) console.error(err);
  ElMessage.error(err?.status === undefined ? '操作失败，请刷新页面后重试' : err.message);
}

/**
 * Field errors for one form: `errors[field]` feeds el-form-item's :error.
 * report() puts a 422's field messages beside their fields, and shows every
 * other error as a message.
 */
export function useFormErrors() {
  const errors = reactive({});
  function clear() {
    for (const key of Object.keys(errors)) delete errors[key];
  }
  function report(err) {
    clear();
    Object.assign(errors, err?.fields ?? {});
    if (Object.keys(errors).length) ElMessage.warning(err.message);
    else showError(err);
  }
  return { errors, clear, report };
}

/** The fields of `form` whose values differ from `original`. */
export function changedFields(original, form) {
  const out = {};
  for (const [key, value] of Object.entries(form)) {
    if (JSON.stringify(value) !== JSON.stringify(original[key])) out[key] = value;
  }
  return out;
}

/** `form` without empty values: what a create sends. */
export function filledFields(form) {
  return Object.fromEntries(
    Object.entries(form).filter(([, v]) => v !== '' && v !== null && v !== undefined),
  );
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An ISO UTC timestamp in the viewer's local time. */
export function formatTime(iso) {
  return iso ? timeFormat.format(new Date(iso)) : '';
}
