// 述职评议 (EVAL-01…04) in Debian's chromium against a real server: the
// district creates a round and names a secretary under review and an
// evaluator, the evaluator scores the secretary on the sheet with a grade,
// the district closes and publishes the round, and the secretary then sees
// their own result. The page also fits a phone-sized screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ADMIN_PASSWORD, loginDistrict, createUser, SHOTS, pageErrors, start, launch, finish, newPage, login, created, overflowOf,
} from './harness.mjs';

const USERS = {
  district: { user: 'quwei1', role: 'district' },
  secA: { user: 'shuji_a', role: 'secretary' },
  secB: { user: 'shuji_b', role: 'secretary' },
};
const INITIAL = 'Initial-2024-pw';
const CHANGED = 'Changed-2024-pw1';
const TIMEOUT = 20000;  // the test machine is shared and often loaded

let server;
let browser;
const contexts = {};

before(async () => {
  server = await start();
  browser = await launch();
  const admin = await browser.newContext({ locale: 'zh-CN' });
  const csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const a = await created(admin, csrf, '/orgs', { name: '示范第一中学党委', kind: 'party_committee', parent_id: district.id });
  const b = await created(admin, csrf, '/orgs', { name: '示范第二小学党委', kind: 'party_committee', parent_id: district.id });
  const scopes = { district: null, secA: a.id, secB: b.id };
  for (const [key, u] of Object.entries(USERS)) {
    const body = { username: u.user, password: INITIAL, role: u.role };
    if (scopes[key]) body.scope = [scopes[key]];
    await createUser(body);
    contexts[key] = await browser.newContext({ locale: 'zh-CN' });
    await login(contexts[key], u.user, INITIAL, CHANGED);
  }
  await admin.close();
});

after(() => finish(browser, server));

/** Picks the option containing `text` in the open select dropdown. */
async function pick(page, select, text) {
  await select.click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
}

test('the district creates a round and names the secretary under review and an evaluator', async () => {
  const page = await newPage(contexts.district, TIMEOUT);
  await page.goto(`${server.url}/reviews`);
  await page.getByRole('heading', { name: '述职评议', exact: true }).waitFor();
  await page.getByRole('button', { name: '新建评议' }).click();
  const create = page.getByRole('dialog', { name: '新建述职评议' });
  await create.getByRole('button', { name: '创建' }).click();
  await create.waitFor({ state: 'hidden' });
  await page.locator('.review-title').getByText('评议中').waitFor();

  await page.getByRole('tab', { name: '参评人员' }).click();
  await page.getByRole('button', { name: '添加被评议书记' }).click();
  let dlg = page.getByRole('dialog', { name: '添加被评议书记' });
  await pick(page, dlg.locator('.review-users'), 'shuji_a');
  await dlg.locator('.el-dialog__title').click();
  await dlg.getByRole('button', { name: '添加' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await page.locator('.el-table').first().getByText('示范第一中学党委').waitFor();

  await page.getByRole('button', { name: '添加评议人' }).click();
  dlg = page.getByRole('dialog', { name: '添加评议人' });
  await dlg.getByText('其他书记', { exact: true }).click();
  await pick(page, dlg.locator('.review-users'), 'shuji_b');
  await dlg.locator('.el-dialog__title').click();
  await dlg.getByRole('button', { name: '添加' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await page.getByText('评议人（1）').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'reviews-district-desktop.png'), fullPage: true });

  // The same page on a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForLoadState('networkidle');
  // Wait for the re-layout at the new width before measuring.
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth).catch(() => {});
  const overflow = await overflowOf(page);
  assert.ok(overflow <= 0, `/reviews is ${overflow}px wider than the screen`);
  await page.screenshot({ path: path.join(SHOTS, 'reviews-district-phone.png'), fullPage: true });
  await page.close();
});

test('the evaluator scores the secretary on the sheet with a grade', async () => {
  const page = await newPage(contexts.secB, TIMEOUT);
  await page.goto(`${server.url}/reviews`);
  await page.getByRole('tab', { name: '评分' }).waitFor();
  await page.getByText('您在“其他书记”评议组').waitFor();
  const row = page.locator('.el-table__row', { hasText: 'shuji_a' });
  await row.getByRole('button', { name: '评分' }).click();
  const dlg = page.getByRole('dialog', { name: /评分 · shuji_a/ });
  await dlg.waitFor();
  // A grade without scores is refused, naming what is missing.
  await dlg.getByText('好', { exact: true }).click();
  await dlg.getByRole('button', { name: '提交评分' }).click();
  await dlg.locator('.el-alert').getByText(/缺少指标/).waitFor();
  const inputs = dlg.locator('.review-part .el-input-number input');
  const n = await inputs.count();
  assert.ok(n >= 10, `the sheet shows ${n} scores`);
  // Too many points are capped at each item's maximum: full marks, 100 points.
  for (let i = 0; i < n; i++) {
    await inputs.nth(i).fill('99');
    await inputs.nth(i).blur();
  }
  await dlg.getByText('合计 100.0 分').waitFor();
  await dlg.getByRole('button', { name: '提交评分' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await row.getByText('好', { exact: true }).waitFor();
  await row.getByText('100.0 分').waitFor();
  await page.close();
});

test('the district closes and publishes; the secretary sees their own result', async () => {
  // Before publication the secretary sees no result.
  let page = await newPage(contexts.secA, TIMEOUT);
  await page.goto(`${server.url}/reviews`);
  await page.getByRole('tab', { name: '我的述职' }).click();
  await page.getByText('评议结果公布后在此查看。').waitFor();
  await page.getByPlaceholder(/围绕抓党建工作职责落实/).fill('一年来，我认真履行抓党建第一责任人职责。');
  await page.getByRole('button', { name: '提交述职报告' }).click();
  await page.getByText('述职报告已提交').waitFor();
  await page.locator('.review-files input[type=file]').setInputFiles({
    name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 述职报告'),
  });
  await page.getByText('已上传：report.pdf').waitFor();
  await page.locator('.review-files .hy-file', { hasText: 'report.pdf' }).waitFor();
  await page.close();

  page = await newPage(contexts.district, TIMEOUT);
  await page.goto(`${server.url}/reviews`);
  await page.getByRole('button', { name: '结束评议' }).click();
  await page.getByRole('dialog', { name: '请确认' }).getByRole('button', { name: '确定' }).click();
  await page.locator('.review-title').getByText('已结束').waitFor();
  await page.getByRole('tab', { name: '评议结果' }).click();
  const result = page.locator('.el-table__row', { hasText: 'shuji_a' });
  await result.getByText('好', { exact: true }).waitFor();
  await result.getByText('100.0', { exact: true }).waitFor();
  await page.getByRole('button', { name: '公布结果' }).click();
  await page.getByRole('dialog', { name: '请确认' }).getByRole('button', { name: '确定' }).click();
  await page.locator('.review-title').getByText('已公布').waitFor();
  await page.close();

  page = await newPage(contexts.secA, TIMEOUT);
  await page.goto(`${server.url}/reviews`);
  await page.getByRole('tab', { name: '我的述职' }).click();
  const own = page.locator('.el-table__row', { hasText: 'shuji_a' });
  await own.getByText('好', { exact: true }).waitFor();
  assert.equal(await page.locator('.el-table__row').count(), 1);
  await page.close();
});

test('no script errors in the pages', () => {
  assert.deepEqual(pageErrors, []);
});
