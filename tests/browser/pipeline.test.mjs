// The membership development pipeline (issue 5) in Debian's chromium: one
// person walked through the 25 steps from application (2024) to full
// membership (2026) on the 发展党员 page, the clock moved forward by
// restarting the server on the same database with --today. Checks the
// board by stage, a step refused by its rule (DEV-07), the probationary
// member created at admission, the conversion alert, and the phone layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_PASSWORD, DISTRICT_USER, SHOTS, pageErrors, start, launch, finish, newPage, call, login, overflowOf, created as createdAs,
} from './harness.mjs';

const PERSON = { name: '林晓雨', idCard: '500103199505061233' };
const FULL = [
  { name: '陈书记', idCard: '110105197505050033', gender: 'male', birth: '1975-05-05' },
  { name: '张老师', idCard: '110105198001010024', gender: 'female', birth: '1980-01-01' },
];

let server;
let browser;
let dir;
const ids = {};

/** A new context logged in as the district account (the first login changes the password). */
async function adminContext(first) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const csrf = await login(context, DISTRICT_USER, first ?? ADMIN_PASSWORD, ADMIN_PASSWORD);
  return { context, csrf };
}

const created = (ctx, apiPath, data) => createdAs(ctx.context, ctx.csrf, apiPath, data);

/** Stops the server (keeping its database) and serves it again as of `today`. */
async function moveClock(today) {
  if (server) assert.equal(await server.stop({ keep: true }), 0, server.output());
  server = await start({ dir, today });
}

/** The person's page (the board's drawer), as admin. */
async function openPerson(ctx) {
  const page = await newPage(ctx.context);
  await page.goto(`${server.url}/applicants?open=${ids.person}`);
  await page.locator('.applicant-timeline').waitFor();
  return page;
}

async function pickDate(dlg, name, value) {
  const input = dlg.locator(`input[name="${name}"]`);
  await input.fill(value);
  await input.press('Enter');
}

async function pickPeople(page, dlg, cls, names) {
  await dlg.locator(`.${cls}`).click();
  for (const n of names) {
    await page.locator('.el-select-dropdown__item:visible', { hasText: n }).click();
    await dlg.locator(`.${cls} .el-tag`, { hasText: n }).waitFor();
  }
  await dlg.locator('.el-dialog__title').click();
}

/** Records the next step through its dialog; `fill` fills the step's own fields. */
async function record(page, no, date, fill) {
  await page.getByRole('button', { name: `记录第${no}步`, exact: true }).click();
  const dlg = page.locator('.el-dialog', { hasText: `第${no}步 · ` });
  await dlg.waitFor();
  await pickDate(dlg, 'date', date);
  if (fill) await fill(dlg);
  await dlg.getByRole('button', { name: '记录', exact: true }).click();
  try {
    await dlg.waitFor({ state: 'hidden' });
  } catch (err) {
    throw new Error(`step ${no} not recorded: ${await dlg.innerText()}`, { cause: err });
  }
  await page.locator(`.el-timeline-item[data-step="${no}"]`).getByText('已完成', { exact: true }).waitFor();
}

