// Issue 12 in Debian's chromium against a real server: a member's phone
// home (我的) at 390 px — their organization card, dues this month and the
// history, study points with ranks — with no staff menu, nothing wider
// than the screen and touch targets of at least 44 px; the console's
// session check before login without a console error; rule IDs shown by
// name with the ID in a tooltip; 用户管理 searched on the server; the
// assessment page opening on the latest assessment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  SHOTS, pageErrors, start, launch, finish, newPage, loginDistrict, createUser, created, call,
  contextOf, overflowOf, signIn, SECADMIN_PASSWORD,
} from './harness.mjs';

const PHONE = { width: 390, height: 844 };
/** A long organization name, cut on the phone (its whole name in a tooltip). */
const LONG_SCHOOL = '重庆市示范区实验外国语学校（集团）第一分校中共党员委员会';
const MEMBER = { user: 'phonehome1', password: 'Initial-2024-pw', newPassword: 'Member-2024-ok', name: '周新月' };
const SECRETARY_NAME = '陈书记';
const STAFF_MENUS = ['督查考核', '党员', '组织机构', '学校', '合规看板', '党费', '预警中心', '会议活动'];

let server;
let browser;
let admin;
let csrf;
const ids = {};

/** An 18-character ID number with its ISO 7064 MOD 11-2 check character. */
function idCard(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** This month and last month as YYYY-MM, China time. */
function months() {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  const ym = (y, m) => `${y}-${String(m + 1).padStart(2, '0')}`;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { now: ym(y, m), last: m ? ym(y, m - 1) : ym(y - 1, 11), today: d.toISOString().slice(0, 10) };
}

before(async () => {
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN' });
  csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: LONG_SCHOOL, kind: 'party_committee', parent_id: district.id });
  const branch = await created(admin, csrf, '/orgs', { name: '语文学科党支部', kind: 'branch', parent_id: school.id });
  const member = await created(admin, csrf, '/members', {
    name: MEMBER.name, id_card: idCard('11010519800101002'), gender: 'female',
    category: 'in_service', status: 'full', joined_on: '2005-07-01', full_on: '2006-07-01', org_id: branch.id,
  });
  const secretary = await created(admin, csrf, '/members', {
    name: SECRETARY_NAME, id_card: idCard('11010519750505001'), gender: 'male',
    category: 'in_service', status: 'full', joined_on: '2000-07-01', full_on: '2001-07-01', org_id: branch.id,
  });
  let r = await call(admin, csrf, 'PUT', `/orgs/${branch.id}/committee`, {
    items: [{ member_id: secretary.id, post: 'secretary', from_on: '2020-01-01', to_on: null }],
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // Dues: 30.00 a month from last month; last month paid, this month due.
  const m = months();
  r = await call(admin, csrf, 'PUT', `/members/${member.id}/dues`, { category: 'in_service', base_fen: 300001, from: m.last });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  await created(admin, csrf, '/dues/payments', {
    items: [{ member_id: member.id, month: m.last, amount_fen: 3000, paid_on: m.today, method: 'wechat' }],
  });
  await createUser({ username: MEMBER.user, password: MEMBER.password, role: 'member', member_id: member.id });
  Object.assign(ids, { school: school.id, branch: branch.id, member: member.id });
});

after(async () => {
  await admin?.close();
  await finish(browser, server);
});

test('the login page checks for a session without a single console message of error (no 401)', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  // Every console error, failed loads included (the harness leaves those out).
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));
  const statuses = [];
  page.on('response', (res) => { if (res.url().includes('/api/v1/')) statuses.push(`${res.status()} ${new URL(res.url()).pathname}`); });
  await page.goto(`${server.url}/members`);
  await page.getByRole('button', { name: '登 录' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(errors, []);
  assert.ok(statuses.includes('200 /api/v1/session'), statuses.join(', '));
  assert.ok(!statuses.some((s) => s.startsWith('4')), statuses.join(', '));
  await context.close();
});

test('a member on a 390-px phone lands on their home: org card, dues, points; no staff menu, no overflow, 44-px targets', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  const before = pageErrors.length;
  await page.goto(`${server.url}/`);
  await signIn(page, MEMBER.user, MEMBER.password, MEMBER.newPassword);
  // The first page after login is the member's home.
  await page.waitForURL('**/me');
  await page.locator('.me-name').getByText(MEMBER.name).waitFor();

  // Their organization card.
  const card = page.locator('.me-org-card');
  await card.getByText(LONG_SCHOOL).waitFor();
  for (const text of ['语文学科党支部', '2005-07-01', '2006-07-01', SECRETARY_NAME, '正式党员']) {
    await card.getByText(text).first().waitFor();
  }
  // The long name is cut on the phone, with the whole name as its tooltip.
  assert.equal(await card.locator(`dd[title="${LONG_SCHOOL}"]`).count(), 1);

  // Dues: this month due, last month paid, 30.00 a month; the rule by its name.
  const dues = page.locator('.me-card', { hasText: '我的党费' });
  await dues.getByText('30.00').first().waitFor();
  await dues.getByText('待交').first().waitFor();
  await dues.getByText('已交').first().waitFor();
  const rule = dues.locator('.rule-ref[data-rule="DUES-02"]');
  assert.equal((await rule.innerText()).trim(), '在职党员交纳比例');
  await rule.hover();
  await page.locator('.el-popper:visible', { hasText: 'DUES-02：' }).waitFor();

  // Study points with ranks, the other cards and the quick links.
  const points = page.locator('.me-card', { hasText: '学习积分' });
  await points.getByText('支部排名').waitFor();
  for (const title of ['待参加的会议', '经验交流', '我的提醒', '党费测算']) await page.getByText(title, { exact: true }).first().waitFor();
  await page.locator('.me-links').getByText('通知公告').waitFor();

  await page.waitForLoadState('networkidle');
  const overflow = await overflowOf(page);
  assert.ok(overflow <= 0, `/me is ${overflow}px wider than the 390-px screen`);
  // Touch targets: the links and buttons of the home are at least 44 px high.
  const small = await page.locator('.me-page .me-link, .me-page .me-cases a, .me-page .el-button:visible, .menu-toggle, .user-chip')
    .evaluateAll((els) => els.map((e) => [e.textContent.trim(), e.getBoundingClientRect().height]).filter(([, h]) => h < 44));
  assert.deepEqual(small, []);
  await page.screenshot({ path: path.join(SHOTS, 'phone-me-390.png'), fullPage: true });

  // The menu follows the role: no staff menu or group.
  await page.getByRole('button', { name: '打开菜单' }).click();
  const menu = page.locator('.nav-drawer .nav-menu');
  await menu.getByText('我的', { exact: true }).waitFor();
  await menu.getByText('交流学习', { exact: true }).waitFor();
  for (const title of STAFF_MENUS) assert.equal(await menu.getByText(title, { exact: true }).count(), 0, title);
  // A staff page's address leads back to 我的.
  await page.goto(`${server.url}/schools`);
  await page.waitForURL('**/me');
  await page.locator('.me-name').getByText(MEMBER.name).waitFor();
  assert.deepEqual(pageErrors.slice(before), []);
  await context.close();
});

