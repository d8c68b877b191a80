// Inspections (督查, issue 4) in Debian's chromium against a real server:
// the district plans an inspection assigning an inspector to a school; the
// inspector logs in, opens the form from the plan, scores, sees the
// platform's automatic evidence beside the indicators, uploads a file,
// submits and issues a finding from an indicator; the district confirms
// and the page shows the total. The form fits a tablet and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ADMIN_PASSWORD, loginDistrict, createUser, SHOTS, pageErrors, start, launch, finish, newPage, login, created, signIn, overflowOf, pick,
  call,
} from './harness.mjs';

const DISTRICT = { user: 'quxian1', password: 'Initial-2024-pw', newPassword: 'Quxian-2024-new1' };
const INSPECTOR = { user: 'ducha1', password: 'Initial-2024-pw', newPassword: 'Ducha-2024-new1' };
const SCHOOL = '示范第一中学党委';

let server;
let browser;
const ids = {};

let district;

before(async () => {
  server = await start();
  browser = await launch();
  const admin = await browser.newContext({ locale: 'zh-CN' });
  const csrf = await loginDistrict(admin);
  const top = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: SCHOOL, kind: 'party_committee', parent_id: top.id });
  await created(admin, csrf, '/orgs', { name: '语文学科党支部', kind: 'branch', parent_id: school.id });
  await createUser({ username: DISTRICT.user, password: DISTRICT.password, role: 'district' });
  await createUser({
    username: INSPECTOR.user, password: INSPECTOR.password, role: 'inspector', scope: [school.id],
  });
  const ducha2 = await createUser({ username: 'ducha2', password: INSPECTOR.password, role: 'inspector' });
  // A named inspector must be assigned to the school by some plan (issue 11).
  const sheets = await call(admin, csrf, 'GET', '/indicator-systems?kind=quarterly_inspection');
  await created(admin, csrf, '/inspection-plans', {
    name: '专项督查', kind: 'quarterly_inspection', system_id: sheets.body.items[0].id,
    period_start: '2026-07-01', period_end: '2026-09-30',
    assignments: [{ org_id: school.id, inspector_id: ducha2.id }],
  });
  ids.school = school.id;
  await admin.close();
  // The inspector's first password change, so the browser login below is the plain one.
  const first = await browser.newContext();
  await login(first, INSPECTOR.user, INSPECTOR.password, INSPECTOR.newPassword);
  await first.close();
  district = await browser.newContext({ locale: 'zh-CN' });
  await login(district, DISTRICT.user, DISTRICT.password, DISTRICT.newPassword);
});

after(() => finish(browser, server));

