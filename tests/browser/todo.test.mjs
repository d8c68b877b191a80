// 待办 (issue 12) in Debian's chromium against a real server: a finding
// the district issues to a school shows in its secretary's to-do with the
// menu's count; the secretary opens it from the list, starts it, and it
// moves from 整改待签收 to 整改待提交; on a 390-px phone the list fits the
// screen. No console errors anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  loginDistrict, createUser, SHOTS, pageErrors, start, launch, finish, newPage, created, contextOf, overflowOf, findingStep,
} from './harness.mjs';

const SECRETARY = { user: 'shuji_todo', password: 'Shuji-2024-todo', newPassword: 'Shuji-2024-todo1' };
const TITLE = '待办测试：党员活动室制度未上墙';

let server;
let browser;
let district;
let csrf;
let finding;

before(async () => {
  server = await start();
  browser = await launch();
  district = await browser.newContext({ locale: 'zh-CN' });
  csrf = await loginDistrict(district);
  const top = await created(district, csrf, '/orgs', { name: '待办区教育工委', kind: 'district_committee' });
  const school = await created(district, csrf, '/orgs', { name: '待办测试中学党委', kind: 'party_committee', parent_id: top.id });
  await createUser({ username: SECRETARY.user, password: SECRETARY.password, role: 'secretary', scope: [school.id] });
  finding = await created(district, csrf, '/findings', {
    org_id: school.id, title: TITLE, detail: '现场检查发现', severity: 'major', deadline: '2099-12-31', evidence_required: '照片',
  });
});

after(() => finish(browser, server));

test('the secretary finds the issued finding in 待办, with the count in the menu, and it moves when started', async () => {
  const context = await contextOf(browser, SECRETARY);
  const page = await newPage(context);
  // The menu's count is a background poll: it never keeps a session alive (SEC-02).
  const countPolls = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/todo/counts')) countPolls.push(r.headers()['x-hongyan-poll']);
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/todo`);
  await page.getByRole('heading', { name: '待办', exact: true }).waitFor();
  const item = page.locator('.todo-item', { hasText: TITLE });
  await item.waitFor();
  assert.match(await item.innerText(), /签收并开始整改/);
  assert.match(await item.innerText(), /待办测试中学党委/);
  assert.match(await item.innerText(), /期限 2099-12-31/);
  const badge = page.locator('.nav-menu .el-menu-item', { hasText: '待办' }).locator('.el-badge__content');
  await badge.waitFor();
  assert.ok(Number(await badge.innerText()) >= 1);
  await page.locator('.todo-kinds').getByText(/整改待签收/).waitFor();
  assert.ok(countPolls.length >= 1);
  assert.deepEqual(countPolls.filter((h) => h !== '1'), [], 'every count request is marked as a poll');

  // One click opens the finding where the work is done.
  await item.click();
  await page.waitForURL(`**/findings?open=${finding.id}`);
  const drawer = page.locator('.finding-drawer');
  await drawer.getByText('整改过程').waitFor();
  await findingStep(page, drawer, '开始整改', '整改中');

  await page.goto(`${server.url}/todo`);
  const moved = page.locator('.todo-item', { hasText: TITLE });
  await moved.waitFor();
  assert.match(await moved.innerText(), /提交整改材料/);
  await page.close();
  await context.close();
  assert.deepEqual(pageErrors, []);
});

test('待办 fits a 390-px phone', async () => {
  const context = await contextOf(browser, SECRETARY, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  await page.goto(`${server.url}/todo`);
  await page.locator('.todo-item', { hasText: TITLE }).waitFor();
  await page.waitForLoadState('networkidle');
  const overflow = await overflowOf(page);
  assert.ok(overflow <= 0, `待办 is ${overflow}px wider than the screen`);
  const height = await page.locator('.todo-item').first().evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(height >= 44, `a to-do row is ${height}px high, too small to touch`);
  await page.screenshot({ path: path.join(SHOTS, 'todo-phone.png'), fullPage: true });
  await page.close();
  await context.close();
  assert.deepEqual(pageErrors, []);
});
