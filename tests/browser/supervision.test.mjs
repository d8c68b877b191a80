// Supervision as a closed loop (issue 4) in ONE flow, in Debian's chromium
// against a real server: the district plans an inspection assigning an
// inspector to a school; the inspector logs in, opens the form from the
// plan, scores the school beside the platform's automatic evidence and
// issues a finding from an indicator; the school's secretary logs in and
// submits evidence (text and a file) on 问题整改; the inspector returns it
// once with a reason; the secretary submits again; the inspector verifies.
// The board shows it closed (closure rate) on the school's own row, the
// timeline shows every step, and the file downloads for both sides.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ADMIN_PASSWORD, loginDistrict, createUser, SHOTS, pageErrors, start, launch, finish, newPage, call, login, created, signIn, dialog, expectSuccess, overflowOf, pick, openFinding, findingStep,
} from './harness.mjs';

const DISTRICT = { user: 'quwei7', password: 'Initial-2024-pw', newPassword: 'Quwei-2024-new7' };
const INSPECTOR = { user: 'ducha7', password: 'Initial-2024-pw', newPassword: 'Ducha-2024-new7' };
const SECRETARY = { user: 'shuji7', password: 'Initial-2024-pw', newPassword: 'Shuji-2024-new7' };
const SCHOOL = '示范第七中学党委';
const PLAN = '2026年第四季度党建督查';
const FINDING = '党费未按月足额收缴';
const REASON = '缺少10月的党费收缴凭证';
const FILE = { name: '党费收缴凭证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 dues receipts') };

let server;
let browser;

before(async () => {
  server = await start();
  browser = await launch();
  const admin = await browser.newContext({ locale: 'zh-CN' });
  const csrf = await loginDistrict(admin);
  const top = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: SCHOOL, kind: 'party_committee', parent_id: top.id });
  await created(admin, csrf, '/orgs', { name: '数学学科党支部', kind: 'branch', parent_id: school.id });
  await createUser({ username: DISTRICT.user, password: DISTRICT.password, role: 'district' });
  for (const [who, role] of [[INSPECTOR, 'inspector'], [SECRETARY, 'secretary']]) {
    await createUser({ username: who.user, password: who.password, role, scope: [school.id] });
  }
  await admin.close();
});

after(() => finish(browser, server));

/** A new context (a tablet by default) whose user logs in through the console's form. */
async function loggedIn(who, viewport = { width: 768, height: 1024 }) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport, acceptDownloads: true });
  const page = await newPage(context, 15000);
  await page.goto(`${server.url}/`);
  await signIn(page, who.user, who.password, who.newPassword);
  // Logged in once the password form is gone and the console has loaded.
  await page.getByRole('heading', { name: '修改初始密码' }).waitFor({ state: 'detached' });
  await page.locator('.layout-header').waitFor();
  await page.waitForLoadState('networkidle');
  return { context, page };
}

/** Clicks the drawer's link to the evidence file and checks the bytes that arrive. */
async function downloadsFile(page, drawer) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    drawer.locator('.finding-files a', { hasText: FILE.name }).click(),
  ]);
  assert.equal(download.suggestedFilename(), FILE.name);
  assert.deepEqual(await readFile(await download.path()), FILE.buffer);
}

