// 名册导入导出 (issue 16) in Debian's chromium against a real server: the
// district uploads a roster whose ID column has a header Hongyan does not
// know, maps it in the preview, reads the one remaining problem (a phone
// number), downloads the problem workbook, uploads the fixed file, commits,
// and finds the members in their branches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  loginDistrict, pageErrors, start, launch, finish, newPage, created, call,
} from './harness.mjs';

let server;
let browser;
let admin;
let csrf;
const ids = {};

/** An ID-01 number: area 500103, birth date, sequence, check character. */
function idNumber(birth, seq) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first = `500103${birth}${String(seq).padStart(3, '0')}`;
  const sum = [...first].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first + '10X98765432'[sum % 11];
}

const PEOPLE = [
  { name: '导入甲', id: idNumber('19850312', 101), branch: '中共示范中学委员会/语文学科党支部' },
  { name: '导入乙', id: idNumber('19900704', 202), branch: '数学学科党支部' },
  { name: '导入丙', id: idNumber('19780101', 303), branch: '数学学科党支部' },
];

function csv(badPhone) {
  const lines = ['姓名,所在党组织,证件号码,入党日期,手机号码'];
  PEOPLE.forEach((p, i) => lines.push(`${p.name},${p.branch},${p.id},2012年7月1日,${badPhone && i === 1 ? '12345' : `1380000000${i}`}`));
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

before(async () => {
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: '中共示范中学委员会', kind: 'party_committee', parent_id: district.id });
  ids.chinese = (await created(admin, csrf, '/orgs', { name: '语文学科党支部', kind: 'branch', parent_id: school.id })).id;
  ids.math = (await created(admin, csrf, '/orgs', { name: '数学学科党支部', kind: 'branch', parent_id: school.id })).id;
});

after(() => finish(browser, server));

test('名册导入: map, read the problems, download them, fix, commit', async () => {
  const page = await newPage(admin, 20000);
  await page.goto(server.url + '/roster');
  await page.getByRole('heading', { name: '名册导入导出', exact: true }).waitFor();
  const upload = page.locator('.roster-upload input[type=file]');
  await upload.setInputFiles({ name: '示范中学名册.csv', mimeType: 'text/csv', buffer: csv(true) });
  // The ID column is not recognised: the preview says so and waits for the mapping.
  await page.locator('.roster-problems').getByText('缺少“公民身份号码”列').waitFor();
  await page.locator('.map-C').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '公民身份号码' }).click();
  await page.locator('.roster-apply').click();
  await page.locator('.roster-problems').getByText('手机号应为 11 位').waitFor();
  assert.match(await page.locator('.roster-problems').innerText(), /问题清单（1 处/);
  assert.ok(await page.locator('.roster-commit').isDisabled(), 'commit is refused while a problem is listed');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.roster-problem-book').click()]);
  assert.match(download.suggestedFilename(), /问题清单.*\.xlsx$/);
  // The fixed file: no problems, committed.
  await upload.setInputFiles({ name: '示范中学名册.csv', mimeType: 'text/csv', buffer: csv(false) });
  await page.locator('.roster-problems').getByText('缺少“公民身份号码”列').waitFor();
  await page.locator('.map-C').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '公民身份号码' }).click();
  await page.locator('.roster-apply').click();
  await page.locator('.roster-counts').getByText('将新增 3 人').waitFor();
  await page.locator('.roster-commit').click();
  await page.locator('.roster-done').getByText('新增 3 人').waitFor();
  const math = await call(admin, csrf, 'GET', `/members?org_id=${ids.math}`);
  assert.deepEqual(math.body.items.map((m) => m.name).sort(), ['导入丙', '导入乙']);
  const chinese = await call(admin, csrf, 'GET', `/members?org_id=${ids.chinese}`);
  assert.deepEqual(chinese.body.items.map((m) => m.name), ['导入甲']);
  assert.deepEqual(pageErrors, []);
});
