// 校长任期督导 (issue 13 items 1-3) in Debian's chromium against a real
// server: the supervision office signs in (with its second factor), sees
// the district list with its flags and opens a tenure with its baseline;
// the principal opens their own tenure, writes a term goal and submits it;
// the office approves it. Desktop and phone, no console error, nothing
// wider than the window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  loginDistrict, createUser, SHOTS, SIZES, pageErrors, start, launch, finish,
  newPage, created, call, login, signIn, expectSuccess, overflowOf,
} from './harness.mjs';

const OFFICE = { user: 'dudao_b', password: 'Dudao-2024-init', newPassword: 'Dudao-2024-new1' };
const PRINCIPAL = { user: 'xiaozhang_b', password: 'Xiaozhang-2024-init', newPassword: 'Xiaozhang-2024-n1' };
const SCHOOL = '督导测试第一中学';
const EMPTY_SCHOOL = '督导测试实验小学';

let server;
let browser;
let tenureId;

before(async () => {
  server = await start();
  browser = await launch();
  const district = await browser.newContext({ locale: 'zh-CN' });
  const dcsrf = await loginDistrict(district);
  const school = await created(district, dcsrf, '/schools', { name: SCHOOL, stage: 'junior', ownership: 'public' });
  await created(district, dcsrf, '/schools', { name: EMPTY_SCHOOL, stage: 'primary', ownership: 'public' });
  const root = await created(district, dcsrf, '/orgs', { name: '督导测试区教育工委', kind: 'district_committee' });
  await created(district, dcsrf, '/orgs', { name: '督导测试第一中学党委', kind: 'party_committee', parent_id: root.id, school_id: school.id });
  await district.close();
  await createUser({ username: OFFICE.user, password: OFFICE.password, role: 'supervision_office' });
  const p = await createUser({ username: PRINCIPAL.user, password: PRINCIPAL.password, role: 'principal' });
  // The office's registers, through the API (its first login enrols its second factor).
  const office = await browser.newContext({ locale: 'zh-CN' });
  const ocsrf = await login(office, OFFICE.user, OFFICE.password, OFFICE.newPassword);
  const person = await created(office, ocsrf, '/principals', { name: '任期测试', gender: 'female', user_id: p.id });
  const tenure = await created(office, ocsrf, '/tenures', {
    principal_id: person.id, school_id: school.id, post: 'principal', appointed_on: '2024-09-01',
  });
  tenureId = tenure.id;
  const r = await call(office, ocsrf, 'PUT', `/tenures/${tenureId}/figures`, { figures: { enrolment: 1500, classes: 36 } });
  assert.equal(r.status, 200);
  await office.close();
});

after(() => finish(browser, server));

test('the office sees every school with its flags and opens a tenure', async () => {
  for (const size of SIZES) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: size.width, height: size.height } });
    const page = await newPage(context);
    await page.goto(`${server.url}/principal`);
    await signIn(page, OFFICE.user, OFFICE.newPassword);
    await page.goto(`${server.url}/principal`);
    await page.getByRole('heading', { name: '校长任期一览' }).waitFor();
    const empty = page.locator('.el-table__row', { hasText: EMPTY_SCHOOL });
    await empty.getByText('未登记校长').waitFor();
    await page.screenshot({ path: path.join(SHOTS, `principal-list-${size.name}.png`), fullPage: true });
    assert.ok(await overflowOf(page) <= 0, `the list is wider than a ${size.name}`);
    await page.locator('.el-table__row', { hasText: SCHOOL }).first().click();
    await page.waitForURL(/\/principal-tenure\?id=/);
    await page.getByText('任期起点').waitFor();
    await page.getByText('督导测试第一中学党委').waitFor();
    await page.getByText('1500').waitFor();
    await page.screenshot({ path: path.join(SHOTS, `principal-tenure-${size.name}.png`), fullPage: true });
    assert.ok(await overflowOf(page) <= 0, `the tenure page is wider than a ${size.name}`);
    await context.close();
  }
  assert.deepEqual(pageErrors, []);
});

test('the principal writes a term goal and submits it; the office approves it', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await newPage(context);
  await page.goto(`${server.url}/principal-tenure`);
  // signIn returns once the forced change is clicked: wait for its answer
  // before leaving the page, or the change may be cut off.
  const changed = page.waitForResponse((res) => res.url().endsWith('/api/v1/session/password'));
  await signIn(page, PRINCIPAL.user, PRINCIPAL.password, PRINCIPAL.newPassword);
  assert.equal((await changed).status(), 200);
  await page.goto(`${server.url}/principal-tenure`);
  await page.getByText(SCHOOL).first().waitFor();
  await page.getByRole('button', { name: '编辑目标' }).click();
  const rows = page.locator('.goal-row');
  assert.equal(await rows.count(), 7);	// PRIN-01's seven areas offered
  while (await rows.count() > 1) await rows.last().getByRole('button', { name: '删除' }).click();
  await rows.first().getByPlaceholder('目标', { exact: true }).fill('三会一课规范化');
  await rows.first().getByPlaceholder(/可衡量/).fill('按期召开率100%');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expectSuccess(page, '任期目标已保存');
  await page.getByRole('button', { name: '提交审核' }).click();
  await expectSuccess(page, '任期目标已提交督导室审核');
  await page.getByText('待审核').waitFor();
  await context.close();

  const office = await browser.newContext({ locale: 'zh-CN' });
  const opage = await newPage(office);
  await opage.goto(`${server.url}/principal-tenure?id=${tenureId}`);
  await signIn(opage, OFFICE.user, OFFICE.newPassword);
  await opage.goto(`${server.url}/principal-tenure?id=${tenureId}`);
  await opage.getByRole('button', { name: '审核通过' }).click();
  await expectSuccess(opage, '任期目标已审核通过');
  await opage.getByText('已通过').waitFor();
  await office.close();
  assert.deepEqual(pageErrors, []);
});
