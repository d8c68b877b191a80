// The cultivation console (issue 5) in Debian's chromium against a real
// server: the four pages open without errors at desktop and phone size; a
// backbone teacher goes from nomination through the committee's selection
// and contacts to the outcome, and the year's statistics count them; a
// programme session's attendance raises the trainee's hours and completes
// the enrolment, whose certificate downloads as a PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ADMIN_PASSWORD, loginDistrict, SHOTS, SIZES, pageErrors, start, launch, finish, newPage, login, overflowOf, call as callAs, created as createdAs,
} from './harness.mjs';

const PAGES = [
  { path: '/cultivation', title: '双培养', shows: '推荐' },
  { path: '/leaders', title: '双带头人', shows: '登记与认定' },
  { path: '/programmes', title: '培训项目', shows: '项目与课程' },
  { path: '/studios', title: '三名工作室', shows: '工作室' },
];

let server;
let browser;
let admin;
let csrf;
const ids = {};

/** The API as the district account (harness.mjs's call and created with its context and token). */
const call = (method, apiPath, data) => callAs(admin, csrf, method, apiPath, data);

const created = (apiPath, data) => createdAs(admin, csrf, apiPath, data);

function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

before(async () => {
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN' });
  csrf = await loginDistrict(admin);

  const school = await created('/schools', { name: '示范第一中学', stage: 'junior', ownership: 'public' });
  const district = await created('/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const committee = await created('/orgs', { name: '示范第一中学党委', kind: 'party_committee', parent_id: district.id, school_id: school.id });
  const branch = await created('/orgs', { name: '语文学科党支部', kind: 'branch', parent_id: committee.id, school_id: school.id });
  const people = [
    ['陈联系', '110105198001010024', 'female'], ['刘学员', '110105197505050033', 'male'],
  ];
  for (const [name, idCard, gender] of people) {
    ids[name] = (await created('/members', {
      name, id_card: idCard, gender, category: 'in_service', status: 'full',
      joined_on: '2005-07-01', full_on: '2006-07-01', org_id: branch.id,
    })).id;
  }
  Object.assign(ids, { school: school.id, committee: committee.id, branch: branch.id });
});

after(async () => {
  await finish(browser, server);
  assert.deepEqual(pageErrors, []);
});

for (const size of SIZES) {
  test(`the cultivation pages open without errors (${size.name})`, async () => {
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
      await page.screenshot({ path: path.join(SHOTS, `cultivation${p.path.replace('/', '-')}-${size.name}.png`), fullPage: true });
    }
    assert.deepEqual(pageErrors, []);
    await page.close();
  });
}

/** The 公办 row's 发展党员 count in the statistics card (0 when there is no row). */
async function developedPublic(page) {
  await page.waitForLoadState('networkidle');
  const row = page.locator('.stats-ownership .el-table__row').filter({ hasText: '公办' });
  if (!(await row.count())) return 0;
  return Number((await row.locator('td').nth(3).innerText()).trim());
}

async function pickMember(page, dlg, name) {
  await dlg.locator('.member-picker').click();
  await page.keyboard.type(name.slice(0, 1));
  await page.locator('.el-select-dropdown:visible').getByText(name, { exact: false }).first().click();
  await dlg.locator('.el-dialog__title').click(); // closes the (multiple) picker's dropdown
  await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' });
}

