// 大思政课: a school's plan per year, the dual-track teacher pool (full- and
// part-time, from the school, a partner university or the community), and
// walking lessons held off campus.
import { ref, computed } from 'vue';
import { can } from '../session.js';
import { TEACHER_MODES, TEACHER_SOURCES } from '../labels.js';
import { SchoolSelect, RecordSection, districtWide } from './create-common.js';

const PLAN_FIELDS = [
  { key: 'year', label: '年度', type: 'int', min: 2000, max: 2100, required: true, width: 70 },
  { key: 'title', label: '方案名称', required: true, width: 200 },
  { key: 'partner', label: '合作高校', maxlength: 100 },
  { key: 'goals', label: '目标', type: 'textarea', width: 200 },
  { key: 'content', label: '主要内容', type: 'textarea', maxlength: 5000, hidden: true },
];
const TEACHER_FIELDS = [
  { key: 'name', label: '姓名', required: true, maxlength: 40 },
  { key: 'mode', label: '专兼职', options: TEACHER_MODES, required: true },
  { key: 'source', label: '来源', options: TEACHER_SOURCES, required: true },
  { key: 'unit', label: '所在单位', maxlength: 100, width: 150 },
  { key: 'subject', label: '学科/专长', maxlength: 40 },
];
const LESSON_FIELDS = [
  { key: 'held_on', label: '日期', type: 'date', required: true },
  { key: 'title', label: '主题', required: true, width: 160 },
  { key: 'place', label: '地点', required: true, width: 140 },
  { key: 'classes', label: '参加班级', maxlength: 500 },
  { key: 'teachers', label: '授课教师', maxlength: 500 },
  { key: 'students', label: '学生人数', type: 'int' },
  { key: 'outputs', label: '成果', type: 'textarea' },
];

export default {
  name: 'IdeologyPage',
  components: { RecordSection, SchoolSelect },
  setup() {
    const schoolId = ref(null);
    const query = computed(() => ({ school_id: schoolId.value }));
    return { schoolId, query, districtWide, PLAN_FIELDS, TEACHER_FIELDS, LESSON_FIELDS, writable: can('create.write') };
  },
  template: `
    <div class="page ideology-page">
      <div class="page-head">
        <h2>大思政课</h2>
        <div class="actions"><school-select v-if="districtWide" v-model="schoolId" /></div>
      </div>
      <record-section title="年度建设方案" path="/ideology/plans" :fields="PLAN_FIELDS" :query="query" :writable="writable" hint="每校每年一份" />
      <record-section title="双轨师资" path="/ideology/teachers" :fields="TEACHER_FIELDS" :query="query" :writable="writable" hint="专职与兼职，本校、高校合作与社会力量" />
      <record-section title="行走的思政课" path="/ideology/lessons" :fields="LESSON_FIELDS" :query="query" :writable="writable" />
    </div>`,
};