test('district plans, inspector scores with automatic evidence and issues a finding, district confirms', async () => {
  // 1. The district creates a plan assigning the inspector to the school.
  const dp = await newPage(district, 15000);
  await dp.setViewportSize({ width: 1280, height: 800 });
  await dp.goto(`${server.url}/inspection-plans`);
  await dp.getByRole('heading', { name: '督查计划', exact: true }).waitFor();
  await dp.getByRole('button', { name: '新建计划' }).click();
  const dlg = dp.getByRole('dialog', { name: '新建督查计划' });
  await dlg.waitFor();
  await dlg.getByLabel('计划名称').fill('2026年第三季度党建督查');
  await dp.waitForLoadState('networkidle');
  await pick(dp, dlg.locator('.assign-org .el-select__wrapper'), SCHOOL, '示范第一');
  await pick(dp, dlg.locator('.assign-user .el-select__wrapper'), INSPECTOR.user);
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await dp.getByText('2026年第三季度党建督查').waitFor();

  // 2. The inspector logs in and opens the form from the plan (a tablet).
  const ic = await browser.newContext({ locale: 'zh-CN' });
  const ip = await newPage(ic, 15000);
  await ip.setViewportSize({ width: 768, height: 1024 });
  await ip.goto(`${server.url}/`);
  await signIn(ip, INSPECTOR.user, INSPECTOR.newPassword);
  await ip.waitForLoadState('networkidle');
  await ip.goto(`${server.url}/inspection-plans`);
  await ip.locator('.el-table__expand-icon').first().click();
  await ip.getByRole('button', { name: '开始督查' }).click();
  await ip.getByRole('heading', { name: /督查评分表/ }).waitFor();
  await ip.locator('.insp-head', { hasText: SCHOOL }).waitFor();

  // 3. Automatic evidence stands beside the indicators it bears on.
  const life = ip.locator('[data-code="1"] .auto-evidence');
  await life.waitFor();
  assert.match(await life.innerText(), /组织生活合规率/);
  assert.match(await ip.locator('[data-code="2"] .auto-evidence').innerText(), /党费欠缴/);

  // 4. Scores with a live total; an evidence file; save and submit.
  await ip.locator('[data-code="1.1"] .score-input input').fill('9.5');
  await ip.locator('[data-code="1.1"] .note-input input').fill('会议记录齐全');
  await ip.locator('[data-code="2.1"] .score-input input').fill('8');
  await ip.locator('[data-code="2.1"] .note-input input').click();
  await ip.locator('.total-num', { hasText: '17.5' }).waitFor();
  await ip.locator('.insp-files input[type=file]').setInputFiles({
    name: '会议记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 record'),
  });
  await ip.locator('.insp-files .hy-file', { hasText: '会议记录.pdf' }).waitFor();
  const overflow = await overflowOf(ip);
  assert.ok(overflow <= 0, `the form is ${overflow}px wider than a tablet`);
  await ip.screenshot({ path: path.join(SHOTS, 'inspection-form-tablet.png'), fullPage: true });
  // A colleague joins the draft's inspectors.
  await ip.locator('.edit-inspectors').click();
  const idlg = ip.getByRole('dialog', { name: '调整督查员' });
  await ip.waitForLoadState('networkidle');
  await pick(ip, idlg.locator('.inspector-select .el-select__wrapper'), 'ducha2');
  await idlg.locator('.el-dialog__title').click();	// a multiple select stays open
  await idlg.getByRole('button', { name: '保存' }).click();
  await idlg.waitFor({ state: 'hidden' });
  await ip.locator('.insp-inspectors', { hasText: 'ducha1、ducha2' }).waitFor();
  await ip.getByRole('button', { name: '提交' }).click();
  await ip.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await ip.locator('.insp-state', { hasText: '已提交' }).waitFor();
  assert.equal(await ip.locator('.score-input input:not([disabled])').count(), 0, 'a submitted form is read-only');
  assert.equal(await ip.locator('.edit-inspectors').count(), 0, 'nor are its inspectors changed');

  // 5. A finding issued from an indicator (on a phone).
  await ip.setViewportSize({ width: 390, height: 844 });
  await ip.locator('[data-code="2.1"] .issue-from-indicator').click();
  const fd = ip.getByRole('dialog', { name: '开具整改事项' });
  await fd.getByLabel('问题').fill('党费未按月足额收缴');
  await fd.getByRole('button', { name: '开具' }).click();
  await fd.waitFor({ state: 'hidden' });
  await ip.locator('.insp-findings', { hasText: '党费未按月足额收缴' }).waitFor();
  const phoneOverflow = await overflowOf(ip);
  assert.ok(phoneOverflow <= 0, `the form is ${phoneOverflow}px wider than a phone`);
  await ip.screenshot({ path: path.join(SHOTS, 'inspection-form-phone.png'), fullPage: true });
  assert.equal(await ip.getByRole('button', { name: '确认' }).count(), 0, 'an inspector does not confirm');
  const id = new URL(ip.url()).searchParams.get('id');
  assert.ok(id);

  // 6. The district confirms; the page shows the total.
  await dp.goto(`${server.url}/inspections?id=${id}`);
  await dp.locator('.insp-state', { hasText: '已提交' }).waitFor();
  await dp.getByRole('button', { name: '确认' }).click();
  await dp.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await dp.locator('.insp-state', { hasText: '已确认' }).waitFor();
  assert.equal((await dp.locator('.total-num').innerText()).trim(), '17.5');
  await dp.getByRole('button', { name: '修订' }).waitFor();
  await dp.goto(`${server.url}/inspections`);
  await dp.locator('.inspection-table', { hasText: SCHOOL }).waitFor();
  assert.match(await dp.locator('.inspection-table').innerText(), /17\.5/);
  await ic.close();
  assert.deepEqual(pageErrors, []);
});

