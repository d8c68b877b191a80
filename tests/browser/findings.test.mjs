// Supervision consoles (issue 4) in Debian's chromium against a real
// server: 评分细则 shows the clean-school sheet's tree, scores it in the
// calculator, imports an exported .xlsx as a new draft, edits and
// publishes it; 问题整改 carries one finding around the
// whole loop — an inspector issues it to a school, the school's secretary
// starts and submits evidence, the inspector returns it once with a reason,
// the secretary submits again, the inspector verifies — and the board
// shows it closed with the closure rate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ADMIN_PASSWORD, loginDistrict, createUser, SHOTS, SIZES, pageErrors, start, launch, finish, newPage, login, created, contextOf, overflowOf, openFinding, findingStep,
} from './harness.mjs';

const INSPECTOR = { user: 'ducha1', password: 'Ducha-2024-init', newPassword: 'Ducha-2024-new1' };
const SECRETARY = { user: 'shuji9', password: 'Shuji-2024-init', newPassword: 'Shuji-2024-new9' };
const SCHOOL = '示范第二中学党委';
const TITLE = '支委会未按月召开';

let server;
let browser;
let admin;
const ids = {};

before(async () => {
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: SCHOOL, kind: 'party_committee', parent_id: district.id });
  await created(admin, csrf, '/orgs', { name: '英语学科党支部', kind: 'branch', parent_id: school.id });
  // The inspector is assigned this school; its secretary rectifies.
  await createUser({
    username: INSPECTOR.user, password: INSPECTOR.password, role: 'inspector', scope: [school.id],
  });
  await createUser({
    username: SECRETARY.user, password: SECRETARY.password, role: 'secretary', scope: [school.id],
  });
  Object.assign(ids, { district: district.id, school: school.id });
});

after(() => finish(browser, server));

