// Exchange and study (issue 6) in Debian's chromium against a real server:
// the new pages open without script errors at desktop and phone size, and a
// member on a phone (390x844) records a reading session and sees their
// points and their rank in the branch change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ADMIN_PASSWORD, DISTRICT_USER, loginDistrict, createUser, SHOTS, SIZES, pageErrors, start, launch, finish, newPage, login, call, created, signIn, overflowOf,
} from './harness.mjs';

/** The member who records on a phone, and a colleague who studied first. */
const READER = { name: '陈红岩', idCard: '110105198001010024', user: 'chenhy', password: 'Initial-2024-pw', newPassword: 'Dushu-2024-ok1' };
const COLLEAGUE = { name: '刘思源', idCard: '110105197505050033', user: 'liusy', password: 'Initial-2024-pw', newPassword: 'Xuexi-2024-ok1' };

const PAGES = [
  { path: '/study', title: '学习记录', shows: '党员学习记录' },
  { path: '/study-library', title: '学习资料', shows: '资料库' },
  { path: '/points', title: '积分排行', shows: '名次' },
  { path: '/exchange', title: '经验交流', shows: '只看优秀案例' },
];

let server;
let browser;
let admin;

/** China time `days` days ago at hh:mm, as "YYYY-MM-DDTHH:MM". */
function chinaDaysAgo(days, hhmm) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 - days * 86400 * 1000);
  return `${d.toISOString().slice(0, 10)}T${hhmm}`;
}

before(async () => {
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN' });
  const csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: '示范第一中学党委', kind: 'party_committee', parent_id: district.id });
  const branch = await created(admin, csrf, '/orgs', { name: '语文学科党支部', kind: 'branch', parent_id: school.id });
  for (const [who, gender, born] of [[READER, 'female', '1980-01-01'], [COLLEAGUE, 'male', '1975-05-05']]) {
    const m = await created(admin, csrf, '/members', {
      name: who.name, id_card: who.idCard, gender, birth_date: born,
      category: 'in_service', status: 'full', joined_on: '2005-07-01', full_on: '2006-07-01', org_id: branch.id,
    });
    await createUser({ username: who.user, password: who.password, role: 'member', member_id: m.id });
  }
  await created(admin, csrf, '/study/library', {
    org_id: district.id, kind: 'video', title: '红岩精神专题党课', topic: '红岩精神', url: 'https://example.cn/hongyan',
  });
  // The colleague studied first: 60 minutes of reading, 3 points, first in the branch.
  const colleague = await browser.newContext({ locale: 'zh-CN' });
  const c = await login(colleague, COLLEAGUE.user, COLLEAGUE.password, COLLEAGUE.newPassword);
  const rec = await created(colleague, c, '/study/records', {
    kind: 'reading', title: '读《红岩》第一章', started_at: chinaDaysAgo(2, '09:00'), minutes: 60,
  });
  assert.equal(rec.points, 3);
  await colleague.close();
});

after(() => finish(browser, server));

for (const size of SIZES) {
  test(`every study page opens without errors (${size.name} ${size.width}x${size.height})`, async () => {
    const page = await newPage(admin);
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const p of PAGES) {
      await page.goto(server.url + p.path);
      await page.getByRole('heading', { name: p.title, exact: true }).waitFor();
      await page.getByText(p.shows, { exact: true }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(SHOTS, `study${p.path.replace('/', '-')}-${size.name}.png`) });
    }
    await page.close();
    assert.deepEqual(pageErrors, []);
  });
}

