// 党费测算: the monthly dues for a category and monthly income base
// (DUES-02/04/05, computed by the server). Staff and members alike use it.
import { ref, reactive } from 'vue';
import { api } from '../api.js';
import { DUES_CATEGORIES } from '../labels.js';
import { useFormErrors } from '../ui.js';
import { yuan, toFen } from '../life.js';

/** Categories whose dues do not depend on income (the base is ignored). */
export const FLAT_CATEGORIES = ['student', 'unemployed', 'relief', 'farmer'];

export default {
  name: 'DuesQuote',
  setup() {
    const form = reactive({ category: 'in_service', base: '' });
    const result = ref(null); // { monthly: '30.00', rule }
    const { errors, clear, report } = useFormErrors();
    const busy = ref(false);

    async function calculate() {
      clear();
      result.value = null;
      const flat = FLAT_CATEGORIES.includes(form.category);
      const baseFen = flat ? 0 : toFen(form.base);
      if (baseFen === null) {
        errors.base_fen = '请输入金额（元），最多两位小数';
        return;
      }
      busy.value = true;
      try {
        const q = await api.get('/dues/quote', { category: form.category, base_fen: baseFen });
        result.value = { monthly: yuan(q?.monthly_fen), rule: q?.rule ?? '', note: q?.message ?? '' };
      } catch (err) {
        report(err);
      } finally {
        busy.value = false;
      }
    }

    return { form, result, errors, busy, calculate, FLAT_CATEGORIES, DUES_CATEGORIES };
  },
  template: `
    <el-form class="dues-quote" label-position="top" @submit.prevent="calculate">
      <div class="form-grid">
        <el-form-item label="党费类别" :error="errors.category">
          <el-select v-model="form.category" @change="result = null">
            <el-option v-for="(label, value) in DUES_CATEGORIES" :key="value" :value="value" :label="label" />
          </el-select>
        </el-form-item>
        <el-form-item v-if="!FLAT_CATEGORIES.includes(form.category)" label="月工资收入基数（元）" :error="errors.base_fen">
          <el-input v-model="form.base" name="base" inputmode="decimal" placeholder="例如 6500.00" @input="result = null" />
        </el-form-item>
      </div>
      <el-button type="primary" native-type="submit" :loading="busy">计算</el-button>
      <div v-if="result" class="quote-result" role="status">
        每月应交党费 <b class="quote-amount">{{ result.monthly }}</b> 元
        <span v-if="result.rule" class="hint">（依据 <rule-ref :code="result.rule" />）</span>
        <div v-if="result.note" class="hint">{{ result.note }}</div>
      </div>
    </el-form>`,
};
