// 消息 (issue 12) in Debian's chromium against a real server: the district
// issues a finding to a school; the school's secretary sees the bell's
// count, opens the dropdown, clicks the message, lands on the finding's
// drawer, and the count is gone; another school's secretary sees nothing.
// The settings page names a bad e-mail address and saves a good one.
// No console errors anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  loginDistrict, createUser, SHOTS, pageErrors, start, launch, finish, newPage, created, contextOf, expectSuccess, overflowOf,
} from './harness.mjs';

const SECRETARY = { user: 'shuji7', password: 'Shuji-2024-init', newPassword: 'Shuji-2024-new7' };
const OTHER = { user: 'shuji8', password: 'Shuji-2024-init', newPassword: 'Shuji-2024-new8' };
const TITLE = '组织生活会记录不全';

let server;
let browser;
let admin;
let csrf;
const ids = {};

before(async () => {
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN' });
  csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '示范区教育工委', kind: 'district_committee' });
  const school = await created(admin, csrf, '/orgs', { name: '示范第七中学党委', kind: 'party_committee', parent_id: district.id });
  const other = await created(admin, csrf, '/orgs', { name: '示范第八中学党委', kind: 'party_committee', parent_id: district.id });
  await createUser({ username: SECRETARY.user, password: SECRETARY.password, role: 'secretary', scope: [school.id] });
  await createUser({ username: OTHER.user, password: OTHER.password, role: 'secretary', scope: [other.id] });
  Object.assign(ids, { school: school.id, other: other.id });
});

after(() => finish(browser, server));

test('a finding issued by the district reaches its school\'s secretary, who opens it from the bell', async () => {
  const sec = await contextOf(browser, SECRETARY);
  const page = await newPage(sec);
  await page.goto(`${server.url}/findings`);
  const bell = page.locator('.notify-bell');
  await bell.waitFor();
  assert.equal(await bell.locator('.el-badge__content').isVisible(), false, 'no messages yet');

  const finding = await created(admin, csrf, '/findings', {
    org_id: ids.school, title: TITLE, detail: '现场检查发现', severity: 'major', deadline: '2099-12-31', evidence_required: '会议记录',
  });
  // The count comes with the next navigation (or within a minute).
  await page.goto(`${server.url}/notifications`);
  await page.getByRole('heading', { name: '消息', exact: true }).waitFor();
  await bell.locator('.el-badge__content', { hasText: '1' }).waitFor();

  await page.getByRole('button', { name: '消息', exact: true }).click();
  const drop = page.locator('.notify-popper');
  const line = drop.locator('.notify-line', { hasText: TITLE });
  await line.waitFor();
  assert.match(await line.innerText(), /整改事项下发/);
  await page.screenshot({ path: path.join(SHOTS, 'notify-bell.png') });
  await line.click();
  await page.waitForURL(`**/findings?open=${finding.id}`);
  await page.locator('.finding-drawer').getByText(TITLE).first().waitFor();
  await bell.locator('.el-badge__content').waitFor({ state: 'hidden' });

  // The message list shows it read.
  await page.goto(`${server.url}/notifications`);
  const row = page.locator('.notifications-page .notify-line', { hasText: TITLE });
  await row.waitFor();
  assert.equal(await row.evaluate((el) => el.classList.contains('unread')), false);
  // On a 390-px phone the header keeps the bell and the list fits.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await row.waitFor();
  await bell.waitFor();
  const overflow = await overflowOf(page);
  assert.ok(overflow <= 0, `/notifications is ${overflow}px wider than a phone`);
  await page.screenshot({ path: path.join(SHOTS, 'notify-phone.png') });
  await page.close();

  // The other school's secretary has nothing.
  const otherCtx = await contextOf(browser, OTHER);
  const otherPage = await newPage(otherCtx);
  await otherPage.goto(`${server.url}/notifications`);
  await otherPage.getByText('暂无消息').first().waitFor();
  await otherPage.close();
  await otherCtx.close();
  await sec.close();
  assert.deepEqual(pageErrors, []);
});

test('消息设置 names a bad e-mail address and saves a good one with a kind by e-mail', async () => {
  const sec = await contextOf(browser, SECRETARY);
  const page = await newPage(sec);
  await page.goto(`${server.url}/notify-settings`);
  await page.getByRole('heading', { name: '消息设置' }).waitFor();
  await page.getByLabel('电子邮箱').fill('shuji7@');
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.el-form-item__error', { hasText: '电子邮箱格式不正确' }).waitFor();
  await page.getByLabel('电子邮箱').fill('shuji7@example.cn');
  await page.locator('.notify-kinds tr', { hasText: '整改事项下发' }).locator('.el-switch').click();
  await page.getByRole('button', { name: '保存' }).click();
  await expectSuccess(page, '消息设置已保存');
  await page.reload();
  await page.locator('.notify-kinds tr', { hasText: '整改事项下发' }).waitFor();
  assert.equal(await page.getByLabel('电子邮箱').inputValue(), 'shuji7@example.cn');
  assert.equal(await page.getByLabel('整改事项下发 邮件提醒').isChecked(), true);
  await page.close();
  await sec.close();
  assert.deepEqual(pageErrors, []);
});
