// Principal-tenure indicator sheets (issue 13 item 6; PRIN-01, PRIN-07,
// PRIN-08) in Debian's chromium against a real server: district staff find
// the three shipped 校（园）长任期结束综合督导评估指标 in the indicator page,
// see the stage, the developmental and survey items, score the compulsory
// sheet in the calculator with a progress score (PRIN-07's 0.7/0.3) and the
// survey area as a whole, and edit a copy without losing the flags.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loginDistrict, pageErrors, start, launch, finish, newPage, call, dialog, expectSuccess } from './harness.mjs';

let server;
let browser;
let district;
let csrf;
const ids = {};

before(async () => {
  server = await start();
  browser = await launch();
  district = await browser.newContext({ locale: 'zh-CN' });
  csrf = await loginDistrict(district);
  const list = await call(district, csrf, 'GET', '/indicator-systems?kind=principal_tenure');
  assert.equal(list.status, 200);
  for (const s of list.body.items) ids[s.stage] = s.id;
});

after(() => finish(browser, server));

test('district staff read the three principal sheets and score one with state and progress', async () => {
  const page = await newPage(district);
  const before = pageErrors.length;
  await page.goto(`${server.url}/indicator-systems?open=${ids.compulsory}`);
  const table = page.locator('.systems-table');
  for (const name of ['幼儿园园长任期结束综合督导评估指标', '义务教育学校校长任期结束综合督导评估指标', '普通高中校长任期结束综合督导评估指标']) {
    await table.getByText(name).waitFor();
  }
  await table.getByText('校（园）长任期督导 · 义务教育学校').waitFor();
  const tree = page.locator('.indicator-tree');
  await tree.getByText('满意度调查').waitFor();
  assert.ok(await tree.locator('.el-tag', { hasText: '发展性' }).count() >= 5);
  assert.equal(await tree.locator('.el-tag', { hasText: '问卷计分' }).count(), 1);
  assert.ok(await tree.locator('.el-tag', { hasText: '一票否决' }).count() >= 3);

  await page.getByRole('button', { name: '评分测算' }).click();
  const calc = dialog(page, /评分测算/);
  await calc.waitFor();
  // The survey area is one line; what its questionnaires ask is not scored by hand.
  await calc.locator('.score-rows').getByText('满意度调查').waitFor();
  assert.equal(await calc.getByText('对学校管理和校长履职的满意度').count(), 0);
  // 1.2.2 is developmental (2 points): state 2, progress 0 → 1.4, total 99.4.
  const row = calc.locator('div', { has: page.locator('span.mono', { hasText: /^1\.2\.2$/ }) }).last();
  const progress = row.locator('.progress-input input');
  await progress.fill('0');
  await progress.press('Tab');
  await calc.getByRole('button', { name: '计算' }).click();
  const result = calc.locator('.score-result');
  await result.locator('.stat', { hasText: '总分' }).getByText('99.4').waitFor();
  await result.getByText('优秀').waitFor();
  assert.deepEqual(pageErrors.slice(before), []);
  await page.close();
});

test('a copy of a principal sheet edited in the console keeps its developmental and survey items', async () => {
  const copy = await call(district, csrf, 'POST', '/indicator-systems', { from_id: ids.kindergarten, code: 'district-kindergarten', year: 2027 });
  assert.equal(copy.status, 201, JSON.stringify(copy.body));
  assert.equal(copy.body.stage, 'kindergarten');
  const page = await newPage(district);
  const before = pageErrors.length;
  await page.goto(`${server.url}/indicator-systems?open=${copy.body.id}`);
  await page.getByRole('button', { name: '编辑指标' }).click();
  const editor = dialog(page, /编辑指标/);
  await editor.getByText('发展性指标按现状和任期起点以来的进步分别评分').waitFor();
  await editor.getByRole('button', { name: '保存指标' }).click();
  await expectSuccess(page, '指标已保存');
  const tree = await call(district, csrf, 'GET', `/indicator-systems/${copy.body.id}/indicators`);
  const shipped = await call(district, csrf, 'GET', `/indicator-systems/${ids.kindergarten}/indicators`);
  const flags = (t) => t.body.items.map((it) => `${it.code}:${it.developmental}:${it.survey}`).join(' ');
  assert.equal(flags(tree), flags(shipped));
  assert.deepEqual(pageErrors.slice(before), []);
  await page.close();
});
