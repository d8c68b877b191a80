// The console's one way to show attached files (issue 19): lists an owner's
// files (GET /api/v1/<path>/{id}/files), uploads one or more (POST the raw
// bytes, ?name=), downloads each by its `url` (GET /api/v1/files/{id}) and
// deletes after a confirmation (DELETE /api/v1/files/{id}). It reads only
// its props; the server decides what may be stored and says why not.
//
//   <hy-files path="meetings" :owner-id="m.id" />
//   <hy-files path="applicants" :owner-id="a.id" :part="3" readonly />
//   <hy-files path="study/library" :owner-id="item.id" single />
//
// Slot `extra` ({ file }) adds an owner's own marks to a row (a finding's
// 已报送); event `changed` follows every upload and delete; the method
// reload() (by a template ref) reads the list again.
import { ref, computed, watch, onMounted } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from './api.js';
import { showError, formatTime } from './ui.js';
import { session } from './session.js';

/** What the server stores (FILESTORE_DOCUMENTS): offered first by the file picker. */
export const FILE_ACCEPT = '.jpg,.jpeg,.png,.pdf,.docx,.xlsx';
const ACCEPT_HINT = '可上传 JPG、PNG 图片，PDF，Word（.docx）、Excel（.xlsx）';


/** A size in bytes as "512 B", "12.3 KB", "4.5 MB". */
export function fileSize(n) {
  const bytes = Number(n) || 0;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Where a file downloads from: its `url`, or the one route for every file. */
export const fileUrl = (f) => f.url || `/api/v1/files/${f.id}`;

/** Why the server refused an upload, in Chinese: the field it names, or the status. */
export function uploadProblem(err) {
  if (err?.status === 413) return '文件过大，超过允许上传的大小';
  if (err?.status === 422) {
    const f = err.fields ?? {};
    return f.file || f.name || Object.values(f)[0] || err.message;
  }
  if (err?.status === undefined) console.error(err);
  return err?.status === undefined ? '上传失败，请刷新页面后重试' : err.message;
}

/**
 * Uploads `files` (File objects) to owner `ownerId` of `path`, one after
 * another; returns { done, problems: [{ name, message }] }. The component
 * uses it, and so does a form that attaches files to a record it has just
 * created (a notice's draft).
 */
export async function uploadFiles(path, ownerId, files, part) {
  /* ?part= names the part for every owner that has parts (attach_api.c). */
  const query = part === undefined || part === null ? {} : { part };
  const problems = [];
  let done = 0;
  for (const file of files) {
    try {
      await api.upload(`/${path}/${ownerId}/files`, file, { ...query, name: file.name });
      done += 1;
    } catch (err) {
      problems.push({ name: file.name, message: uploadProblem(err) });
    }
  }
  return { done, problems };
}

// Lists asked for at once (an applicant's steps, each a component with its
// part) share one request.
const inflight = new Map();

function fetchList(path, ownerId) {
  const key = `${path}/${ownerId}`;
  if (!inflight.has(key)) {
    const p = api.get(`/${path}/${ownerId}/files`).finally(() => inflight.delete(key));
    inflight.set(key, p);
  }
  return inflight.get(key);
}

export const FileList = {
  name: 'HyFiles',
  props: {
    /** The owner's route segment: "meetings", "findings", "study/library" … */
    path: { type: String, required: true },
    ownerId: { type: [Number, String], required: true },
    /** Only this part (an applicant's step); uploads go to it. */
    part: { type: Number, default: null },
    /** No upload, no delete: the caller may only read. */
    readonly: { type: Boolean, default: false },
    /** One file per owner (and part): an upload replaces it. */
    single: { type: Boolean, default: false },
  },
  emits: ['changed'],
  setup(props, { emit, expose }) {
    const items = ref([]);
    const loaded = ref(false);
    const failed = ref(null);
    const busy = ref(false);
    const problems = ref([]); // [{ name, message }]
    const input = ref(null);

    const shown = computed(() => (props.part === null
      ? items.value
      : items.value.filter((f) => (f.part ?? f.step) === props.part)));

    async function reload() {
      failed.value = null;
      try {
        const answer = await fetchList(props.path, props.ownerId);
        items.value = Array.isArray(answer?.items) ? answer.items : [];
        loaded.value = true;
      } catch (err) {
        if (err?.status === undefined) console.error(err);
        failed.value = err?.status === 404 ? '附件不存在或无权查看' : (err?.message || '附件加载失败');
      }
    }

    async function upload(event) {
      const files = [...(event.target.files ?? [])];
      event.target.value = '';
      if (!files.length) return;
      problems.value = [];
      busy.value = true;
      try {
        const r = await uploadFiles(props.path, props.ownerId, props.single ? files.slice(0, 1) : files, props.part);
        problems.value = r.problems;
        if (r.done) {
          ElMessage.success(r.done === 1 ? `已上传：${files[0].name}` : `已上传 ${r.done} 个文件`);
          await reload();
          emit('changed');
        }
      } finally {
        busy.value = false;
      }
    }

    async function remove(f) {
      try {
        await ElMessageBox.confirm(`确定删除“${f.name}”吗？删除后不可恢复。`, '删除附件', {
          type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消',
        });
      } catch {
        return; // cancelled
      }
      try {
        await api.del(`/files/${f.id}`);
        ElMessage.success(`已删除：${f.name}`);
        await reload();
        emit('changed');
      } catch (err) {
        showError(err);
      }
    }

    /** The uploader where known: a name the owner sends, or the caller themself. */
    function uploader(f) {
      if (f.uploaded_by_name) return `上传人：${f.uploaded_by_name}`;
      return f.uploaded_by && f.uploaded_by === session.user?.id ? '我上传的' : '';
    }
    const meta = (f) => [fileSize(f.size), formatTime(f.uploaded_at), uploader(f)].filter(Boolean).join(' · ');

    onMounted(reload);
    watch(() => [props.path, props.ownerId], reload);
    expose({ reload });
    return {
      items, shown, loaded, failed, busy, problems, input, reload, upload, remove, meta, fileUrl, FILE_ACCEPT, ACCEPT_HINT,
    };
  },
  template: `
    <div class="hy-files">
      <div v-if="!readonly" class="hy-files-actions">
        <el-button size="small" icon="IconUpload" :loading="busy" class="hy-files-upload" @click="input.click()">{{ single && shown.length ? '更换文件' : '上传文件' }}</el-button>
        <input ref="input" type="file" :multiple="!single" hidden :accept="FILE_ACCEPT" aria-label="选择要上传的文件" @change="upload" />
        <span class="hint">{{ ACCEPT_HINT }}<template v-if="single">（只保留一个文件，再次上传将替换）</template></span>
      </div>
      <el-alert v-for="(p, i) in problems" :key="i + p.name" type="error" show-icon class="hy-files-problem"
        :title="p.name + '：' + p.message" @close="problems.splice(i, 1)" />
      <p v-if="failed" class="hint hy-files-failed">{{ failed }} <el-button link size="small" @click="reload">重试</el-button></p>
      <ul v-else class="hy-files-list">
        <li v-for="f in shown" :key="f.id" class="hy-file">
          <a :href="fileUrl(f)" download class="hy-file-name">{{ f.name }}</a>
          <span class="hint hy-file-meta">{{ meta(f) }}</span>
          <slot name="extra" :file="f" />
          <el-button v-if="!readonly" link type="danger" size="small" class="hy-file-delete" :aria-label="'删除 ' + f.name" @click="remove(f)">删除</el-button>
        </li>
        <li v-if="loaded && !shown.length" class="hint hy-files-empty">暂无附件</li>
      </ul>
    </div>`,
};
