// The console's one file component (web/files.js, issue 19) in Debian's
// chromium against a real server, on a meeting's 照片与附件 tab: uploads a
// PNG and a Word document at once, lists both (name, size, time), downloads
// one with the same bytes, shows the server's Chinese reason for a refused
// type, an empty file and one over the upload limit (413), deletes one after
// a confirmation, and fits a 390-px phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import {
  loginDistrict, SHOTS, pageErrors, start, launch, finish, newPage, call, created, overflowOf,
} from './harness.mjs';

// A small upload limit (HONGYAN_UPLOAD_MAX, the HTTP body limit) so a 413 is cheap to cause.
const UPLOAD_MAX = 64 * 1024;

/** A zip of `entries` ({name: text}), stored without compression. */
function zipOf(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBuf = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const DOCX = {
  name: '支部党员大会会议记录.docx',
  mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  buffer: zipOf({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${'会议记录：学习党章，讨论支部工作。'.repeat(40)}</w:t></w:r></w:p></w:body></w:document>`,
  }),
};
// A PNG's signature and IHDR chunk: the server types a file by its first bytes.
const PNG = {
  name: '会场照片.png',
  mimeType: 'image/png',
  buffer: Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
    Buffer.from('1f15c4890000000a49444154789c6300010000050001', 'hex'),
  ]),
};
const TEXT = { name: '发言提纲.txt', mimeType: 'text/plain', buffer: Buffer.from('一、学习党章\n二、讨论\n') };
const EMPTY = { name: '空白.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) };
const LARGE = { name: '扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(UPLOAD_MAX + 1024, 0x20)]) };

let server;
let browser;
let admin;
let csrf;
const ids = {};

before(async () => {
  process.env.HONGYAN_UPLOAD_MAX = String(UPLOAD_MAX);
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: '示范第三中学党委', kind: 'party_committee', parent_id: district.id });
  const branch = await created(admin, csrf, '/orgs', { name: '数学学科党支部', kind: 'branch', parent_id: school.id });
  const meeting = await created(admin, csrf, '/meetings', {
    org_id: branch.id, kind: 'branch_assembly', held_at: '2025-07-30T15:00', place: '三楼会议室', topic: '学习党章',
  });
  Object.assign(ids, { branch: branch.id, meeting: meeting.id });
});

after(() => finish(browser, server));

/** The meeting's drawer on `page`, on its 照片与附件 tab; returns the file component. */
async function openFiles(page) {
  await page.goto(`${server.url}/meetings?open=${ids.meeting}`);
  const drawer = page.locator('.meeting-drawer');
  await drawer.getByRole('tab', { name: '照片与附件' }).click();
  const files = drawer.locator('.hy-files');
  await files.locator('.hy-files-list').waitFor();
  return files;
}

test('a meeting\'s files: upload two, list, download, refusals in Chinese, delete with a confirmation', async () => {
  const page = await newPage(admin);
  const files = await openFiles(page);
  await files.getByText('暂无附件').waitFor();

  // Two at once: both listed, with their size and time.
  await files.locator('input[type=file]').setInputFiles([PNG, DOCX]);
  await page.locator('.el-message--success', { hasText: '已上传 2 个文件' }).waitFor();
  const docRow = files.locator('.hy-file', { hasText: DOCX.name });
  const pngRow = files.locator('.hy-file', { hasText: PNG.name });
  await docRow.waitFor();
  await pngRow.waitFor();
  assert.match(await docRow.locator('.hy-file-meta').innerText(), /^\d+\.\d KB · \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} · 我上传的$/);
  assert.match(await pngRow.locator('.hy-file-meta').innerText(), /^\d+ B · /);
  const listed = await call(admin, csrf, 'GET', `/meetings/${ids.meeting}/files`);
  assert.deepEqual(listed.body.items.map((f) => f.name), [PNG.name, DOCX.name]);
  const doc = listed.body.items.find((f) => f.name === DOCX.name);
  assert.equal(await docRow.locator('a.hy-file-name').getAttribute('href'), doc.url);
  assert.equal(doc.url, `/api/v1/files/${doc.id}`);

  // The link downloads the same bytes under the same name.
  const [download] = await Promise.all([page.waitForEvent('download'), docRow.locator('a.hy-file-name').click()]);
  assert.equal(download.suggestedFilename(), DOCX.name);
  assert.deepEqual(await readFile(await download.path()), DOCX.buffer);

  // Refusals: the server's reason for each file, in Chinese; nothing stored.
  await files.locator('input[type=file]').setInputFiles([TEXT, EMPTY, LARGE]);
  const problem = (f) => files.locator('.hy-files-problem', { hasText: f.name });
  await problem(LARGE).waitFor();
  assert.match(await problem(TEXT).innerText(), /只能上传 JPG、PNG、PDF、Word\(\.docx\) 或 Excel\(\.xlsx\) 文件/);
  assert.match(await problem(EMPTY).innerText(), /文件为空/);
  assert.match(await problem(LARGE).innerText(), /文件过大/);
  assert.equal((await call(admin, csrf, 'GET', `/meetings/${ids.meeting}/files`)).body.items.length, 2);

  // Delete: a confirmation first; cancelling keeps the file.
  await pngRow.getByRole('button', { name: `删除 ${PNG.name}` }).click();
  const confirm = page.locator('.el-message-box', { hasText: PNG.name });
  await confirm.getByRole('button', { name: '取消' }).click();
  await confirm.waitFor({ state: 'hidden' });
  assert.equal(await pngRow.count(), 1);
  await pngRow.getByRole('button', { name: `删除 ${PNG.name}` }).click();
  await confirm.getByRole('button', { name: '删除' }).click();
  await page.locator('.el-message--success', { hasText: `已删除：${PNG.name}` }).waitFor();
  await pngRow.waitFor({ state: 'detached' });
  const left = await call(admin, csrf, 'GET', `/meetings/${ids.meeting}/files`);
  assert.deepEqual(left.body.items.map((f) => f.name), [DOCX.name]);
  await page.screenshot({ path: path.join(SHOTS, 'files-meeting-desktop.png') });
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('the file list fits a 390-px phone, a long name included', async () => {
  const long = { ...PNG, name: `${'二〇二五年七月支部党员大会集中学习党章现场照片'.repeat(2)}.png` };
  const r = await admin.request.fetch(`${server.url}/api/v1/meetings/${ids.meeting}/files?name=${encodeURIComponent(long.name)}`, {
    method: 'POST', data: long.buffer, headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'image/png' },
  });
  assert.equal(r.status(), 201, await r.text());
  const page = await newPage(admin);
  await page.setViewportSize({ width: 390, height: 844 });
  const files = await openFiles(page);
  await files.locator('.hy-file', { hasText: long.name.slice(0, 20) }).waitFor();
  const overflow = await overflowOf(page);
  assert.ok(overflow <= 0, `the files tab is ${overflow}px wider than the phone`);
  const box = await files.boundingBox();
  assert.ok(box.x >= 0 && Math.round(box.x + box.width) <= 390, `the file list spans ${box.x}..${box.x + box.width}`);
  await page.screenshot({ path: path.join(SHOTS, 'files-meeting-phone.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
  await page.close();
});

/** Clicks the download link of `name` in `files` and checks the bytes that arrive. */
async function downloads(page, files, file) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    files.locator('.hy-file', { hasText: file.name }).locator('a.hy-file-name').click(),
  ]);
  assert.equal(download.suggestedFilename(), file.name);
  assert.deepEqual(await readFile(await download.path()), file.buffer);
}

test('the same component on an applicant\'s step, a notice and a library document', async () => {
  const page = await newPage(admin);

  // An applicant's step 1 (done when they applied): a file for that step alone.
  const person = await created(admin, csrf, '/applicants', {
    org_id: ids.branch, name: '吴思远', id_card: '500103199204051234', applied_on: '2024-02-01',
  });
  await page.goto(`${server.url}/applicants?open=${person.id}`);
  const step1 = page.locator('.applicant-timeline [data-step="1"] .hy-files');
  await step1.locator('input[type=file]').setInputFiles(PNG);
  await step1.locator('.hy-file', { hasText: PNG.name }).waitFor();
  const mine = await call(admin, csrf, 'GET', `/applicants/${person.id}/files`);
  assert.deepEqual(mine.body.items.map((f) => [f.name, f.part]), [[PNG.name, 1]]);
  await downloads(page, step1, PNG);
  await page.screenshot({ path: path.join(SHOTS, 'files-applicant-desktop.png') });

  // A notice written with a file: published once the file is there; its drawer lists it.
  await page.goto(`${server.url}/notices`);
  await page.getByRole('button', { name: '发布通知' }).click();
  const form = page.getByRole('dialog', { name: '发布通知' });
  await form.locator('input[name="notice_title"]').fill('关于报送会议记录的通知');
  await form.locator('textarea[name="notice_body"]').fill('请各支部按附件格式报送。');
  await form.locator('input[type=file]').setInputFiles(DOCX);
  await form.getByRole('button', { name: '立即发布' }).click();
  await page.locator('.el-message--success', { hasText: '已发布' }).first().waitFor();
  const notices = await call(admin, csrf, 'GET', '/notices?box=sent');
  const notice = notices.body.items.find((n) => n.title === '关于报送会议记录的通知');
  await page.goto(`${server.url}/notices?id=${notice.id}`);
  const noticeFiles = page.locator('.notice-drawer .hy-files');
  await downloads(page, noticeFiles, DOCX);
  assert.equal(await noticeFiles.locator('.hy-files-upload').count(), 0, 'a published notice\'s files are read-only');

  // A library document keeps one file: a second upload replaces the first.
  const item = await created(admin, csrf, '/study/library', {
    org_id: ids.branch, kind: 'document', title: '支部工作条例', topic: '党规党纪',
  });
  await page.goto(`${server.url}/study-library`);
  const row = page.locator('.el-table__row', { hasText: '支部工作条例' });
  await row.getByRole('button', { name: '修改' }).click();
  const edit = page.getByRole('dialog', { name: '修改学习资料' });
  const libFiles = edit.locator('.hy-files');
  await libFiles.locator('input[type=file]').setInputFiles(PNG);
  await libFiles.locator('.hy-file', { hasText: PNG.name }).waitFor();
  await libFiles.locator('input[type=file]').setInputFiles(DOCX);
  await libFiles.locator('.hy-file', { hasText: DOCX.name }).waitFor();
  assert.equal(await libFiles.locator('.hy-file').count(), 1);
  const lib = await call(admin, csrf, 'GET', `/study/library/${item.id}/files`);
  assert.deepEqual(lib.body.items.map((f) => f.name), [DOCX.name]);
  await edit.getByRole('button', { name: '保存' }).click();
  await row.getByRole('button', { name: '下载' }).click();
  const shown = page.getByRole('dialog', { name: '资料文件 · 支部工作条例' }).locator('.hy-files');
  await downloads(page, shown, DOCX);
  assert.deepEqual(pageErrors, []);
  await page.close();
});
