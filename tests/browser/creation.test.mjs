// The dual-creation and dual-strengthening console (issue 6) in Debian's
// chromium against a real server: each page opens without script errors at
// desktop and phone size, a brand project walks through two stages in the
// console, and the confidential ethics cases appear only with a grant.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ADMIN_PASSWORD, loginDistrict, createUser, SHOTS, SIZES, pageErrors, start, launch, finish, newPage, login, overflowOf, call as callAs, created as createdAs,
} from './harness.mjs';

/** Path, heading, a text the page always shows, and its menu entry. */
const PAGES = [
  { path: '/alliances', title: '党建+教育集团联盟', shows: '联盟与成员学校', menu: '联盟' },
  { path: '/brands', title: '党建品牌与课题', shows: '党建研究课题', menu: '党建品牌' },
  { path: '/posts', title: '党员责任区、先锋岗、示范课堂', shows: '在岗', menu: '党员先锋岗' },
  { path: '/ideology', title: '大思政课', shows: '行走的思政课', menu: '大思政课' },
  { path: '/clean-schools', title: '清廉学校建设', shows: '自评记录', menu: '清廉学校' },
  { path: '/ethics', title: '师德师风建设', shows: '表彰与典型案例', menu: '师德师风' },
  { path: '/creation', title: '双创双强年度台账', shows: '各校情况', menu: '双创双强台账' },
];

let server;
let browser;
let admin;
let csrf;
const ids = {};

/** The API as the district account (harness.mjs's call and created with its context and token). */
const call = (method, apiPath, data) => callAs(admin, csrf, method, apiPath, data);

const created = (apiPath, data, status = 201) => createdAs(admin, csrf, apiPath, data, status);

/** A day `n` days ago in China time, YYYY-MM-DD. */
function daysAgo(n) {
  return new Date(Date.now() + 8 * 3600 * 1000 - n * 86400 * 1000).toISOString().slice(0, 10);
}