test('a plan needs a task: an empty plan and a row missing its inspector are refused in words beside their rows; the quarter picker fills the period', async () => {
  const dp = await newPage(district, 15000);
  await dp.setViewportSize({ width: 1280, height: 800 });
  await dp.goto(`${server.url}/inspection-plans`);
  await dp.getByRole('heading', { name: '督查计划', exact: true }).waitFor();
  const before = (await call(district, '', 'GET', '/inspection-plans')).body.total;
  await dp.getByRole('button', { name: '新建计划' }).click();
  const dlg = dp.getByRole('dialog', { name: '新建督查计划' });
  await dlg.waitFor();
  await dp.waitForLoadState('networkidle');
  // The quarter picker: a new plan starts on this quarter; picking another fills both dates and the name.
  const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
  assert.match(await dlg.locator('.plan-quarter').innerText(), new RegExp(`${year}年第.季度`));
  await pick(dp, dlg.locator('.plan-quarter .el-select__wrapper'), `${year}年第一季度`);
  assert.equal(await dlg.getByLabel('计划名称').inputValue(), `${year}年第一季度党建督查`);
  assert.equal(await dlg.locator('.form-row .el-date-editor input').nth(0).inputValue(), `${year}-01-01`);
  assert.equal(await dlg.locator('.form-row .el-date-editor input').nth(1).inputValue(), `${year}-03-31`);
  // No task at all: refused in words, nothing saved (the server refuses it too).
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.getByText('请至少安排一项督查任务：选择受检党组织和督查员').waitFor();
  // Row 1 without its inspector, row 2 without its organization: each said in words beside its row.
  await pick(dp, dlg.locator('.assign-org .el-select__wrapper').first(), SCHOOL, '示范第一');
  await dlg.getByRole('button', { name: '添加一项' }).click();
  await pick(dp, dlg.locator('.assign-user .el-select__wrapper').nth(1), INSPECTOR.user);
  await dlg.getByRole('button', { name: '保存' }).click();
  const first = dlg.getByText('请为第1行选择督查员');
  const second = dlg.getByText('请为第2行选择受检党组织');
  await first.waitFor();
  await second.waitFor();
  // The first row's message ends above the second row's fields (it used to overlap them).
  const message = await first.boundingBox();
  const nextRow = await dlg.locator('.assign-row').nth(1).boundingBox();
  assert.ok(message.y + message.height <= nextRow.y + 1, `message ends at ${message.y + message.height}, next row starts at ${nextRow.y}`);
  await dp.screenshot({ path: path.join(SHOTS, 'inspection-plan-errors.png') });
  assert.equal((await call(district, '', 'GET', '/inspection-plans')).body.total, before);
  // Fixed: the first row gets its inspector, the second is removed; saved.
  await pick(dp, dlg.locator('.assign-user .el-select__wrapper').first(), INSPECTOR.user);
  await dlg.locator('.assign-row').nth(1).getByRole('button', { name: '移除' }).click();
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await dp.getByText(`${year}年第一季度党建督查`).waitFor();
  assert.equal((await call(district, '', 'GET', '/inspection-plans')).body.total, before + 1);
  await dp.close();
  assert.deepEqual(pageErrors, []);
});

test('both pages open without errors on a phone and on a desktop', async () => {
  const page = await newPage(district, 15000);
  for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(size);
    for (const [p, title] of [['/inspection-plans', '督查计划'], ['/inspections', '督查评分']]) {
      await page.goto(server.url + p);
      await page.getByRole('heading', { name: title, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await overflowOf(page);
      assert.ok(overflow <= 0, `${p} is ${overflow}px wider than ${size.width}px`);
    }
  }
  await page.goto(`${server.url}/inspection-plans`);
  await page.getByRole('button', { name: '新建计划' }).click();
  await page.getByRole('dialog', { name: '新建督查计划' }).getByText('督查任务分配').waitFor();
  await page.close();
  assert.deepEqual(pageErrors, []);
});
