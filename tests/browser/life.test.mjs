// The organizational-life console (issue 3) in Debian's chromium against a
// real server: every new page opens without script errors at desktop and
// phone size (pages whose endpoints are missing show a calm empty state),
// the dues calculator, a member's own page and the QR check-in link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ADMIN_PASSWORD, loginDistrict, createUser, SHOTS, SIZES, pageErrors, start, launch, finish, newPage, call, login, created, contextOf, signIn, overflowOf,
} from './harness.mjs';

const MEMBER_PASSWORD = 'Dangyuan-2024-ok';
const MEMBER = { name: '周红梅', idCard: '110105198001010024' };
/** The member who signs in with the QR code (a user of their own, forced to change the password). */
const SIGNER = { name: '李建国', idCard: '110105197505050033', user: 'lijg', password: 'Qiandao-2024-ok' };
/** A member the secretary transfers to another branch of the school. */
const MOVER = { name: '王芳', idCard: '110105198203030023' };
/** A member arriving from outside the district with the letter and their record (create on arrival). */
const ARRIVING = { name: '赵远航', idCard: '510107198606150019' };
const SECRETARY = { user: 'shuji1', password: 'Shuji-2024-pwd', newPassword: 'Shuji-2024-new1' };

/**
 * Staff pages of issue 3: path, heading, a text each page always shows, and
 * the menu entry when it differs from the heading (no menu entry may contain
 * another's text: console.test.mjs finds 党员 by substring).
 */
const STAFF_PAGES = [
  { path: '/alerts', title: '预警中心', shows: '级别' },
  { path: '/meetings', title: '会议活动', shows: '会议类型' },
  { path: '/compliance', title: '合规看板', shows: '考核周期' },
  { path: '/dues', title: '党费', shows: '月度台账' },
  { path: '/transfers', title: '换届与转接', shows: '任期届满提醒' },
  { path: '/accounts', title: '党员账号', menu: '账号开通', shows: '生成账号并下载清单' },
  { path: '/ledgers', title: '台账导出', shows: '三会一课台账' },
];

let server;
let browser;
const ids = {};

let admin;

/** A new browser context logged in as the school's secretary (the first login changes the password). */
const secretaryContext = () => contextOf(browser, SECRETARY);

before(async () => {
  server = await start();
  browser = await launch();

  // An organization tree, a member and the member's account, through the API.
  admin = await browser.newContext({ locale: 'zh-CN' });
  const csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: '示范第一中学党委', kind: 'party_committee', parent_id: district.id });
  const branch = await created(admin, csrf, '/orgs', { name: '语文学科党支部', kind: 'branch', parent_id: school.id });
  const member = await created(admin, csrf, '/members', {
    name: MEMBER.name, id_card: MEMBER.idCard, gender: 'female', birth_date: '1980-01-01',
    category: 'in_service', status: 'full', joined_on: '2005-07-01', full_on: '2006-07-01', org_id: branch.id,
  });
  await createUser({
    username: 'zhouhm', password: 'Initial-2024-pw', role: 'member', member_id: member.id, scope: [branch.id],
  });
  const signer = await created(admin, csrf, '/members', {
    name: SIGNER.name, id_card: SIGNER.idCard, gender: 'male', birth_date: '1975-05-05',
    category: 'in_service', status: 'full', joined_on: '2000-07-01', full_on: '2001-07-01', org_id: branch.id,
  });
  await createUser({
    username: SIGNER.user, password: 'Initial-2024-pw', role: 'member', member_id: signer.id,
  });
  // The school's secretary, who records the branch's meetings.
  await createUser({
    username: SECRETARY.user, password: SECRETARY.password, role: 'secretary', scope: [school.id],
  });
  const branch2 = await created(admin, csrf, '/orgs', { name: '数学学科党支部', kind: 'branch', parent_id: school.id });
  const mover = await created(admin, csrf, '/members', {
    name: MOVER.name, id_card: MOVER.idCard, gender: 'female', birth_date: '1982-03-03',
    category: 'in_service', status: 'full', joined_on: '2008-07-01', full_on: '2009-07-01', org_id: branch.id,
  });
  Object.assign(ids, {
    district: district.id, school: school.id, branch: branch.id, branch2: branch2.id,
    member: member.id, signer: signer.id, mover: mover.id,
  });
});

