// 首页 (issue 12) in Debian's chromium against a real server: district staff
// land on the cockpit after signing in through the form, a school's
// secretary and principal on their school's figures under their to-do list
// (the secretary's holds the finding issued to the school), each card with its chart and link and no console
// error, desktop and phone; 数据大屏 renders dark, full screen, without
// the menu, and leaves back to 首页.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ADMIN_PASSWORD, DISTRICT_USER, loginDistrict, createUser, SHOTS, SIZES, pageErrors, start, launch, finish,
  newPage, created, contextOf, overflowOf, signIn,
} from './harness.mjs';

const SECRETARY = { user: 'home_shuji', password: 'Shuji-2024-init', newPassword: 'Shuji-2024-home1' };
const PRINCIPAL = { user: 'home_xiaozhang', password: 'Xiaozhang-2024-init', newPassword: 'Xiaozhang-2024-h1' };
const SCHOOL = '首页测试中学党委';
const FIGURES = ['members', 'orgs', 'compliance', 'dues', 'findings', 'pipeline', 'assessment', 'study'];

let server;
let browser;
let admin;

before(async () => {
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN' });
  const csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '首页测试区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: SCHOOL, kind: 'party_committee', parent_id: district.id });
  await created(admin, csrf, '/orgs', { name: '语文学科党支部', kind: 'branch', parent_id: school.id });
  await created(admin, csrf, '/findings', {
    org_id: school.id, title: '首页测试整改', severity: 'minor', deadline: '2099-12-31',
  });
  await createUser({ username: SECRETARY.user, password: SECRETARY.password, role: 'secretary', scope: [school.id] });
  await createUser({ username: PRINCIPAL.user, password: PRINCIPAL.password, role: 'principal', scope: [school.id] });
});

after(() => finish(browser, server));

/** Waits for every figure card of 首页 with its chart drawn. */
async function cardsShown(page) {
  await page.getByRole('heading', { name: /^首页/ }).waitFor();
  for (const f of FIGURES) await page.locator(`.home-card[data-figure="${f}"] canvas`).first().waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('.el-skeleton').count(), 0, '首页 still loading');
}

test('district staff land on the cockpit after signing in, with every figure', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await newPage(context);
  await page.goto(`${server.url}/members`);	// a page left open before: the login still opens 首页
  await signIn(page, DISTRICT_USER, ADMIN_PASSWORD);
  await page.waitForURL(/\/home$/);
  await cardsShown(page);
  // the one open finding, and each card's link to the page it is worked on
  await page.locator('.home-card[data-figure="findings"] .home-value').getByText('1').waitFor();
  assert.equal(await page.locator('.home-todo').count(), 0);
  await page.locator('.home-card[data-figure="findings"]').getByText('问题整改 ›').click();
  await page.waitForURL(/\/findings$/);
  // one school picked: its figures, and the address remembers it
  await page.goto(`${server.url}/home`);
  await cardsShown(page);
  await page.locator('.home-tools .el-select__wrapper').click();
  await page.locator('.el-tree-select__popper .el-tree-node__content:visible', { hasText: SCHOOL }).first().click();
  await page.waitForURL(/\/home\?org_id=\d+$/);
  await page.locator('.home-org', { hasText: SCHOOL }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'home-district.png'), fullPage: true });
  await context.close();
  assert.deepEqual(pageErrors, []);
});

for (const who of [SECRETARY, PRINCIPAL]) {
  for (const size of SIZES) {
    test(`${who.user}'s home shows their school's figures (${size.name})`, async () => {
      const context = await contextOf(browser, who);
      const page = await newPage(context);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${server.url}/`);
      await page.waitForURL(/\/home$/);
      await cardsShown(page);
      await page.locator('.home-org', { hasText: SCHOOL }).waitFor();
      assert.equal(await page.locator('.home-tools .org-select').count(), 0, 'no organization picker');
      // Their to-do on top: the secretary starts the school's finding; the
      // principal has nothing to act on.
      const todo = page.locator('.home-todo');
      await todo.waitFor();
      if (who === SECRETARY) await todo.locator('.home-todo-what', { hasText: '签收并开始整改' }).first().waitFor();
      else await todo.getByText('暂无待办事项').waitFor();
      const overflow = await overflowOf(page);
      assert.ok(overflow <= 0, `首页 is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(SHOTS, `home-${who.user}-${size.name}.png`), fullPage: true });
      await context.close();
      assert.deepEqual(pageErrors, []);
    });
  }
}

test('数据大屏 is dark and full screen, without the menu, and leaves to 首页', async () => {
  const page = await newPage(admin);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${server.url}/home`);
  await cardsShown(page);
  await page.getByRole('button', { name: '数据大屏' }).click();
  await page.waitForURL(/\/screen$/);
  await page.locator('.screen-brand').waitFor();
  for (const f of FIGURES) await page.locator(`.screen-card[data-figure="${f}"] canvas`).first().waitFor();
  assert.equal(await page.locator('.layout-aside, .nav-menu, .layout-header').count(), 0, 'no menu on the screen');
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.screen')).backgroundColor);
  assert.equal(bg, 'rgb(11, 21, 38)');
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.screen-value')).fontSize));
  assert.ok(size >= 48, `large type: ${size}px`);
  await page.screenshot({ path: path.join(SHOTS, 'home-screen.png') });
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL(/\/home$/);
  await cardsShown(page);
  assert.equal(await page.evaluate(() => document.body.classList.contains('screen-mode')), false);
  await page.close();
  assert.deepEqual(pageErrors, []);
});