test('the district plans, the inspector scores and issues a finding, the secretary rectifies with a file, it is returned once and verified; the board shows it closed', async () => {
  // 1. The district creates a plan assigning the inspector to the school.
  const district = await loggedIn(DISTRICT, { width: 1280, height: 800 });
  const dp = district.page;
  await dp.goto(`${server.url}/inspection-plans`);
  await dp.getByRole('heading', { name: '督查计划', exact: true }).waitFor();
  await dp.getByRole('button', { name: '新建计划' }).click();
  const plan = dialog(dp, '新建督查计划');
  await plan.waitFor();
  await plan.getByLabel('计划名称').fill(PLAN);
  await dp.waitForLoadState('networkidle');
  await pick(dp, plan.locator('.assign-org .el-select__wrapper'), SCHOOL, '示范第七');
  await pick(dp, plan.locator('.assign-user .el-select__wrapper'), INSPECTOR.user);
  await plan.getByRole('button', { name: '保存' }).click();
  await plan.waitFor({ state: 'hidden' });
  await dp.getByText(PLAN).waitFor();

  // 2. The inspector logs in (a tablet) and opens the form from the plan.
  const inspector = await loggedIn(INSPECTOR);
  const ip = inspector.page;
  await ip.goto(`${server.url}/inspection-plans`);
  await ip.locator('.el-table__expand-icon').first().click();
  await ip.getByRole('button', { name: '开始督查' }).click();
  await ip.getByRole('heading', { name: /督查评分表/ }).waitFor();
  await ip.locator('.insp-head', { hasText: SCHOOL }).waitFor();

  // 3. The automatic evidence stands beside the indicators it bears on; the inspector scores and submits.
  await ip.locator('[data-code="1"] .auto-evidence').waitFor();
  assert.match(await ip.locator('[data-code="1"] .auto-evidence').innerText(), /组织生活合规率/);
  assert.match(await ip.locator('[data-code="2"] .auto-evidence').innerText(), /党费欠缴/);
  await ip.locator('[data-code="1.1"] .score-input input').fill('9');
  await ip.locator('[data-code="2.1"] .score-input input').fill('6');
  await ip.locator('[data-code="2.1"] .note-input input').fill('10月党费未收缴');
  await ip.locator('.total-num', { hasText: '15' }).waitFor();
  await ip.getByRole('button', { name: '提交' }).click();
  await ip.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await ip.locator('.insp-state', { hasText: '已提交' }).waitFor();

  // 4. A finding issued from the indicator 2.1.
  await ip.locator('[data-code="2.1"] .issue-from-indicator').click();
  const issue = dialog(ip, '开具整改事项');
  await issue.getByLabel('问题').fill(FINDING);
  await issue.getByRole('button', { name: '开具' }).click();
  await issue.waitFor({ state: 'hidden' });
  await ip.locator('.insp-findings', { hasText: FINDING }).waitFor();
  await ip.screenshot({ path: path.join(SHOTS, 'supervision-inspection-tablet.png'), fullPage: true });

  // 5. The secretary logs in (a phone) and sees the finding, from the inspection, on 问题整改.
  const secretary = await loggedIn(SECRETARY, { width: 390, height: 844 });
  const sp = secretary.page;
  let sd = await openFinding(sp, FINDING);
  await sd.getByText('督查检查', { exact: true }).waitFor();
  assert.equal(await sd.getByRole('button', { name: '核验销号' }).count(), 0, 'the school does not verify itself');
  await findingStep(sp, sd, '开始整改', '整改中');

  // 6. Evidence: the text and a file, uploaded in the dialog, then submitted.
  await findingStep(sp, sd, '提交整改', '待核验', async (dlg) => {
    await dlg.locator('textarea[name="evidence"]').fill('已补收9月、10月党费并公示。');
    await dlg.locator('.evidence-upload input[type=file]').setInputFiles(FILE);
    await expectSuccess(sp, `已上传：${FILE.name}`);
    await dlg.locator('.evidence-upload .hy-file', { hasText: FILE.name }).getByText('待提交').waitFor();
    const overflow = await overflowOf(sp);
    assert.ok(overflow <= 0, `the submit dialog is ${overflow}px wider than a phone`);
    await sp.screenshot({ path: path.join(SHOTS, 'supervision-submit-phone.png'), fullPage: true });
  });
  await sd.locator('.finding-files li', { hasText: FILE.name }).getByText('已报送').waitFor();

  // 7. The inspector returns it once with a reason; the file is there to download.
  let drawer = await openFinding(ip, FINDING);
  await downloadsFile(ip, drawer);
  await findingStep(ip, drawer, '退回', '已退回', async (dlg) => {
    await dlg.locator('textarea[name="reason"]').fill(REASON);
  });

  // 8. The secretary reads the reason and submits again.
  sd = await openFinding(sp, FINDING);
  await sd.getByText(`退回原因：${REASON}`).waitFor();
  await findingStep(sp, sd, '提交整改', '待核验', async (dlg) => {
    await dlg.locator('textarea[name="evidence"]').fill('已补充10月党费收缴凭证。');
  });

  // 9. The inspector verifies: closed, and the timeline holds every step.
  drawer = await openFinding(ip, FINDING);
  await findingStep(ip, drawer, '核验销号', '已销号', async (dlg) => {
    await dlg.locator('input[name="note"]').fill('凭证齐全，整改到位');
  });
  const timeline = await drawer.locator('.finding-timeline').innerText();
  for (const s of ['下发整改问题', '开始整改', '退回重新整改', REASON, '核验通过，销号', '凭证齐全，整改到位', INSPECTOR.user, SECRETARY.user]) {
    assert.ok(timeline.includes(s), `the timeline lacks ${s}:\n${timeline}`);
  }
  assert.equal((timeline.match(/提交整改材料/g) ?? []).length, 2, timeline);
  await drawer.locator('.finding-files li', { hasText: FILE.name }).waitFor();
  await ip.screenshot({ path: path.join(SHOTS, 'supervision-timeline-tablet.png'), fullPage: true });

  // 10. The inspector's board: the school's own row (its findings were issued to it), closed, 100%.
  await ip.goto(`${server.url}/findings?tab=board`);
  const summary = ip.locator('.findings-summary');
  await summary.locator('.closure-rate').getByText('100.0%', { exact: true }).waitFor();
  await summary.locator('.closed-count').getByText('1', { exact: true }).waitFor();
  const own = ip.locator('.findings-board-table tr', { hasText: `${SCHOOL}（本级）` });
  await own.waitFor();
  assert.match(await own.innerText(), /100\.0%/);

  // 11. The district's board counts it closed, under its school and its kind, this year.
  await dp.goto(`${server.url}/findings?tab=board`);
  await dp.locator('.findings-summary .closure-rate').getByText('100.0%', { exact: true }).waitFor();
  await dp.locator('.findings-board-table tr', { hasText: SCHOOL }).waitFor();
  await dp.getByText(/按来源.*年下发/).waitFor();
  await dp.screenshot({ path: path.join(SHOTS, 'supervision-board-desktop.png'), fullPage: true });

  // The assessment table links to /findings?id=: that opens the finding's drawer.
  const r = await call(district.context, '', 'GET', '/findings?source=inspection');
  assert.equal(r.body?.total, 1, JSON.stringify(r.body));
  await dp.goto(`${server.url}/findings?id=${r.body.items[0].id}`);
  const linked = dp.locator('.finding-drawer');
  await linked.locator('.finding-tags').getByText('已销号', { exact: true }).waitFor();
  await linked.locator('.el-drawer__title', { hasText: FINDING }).waitFor();
  await downloadsFile(dp, linked);
  for (const c of [district, inspector, secretary]) await c.context.close();
  assert.deepEqual(pageErrors, []);
});