after(() => finish(browser, server));

for (const size of SIZES) {
  test(`every staff page opens without errors (${size.name} ${size.width}x${size.height})`, async () => {
    const page = await newPage(admin);
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const p of STAFF_PAGES) {
      await page.goto(server.url + p.path);
      await page.getByRole('heading', { name: p.title, exact: true }).waitFor();
      await page.getByText(p.shows, { exact: true }).first().waitFor();
      // Let the page's loads settle: a skeleton turns into content or a calm empty state.
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('.el-skeleton').count(), 0, `${p.path} still loading`);
      const overflow = await overflowOf(page);
      assert.ok(overflow <= 0, `${p.path} is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(SHOTS, `life${p.path.replace('/', '-')}-${size.name}.png`), fullPage: true });
    }
    // The menu lists the new pages (in the drawer on phones).
    if (size.name === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
    for (const p of STAFF_PAGES) await page.locator('.nav-menu:visible').getByText(p.menu ?? p.title, { exact: true }).waitFor();
    await page.close();
  });
}

test('the meetings page opens the record form from the compliance link, the committee and a plan', async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/meetings?new=1&org_id=${ids.branch}&kind=committee`);
  const dlg = page.getByRole('dialog', { name: '记录会议活动' });
  await dlg.waitFor();
  assert.match(await dlg.innerText(), /支部委员会会议/);
  assert.match(await dlg.innerText(), /语文学科党支部/);
  await dlg.getByRole('button', { name: '取消' }).click();
  await dlg.waitFor({ state: 'hidden' });

  // A branch's committee (the quorum of ORG-11) and a planned meeting open from here too.
  await page.getByRole('button', { name: '支委会成员' }).click();
  const committee = page.getByRole('dialog', { name: '语文学科党支部 · 支部委员会' });
  await committee.waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await committee.locator('.el-skeleton').count(), 0);
  await committee.getByRole('button', { name: '取消' }).click();
  await committee.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: '添加计划' }).click();
  const plan = page.getByRole('dialog', { name: '添加会议计划' });
  await plan.getByText('计划日期').waitFor();
  await plan.getByRole('button', { name: '取消' }).click();
  await plan.waitFor({ state: 'hidden' });
  await page.close();
});

test('the dues calculator shows 30.00 for an in-service base of 3000.01 (DUES-02)', async () => {
  const probe = await call(admin, '', 'GET', '/dues/quote?category=in_service&base_fen=300001');
  assert.equal(probe.status, 200, JSON.stringify(probe.body));
  assert.equal(probe.body.monthly_fen, 3000);
  const page = await newPage(admin);
  await page.goto(`${server.url}/dues?tab=quote`);
  const quote = page.locator('.dues-quote');
  await quote.getByLabel('月工资收入基数（元）').fill('3000.01');
  await quote.getByRole('button', { name: '计算' }).click();
  await quote.locator('.quote-amount').getByText('30.00', { exact: true }).waitFor();
  // A base that is not an amount is refused beside the field.
  await quote.getByLabel('月工资收入基数（元）').fill('3千');
  await quote.getByRole('button', { name: '计算' }).click();
  await quote.getByText('请输入金额（元），最多两位小数').waitFor();
  await page.close();
});