before(async () => {
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN' });
  csrf = await loginDistrict(admin);

  // Two schools with their party committees, a member, an alliance and its
  // first activity, a declared brand project: what the pages show.
  const a = await created('/schools', { name: '红岩第一中学', stage: 'junior', ownership: 'public' });
  const b = await created('/schools', { name: '红岩实验小学', stage: 'primary', ownership: 'public' });
  const district = await created('/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const pcA = await created('/orgs', { name: '红岩第一中学党委', kind: 'party_committee', parent_id: district.id, school_id: a.id });
  await created('/orgs', { name: '红岩实验小学党委', kind: 'party_committee', parent_id: district.id, school_id: b.id });
  const branch = await created('/orgs', { name: '语文学科党支部', kind: 'branch', parent_id: pcA.id });
  const member = await created('/members', {
    name: '周红梅', id_card: '110105198001010024', gender: 'female', birth_date: '1980-01-01',
    category: 'in_service', status: 'full', joined_on: '2005-07-01', full_on: '2006-07-01', org_id: branch.id,
  });
  const alliance = await created('/alliances', { name: '红岩教育集团党建联盟', lead_school_id: a.id, school_ids: [b.id] });
  await created(`/alliances/${alliance.id}/activities`, {
    kind: 'joint_study', held_on: daysAgo(0), host_school_id: a.id, title: '联合学习', attendance: 30,
  });
  const project = await created('/brands', {
    school_id: a.id, name: '红岩先锋工程', aim: '党建引领课程育人', level: 'district', declared_on: daysAgo(30),
  });
  await created('/posts', { school_id: a.id, member_id: member.id, kind: 'vanguard', name: '教学先锋岗', since: daysAgo(10) });
  await created('/ethics/activities', { school_id: a.id, action: 'soul', held_on: daysAgo(3), title: '师德专题学习' });
  Object.assign(ids, { a: a.id, b: b.id, project: project.id });
});

after(() => finish(browser, server));

for (const size of SIZES) {
  test(`each creation page opens without errors (${size.name} ${size.width}x${size.height})`, async () => {
    const page = await newPage(admin);
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const p of PAGES) {
      await page.goto(server.url + p.path);
      await page.getByRole('heading', { name: p.title, exact: true }).waitFor();
      await page.getByText(p.shows, { exact: true }).first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('.el-skeleton').count(), 0, `${p.path} still loading`);
      const overflow = await overflowOf(page);
      assert.ok(overflow <= 0, `${p.path} is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(SHOTS, `creation${p.path.replace('/', '-')}-${size.name}.png`), fullPage: true });
    }
    if (size.name === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
    for (const p of PAGES) await page.locator('.nav-menu:visible').getByText(p.menu, { exact: true }).first().waitFor({ state: 'attached' });
    await page.close();
    assert.deepEqual(pageErrors, []);
  });
}

test('the board shows this month\'s joint study of the alliance', async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/alliances`);
  const row = page.locator('.four-ones-board .el-table__row', { hasText: '红岩教育集团党建联盟' });
  await row.getByText('已完成 1').waitFor();
  await row.getByText('1/4').waitFor();
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test('a brand project walks through two stages in the console', async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/brands`);
  await page.getByRole('button', { name: '红岩先锋工程' }).first().click();
  const dlg = page.getByRole('dialog', { name: '红岩先锋工程' });
  await dlg.locator('.brand-timeline').waitFor();

  // 申报 → 培育: a date is enough.
  await dlg.getByRole('button', { name: '进入下一阶段' }).click();
  let step = page.getByRole('dialog', { name: /进入“培育”阶段/ });
  await step.getByRole('button', { name: '确定' }).click();
  await step.waitFor({ state: 'hidden' });
  await dlg.locator('.el-step__head.is-success').first().waitFor();

  // 培育 → 中期评估: the evaluation result is required.
  await dlg.getByRole('button', { name: '进入下一阶段' }).click();
  step = page.getByRole('dialog', { name: /进入“中期评估”阶段/ });
  await step.getByRole('button', { name: '确定' }).click();
  await step.getByText('请填写评估结果').waitFor();
  await step.locator('input[name="result"]').fill('中期评估良好');
  await step.getByRole('button', { name: '确定' }).click();
  await step.waitFor({ state: 'hidden' });
  await dlg.getByText('中期评估良好', { exact: false }).first().waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'creation-brand-timeline.png') });

  const r = await call('GET', `/brands/${ids.project}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.stage, 'midterm');
  assert.deepEqual(r.body.timeline.map((t) => t.stage), ['declared', 'cultivating', 'midterm']);
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test('a clean-school self-check is scored on the shipped sheet', async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/clean-schools`);
  await page.getByRole('button', { name: '建设自评' }).click();
  const dlg = page.getByRole('dialog', { name: '清廉学校建设自评' });
  await dlg.locator('.school-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '红岩第一中学' }).click();
  await dlg.locator('.el-table .el-input-number input').first().fill('1');
  await dlg.locator('.el-table .el-input-number input').first().blur();
  await dlg.getByRole('button', { name: '提交自评' }).click();
  await dlg.waitFor({ state: 'hidden' });
  const r = await call('GET', '/clean-schools/checks');
  assert.equal(r.status, 200);
  assert.equal(r.body.items.length, 1);
  assert.equal(r.body.items[0].school_id, ids.a);
  assert.ok(r.body.items[0].total > 0, JSON.stringify(r.body.items[0]));
  await page.getByText(r.body.items[0].grade, { exact: true }).first().waitFor();
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test('the confidential ethics cases show only after the district grants them', async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/ethics`);
  await page.getByText('违纪案件查阅授权').waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getByText('违纪案件（保密）').count(), 0);

  const me = await call('GET', '/session');
  await created('/ethics/grants', { user_id: me.body.user.id, note: '区纪检' }, 200);
  await created('/ethics/cases', { school_id: ids.a, person: '张某', occurred_on: daysAgo(5), summary: '违规有偿补课' });
  await page.reload();
  await page.getByText('违纪案件（保密）').waitFor();
  await page.getByText('违规有偿补课').first().waitFor();
  await page.close();
  assert.deepEqual(pageErrors, []);
});