for (const size of SIZES) {
  test(`评分细则 and 问题整改 open without errors (${size.name})`, async () => {
    const page = await newPage(admin);
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const p of [{ path: '/indicator-systems', title: '评分细则', shows: '评分细则版本' },
      { path: '/findings', title: '问题整改', shows: '整改清单' }]) {
      await page.goto(server.url + p.path);
      await page.getByRole('heading', { name: p.title, exact: true }).waitFor();
      await page.getByText(p.shows, { exact: true }).first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('.el-skeleton').count(), 0, `${p.path} still loading`);
      const overflow = await overflowOf(page);
      assert.ok(overflow <= 0, `${p.path} is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(SHOTS, `findui${p.path.replace('/', '-')}-${size.name}.png`), fullPage: true });
    }
    await page.close();
    assert.deepEqual(pageErrors, []);
  });
}

test("评分细则 shows the clean-school sheet's tree, scores it, and an exported sheet imports as a draft that is edited and published", async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/indicator-systems`);
  // The clean-school sheet is shown first: its six dimensions, bonus and veto items.
  const tree = page.locator('.indicator-tree');
  await tree.getByText('强政治引领').waitFor();
  await tree.getByText('强作风建设').waitFor();
  await tree.getByText('加分项', { exact: true }).first().waitFor();
  await tree.getByText('一票否决', { exact: true }).first().waitFor();
  assert.match(await page.locator('.sheet-summary').innerText(), /一级指标 8 项.*三级 58 项；基本分 100 分，加分项最多 5 分/);
  // The instructor's visit sheet ships too.
  await page.locator('.systems-table').getByText('党建指导员督查评分细则').waitFor();

  // The calculator: full points everywhere give 100 + the 5 bonus points; a veto zeroes it.
  await page.getByRole('button', { name: '评分测算' }).click();
  const calc = page.getByRole('dialog', { name: /^评分测算 · / });
  await calc.getByRole('button', { name: '计算', exact: true }).click();
  await calc.locator('.score-result').getByText('105.0', { exact: true }).waitFor();
  await calc.locator('.score-result').getByText('优秀', { exact: true }).waitFor();
  await calc.locator('.veto-check').first().click();
  await calc.getByRole('button', { name: '计算', exact: true }).click();
  await calc.locator('.score-result').getByText('否决', { exact: true }).waitFor();
  await calc.getByRole('button', { name: '关闭', exact: true }).click();
  await calc.waitFor({ state: 'hidden' });

  // Export .xlsx, then import that file under a new code.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  const dir = await mkdtemp(path.join(tmpdir(), 'hongyan-findui-'));
  const file = path.join(dir, 'clean-school.xlsx');
  await download.saveAs(file);

  await page.getByRole('button', { name: '导入 Excel' }).click();
  const dlg = page.getByRole('dialog', { name: '从 Excel 导入评分细则' });
  await dlg.waitFor();
  // A new code needs its kind: refused beside the field before anything is sent.
  await dlg.locator('input[name="import_code"]').fill('clean-2027');
  await dlg.locator('.import-upload input[type="file"]').setInputFiles(file);
  await dlg.getByRole('button', { name: '导入', exact: true }).click();
  await dlg.getByText('新编号请选择类别').waitFor();
  await dlg.locator('.el-select').first().click();
  await page.locator('.el-select-dropdown:visible').getByText('清廉学校建设督查', { exact: true }).click();
  await dlg.locator('.el-input-number input').fill('2027');
  await dlg.locator('.el-input-number input').press('Tab');	// the number is taken on change
  await dlg.getByRole('button', { name: '导入', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' }).catch(async (err) => {
    throw new Error(`${err.message}\nthe dialog says: ${await dlg.innerText()}`);
  });
  await page.getByText(/已导入为「清廉学校建设评价指标」第 1 版草稿/).waitFor();

  // The new draft is selected and shows the same tree; it may be edited and published.
  const row = page.locator('.systems-table tr', { hasText: 'clean-2027' });
  await row.getByText('草稿').waitFor();
  await tree.getByText('强政治引领').waitFor();
  assert.match(await page.locator('.sheet-summary').innerText(), /三级 58 项；基本分 100 分/);
  await page.screenshot({ path: path.join(SHOTS, 'findui-indicator-import-desktop.png'), fullPage: true });

  // Edit the draft: a parent's points below its children's sum is refused and named; a new name saves.
  await page.getByRole('button', { name: '编辑指标' }).click();
  const editor = page.getByRole('dialog', { name: /^编辑指标 · / });
  const first = editor.locator('.tree-editor .el-table__body tr').first();
  await first.locator('.el-input-number input').first().fill('5');
  await editor.getByRole('button', { name: '保存指标' }).click();
  await editor.getByText(/第 1 行（1）：下级指标分值合计/).waitFor();
  await first.locator('.el-input-number input').first().fill('20');
  await first.locator('input[maxlength="200"]').fill('强政治引领（2027年修订）');
  await editor.getByRole('button', { name: '保存指标' }).click();
  await editor.waitFor({ state: 'hidden' });
  await tree.getByText('强政治引领（2027年修订）').waitFor();

  // Publish: the version is frozen, so editing is no longer offered.
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '发布', exact: true }).click();
  await row.getByText('已发布').waitFor();
  assert.equal(await page.getByRole('button', { name: '编辑指标' }).count(), 0);
  await rm(dir, { recursive: true, force: true });
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test('an inspector issues a finding, the secretary rectifies, it is returned once, then verified; the board shows it closed', async () => {
  const inspector = await contextOf(browser, INSPECTOR, { acceptDownloads: true });
  const ip = await newPage(inspector);
  await ip.goto(`${server.url}/findings`);
  await ip.getByRole('button', { name: '下发整改问题' }).click();
  const form = ip.getByRole('dialog', { name: '下发整改问题' });
  await form.waitFor();
  await form.locator('.org-select').click();
  await ip.locator('.el-select-dropdown:visible, .el-tree-select__popper:visible').getByText(SCHOOL, { exact: true }).first().click();
  await form.locator('input[name="title"]').fill(TITLE);
  await form.locator('textarea[name="detail"]').fill('9月、10月未召开支部委员会会议。');
  await form.locator('input[name="evidence_required"]').fill('补开会议的会议记录');
  await form.getByRole('button', { name: '下发', exact: true }).click();
  await form.waitFor({ state: 'hidden' });
  let drawer = ip.locator('.finding-drawer');
  await drawer.locator('.finding-tags').getByText('已下发', { exact: true }).waitFor();
  // The supervising side does not rectify for the school.
  assert.equal(await drawer.getByRole('button', { name: '开始整改' }).count(), 0);

  // The secretary starts and submits evidence.
  const secretary = await contextOf(browser, SECRETARY, { acceptDownloads: true });
  const sp = await newPage(secretary);
  let sd = await openFinding(sp, TITLE);
  assert.equal(await sd.getByRole('button', { name: '核验销号' }).count(), 0);
  await findingStep(sp, sd, '开始整改', '整改中');
  await findingStep(sp, sd, '提交整改', '待核验', async (dlg) => {
    await dlg.locator('textarea[name="evidence"]').fill('已于11月补开支委会，会议记录已归档。');
    await dlg.locator('input[name="link"]').fill('https://example.org/minutes/11');
  });

  // The inspector returns it once with a reason.
  drawer = await openFinding(ip, TITLE);
  await findingStep(ip, drawer, '退回', '已退回', async (dlg) => {
    await dlg.locator('textarea[name="reason"]').fill('缺少10月的会议记录');
  });

  // The secretary sees the reason and submits again.
  sd = await openFinding(sp, TITLE);
  await sd.getByText('退回原因：缺少10月的会议记录').waitFor();
  await findingStep(sp, sd, '提交整改', '待核验', async (dlg) => {
    await dlg.locator('textarea[name="evidence"]').fill('已补充10月支委会会议记录。');
  });

  // The inspector verifies: closed, and the timeline holds every step.
  drawer = await openFinding(ip, TITLE);
  await findingStep(ip, drawer, '核验销号', '已销号', async (dlg) => {
    await dlg.locator('input[name="note"]').fill('材料齐全，整改到位');
  });
  const timeline = await drawer.locator('.finding-timeline').innerText();
  for (const s of ['下发整改问题', '开始整改', '提交整改材料', '退回重新整改', '核验通过，销号', '缺少10月的会议记录', INSPECTOR.user, SECRETARY.user]) {
    assert.ok(timeline.includes(s), `timeline lacks ${s}:\n${timeline}`);
  }
  assert.equal((timeline.match(/提交整改材料/g) ?? []).length, 2);
  await ip.screenshot({ path: path.join(SHOTS, 'findui-finding-timeline-desktop.png'), fullPage: true });
  await drawer.locator('.el-drawer__close-btn').click();

  // The board: one finding, closed; closure rate 100%.
  await ip.goto(`${server.url}/findings?tab=board`);
  const summary = ip.locator('.findings-summary');
  await summary.locator('.closure-rate').getByText('100.0%', { exact: true }).waitFor();
  await summary.locator('.closed-count').getByText('1', { exact: true }).waitFor();
  await ip.locator('.findings-board-table').getByText(SCHOOL).waitFor();
  await ip.screenshot({ path: path.join(SHOTS, 'findui-findings-board-desktop.png'), fullPage: true });
  await inspector.close();
  await secretary.close();
  assert.deepEqual(pageErrors, []);
});