test("a member on a phone sees only their own page; a QR link's refusal is shown in Chinese", async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  // Opening the QR link before logging in: the login page, then back at the link.
  await page.goto(`${server.url}/checkin?t=not-a-real-token`);
  await signIn(page, 'zhouhm', 'Initial-2024-pw', MEMBER_PASSWORD);
  await page.getByText('未能签到').waitFor();
  assert.match(new URL(page.url()).pathname, /^\/checkin$/);
  const refusal = await page.locator('.el-result__subtitle').innerText();
  assert.match(refusal, /[\u4e00-\u9fa5]/, `refusal not in Chinese: ${refusal}`);
  await page.screenshot({ path: path.join(SHOTS, 'life-checkin-refused-phone.png') });

  await page.getByRole('button', { name: '返回首页' }).click();
  await page.waitForURL('**/me');
  await page.locator('.me-name').getByText(MEMBER.name).waitFor();
  for (const card of ['我的党费', '待参加的会议', '我的提醒', '党费测算']) await page.getByText(card, { exact: true }).waitFor();
  await page.waitForLoadState('networkidle');
  const overflow = await overflowOf(page);
  assert.ok(overflow <= 0, `/me is ${overflow}px wider than the screen`);
  await page.screenshot({ path: path.join(SHOTS, 'life-me-phone.png'), fullPage: true });

  // Staff pages are not in a member's menu, and their paths lead back to 我的.
  await page.getByRole('button', { name: '打开菜单' }).click();
  const menu = page.locator('.nav-drawer .nav-menu');
  await menu.getByText('我的', { exact: true }).waitFor();
  for (const p of STAFF_PAGES) assert.equal(await menu.getByText(p.menu ?? p.title, { exact: true }).count(), 0, p.title);
  await page.goto(`${server.url}/compliance`);
  await page.waitForURL('**/me');
  await context.close();
});