/** Logs username in a new context (changing the initial password); returns the context. */
async function loginContext(username, password, newPassword, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  let res = await context.request.post(`${server.url}/api/v1/session`, { data: { username, password } });
  let body = await res.json();
  assert.equal(res.status(), 200, JSON.stringify(body));
  if (body.user.must_change_password) {
    res = await context.request.post(`${server.url}/api/v1/session/password`, {
      data: { old_password: password, new_password: newPassword }, headers: { 'X-CSRF-Token': body.csrf_token },
    });
    body = await res.json();
    assert.equal(res.status(), 200, JSON.stringify(body));
  }
  return context;
}

test('a school saves its self-check as a draft and submits it later; the district sees it only then', async () => {
  const orgs = await call('GET', '/orgs?per_page=100');
  const pcA = orgs.body.items.find((o) => o.name === '红岩第一中学党委');
  await createUser({ username: 'sec_hy1', password: 'Initial-2024-pw', role: 'secretary', scope: [pcA.id] });
  const before = (await call('GET', '/clean-schools/checks')).body.items.length;
  const context = await loginContext('sec_hy1', 'Initial-2024-pw', 'Qinglian-2024-ok1', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  await page.goto(`${server.url}/clean-schools`);
  await page.getByRole('button', { name: '建设自评' }).click();
  const dlg = page.getByRole('dialog', { name: '清廉学校建设自评' });
  await dlg.locator('.el-table .el-input-number input').first().fill('1');
  await dlg.locator('.el-table .el-input-number input').first().blur();
  await dlg.getByRole('button', { name: '保存草稿' }).click();
  await dlg.waitFor({ state: 'hidden' });
  const row = page.locator('.el-table__row', { hasText: '草稿' });
  await row.waitFor();
  // The district does not see the draft.
  assert.equal((await call('GET', '/clean-schools/checks')).body.items.length, before);
  await row.getByRole('button', { name: '提交' }).click();
  await page.getByText('自评已提交').first().waitFor();
  await page.locator('.el-table__row', { hasText: '已提交' }).first().waitFor();
  const after = await call('GET', '/clean-schools/checks');
  assert.equal(after.body.items.length, before + 1);
  assert.equal(after.body.items.filter((c) => c.state === 'submitted').length, before + 1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `/clean-schools is ${overflow}px wider than the screen`);
  await page.screenshot({ path: path.join(SHOTS, 'creation-clean-draft-phone.png'), fullPage: true });
  await context.close();
  assert.deepEqual(pageErrors, []);
});

test('a declared brand project is renamed and deleted in the console', async () => {
  const project = await created('/brands', {
    school_id: ids.a, name: '待删除的品牌', aim: '试点', level: 'district', declared_on: daysAgo(3),
  });
  const page = await newPage(admin);
  await page.goto(`${server.url}/brands`);
  await page.getByRole('button', { name: '待删除的品牌' }).first().click();
  let dlg = page.getByRole('dialog', { name: '待删除的品牌' });
  await dlg.getByRole('button', { name: '修改项目' }).click();
  const form = page.getByRole('dialog', { name: '修改党建品牌项目' });
  await form.locator('input[name="name"]').fill('已改名的品牌');
  await form.getByRole('button', { name: '保存' }).click();
  await form.waitFor({ state: 'hidden' });
  dlg = page.getByRole('dialog', { name: '已改名的品牌' });
  await dlg.getByRole('button', { name: '删除项目' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
  await dlg.waitFor({ state: 'hidden' });
  assert.equal((await call('GET', `/brands/${project.id}`)).status, 404);
  // A project past declaration offers no delete.
  await page.getByRole('button', { name: '红岩先锋工程' }).first().click();
  const kept = page.getByRole('dialog', { name: '红岩先锋工程' });
  await kept.getByRole('button', { name: '修改项目' }).waitFor();
  assert.equal(await kept.getByRole('button', { name: '删除项目' }).count(), 0);
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test('the year-end ledger shows the study figures of each school', async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/creation`);
  await page.getByText('参学党员', { exact: true }).first().waitFor();
  await page.getByText('优秀交流案例', { exact: true }).first().waitFor();
  await page.getByRole('columnheader', { name: '读书会' }).first().waitFor();
  const r = await call('GET', '/creation/summary');
  assert.equal(r.status, 200);
  assert.ok(r.body.items.every((it) => Number.isInteger(it.studied) && typeof it.study_hours === 'number'), JSON.stringify(r.body.items[0]));
  await page.close();
  assert.deepEqual(pageErrors, []);
});