before(async () => {
  browser = await launch();
  server = await start({ today: '2024-01-20' });
  dir = server.dir;
  const ctx = await adminContext(server.districtPassword);
  const district = await created(ctx, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(ctx, '/orgs', { name: '示范第二中学党委', kind: 'party_committee', parent_id: district.id });
  const branch = await created(ctx, '/orgs', { name: '英语学科党支部', kind: 'branch', parent_id: school.id });
  for (const m of FULL) {
    await created(ctx, '/members', {
      name: m.name, id_card: m.idCard, gender: m.gender, birth_date: m.birth, category: 'in_service',
      status: 'full', joined_on: '2005-07-01', full_on: '2006-07-01', org_id: branch.id,
    });
  }
  ids.branch = branch.id;
  await ctx.context.close();
});

after(() => finish(browser, server));

test('one person from application to full membership, the clock moved forward', async () => {
  // January 2024: the application and the talk.
  let ctx = await adminContext();
  let page = await newPage(ctx.context);
  await page.goto(`${server.url}/applicants?org_id=${ids.branch}`);
  await page.getByRole('heading', { name: '发展党员', exact: true }).waitFor();
  await page.getByRole('button', { name: '登记入党申请' }).click();
  const form = page.locator('.el-dialog', { hasText: '登记入党申请' });
  await form.locator('input[name="name"]').fill(PERSON.name);
  await form.locator('input[name="id_card"]').fill(PERSON.idCard);
  await pickDate(form, 'applied_on', '2024-01-10');
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await form.waitFor({ state: 'hidden' });
  await page.locator('.applicant-timeline').waitFor();
  ids.person = Number(new URL(page.url()).searchParams.get('open'));
  assert.ok(ids.person > 0);
  // Step 2 is due within a month of the application (DEV-02).
  assert.match(await page.locator('.applicant-next').innerText(), /第2步 党组织派人谈话，期限 2024-02-10/);
  await record(page, 2, '2024-01-18', (dlg) => pickPeople(page, dlg, 'step-talkers', [FULL[0].name]));
  await page.close();
  await ctx.context.close();

  // June 2025: activist, development target, admission.
  await moveClock('2025-06-30');
  ctx = await adminContext();
  page = await openPerson(ctx);
  await record(page, 3, '2024-05-10');
  await record(page, 4, '2024-05-20');
  await record(page, 5, '2024-05-20', (dlg) => pickPeople(page, dlg, 'step-contacts', [FULL[0].name, FULL[1].name]));
  await record(page, 6, '2024-11-10');
  // A development target needs a year as activist (DEV-07): refused, then in time.
  await page.getByRole('button', { name: '记录第7步', exact: true }).click();
  let dlg = page.locator('.el-dialog', { hasText: '第7步 · ' });
  await pickDate(dlg, 'date', '2025-05-09');
  await dlg.getByRole('button', { name: '记录', exact: true }).click();
  await dlg.getByText(/DEV-07/).waitFor();
  await pickDate(dlg, 'date', '2025-05-12');
  await dlg.getByRole('button', { name: '记录', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await record(page, 8, '2025-05-20');
  await record(page, 9, '2025-05-25', (dlg2) => pickPeople(page, dlg2, 'step-sponsors', [FULL[0].name, FULL[1].name]));
  await record(page, 10, '2025-06-05', (d) => d.getByText('政审合格', { exact: true }).click());
  await record(page, 11, '2025-06-10', (d) => d.locator('input[name="days"]').fill('3'));
  await record(page, 12, '2025-06-16');
  await record(page, 13, '2025-06-23', async (d) => {
    await pickDate(d, 'notice_from', '2025-06-16');
    await pickDate(d, 'notice_to', '2025-06-20');
  });
  await record(page, 14, '2025-06-25');
  await record(page, 15, '2025-06-28', async (d) => {
    await d.locator('input[name="expected"]').fill('3');
    await d.locator('input[name="present"]').fill('3');
    await d.locator('input[name="yes_votes"]').fill('3');
  });
  await record(page, 16, '2025-06-29', (d) => pickPeople(page, d, 'step-talkers', [FULL[1].name]));
  await record(page, 17, '2025-06-30', (d) => d.locator('input[name="dues_yuan"]').fill('6000'));
  assert.match(await page.locator('.applicant-meta').innerText(), /预备党员[\s\S]*预备期至 2026-06-28/);
  await record(page, 18, '2025-06-30');
  await record(page, 19, '2025-06-30');
  await record(page, 20, '2025-06-30');
  await record(page, 21, '2025-06-30');
  let r = await call(ctx.context, ctx.csrf, 'GET', `/members?org_id=${ids.branch}&status=probationary`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items.map((m) => [m.name, m.joined_on]), [[PERSON.name, '2025-06-28']]);
  await page.close();
  await ctx.context.close();

  // June 2026: the probation ends in 23 days; the alert centre says so.
  await moveClock('2026-06-05');
  ctx = await adminContext();
  page = await newPage(ctx.context);
  await page.goto(`${server.url}/alerts?kind=pipeline_due`);
  await page.getByText(`预备党员${PERSON.name}的预备期将于2026-06-28届满（23天后）：请准备转正`).first().waitFor();
  await page.goto(`${server.url}/applicants`);
  const column = page.locator('.stage-column', { hasText: '第5阶段' });
  await column.locator('.stage-card', { hasText: PERSON.name }).waitFor();
  assert.match(await column.innerText(), /第22步 提出转正申请\s*期限 2026-06-28/);
  await page.screenshot({ path: `${SHOTS}/pipeline-board.png`, fullPage: true });
  await page.close();
  page = await openPerson(ctx);
  await record(page, 22, '2026-06-01');
  await page.close();
  await ctx.context.close();

  // July 2026: conversion.
  await moveClock('2026-07-20');
  ctx = await adminContext();
  page = await openPerson(ctx);
  await record(page, 23, '2026-06-29', async (d) => {
    await d.locator('input[name="expected"]').fill('3');
    await d.locator('input[name="present"]').fill('2');
    await d.locator('input[name="yes_votes"]').fill('2');
    await d.getByText('按期转正').click();
  });
  await record(page, 24, '2026-07-15');
  await record(page, 25, '2026-07-20');
  assert.match(await page.locator('.applicant-meta').innerText(), /已转正/);
  await page.screenshot({ path: `${SHOTS}/pipeline-timeline.png`, fullPage: true });
  r = await call(ctx.context, ctx.csrf, 'GET', `/members?org_id=${ids.branch}&q=${encodeURIComponent(PERSON.name)}`);
  assert.deepEqual(r.body.items.map((m) => [m.status, m.full_on]), [['full', '2026-06-28']]);
  await page.close();

  // The board and the drawer at phone width, without sideways scrolling.
  page = await newPage(ctx.context);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/applicants`);
  await page.locator('.finished-card', { hasText: PERSON.name }).waitFor();
  await page.screenshot({ path: `${SHOTS}/pipeline-phone.png`, fullPage: true });
  const overflow = await overflowOf(page);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await page.close();
  await ctx.context.close();
  assert.deepEqual(pageErrors, []);
});

test('the deciding assembly is a meeting record, and a talker comes from outside the branch', async () => {
  // The clock stays at 2026-07-20. A second person, steps 2–14 through the API.
  const ctx = await adminContext();
  const api = (method, p, data) => call(ctx.context, ctx.csrf, method, p, data);
  const school = (await api('GET', `/orgs/${ids.branch}`)).body.parent_id;
  const other = await created(ctx, '/orgs', { name: '数学学科党支部', kind: 'branch', parent_id: school });
  await created(ctx, '/members', {
    name: '王组织员', id_card: '11010519491231002X', gender: 'female', birth_date: '1949-12-31',
    category: 'retired', status: 'full', joined_on: '1975-07-01', full_on: '1976-07-01', org_id: other.id,
  });
  const full = (await api('GET', `/members?org_id=${ids.branch}&status=full&per_page=100`)).body.items.map((m) => m.id);
  const person = await created(ctx, '/applicants', {
    org_id: ids.branch, name: '吴思远', id_card: '500103199204051234', applied_on: '2024-02-01',
  });
  const steps = [
    { step: 2, date: '2024-02-20', talkers: [full[0]] }, { step: 3, date: '2024-06-10' },
    { step: 4, date: '2024-06-20' }, { step: 5, date: '2024-06-20', contacts: [full[0], full[1]] },
    { step: 6, date: '2024-12-10' }, { step: 7, date: '2025-06-12' }, { step: 8, date: '2025-06-20' },
    { step: 9, date: '2025-06-25', sponsors: [full[0], full[1]] },
    { step: 10, date: '2025-07-05', outcome: 'passed' }, { step: 11, date: '2025-07-10', days: 3 },
    { step: 12, date: '2025-07-16' },
    { step: 13, date: '2025-07-23', notice_from: '2025-07-16', notice_to: '2025-07-22' },
    { step: 14, date: '2025-07-25' },
  ];
  for (const s of steps) {
    const r = await api('POST', `/applicants/${person.id}/steps`, s);
    assert.equal(r.status, 200, `step ${s.step}: ${JSON.stringify(r.body)}`);
  }
  const meeting = await created(ctx, '/meetings', {
    org_id: ids.branch, kind: 'branch_assembly', held_at: '2025-07-30T15:00', topic: '讨论吴思远入党',
  });
  const att = await api('PUT', `/meetings/${meeting.id}/attendance`, { items: full.map((id) => ({ member_id: id, status: 'present' })) });
  assert.equal(att.status, 200, JSON.stringify(att.body));

  ids.person = person.id;
  const page = await openPerson(ctx);
  await record(page, 15, '2025-07-30', async (d) => {
    await d.locator('.step-meeting .el-select').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '讨论吴思远入党' }).click();
    await d.getByText('应到、实到人数按会议签到计算').waitFor();
    await d.locator('input[name="yes_votes"]').fill(String(full.length));
  });
  let r = await api('GET', `/applicants/${person.id}`);
  const vote = r.body.history.find((h) => h.step === 15);
  assert.deepEqual([vote.meeting_id, vote.expected, vote.present], [meeting.id, full.length, full.length]);
  // Step 16's talker, a member of another branch of the school, found by name.
  await record(page, 16, '2025-08-05', async (d) => {
    await d.locator('.step-talkers').click();
    await page.keyboard.type('王组织');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '王组织员（数学学科党支部）' }).click();
    await d.locator('.step-talkers .el-tag', { hasText: '王组织员' }).waitFor();
    await d.locator('.el-dialog__title').click();
  });
  r = await api('GET', `/applicants/${person.id}`);
  assert.ok(r.body.people.some((p) => p.role === 'talker' && p.name === '王组织员'));
  await page.close();
  await ctx.context.close();
  assert.deepEqual(pageErrors, []);
});

test('节假日: the year\'s calendar is shown and edited, a bad day named and nothing saved', async () => {
  const ctx = await adminContext();
  const page = await newPage(ctx.context);
  for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(size);
    await page.goto(`${server.url}/holidays`);
    await page.getByRole('heading', { name: '节假日', exact: true }).waitFor();
    await page.locator('.holidays-table .el-table__row', { hasText: '2026-01-01' }).waitFor();
    await page.getByText('来自随附的国务院安排文件').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `/holidays is ${overflow}px wider than the screen`);
  }
  const before = (await call(ctx.context, ctx.csrf, 'GET', '/holidays/2026')).body.days.length;
  await page.getByRole('button', { name: '编辑', exact: true }).click();
  await page.getByRole('button', { name: '添加日期' }).click();
  const last = page.locator('.holiday-row').last();
  await last.locator('input[name^="date-"]').fill('2026-01-05'); // a Monday cannot be a work day
  await last.locator('.holiday-kind').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '调休上班' }).click();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await last.locator('.holiday-error').waitFor();
  let r = await call(ctx.context, ctx.csrf, 'GET', '/holidays/2026');
  assert.equal(r.body.source, 'file');
  assert.equal(r.body.days.length, before);
  await last.locator('input[name^="date-"]').fill('2026-03-01'); // a Sunday not listed
  await last.locator('input[name^="name-"]').fill('补班');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('已在系统中编辑').waitFor();
  await page.locator('.holidays-table .el-table__row', { hasText: '2026-03-01' }).getByText('调休上班').waitFor();
  r = await call(ctx.context, ctx.csrf, 'GET', '/holidays/2026');
  assert.equal(r.body.source, 'edited');
  assert.equal(r.body.days.length, before + 1);
  await page.close();
  await ctx.context.close();
  assert.deepEqual(pageErrors, []);
});

test('in the last quarter a trainee below the yearly minimum is alerted (CUL-03)', async () => {
  await moveClock('2026-10-10');
  const ctx = await adminContext();
  const api = (method, p, data) => call(ctx.context, ctx.csrf, method, p, data);
  const tiers = (await api('GET', '/programmes/tiers')).body.items;
  const prog = await created(ctx, '/programmes', {
    tier_id: tiers.find((t) => t.name === '奋飞').id, name: '奋飞骨干研修', year: 2026,
    required_hours: 40, starts_on: '2026-01-01', ends_on: '2026-12-31',
  });
  const who = (await api('GET', `/members?q=${encodeURIComponent(FULL[0].name)}`)).body.items[0];
  await created(ctx, `/programmes/${prog.id}/enrolments`, { member_id: who.id });
  const page = await newPage(ctx.context);
  await page.goto(`${server.url}/alerts?kind=training_below_min`);
  const item = page.locator('.alert-item', { hasText: FULL[0].name });
  await item.getByText('距年度最低40学时还差40学时').waitFor();
  await item.getByRole('button', { name: '去处理 ›' }).click();
  await page.waitForURL(/\/programmes\?tab=hours/);
  await page.locator('.hours-table .el-table__row', { hasText: FULL[0].name }).getByText('未达标').waitFor();
  await page.close();
  await ctx.context.close();
  assert.deepEqual(pageErrors, []);
});