/** Now in China time as "YYYY-MM-DD HH:mm" (what the date picker takes). */
function chinaNow() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The current quarter as the compliance board's period key ("2026-Q4"), China time. */
function chinaQuarter() {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

test('a secretary records a branch assembly, a member signs in by its QR link on a phone, the record shows them present', async (t) => {
  // The secretary logs in (changing the initial password) and records the meeting in the form.
  const staff = await secretaryContext();
  const page = await newPage(staff);
  await page.goto(`${server.url}/meetings?new=1&org_id=${ids.branch}&kind=branch_assembly`);
  const form = page.getByRole('dialog', { name: '记录会议活动' });
  await form.waitFor();
  assert.match(await form.innerText(), /支部党员大会/);
  assert.match(await form.innerText(), /语文学科党支部/);
  const heldAt = chinaNow();
  const held = form.getByLabel('召开时间', { exact: true });
  await held.fill(heldAt);
  await held.press('Enter');
  await form.getByLabel('地点', { exact: true }).fill('三楼会议室');
  await form.getByLabel('议题/主题', { exact: true }).fill('学习党章，选举出席上级党代会代表');
  await form.getByRole('button', { name: '保存' }).click();

  // Saved: the record opens in a drawer; its QR tab shows the code and an absolute link.
  const drawer = page.locator('.meeting-drawer');
  await drawer.getByText('学习党章，选举出席上级党代会代表').waitFor();
  await drawer.getByRole('tab', { name: '签到二维码' }).click();
  await drawer.locator('img.qr-image').waitFor();
  const link = await drawer.locator('.qr-link a').getAttribute('href');
  assert.ok(link.startsWith(`${server.url}/checkin?t=`), `QR link not absolute: ${link}`);
  const svg = await page.evaluate(async (src) => (await fetch(src)).text(), await drawer.locator('img.qr-image').getAttribute('src'));
  assert.match(svg, /^<svg /);
  await page.screenshot({ path: path.join(SHOTS, 'life-meeting-qr-desktop.png') });
  // The token is "<meeting id>.<window end>.<MAC>".
  const meetingId = Number(new URL(link).searchParams.get('t').split('.')[0]);

  // The member opens the link on a phone: log in, change the password, signed in.
  const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const mp = await newPage(phone);
  await mp.goto(link);
  await signIn(mp, SIGNER.user, 'Initial-2024-pw', SIGNER.password);
  await mp.getByText('签到成功', { exact: true }).waitFor();
  assert.match(await mp.locator('.el-result__subtitle').innerText(), /支部党员大会/);
  const overflow = await overflowOf(mp);
  assert.ok(overflow <= 0, `/checkin is ${overflow}px wider than the screen`);
  await mp.screenshot({ path: path.join(SHOTS, 'life-checkin-ok-phone.png') });
  // The same link again: already signed, said calmly.
  await mp.goto(link);
  await mp.getByText('已签到', { exact: true }).waitFor();
  // Their own page lists the meeting as signed.
  await mp.goto(`${server.url}/me`);
  await mp.locator('.me-list li', { hasText: '学习党章' }).getByText('已签到').waitFor();
  await phone.close();

  // Back at the console: the record lists the member present, signed by QR.
  await page.goto(`${server.url}/meetings?org_id=${ids.branch}`);
  await page.getByRole('radio', { name: '列表' }).click({ force: true });
  await page.locator('.meeting-item', { hasText: '学习党章' }).click();
  const record = page.locator('.meeting-drawer');
  const row = record.locator('.attendance-list li', { hasText: SIGNER.name });
  await row.getByText('出席', { exact: true }).waitFor();
  await row.getByText(/^扫码/).waitFor();
  assert.match(await record.innerText(), /实到 1 人/);
  await page.screenshot({ path: path.join(SHOTS, 'life-meeting-present-desktop.png') });

  // The server agrees.
  const detail = await call(staff, '', 'GET', `/meetings/${meetingId}`);
  assert.equal(detail.status, 200);
  const mine = detail.body.attendance.find((a) => a.member_id === ids.signer);
  assert.equal(mine?.status, 'present');
  assert.equal(mine?.via, 'qr');

  // The compliance board counts the assembly for the branch this quarter (ORG-10).
  await t.test('the compliance board shows ORG-10 done for the branch this quarter; an ORG-13 reminder links to the lectures', async (st) => {
    const period = chinaQuarter();
    const probe = await call(staff, '', 'GET', `/compliance?org_id=${ids.branch}&period=${period}`);
    if (probe.status === 404) {
      st.skip('compliance API (GET /api/v1/compliance) answers 404: not merged');
      return;
    }
    assert.equal(probe.status, 200, JSON.stringify(probe.body));
    await page.goto(`${server.url}/compliance?period=${period}&org_id=${ids.branch}`);
    await page.getByRole('heading', { name: '合规看板', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    // Items already done are hidden until asked for.
    await page.getByText('含已完成', { exact: true }).click();
    const item = page.locator('.compliance-item', { has: page.locator('[data-rule="ORG-10"]') }).first();
    await item.waitFor();
    await item.getByText('已完成').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'life-compliance-org10-desktop.png'), fullPage: true });
    // Issue 12: the rate says what it counts (requirements already due:
    // done ÷ (done + overdue)), and what is still open stands apart, so a
    // 100.0% never sits beside unexplained open items.
    const r = probe.body.rollup;
    const decided = r.done + r.overdue;
    const rateStat = page.locator('.board-summary .compliance-rate');
    await rateStat.getByText('已到期要求合规率').waitFor();
    assert.equal((await rateStat.locator('b').innerText()).trim(),
      decided ? `${((r.done / decided) * 100).toFixed(1)}%` : '—');
    assert.equal((await page.locator('.board-summary .compliance-open b').innerText()).trim(), String(r.due));
    await page.locator('.board-summary .compliance-open').getByText('进行中（未到期）').waitFor();
    const note = await page.locator('.compliance-rate-note').innerText();
    assert.match(note, new RegExp(`已完成 ${r.done} 项 ÷（已完成 ${r.done} \\+ 逾期 ${r.overdue}）`));
    assert.match(note, new RegExp(`进行中 ${r.due} 项尚未到期，不计入合规率`));
    assert.equal(await page.locator('.board-summary').getByText('待完成', { exact: true }).count(), 0);

    // The alert centre reminds of this quarter's 党课 (ORG-13, still open); its link opens
    // the meetings page filtered to lectures of the branch.
    await page.goto(`${server.url}/alerts?org_id=${ids.branch}&kind=meeting_missing`);
    const alert = page.locator('.alert-item', { has: page.locator('[data-rule="ORG-13"]') }).first();
    await alert.getByText('会议待召开').waitFor();
    // The counts are the server's, over every page: they add up to the total.
    const counts = await page.locator('.alert-counts').innerText();
    const [total, ...bySeverity] = (counts.match(/\d+/g) ?? []).map(Number);
    assert.equal(bySeverity.length, 3, counts);
    assert.equal(bySeverity.reduce((a, b) => a + b, 0), total, counts);
    await alert.getByRole('button', { name: '去处理' }).click();
    await page.waitForURL((u) => u.pathname === '/meetings' && u.searchParams.get('kind') === 'lecture');
    await page.getByRole('heading', { name: '会议活动', exact: true }).waitFor();
    await page.locator('.el-form-item', { hasText: '会议类型' }).getByText('党课').waitFor();
  });
  await staff.close();
});