test('用户管理 searches accounts by username and role on the server', async () => {
  await createUser({ username: 'searchme01', password: 'Initial-2024-pw', role: 'inspector' });
  await createUser({ username: 'searchme02', password: 'Initial-2024-pw', role: 'inspector' });
  const context = await contextOf(browser, { user: 'secadmin', password: server.secadminPassword, newPassword: SECADMIN_PASSWORD });
  const page = await newPage(context);
  const before = pageErrors.length;
  await page.goto(`${server.url}/users`);
  const rows = page.locator('.el-table__body tr');
  await rows.first().waitFor();
  const searched = page.waitForResponse((res) => res.url().includes('/api/v1/users?') && res.url().includes('q=searchme'));
  await page.locator('.users-search').getByPlaceholder('输入用户名查找').fill('searchme');
  await page.locator('.users-search').getByRole('button', { name: '查询' }).click();
  const answer = await (await searched).json();
  assert.equal(answer.total, 2);
  await page.waitForFunction(() => document.querySelectorAll('.el-table__body tr').length === 2);
  const names = await rows.locator('td:first-child').allInnerTexts();
  assert.deepEqual(names.map((n) => n.trim()).sort(), ['searchme01', 'searchme02']);
  await page.locator('.users-search').getByPlaceholder('输入用户名查找').fill('searchme02');
  await page.locator('.users-search').getByRole('button', { name: '查询' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.el-table__body tr').length === 1);
  assert.equal((await rows.first().locator('td:first-child').innerText()).trim(), 'searchme02');
  assert.deepEqual(pageErrors.slice(before), []);
  await context.close();
});

test('the assessment page opens on the latest year that has an assessment, not on an empty year', async () => {
  const year = Number(months().now.slice(0, 4)) - 1;
  const r = await call(admin, csrf, 'POST', `/assessments/${year}/run`);
  assert.ok(r.status === 200 || r.status === 201, JSON.stringify(r.body));
  const page = await newPage(admin);
  const before = pageErrors.length;
  await page.goto(`${server.url}/assessments`);
  await page.waitForURL((u) => u.searchParams.get('year') === String(year));
  await page.locator('.assess-year').getByText(String(year)).first().waitFor();
  await page.getByText(`${year} 年度等次分布`).waitFor();
  // An explicit year in the address is kept.
  await page.goto(`${server.url}/assessments?year=${year + 1}`);
  await page.getByText(`${year + 1} 年度等次分布`).waitFor();
  assert.deepEqual(pageErrors.slice(before), []);
  await page.close();
});

/** Every rule ID inside a string literal of the server's C sources (its messages and rule fields). */
async function serverRuleIds() {
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
  const ids = new Set();
  for (const entry of await readdir(src, { recursive: true })) {
    if (!entry.endsWith('.c')) continue;
    const text = await readFile(path.join(src, entry), 'utf8');
    for (const literal of text.match(/"(?:[^"\\\n]|\\.)*"/g) ?? []) {
      for (const m of literal.matchAll(/\b[A-Z]{2,5}-\d{2}\b/g)) ids.add(m[0]);
    }
  }
  return [...ids].sort();
}

test('every rule ID the server names has a Chinese name and text; its refusals show the name with the ID', async () => {
  const ruleIds = await serverRuleIds();
  assert.ok(ruleIds.length > 30, ruleIds.join(' '));
  const page = await newPage(admin);
  const before = pageErrors.length;
  await page.goto(`${server.url}/`);
  await page.locator('.layout-header').waitFor();
  const seen = await page.evaluate(async ({ list, member }) => {
    const { RULES } = await import('/rules.js');
    const { api } = await import('/api.js');
    // A reduction without the higher committee's approval: refused naming DUES-06.
    const refusal = await api.put(`/members/${member}/dues`, { category: 'in_service', base_fen: 300001, reduced_fen: 0 })
      .then(() => null, (err) => ({ status: err.status, approval: err.fields.approval ?? '' }));
    return { missing: list.filter((id) => !RULES[id]?.name || !RULES[id]?.text), refusal };
  }, { list: ruleIds, member: ids.member });
  assert.deepEqual(seen.missing, []);
  assert.equal(seen.refusal?.status, 422);
  assert.match(seen.refusal.approval, /少交或免交审批 DUES-06/);
  assert.deepEqual(pageErrors.slice(before), []);
  await page.close();
});