test('a backbone teacher goes from nomination to outcome and the statistics count it', async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/cultivation`);
  await page.getByRole('heading', { name: '双培养', exact: true }).waitFor();
  assert.equal(await developedPublic(page), 0);

  await page.getByRole('button', { name: '推荐培养对象' }).click();
  let dlg = page.getByRole('dialog', { name: '推荐双培养对象' });
  await dlg.waitFor();
  await dlg.locator('.org-select').click();
  await page.keyboard.type('示范第一');
  await page.locator('.el-select-dropdown:visible').getByText('示范第一中学党委', { exact: true }).click();
  await dlg.locator('input[name="name"]').fill('张晓燕');
  await dlg.locator('input[name="subject"]').fill('语文');
  await dlg.getByRole('button', { name: '推荐' }).click();
  await dlg.waitFor({ state: 'hidden' });
  const row = page.locator('.cult-table .el-table__row').filter({ hasText: '张晓燕' });
  await row.getByText('已推荐').waitFor();

  await row.getByRole('button', { name: '遴选' }).click();
  dlg = page.getByRole('dialog', { name: '比较遴选 · 张晓燕' });
  await dlg.getByRole('button', { name: '确认遴选' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await row.getByText('培养对象').waitFor();

  await row.getByRole('button', { name: '联系人' }).click();
  dlg = page.getByRole('dialog', { name: '培养联系人 · 张晓燕' });
  await pickMember(page, dlg, '陈联系');
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });

  await row.getByRole('button', { name: '登记结果' }).click();
  dlg = page.getByRole('dialog', { name: '培养结果 · 张晓燕' });
  // CUL-04: the person enters the pipeline in the branch chosen here.
  await dlg.locator('input[name="id_card"]').fill('500103199204051234');
  await dlg.locator('.org-select').click();
  await page.locator('.el-select-dropdown:visible').getByText('语文学科党支部', { exact: true }).click();
  await dlg.getByRole('button', { name: '登记结果' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await row.getByText('已培养').waitFor();
  await row.getByText('列入发展党员流程').waitFor();
  assert.equal(await developedPublic(page), 1);

  const r = await call('GET', `/cultivation/stats?year=${today().slice(0, 4)}`);
  assert.equal(r.body.by_ownership.find((o) => o.ownership === 'public').joined_pipeline, 1);
  await page.screenshot({ path: path.join(SHOTS, 'cultivation-outcome.png'), fullPage: true });
  await page.close();
});

test('attendance at a programme session raises the trainee hours', async () => {
  const year = Number(today().slice(0, 4));
  const tiers = (await call('GET', '/programmes/tiers')).body.items;
  const prog = await created('/programmes', {
    tier_id: tiers.find((t) => t.name === '群鹰').id, name: '群鹰跟岗研修', year,
    required_hours: 16, starts_on: `${year}-01-01`, ends_on: `${year}-12-31`,
  });
  await created(`/programmes/${prog.id}/sessions`, { title: '跟岗锻炼：示范校', form: 'shadow', held_on: today(), hours: 16 });
  await created(`/programmes/${prog.id}/enrolments`, { member_id: ids['刘学员'] });

  const page = await newPage(admin);
  await page.goto(`${server.url}/programmes`);
  await page.getByRole('tab', { name: '学时统计' }).click();
  const trainee = page.locator('.hours-table .el-table__row').filter({ hasText: '刘学员' });
  await trainee.getByText('未达标').waitFor();
  assert.equal((await trainee.locator('td').nth(2).innerText()).trim(), '0');

  await page.getByRole('tab', { name: '项目与课程' }).click();
  await page.locator('.programmes-table .el-table__row').filter({ hasText: '群鹰跟岗研修' }).click();
  const session = page.locator('.sessions-table .el-table__row').filter({ hasText: '跟岗锻炼：示范校' });
  await session.getByRole('button', { name: '记录出勤' }).click();
  const dlg = page.getByRole('dialog', { name: /记录出勤 · 跟岗锻炼：示范校/ });
  await dlg.getByText('刘学员').click();
  await dlg.getByRole('button', { name: '记录出勤' }).click();
  await dlg.waitFor({ state: 'hidden' });
  const enrolment = page.locator('.enrolments-table .el-table__row').filter({ hasText: '刘学员' });
  await enrolment.getByText('已结业').waitFor();
  // The certificate (PDF) of the completed enrolment downloads.
  const [file] = await Promise.all([page.waitForEvent('download'), enrolment.getByRole('button', { name: '下载' }).click()]);
  assert.match(file.suggestedFilename(), /\.pdf$/);

  await page.getByRole('tab', { name: '学时统计' }).click();
  await page.waitForLoadState('networkidle');
  assert.equal((await trainee.locator('td').nth(2).innerText()).trim(), '16');
  const hours = (await call('GET', `/programmes/hours?year=${year}`)).body.items;
  assert.equal(hours.find((h) => h.name === '刘学员').hours, 16);
  await page.close();
});

test('a backbone who joined the pipeline shows their step, and the pipeline their origin', async () => {
  const page = await newPage(admin);
  await page.goto(`${server.url}/cultivation`);
  const row = page.locator('.cult-table .el-table__row').filter({ hasText: '张晓燕' });
  await row.getByRole('button', { name: '发展流程：第 1 步' }).click();
  await page.waitForURL(/\/applicants\?open=\d+/);
  await page.locator('.applicant-detail .from-cultivation').getByText(/来自双培养/).waitFor();
  await page.close();
});

test('a studio, its member, activity and output are edited, then the studio is closed', async () => {
  const studio = await created('/studios', {
    org_id: ids.committee, name: '示范名师工作室', kind: 'teacher', host_name: '周领衔', level: 'district',
    focus: '阅读教学', founded_on: '2024-09-01',
  });
  await created(`/studios/${studio.id}/members`, { name: '钱成员', unit: '示范一中', joined_on: '2024-10-01' });
  await created(`/studios/${studio.id}/activities`, { kind: 'seminar', title: '整本书阅读研讨', held_on: '2024-11-01' });
  await created(`/studios/${studio.id}/outputs`, { kind: 'paper', title: '阅读教学论文', made_on: '2024-12-01' });
  const page = await newPage(admin);
  await page.goto(`${server.url}/studios`);
  await page.locator('.studios-table .el-table__row', { hasText: '示范名师工作室' }).click();
  const detail = page.locator('.studio-detail');
  await detail.getByText('钱成员').waitFor();

  // The studio: a new name and the focus cleared.
  await detail.locator('.studio-edit').click();
  let dlg = page.getByRole('dialog', { name: /编辑工作室/ });
  await dlg.locator('input[name="name"]').fill('示范名师工作室（更名）');
  await dlg.locator('input[name="focus"]').fill('');
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await detail.getByText('示范名师工作室（更名）').waitFor();
  let r = await call('GET', `/studios/${studio.id}`);
  assert.deepEqual([r.body.name, r.body.focus], ['示范名师工作室（更名）', '']);

  // The member's unit, the activity's kind, the output deleted.
  await detail.locator('.el-table__row', { hasText: '钱成员' }).getByRole('button', { name: '编辑' }).click();
  dlg = page.getByRole('dialog', { name: /编辑成员/ });
  await dlg.locator('input[name="unit"]').fill('示范二中');
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await detail.getByText('示范二中').waitFor();
  await detail.locator('.el-table__row', { hasText: '整本书阅读研讨' }).getByRole('button', { name: '编辑' }).click();
  dlg = page.getByRole('dialog', { name: /编辑活动/ });
  await dlg.locator('input[name="title"]').fill('');
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.getByText('请填写主题').waitFor(); // a required field is named, nothing sent
  await dlg.locator('input[name="title"]').fill('整本书阅读示范课');
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await detail.getByText('整本书阅读示范课').waitFor();
  await detail.locator('.el-table__row', { hasText: '阅读教学论文' }).getByRole('button', { name: '删除' }).click();
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
  await detail.getByText('阅读教学论文').waitFor({ state: 'detached' });

  // Closed: the member leaves the same day, the buttons go.
  await detail.locator('.studio-close').click();
  dlg = page.getByRole('dialog', { name: /撤销工作室/ });
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await detail.locator('.studio-closed').waitFor();
  assert.equal(await detail.locator('.studio-edit').count(), 0);
  r = await call('GET', `/studios/${studio.id}`);
  assert.equal(r.body.closed_on, today());
  assert.equal(r.body.members[0].left_on, today());
  assert.equal(r.body.outputs.length, 0);

  // Reopened: the buttons come back; the member stays left.
  await detail.locator('.studio-reopen').click();
  await page.locator('.el-message-box').getByRole('button', { name: '恢复' }).click();
  await detail.locator('.studio-edit').waitFor();
  await detail.locator('.studio-closed').waitFor({ state: 'detached' });	// after el-tag's fade
  r = await call('GET', `/studios/${studio.id}`);
  assert.equal(r.body.closed_on, null);
  assert.equal(r.body.members[0].left_on, today());
  await page.close();
});

test('a dual leader\'s evidence can be cleared from the form', async () => {
  const leader = await created('/leaders', {
    member_id: ids['陈联系'], position: 'secretary', evidence_party: '多年支部书记，表彰材料', evidence_education: '区骨干',
  });
  const page = await newPage(admin);
  await page.goto(`${server.url}/leaders`);
  await page.locator('.leaders-table .el-table__row', { hasText: '陈联系' }).getByRole('button', { name: '编辑' }).click();
  const dlg = page.getByRole('dialog', { name: /编辑 · 陈联系/ });
  await dlg.locator('textarea[name="evidence_party"]').fill('');
  await dlg.getByRole('button', { name: '保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  const r = await call('GET', `/leaders/${leader.id}`);
  assert.equal(r.body.evidence_party, '');
  assert.equal(r.body.evidence_education, '区骨干');
  await page.close();
});
