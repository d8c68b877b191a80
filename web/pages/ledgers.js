// 台账导出: a branch's yearly meeting ledger (三会一课台账) and dues ledger
// as .xlsx files, laid out for printing and filing.
import { ref, computed } from 'vue';
import { OrgSelect, orgName } from '../orgs.js';
import { thisYear, saveFile } from '../life.js';

const LEDGERS = [
  { path: '/ledgers/meetings.xlsx', title: '三会一课台账', hint: '全年会议活动记录：时间、地点、主持人、记录人、出勤、议题' },
  { path: '/ledgers/dues.xlsx', title: '党费收缴台账', hint: '逐月应交、实交、缴纳日期和方式，含合计' },
];

export default {
  name: 'LedgersPage',
  components: { OrgSelect },
  setup() {
    const orgId = ref(null);
    const year = ref(thisYear());
    const busy = ref('');
    const years = computed(() => Array.from({ length: 6 }, (_, i) => thisYear() - i));

    async function download(ledger) {
      busy.value = ledger.path;
      await saveFile('GET', ledger.path, {
        query: { org_id: orgId.value, year: year.value },
        name: `${ledger.title}-${orgName(orgId.value)}-${year.value}.xlsx`,
      });
      busy.value = '';
    }

    return { orgId, year, years, busy, download, LEDGERS };
  },
  template: `
    <div class="page ledgers-page">
      <div class="page-head"><h2>台账导出</h2></div>
      <el-card shadow="never">
        <el-form class="form-grid" label-position="top">
          <el-form-item label="党组织">
            <org-select v-model="orgId" placeholder="请选择党组织" />
          </el-form-item>
          <el-form-item label="年度">
            <el-select v-model="year">
              <el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" />
            </el-select>
          </el-form-item>
        </el-form>
        <div class="ledger-list">
          <div v-for="l in LEDGERS" :key="l.path" class="ledger-item">
            <div><b>{{ l.title }}</b><div class="hint">{{ l.hint }}</div></div>
            <el-button type="primary" icon="IconDownload" :disabled="!orgId" :loading="busy === l.path" @click="download(l)">下载 Excel</el-button>
          </div>
        </div>
      </el-card>
    </div>`,
};
