// The annual assessment console (issue 4, 年度考核) in Debian's chromium
// against a real server: district staff run this year's assessment, see
// the ranked table with grade tags and the 整顿 mark, the grade chart, and
// download the .xlsx; the page fits a phone; a school secretary sees only
// their own organization's row and no run button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ADMIN_PASSWORD, loginDistrict, createUser, SHOTS, pageErrors, start, launch, finish, newPage, login, created, overflowOf,
} from './harness.mjs';

const DISTRICT = { user: 'quwei1', password: 'Quwei-2024-init', newPassword: 'Quwei-2024-new1' };
const SECRETARY = { user: 'shuji9', password: 'Shuji-2024-init', newPassword: 'Shuji-2024-new1' };

let server;
let browser;
let district;
let secretary;
const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();

before(async () => {
  server = await start();
  browser = await launch();
  // Three schools: one whose branch held no meeting this year (organizational
  // life 0 → 较差, marked for 整顿), two without any data.
  const admin = await browser.newContext({ locale: 'zh-CN' });
  const csrf = await loginDistrict(admin);
  const top = await created(admin, csrf, '/orgs', { name: '考核区教育工委', kind: 'district_committee' });
  const weak = await created(admin, csrf, '/orgs', { name: '考核第一中学党委', kind: 'party_committee', parent_id: top.id });
  await created(admin, csrf, '/orgs', { name: '考核一中语文党支部', kind: 'branch', parent_id: weak.id });
  await created(admin, csrf, '/orgs', { name: '考核第二小学党委', kind: 'party_committee', parent_id: top.id });
  const own = await created(admin, csrf, '/orgs', { name: '考核第三小学党委', kind: 'party_committee', parent_id: top.id });
  await createUser({ username: DISTRICT.user, password: DISTRICT.password, role: 'district' });
  await createUser({
    username: SECRETARY.user, password: SECRETARY.password, role: 'secretary', scope: [own.id],
  });
  await admin.close();
  district = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  await login(district, DISTRICT.user, DISTRICT.password, DISTRICT.newPassword);
  secretary = await browser.newContext({ locale: 'zh-CN' });
  await login(secretary, SECRETARY.user, SECRETARY.password, SECRETARY.newPassword);
});

after(async () => {
  await finish(browser, server);
  assert.deepEqual(pageErrors, []);
});

test('district staff run the year, see the ranked table and the grade chart, and download the export', async () => {
  const page = await newPage(district);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/assessments`);
  await page.getByRole('heading', { name: '年度考核', exact: true }).waitFor();
  await page.getByText('本年度尚未开展考核', { exact: false }).waitFor();

  await page.getByRole('button', { name: '开展考核' }).click();
  await page.getByRole('dialog', { name: '开展年度考核' }).getByRole('button', { name: '开始考核' }).click();
  await page.getByText('已完成 3 个党组织的考核，整顿 1 个', { exact: false }).waitFor();

  const table = page.locator('.assess-table');
  const weakRow = table.locator('.el-table__row', { hasText: '考核第一中学党委' });
  await weakRow.waitFor();
  await weakRow.locator('.grade-tag', { hasText: '较差' }).waitFor();
  await weakRow.locator('.mark-tag', { hasText: '整顿' }).waitFor();
  await weakRow.getByRole('button', { name: '解除整顿' }).waitFor();
  assert.equal(await table.locator('.el-table__row', { hasText: '考核第二小学党委' }).count(), 1);
  assert.equal(await table.locator('.mark-tag').count(), 1);
  // The grade chart is drawn.
  await page.locator('.assess-chart canvas').first().waitFor();
  // The tie rule is said as the code ranks (assessment.c assess_rank:
  // competition ranking by score in tenths, vetoed after the rest, no data
  // no rank): here the two schools without data have no rank.
  const rule = await page.locator('.assessment-tie-rule').innerText();
  assert.match(rule, /总分相同（精确到 0\.1 分）的并列同一名次，其后名次顺延（如 1、1、3）/);
  assert.match(rule, /一票否决项的排在所有未否决的组织之后/);
  assert.match(rule, /没有任何分项数据的不参与排名/);
  const unranked = table.locator('.el-table__row', { hasText: '考核第二小学党委' }).locator('td').nth(1);
  assert.equal((await unranked.innerText()).trim(), '—');

  // Lifting before the plan is verified is refused with the server's reason.
  await weakRow.getByRole('button', { name: '解除整顿' }).click();
  await page.getByRole('dialog', { name: '解除整顿' }).getByRole('button', { name: '解除' }).click();
  await page.getByText('整顿方案对应的整改事项尚未销号', { exact: false }).waitFor();
  await weakRow.locator('.mark-tag', { hasText: '整顿' }).waitFor();

  // The component sources open under the row.
  await weakRow.locator('.el-table__expand-icon').click();
  await page.locator('.assess-sources').getByText('组织生活合规', { exact: false }).waitFor();
  await page.waitForTimeout(1500); // the chart's bars grow in
  await page.screenshot({ path: path.join(SHOTS, 'assessments-desktop.png') });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `assessment-${year}.xlsx`);
  const file = path.join(SHOTS, `assessment-${year}.xlsx`);
  await download.saveAs(file);
  await page.close();
});

test('the page fits a phone', async () => {
  const page = await newPage(district);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/assessments`);
  await page.getByRole('heading', { name: '年度考核', exact: true }).waitFor();
  await page.locator('.assess-table .el-table__row', { hasText: '考核第一中学党委' }).waitFor();
  await page.waitForLoadState('networkidle');
  const overflow = await overflowOf(page);
  assert.ok(overflow <= 0, `/assessments is ${overflow}px wider than the screen`);
  await page.waitForTimeout(1500); // the chart's bars grow in
  await page.screenshot({ path: path.join(SHOTS, 'assessments-phone.png'), fullPage: true });
  await page.close();
});

test("a school secretary sees only their own organization's row and cannot run", async () => {
  const page = await newPage(secretary);
  await page.goto(`${server.url}/assessments`);
  await page.getByRole('heading', { name: '年度考核', exact: true }).waitFor();
  const rows = page.locator('.assess-table .el-table__row', { hasText: '考核第三小学党委' });
  await rows.waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('.assess-table .el-table__row').count(), 1);
  assert.equal(await page.getByRole('button', { name: '开展考核' }).count(), 0);
  await page.close();
});