test('a member on a phone records a reading session and sees their points and rank change', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  await page.goto(`${server.url}/study`);
  await signIn(page, READER.user, READER.password, READER.newPassword);

  // The study page is in a member's menu.
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.locator('.nav-drawer .nav-menu').getByText('学习记录', { exact: true }).click();
  await page.waitForURL('**/study');

  // Before: no points, second in the branch behind the colleague.
  const total = page.locator('.my-points-total');
  const rank = page.locator('.my-branch-rank');
  await total.getByText('0', { exact: true }).waitFor();
  await rank.getByText('2', { exact: true }).waitFor();

  // Record last evening's reading session (读书会, 90 minutes: 3 + 1 points).
  const form = page.locator('.record-form');
  await form.locator('.el-select').first().click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '读书会' }).click();
  await form.getByPlaceholder('如：读《红岩》第三章').fill('书香红岩读书会：《红岩》');
  await form.locator('input[type="datetime-local"]').fill(chinaDaysAgo(1, '19:00'));
  await form.locator('.el-input-number input').fill('90');
  await form.locator('.el-input-number input').press('Tab');
  await page.getByRole('button', { name: '提交记录' }).click();
  await page.getByText('已记录，获得 4 积分').waitFor();

  // After: 4 points, first in the branch; the record is listed.
  await total.getByText('4', { exact: true }).waitFor();
  await rank.getByText('1', { exact: true }).waitFor();
  await page.locator('.study-records').getByText('书香红岩读书会：《红岩》').waitFor();

  // The same session again is refused beside its field, in Chinese.
  await form.locator('.el-select').first().click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '读书会' }).click();
  await form.getByPlaceholder('如：读《红岩》第三章').fill('书香红岩读书会：《红岩》');
  await form.locator('input[type="datetime-local"]').fill(chinaDaysAgo(1, '19:30'));
  await page.getByRole('button', { name: '提交记录' }).click();
  await form.getByText('与已有学习记录的时间重叠').waitFor();
  await total.getByText('4', { exact: true }).waitFor();

  await page.waitForLoadState('networkidle');
  const overflow = await overflowOf(page);
  assert.ok(overflow <= 0, `/study is ${overflow}px wider than the screen`);
  await page.screenshot({ path: path.join(SHOTS, 'study-member-phone.png'), fullPage: true });
  await context.close();
  assert.deepEqual(pageErrors, []);
});

