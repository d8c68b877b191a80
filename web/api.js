// JSON client for the Hongyan API (/api/v1): sends the CSRF token on writes
// and turns every error answer into an ApiError carrying the server's code,
// Chinese message and per-field messages.

import { ruleWords } from './rules.js';

const BASE = '/api/v1';

const FALLBACK_MESSAGES = {
  0: '无法连接服务器，请检查网络',
  400: '请求格式有误',
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '记录不存在或无权访问',
  409: '操作与现有数据冲突',
  413: '提交的内容过大',
  422: '输入有误，请检查标出的项目',
  429: '操作过于频繁或账号已锁定，请稍后再试',
};

class ApiError extends Error {
  constructor(status, body) {
    const e = body?.error ?? {};
    // The server names rules by ID in its messages: shown with their names (issue 12).
    super(ruleWords(e.message) || FALLBACK_MESSAGES[status] || `服务器错误（${status}）`);
    this.status = status;
    this.code = e.code || `http_${status}`;
    this.fields = Object.fromEntries(Object.entries(e.fields ?? {}).map(([k, v]) => [k, ruleWords(v)]));
  }
}

/** Fired as 'unauthenticated' and 'password_change_required' (error codes). */
export const apiEvents = new EventTarget();

let csrfToken = '';

export function setCsrfToken(token) {
  csrfToken = token ?? '';
}

function buildUrl(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const qs = params.toString();
  return BASE + path + (qs ? `?${qs}` : '');
}

async function readBody(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Sends one request; `raw` is a Blob or File sent as it is (uploads). */
async function send(method, path, { body, raw, query, accept = 'application/json', poll = false } = {}) {
  const headers = { Accept: accept };
  // A background poll (the bell) does not keep the session alive (SEC-02).
  if (poll) headers['X-Hongyan-Poll'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw !== undefined) headers['Content-Type'] = raw.type || 'application/octet-stream';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (res.ok) return res;
  const err = new ApiError(res.status, await readBody(res));
  if (err.code === 'unauthenticated' || err.code === 'password_change_required') {
    apiEvents.dispatchEvent(new Event(err.code));
  }
  throw err;
}

async function request(method, path, options = {}) {
  return readBody(await send(method, path, options));
}

/** The file name in a Content-Disposition header (RFC 6266, filename* first). */
function dispositionName(header) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '');
  if (star) return decodeURIComponent(star[1]);
  return /filename="?([^";]+)"?/i.exec(header ?? '')?.[1] ?? '';
}

/** Fetches a file (GET, or POST with a JSON body) and hands it to the browser as a download. */
async function download(method, path, { query, body, name = 'download' } = {}) {
  const res = await send(method, path, { query, body, accept: '*/*' });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = dispositionName(res.headers.get('Content-Disposition')) || name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return a.download;
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  /** A GET made by a timer, not by the user: it does not count as activity. */
  poll: (path, query) => request('GET', path, { query, poll: true }),
  post: (path, body) => request('POST', path, { body }),
  patch: (path, body) => request('PATCH', path, { body }),
  put: (path, body) => request('PUT', path, { body }),
  /** POSTs a File as the raw body (`query` carries e.g. its name). */
  upload: (path, file, query) => request('POST', path, { raw: file, query }),
  /** GET text (e.g. an SVG image) rather than JSON. */
  text: async (path, query) => (await send('GET', path, { query, accept: '*/*' })).text(),
  download,
  del: (path) => request('DELETE', path),
};