test("a secretary sets a member's dues (30.00 for 3000.01), sees a wrong amount refused beside the member, then records the month", async () => {
  const staff = await secretaryContext();
  const page = await newPage(staff);
  await page.goto(`${server.url}/dues?org_id=${ids.branch}`);
  const table = page.locator('.dues-table');
  const line = () => table.locator('.el-table__body tr', { hasText: SIGNER.name }).first();
  await line().getByText('未设置').waitFor();

  // The setting: category from the member's record, the base in yuan.
  await line().getByRole('button', { name: '党费设置' }).click();
  const setting = page.getByRole('dialog', { name: `${SIGNER.name} · 党费设置` });
  await setting.getByText('尚未设置党费标准。').waitFor();
  await setting.getByLabel('月工资收入基数（元）').fill('3000.01');
  await setting.getByRole('button', { name: '保存' }).click();
  await setting.waitFor({ state: 'hidden' });
  await line().getByText('30.00', { exact: true }).waitFor();

  // On the member's phone this month is due, not yet in arrears.
  const phone = await contextOf(browser, { user: SIGNER.user, password: 'Initial-2024-pw', newPassword: SIGNER.password },
    { viewport: { width: 390, height: 844 } });
  const myPage = await newPage(phone);
  await myPage.goto(`${server.url}/me`);
  await myPage.locator('.me-arrears', { hasText: '本月党费' }).getByText('待交').waitFor();

  // Bulk entry opens with nothing ticked (issue 12: one click recorded a
  // whole branch), so nothing can be recorded until someone is ticked.
  await page.getByRole('button', { name: '批量登记缴费' }).click();
  const bulk = page.getByRole('dialog', { name: /^批量登记/ });
  const mine = bulk.locator('.bulk-line', { hasText: SIGNER.name });
  await mine.waitFor();
  assert.equal(await bulk.locator('.bulk-line .el-checkbox.is-checked').count(), 0);
  assert.equal(await mine.getByLabel(`${SIGNER.name}缴纳金额`).count(), 0);
  assert.ok(await bulk.getByRole('button', { name: /^登记/ }).isDisabled());
  await bulk.getByText(/已选 0 人/).waitFor();
  await mine.locator('.el-checkbox').click();
  await bulk.getByText(/已选 1 人，合计 ¥30\.00/).waitFor();
  // A wrong amount: the count and total are confirmed first, then the
  // server refuses it beside the member (items[0].amount_fen), nothing recorded.
  const confirmBox = page.locator('.el-message-box');
  await mine.getByLabel(`${SIGNER.name}缴纳金额`).fill('29.00');
  await bulk.getByRole('button', { name: /^登记/ }).click();
  await confirmBox.getByText('登记 1 人，合计 ¥29.00').waitFor();
  await confirmBox.getByRole('button', { name: '确认登记' }).click();
  await mine.locator('.row-error').waitFor();
  assert.match(await mine.locator('.row-error').innerText(), /[\u4e00-\u9fa5]/);
  await mine.getByLabel(`${SIGNER.name}缴纳金额`).fill('30.00');
  // Going back from the confirmation records nothing.
  await bulk.getByRole('button', { name: /^登记/ }).click();
  await confirmBox.getByText('登记 1 人，合计 ¥30.00').waitFor();
  await confirmBox.getByRole('button', { name: '返回修改' }).click();
  await confirmBox.waitFor({ state: 'hidden' });
  assert.ok(await bulk.isVisible());
  await bulk.getByRole('button', { name: /^登记/ }).click();
  await confirmBox.getByRole('button', { name: '确认登记' }).click();
  await bulk.waitFor({ state: 'hidden' });
  await line().locator('td', { hasText: /^30\.00$/ }).nth(1).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'life-dues-paid-desktop.png'), fullPage: true });
  await myPage.reload();
  await myPage.locator('.me-arrears', { hasText: '欠缴月数' }).getByText('0', { exact: true }).waitFor();
  await phone.close();

  // The member's own dues answer agrees: this month paid.
  const d = await call(staff, '', 'GET', `/members/${ids.signer}/dues`);
  assert.equal(d.status, 200);
  assert.equal(d.body.current.due_fen, 3000);
  assert.equal(d.body.months.at(-1).status, 'paid');
  await staff.close();
});