test('an administrator writes a case, submits and publishes it, marks it excellent and comments', async () => {
  const page = await newPage(admin);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/exchange`);
  await page.getByRole('button', { name: '撰写案例' }).click();
  const dialog = page.locator('.el-dialog').filter({ hasText: '撰写经验案例' });
  await dialog.locator('.org-select .el-select__wrapper').click();
  await page.keyboard.type('示范第一中学');
  await page.locator('.el-tree-select__popper .el-tree-node__content:visible', { hasText: '示范第一中学党委' }).first().click();
  await dialog.locator('.el-form-item').filter({ hasText: '标题' }).locator('input').fill('“书香红岩”读书会的做法');
  await dialog.locator('textarea').fill('每月共读一本书，党员轮流领读，读后交流心得。');
  await dialog.getByRole('button', { name: '保存草稿' }).click();
  await page.locator('.exchange-table').getByText('“书香红岩”读书会的做法').click();
  const drawer = page.locator('.el-drawer');
  await drawer.getByText('草稿', { exact: true }).waitFor();
  await drawer.getByRole('button', { name: '提交审核' }).click();
  await drawer.getByRole('button', { name: '审核发布' }).click();
  await drawer.getByText('已发布', { exact: true }).waitFor();
  await drawer.getByRole('button', { name: '评为优秀案例' }).click();
  await drawer.getByText('优秀案例', { exact: true }).waitFor();
  await drawer.getByPlaceholder('写下您的评论').fill('值得各校借鉴');
  await drawer.getByRole('button', { name: '发表评论' }).click();
  await drawer.getByText('值得各校借鉴', { exact: true }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'study-exchange-desktop-flow.png') });
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test('积分排行 ranks schools and branches by points per member with a bar chart', async () => {
  for (const size of SIZES) {
    const page = await newPage(admin);
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(`${server.url}/points`);
    await page.getByRole('heading', { name: '积分排行', exact: true }).waitFor();
    // The reader's 4 points and the colleague's 3 over two members: 3.5 each.
    await page.locator('.el-radio-button', { hasText: '学校' }).click();
    const schools = page.locator('.org-board .el-table__row', { hasText: '示范第一中学党委' });
    await schools.getByText('3.5', { exact: true }).waitFor();
    await page.locator('.org-board-chart canvas').first().waitFor();
    await page.locator('.el-radio-button', { hasText: '支部' }).click();
    const branches = page.locator('.org-board .el-table__row', { hasText: '语文学科党支部' });
    await branches.getByText('3.5', { exact: true }).waitFor();
    await page.locator('.el-radio-button', { hasText: '按总分' }).click();
    await branches.getByText('7', { exact: true }).first().waitFor();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `/points is ${overflow}px wider than the screen`);
    await page.screenshot({ path: path.join(SHOTS, `study-org-board-${size.name}.png`), fullPage: true });
    await page.close();
  }
  assert.deepEqual(pageErrors, []);
});

test('a member on a phone reads a published case and comments, and reads the library', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  await page.goto(`${server.url}/exchange`);
  await page.getByLabel('用户名').fill(READER.user);
  await page.getByLabel('密码').fill(READER.newPassword);
  await page.getByRole('button', { name: '登 录' }).click();

  // 经验交流 is in a member's menu.
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.locator('.nav-drawer .nav-menu').getByText('经验交流', { exact: true }).click();
  await page.waitForURL('**/exchange');
  await page.locator('.exchange-table').getByText('“书香红岩”读书会的做法').click();
  const drawer = page.locator('.el-drawer');
  await drawer.getByText('已发布', { exact: true }).waitFor();
  await drawer.getByPlaceholder('写下您的评论').fill('我们支部也来试试');
  await drawer.getByRole('button', { name: '发表评论' }).click();
  await drawer.getByText('我们支部也来试试', { exact: true }).waitFor();
  assert.equal(await drawer.getByRole('button', { name: '审核发布' }).count(), 0);
  await page.screenshot({ path: path.join(SHOTS, 'study-exchange-member-phone.png'), fullPage: true });
  await drawer.locator('.el-drawer__close-btn').click();

  // The study library, on the phone.
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.locator('.nav-drawer .nav-menu').getByText('学习资料', { exact: true }).click();
  await page.waitForURL('**/study-library');
  await page.getByText('红岩精神专题党课').first().waitFor();
  assert.equal(await page.getByRole('button', { name: '发布资料' }).count(), 0);
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `/study-library is ${overflow}px wider than the screen`);
  await context.close();
  assert.deepEqual(pageErrors, []);
});

test('an administrator edits a library item and deletes a study plan', async () => {
  const page = await newPage(admin);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/study-library`);
  const row = page.locator('.el-table__row', { hasText: '红岩精神专题党课' });
  await row.getByRole('button', { name: '修改' }).click();
  const dlg = page.getByRole('dialog', { name: '修改学习资料' });
  await dlg.locator('.el-form-item').filter({ hasText: '标题' }).locator('input').fill('红岩精神专题党课（修订）');
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await page.getByText('红岩精神专题党课（修订）').first().waitFor();

  const csrf = await login(admin, DISTRICT_USER, ADMIN_PASSWORD, ADMIN_PASSWORD);
  const orgs = await call(admin, csrf, 'GET', '/orgs?per_page=100');
  const district = orgs.body.items.find((o) => o.name === '示范区教育工委');
  await created(admin, csrf, '/study/plans', { org_id: district.id, year: Number(chinaDaysAgo(0, '00:00').slice(0, 4)), title: '临时学习计划' });
  await page.reload();
  await page.getByRole('tab', { name: '学习计划' }).click();
  const card = page.locator('.plan-card', { hasText: '临时学习计划' });
  await card.getByRole('button', { name: '删除计划' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
  await card.waitFor({ state: 'detached' });
  await page.close();
  assert.deepEqual(pageErrors, []);
});
