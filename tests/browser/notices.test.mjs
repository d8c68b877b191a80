// 通知公告 (issue 12) in Debian's chromium against a real server: district
// staff post a must-read notice to one school from the console; a member
// of that school opens it on a 390-px phone (must-read badge, the body as
// text, nothing wider than the screen); the author then sees 1/1 read and
// the member in the 已读 tab. A member of another school does not get it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  loginDistrict, createUser, SHOTS, pageErrors, start, launch, finish, newPage,
  created, contextOf, overflowOf,
} from './harness.mjs';

const MEMBER = { user: 'dangyuan9', password: 'Dangyuan-2024-init', newPassword: 'Dangyuan-2024-new9' };
const OTHER = { user: 'dangyuan8', password: 'Dangyuan-2024-init', newPassword: 'Dangyuan-2024-new8' };
const SCHOOL = '通知第一中学党委';
const TITLE = '关于开展主题党日活动的通知';
const BODY = '各支部：\n\n请于本月 15 日前开展主题党日活动。<b>不是粗体</b>';
const PHONE = { width: 390, height: 844 };

let server;
let browser;
let admin;

async function memberOf(csrf, org, name, who) {
  const m = await created(admin, csrf, '/members', {
    org_id: org, name, gender: 'female', birth_date: '1990-05-01', category: 'in_service',
    status: 'full', joined_on: '2015-07-01', full_on: '2016-07-01',
  });
  await createUser({ username: who.user, password: who.password, role: 'member', member_id: m.id });
}

before(async () => {
  server = await start();
  browser = await launch();
  admin = await browser.newContext({ locale: 'zh-CN' });
  const csrf = await loginDistrict(admin);
  const district = await created(admin, csrf, '/orgs', { name: '通知区教育工委', kind: 'district_committee' });
  const s1 = await created(admin, csrf, '/schools', { name: '通知第一中学', stage: 'junior', ownership: 'public' });
  const s2 = await created(admin, csrf, '/schools', { name: '通知第二中学', stage: 'junior', ownership: 'public' });
  const p1 = await created(admin, csrf, '/orgs', { name: SCHOOL, kind: 'party_committee', parent_id: district.id, school_id: s1.id });
  const p2 = await created(admin, csrf, '/orgs', { name: '通知第二中学党委', kind: 'party_committee', parent_id: district.id, school_id: s2.id });
  const b1 = await created(admin, csrf, '/orgs', { name: '语文党支部', kind: 'branch', parent_id: p1.id, school_id: s1.id });
  const b2 = await created(admin, csrf, '/orgs', { name: '数学党支部', kind: 'branch', parent_id: p2.id, school_id: s2.id });
  await memberOf(csrf, b1.id, '李青', MEMBER);
  await memberOf(csrf, b2.id, '王红', OTHER);
});

after(() => finish(browser, server));

test('the district posts a must-read notice to a school; its member reads it on a phone; the author sees 1 read', async () => {
  // The district posts from the console.
  const page = await newPage(admin);
  await page.goto(`${server.url}/notices`);
  await page.getByRole('heading', { name: '通知公告', exact: true }).waitFor();
  await page.getByRole('button', { name: '发布通知' }).click();
  const form = page.getByRole('dialog', { name: '发布通知' });
  await form.waitFor();
  await form.locator('input[name="notice_title"]').fill(TITLE);
  await form.locator('textarea[name="notice_body"]').fill(BODY);
  await form.getByText('部分学校', { exact: true }).click();
  await form.locator('.notice-schools').click();
  await page.locator('.el-select-dropdown:visible, .el-tree-select__popper:visible').getByText(SCHOOL, { exact: true }).first().click();
  await form.getByText('标题', { exact: true }).click();	// closes the picker
  await form.locator('.el-switch').click();
  await form.getByRole('button', { name: '立即发布' }).click();
  await page.locator('.el-message--success', { hasText: '已发布，已通知 1 人' }).first().waitFor();
  await form.waitFor({ state: 'hidden' });
  await page.locator('.notices-sent').getByText(TITLE).waitFor();
  assert.equal((await page.locator('.notices-sent .read-count').first().innerText()).trim(), '0/1');

  // The member of that school, on a 390-px phone.
  const phone = await contextOf(browser, MEMBER, { viewport: PHONE, isMobile: true, hasTouch: true });
  const mp = await newPage(phone);
  await mp.goto(`${server.url}/notices`);
  const row = mp.locator('.notice-rows li', { hasText: TITLE });
  await row.waitFor();
  await row.getByText('必读', { exact: true }).waitFor();
  assert.equal(await row.locator('.notice-dot').count(), 1, 'unread before it is opened');
  const box = await row.boundingBox();
  assert.ok(box.height >= 44, `a row is ${box.height}px high: too small to tap`);
  assert.ok((await overflowOf(mp)) <= 0, 'the list is wider than the phone');
  await mp.screenshot({ path: path.join(SHOTS, 'notices-phone-list.png'), fullPage: true });
  await row.click();
  const drawer = mp.locator('.notice-drawer');
  await drawer.getByText('请于本月 15 日前开展主题党日活动。', { exact: false }).waitFor();
  // The body is text: the tag is shown as typed, not made bold.
  assert.match(await drawer.locator('.notice-body').innerText(), /<b>不是粗体<\/b>/);
  assert.equal(await drawer.locator('.notice-body b').count(), 0);
  // Layout widths are fractional (390.00003 is the phone's width): whole pixels count.
  const width = await drawer.evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(Math.round(width) <= PHONE.width, `the notice is ${width}px wide on a ${PHONE.width}px phone`);
  await mp.screenshot({ path: path.join(SHOTS, 'notices-phone-detail.png'), fullPage: true });
  await drawer.getByRole('button', { name: /关闭|Close/ }).first().click();
  await row.locator('.notice-dot').waitFor({ state: 'detached' });
  await drawer.waitFor({ state: 'hidden' });
  // A link to the notice while the list is open (as the bell's) opens it again.
  const id = await row.getAttribute('data-notice');
  await mp.evaluate(async (n) => (await import('/router.js')).navigate(`/notices?id=${n}`), id);
  await drawer.locator('.notice-body').waitFor();
  await mp.close();
  await phone.close();

  // A member of the other school has nothing.
  const other = await contextOf(browser, OTHER, { viewport: PHONE });
  const op = await newPage(other);
  await op.goto(`${server.url}/notices`);
  await op.locator('.notice-rows').getByText('暂无通知').waitFor();
  await op.close();
  await other.close();

  // The author sees 1 of 1 read, and who.
  await page.goto(`${server.url}/notices`);
  await page.getByRole('tab', { name: '我发布的' }).click();
  const count = page.locator('.notices-sent .read-count').first();
  await page.locator('.notices-sent .read-count', { hasText: '1/1' }).first().waitFor();
  await count.click();
  const readers = page.getByRole('dialog', { name: `阅读情况：${TITLE}` });
  await readers.getByText('应读 1 人，已读 1 人，未读 0 人。').waitFor();
  await readers.getByRole('tab', { name: '已读（1）' }).click();
  await readers.locator('.readers-table').getByText('李青').waitFor();
  assert.equal(await readers.getByRole('button', { name: '提醒未读' }).isDisabled(), true);
  await page.screenshot({ path: path.join(SHOTS, 'notices-readers-desktop.png') });
  await page.close();
  assert.deepEqual(pageErrors, []);
});