test('an alert of the alert centre becomes a finding in one action', async () => {
  const inspector = await contextOf(browser, INSPECTOR, { acceptDownloads: true });
  const page = await newPage(inspector);
  await page.goto(`${server.url}/alerts`);
  const item = page.locator('.alert-item').first();
  await item.waitFor();
  const message = await item.locator('.alert-message').innerText();
  await item.getByRole('button', { name: '转为整改问题' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '转为整改问题' }).click();
  await page.waitForURL(/\/findings\?open=\d+/);
  const drawer = page.locator('.finding-drawer');
  await drawer.locator('.finding-tags').getByText('已下发', { exact: true }).waitFor();
  await drawer.getByText('预警转办', { exact: true }).waitFor();
  assert.ok((await drawer.innerText()).includes(message.slice(0, 10)), `drawer lacks the alert's message: ${message}`);
  // The same alert again, while its finding is open: refused, said in Chinese.
  await page.goto(`${server.url}/alerts`);
  await page.locator('.alert-item', { hasText: message }).first().getByRole('button', { name: '转为整改问题' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '转为整改问题' }).click();
  await page.locator('.el-message--error').waitFor();
  assert.match(await page.locator('.el-message--error').innerText(), /[\u4e00-\u9fa5]/);
  await inspector.close();
  assert.deepEqual(pageErrors, []);
});