test('the district opens 党费 on its overview by school, drills to the branch\'s ledger and back', async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/dues`);
  const summary = page.locator('.dues-summary-table');
  // The signer's 30.00 of this month (recorded above) counts in every level above the branch.
  const schoolRow = summary.locator('.el-table__body tr', { hasText: '示范第一中学党委' });
  await schoolRow.waitFor();
  assert.match(await schoolRow.innerText(), /100\.0%/);	// the only setting is the signer's, paid
  await schoolRow.click();
  const branchRow = summary.locator('.el-table__body tr', { hasText: '语文学科党支部' });
  await branchRow.waitFor();
  await branchRow.click();
  await page.locator('.dues-table .el-table__body tr', { hasText: SIGNER.name }).waitFor();
  await page.locator('.dues-back').click();
  await branchRow.waitFor();
  await page.locator('.dues-back').click();
  await schoolRow.waitFor();
  assert.equal(await page.locator('.dues-back').count(), 0);
  await page.close();
});

test('a secretary reverses a payment recorded by mistake: a reason is required, the month is unpaid again, and can be recorded again', async () => {
  const staff = await secretaryContext();
  const page = await newPage(staff);
  await page.goto(`${server.url}/dues?org_id=${ids.branch}`);
  const line = () => page.locator('.dues-table .el-table__body tr', { hasText: SIGNER.name }).first();
  await line().locator('td', { hasText: /^30\.00$/ }).nth(1).waitFor();
  await line().getByRole('button', { name: '撤销登记' }).click();
  const box = page.locator('.el-message-box');
  await box.getByText(/撤销「李建国」.*¥30\.00/).waitFor();
  await box.getByRole('button', { name: '撤销登记' }).click();
  await box.getByText('请填写撤销原因').waitFor();	// no reason: nothing sent
  await box.locator('input').fill('误登记，该党员本月尚未交纳');
  await box.getByRole('button', { name: '撤销登记' }).click();
  await box.waitFor({ state: 'hidden' });
  await line().getByText('未交').waitFor();
  assert.equal(await line().getByRole('button', { name: '撤销登记' }).count(), 0);
  let d = await call(staff, '', 'GET', `/members/${ids.signer}/dues`);
  assert.equal(d.body.months.at(-1).status, 'unpaid');
  // Recorded again, correctly.
  await page.getByRole('button', { name: '批量登记缴费' }).click();
  const bulk = page.getByRole('dialog', { name: /^批量登记/ });
  await bulk.locator('.bulk-line', { hasText: SIGNER.name }).locator('.el-checkbox').click();
  await bulk.getByRole('button', { name: /^登记/ }).click();
  await box.getByText('登记 1 人，合计 ¥30.00').waitFor();
  await box.getByRole('button', { name: '确认登记' }).click();
  await bulk.waitFor({ state: 'hidden' });
  await line().getByRole('button', { name: '撤销登记' }).waitFor();
  d = await call(staff, '', 'GET', `/members/${ids.signer}/dues`);
  assert.equal(d.body.months.at(-1).status, 'paid');
  await staff.close();
});

test('a secretary transfers a member to another branch: create, approve, letter (required), receive', async () => {
  const staff = await secretaryContext();
  const page = await newPage(staff);
  await page.goto(`${server.url}/transfers`);
  await page.getByRole('button', { name: '新建转接' }).click();
  const form = page.getByRole('dialog', { name: '新建组织关系转接' });
  await form.locator('.el-form-item', { hasText: '党员' }).first().locator('.el-select__wrapper').click();
  await page.keyboard.type(MOVER.name);
  await page.getByRole('option', { name: new RegExp(`^${MOVER.name}`) }).filter({ visible: true }).click();
  await form.locator('.el-form-item', { hasText: '转入党支部' }).locator('.el-select__wrapper').click();
  await page.locator('.el-tree-select__popper .el-tree-node__content:visible', { hasText: '数学学科党支部' }).first().click();
  await form.getByLabel('转接原因').fill('工作调动');
  await form.getByRole('button', { name: '保存' }).click();
  await form.waitFor({ state: 'hidden' });

  const row = () => page.locator('.el-table__body tr', { hasText: MOVER.name }).first();
  /** Runs one step from the row's button through its dialog. */
  async function step(action, fill) {
    await row().getByRole('button', { name: action }).click();
    const dlg = page.getByRole('dialog', { name: `${action} · ${MOVER.name}` });
    if (fill) await fill(dlg);
    await dlg.getByRole('button', { name: action }).click();
    await dlg.waitFor({ state: 'hidden' });
  }
  await row().getByText('草稿').waitFor();
  await step('审批');
  await row().getByText('已审批').waitFor();
  await step('开出介绍信', async (dlg) => {
    // The letter number is required: said beside the field, nothing sent.
    await dlg.getByRole('button', { name: '开出介绍信' }).click();
    await dlg.getByText('请填写介绍信编号').waitFor();
    await dlg.getByLabel('介绍信编号').fill('语支〔2026〕8号');
  });
  await row().getByText('在途', { exact: true }).waitFor();
  await step('接收');
  await row().getByText('已完成', { exact: true }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'life-transfer-done-desktop.png'), fullPage: true });

  const m = await call(staff, '', 'GET', `/members/${ids.mover}`);
  assert.equal(m.body.org_id, ids.branch2);
  await staff.close();
});

test('a secretary records a member arriving from outside with a new record (待转入), receives them, and they join the branch list', async () => {
  const staff = await secretaryContext();
  const page = await newPage(staff);
  await page.goto(`${server.url}/transfers`);
  await page.getByRole('button', { name: '新建转接' }).click();
  const form = page.getByRole('dialog', { name: '新建组织关系转接' });
  await form.getByText('从区外转入', { exact: true }).click();
  // 新党员档案 is the default choice: the record's compact form, not the member search.
  await form.getByText('新党员档案', { exact: true }).waitFor();
  assert.equal(await form.getByText('输入姓名查找').count(), 0);
  await form.locator('.el-form-item', { hasText: '转入党支部' }).locator('.el-select__wrapper').click();
  await page.locator('.el-tree-select__popper .el-tree-node__content:visible', { hasText: '语文学科党支部' }).first().click();
  await form.getByLabel('原所在单位党组织').fill('四川省成都市某中学党支部');
  await form.getByLabel('介绍信编号').fill('川组转〔2026〕12号');
  await form.getByLabel('姓名', { exact: true }).fill(ARRIVING.name);
  await form.getByLabel('身份证号').fill(ARRIVING.idCard);
  await form.getByLabel('入党日期').fill('2010-07-01');
  await form.getByLabel('入党日期').press('Enter');
  // A full member needs the date of becoming full: refused beside the field, nothing created.
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByText('正式党员须填写转正日期').waitFor();
  const none = await call(staff, '', 'GET', `/members?org_id=${ids.branch}&state=incoming`);
  assert.equal(none.body.total, 0);
  await form.getByLabel('转正日期').fill('2011-07-01');
  await form.getByLabel('转正日期').press('Enter');
  await form.getByRole('button', { name: '保存' }).click();
  await form.waitFor({ state: 'hidden' });

  // Not a member of the branch before receipt (XFER-01): listed only as 待转入.
  const row = () => page.locator('.el-table__body tr', { hasText: ARRIVING.name }).first();
  await row().getByText('新档案').waitFor();
  await row().getByText('在途', { exact: true }).waitFor();
  const members = await newPage(staff);
  await members.goto(`${server.url}/members?org_id=${ids.branch}&state=incoming`);
  await members.locator('.el-table__body tr', { hasText: ARRIVING.name }).getByText('待转入').waitFor();
  const before = await call(staff, '', 'GET', `/members?org_id=${ids.branch}`);
  assert.ok(!before.body.items.some((m) => m.name === ARRIVING.name));

  await row().getByRole('button', { name: '接收' }).click();
  const dlg = page.getByRole('dialog', { name: `接收 · ${ARRIVING.name}` });
  await dlg.getByRole('button', { name: '接收' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await row().getByText('已完成', { exact: true }).waitFor();

  // Received: a member of the branch, in its default (正常) list, without the tag.
  await members.goto(`${server.url}/members?org_id=${ids.branch}`);
  const listed = members.locator('.el-table__body tr', { hasText: ARRIVING.name });
  await listed.waitFor();
  assert.equal(await listed.getByText('待转入').count(), 0);
  await members.screenshot({ path: path.join(SHOTS, 'life-transfer-in-member-desktop.png'), fullPage: true });
  await staff.close();
});

test('an administrator waives an overdue branch assembly (ORG-10) with a reason, then revokes the waiver', async () => {
  // A branch founded in 2025 with no meetings: its 2025-Q3 assembly is overdue.
  const csrf = (await call(admin, '', 'GET', '/session')).body.csrf_token;
  const branch = await created(admin, csrf, '/orgs', {
    name: '历史学科党支部', kind: 'branch', parent_id: ids.school, founded_on: '2025-01-01',
  });
  const REASON = '校舍改造停课';
  const page = await newPage(admin);
  await page.goto(`${server.url}/compliance?period=2025-Q3&org_id=${branch.id}`);
  const item = page.locator('.compliance-item', { has: page.locator('[data-rule="ORG-10"]') });
  await item.getByText('逾期未完成', { exact: true }).waitFor();

  await item.getByRole('button', { name: '豁免' }).click();
  const dlg = page.getByRole('dialog', { name: '豁免考核要求' });
  await dlg.waitFor();
  const facts = await dlg.locator('.exempt-facts').innerText();
  // The rule by its name (issue 12), its ID in the tooltip.
  for (const text of ['历史学科党支部', '支部党员大会', '2025年第3季度']) assert.match(facts, new RegExp(text));
  // The reason is required: said beside the field, nothing sent.
  await dlg.getByRole('button', { name: '豁免', exact: true }).click();
  await dlg.getByText('请填写豁免原因').waitFor();
  await dlg.getByLabel('豁免原因').fill(REASON);
  await dlg.getByRole('button', { name: '豁免', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await item.getByText('已豁免', { exact: true }).waitFor();
  assert.match(await item.locator('.compliance-item-msg').innerText(), new RegExp(REASON));
  await page.screenshot({ path: path.join(SHOTS, 'life-compliance-exempt-desktop.png'), fullPage: true });

  // The same waiver again is refused with the server's message.
  const again = await call(admin, csrf, 'POST', '/compliance/exemptions', {
    org_id: branch.id, rule: 'ORG-10', period: '2025-Q3', reason: REASON,
  });
  assert.equal(again.status, 409, JSON.stringify(again.body));

  // Revoked in the records (after a confirmation): overdue again.
  const record = page.locator('.exemption-records .el-table__body tr', { hasText: REASON }).first();
  await record.locator('[data-rule="ORG-10"]', { hasText: '支部党员大会' }).waitFor();
  await record.getByRole('button', { name: '撤销' }).click();
  const confirm = page.getByRole('dialog', { name: '撤销豁免' });
  await confirm.getByRole('button', { name: '撤销' }).click();
  await item.getByText('逾期未完成', { exact: true }).waitFor();
  await page.locator('.exemption-records').getByText('没有豁免记录').waitFor();
  const list = await call(admin, '', 'GET', `/compliance/exemptions?org_id=${branch.id}`);
  assert.equal(list.body.total, 0);
  await page.close();
});

test('no script errors in the pages', () => {
  assert.deepEqual(pageErrors, []);
});
