// 挂牌督导 (issue 13 item 4, PRIN-10) in Debian's chromium against a real
// server: a 责任督学 on a phone records a visit to their assigned school on
// the routine checklist, raises a finding from an item in one action and
// submits the visit; the server holds it submitted with its check and its
// finding. No console error, nothing wider than the phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  loginDistrict, createUser, SHOTS, pageErrors, start, launch, finish,
  newPage, created, call, login, signIn, overflowOf,
} from './harness.mjs';

const OFFICE = { user: 'dudao_v', password: 'Dudao-2024-init', newPassword: 'Dudao-2024-new1' };
const DUXUE = { user: 'duxue_pv', password: 'Duxue-2024-init', newPassword: 'Duxue-2024-new1' };
const SCHOOL = '挂牌督导测试中学';

let server;
let browser;

before(async () => {
  server = await start();
  browser = await launch();
  const district = await browser.newContext({ locale: 'zh-CN' });
  const dcsrf = await loginDistrict(district);
  const school = await created(district, dcsrf, '/schools', { name: SCHOOL, stage: 'junior', ownership: 'public' });
  const root = await created(district, dcsrf, '/orgs', { name: '挂牌测试区教育工委', kind: 'district_committee' });
  await created(district, dcsrf, '/orgs', { name: '挂牌督导测试中学党委', kind: 'party_committee', parent_id: root.id, school_id: school.id });
  await district.close();
  await createUser({ username: OFFICE.user, password: OFFICE.password, role: 'supervision_office' });
  const d = await createUser({ username: DUXUE.user, password: DUXUE.password, role: 'supervisor' });
  const office = await browser.newContext({ locale: 'zh-CN' });
  const ocsrf = await login(office, OFFICE.user, OFFICE.password, OFFICE.newPassword);
  await created(office, ocsrf, '/supervisor-assignments', { user_id: d.id, school_id: school.id, from_on: '2024-09-01' });
  await office.close();
  const duxue = await browser.newContext({ locale: 'zh-CN' });
  await login(duxue, DUXUE.user, DUXUE.password, DUXUE.newPassword);
  await duxue.close();
});

after(() => finish(browser, server));

test('a 督学 records a visit on a phone, raises a finding and submits it', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const page = await newPage(context);
  await page.goto(`${server.url}/principal-visits`);
  await signIn(page, DUXUE.user, DUXUE.newPassword);
  await page.goto(`${server.url}/principal-visits`);
  await page.getByRole('heading', { name: '挂牌督导' }).waitFor();
  await page.getByRole('button', { name: '记录督导' }).click();
  const dialog = page.locator('.el-dialog', { hasText: '开始记录' });
  await dialog.locator('.el-select').click();
  await page.locator('.el-select-dropdown__item', { hasText: SCHOOL }).click();
  await dialog.getByRole('button', { name: '开始记录' }).click();
  const drawer = page.locator('.el-drawer');
  await drawer.getByText('检查清单').waitFor();
  await drawer.locator('.visit-item').first().locator('.el-checkbox').click();
  await drawer.getByPlaceholder('情况记录（可选）').first().fill('章程已修订，会议记录齐全');
  await drawer.locator('.visit-item').nth(12).getByRole('button', { name: '发现问题，下发整改' }).click();
  const fd = page.locator('.el-dialog', { hasText: '整改期限' });
  await fd.getByRole('button', { name: '下发' }).click();
  await page.getByText(/已下发整改/).waitFor();
  await drawer.getByPlaceholder('本次督导的总体情况、问题和建议').fill('总体良好，安全方面一处问题已下发整改');
  await page.screenshot({ path: path.join(SHOTS, 'principal-visit-phone.png'), fullPage: true });
  assert.ok(await overflowOf(page) <= 0, 'the visit is wider than a phone');
  await drawer.getByRole('button', { name: '提交' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: /确定|OK/ }).click();
  await page.getByText('督导记录已提交').waitFor();
  // The server holds it submitted, with its finding.
  const r = await page.evaluate(async () => (await fetch('/api/v1/prin-visits')).json());
  assert.equal(r.items[0].state, 'submitted');
  const v = await page.evaluate(async (id) => (await fetch(`/api/v1/prin-visits/${id}`)).json(), r.items[0].id);
  assert.equal(v.findings.length, 1);
  assert.equal(v.items[0].checked, true);
  await context.close();
  assert.deepEqual(pageErrors, []);
});
