// The login's second factor and the password age in the console (issue
// 10, SEC-04, SEC-01): an inspector (whose role does not require a second
// factor) turns it on from the user menu, keeps the recovery codes, signs
// in again with a code, is refused a wrong one and signs in with a
// recovery code; a staff password near its age is warned about at login.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  pageErrors, start, launch, finish, newPage, createUser, signIn, submitPassword,
  rememberSecret, nextCode,
} from './harness.mjs';

const INSPECTOR = { user: 'insp_2fa', password: 'Initial-2024-pw', newPassword: 'Jiancha-2024-ok1' };

let server;
let browser;
let recovery;

before(async () => {
  server = await start();
  browser = await launch();
  // Accounts are the security administrator's (SEC-05).
  await createUser({ username: INSPECTOR.user, password: INSPECTOR.password, role: 'inspector' });
});

after(() => finish(browser, server));

test('an inspector turns two-factor login on from the user menu and keeps the recovery codes', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await newPage(context);
  await page.goto(`${server.url}/`);
  await signIn(page, INSPECTOR.user, INSPECTOR.password, INSPECTOR.newPassword);
  await page.locator('.user-chip').click();
  await page.getByRole('menuitem', { name: '开启双因素认证' }).click();
  const dlg = page.getByRole('dialog', { name: '开启双因素认证' });
  await dlg.locator('.mfa-qr svg').waitFor();
  const secret = (await dlg.locator('.mfa-secret').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  rememberSecret(INSPECTOR.user, secret);
  await dlg.getByLabel('验证码').fill('000000');
  await dlg.getByRole('button', { name: '确认绑定' }).click();
  await dlg.getByText('验证码不正确或已使用').waitFor();
  await dlg.getByLabel('验证码').fill(await nextCode(INSPECTOR.user));
  await dlg.getByRole('button', { name: '确认绑定' }).click();
  await dlg.locator('.recovery-codes li').nth(9).waitFor();
  recovery = (await dlg.locator('.recovery-codes li').allInnerTexts()).map((s) => s.trim());
  assert.equal(recovery.length, 10);
  assert.match(recovery[0], /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  await dlg.getByRole('button', { name: '我已妥善保存' }).click();
  await dlg.waitFor({ state: 'hidden' });
  await page.locator('.user-chip').click();
  assert.equal(await page.getByRole('menuitem', { name: '开启双因素认证' }).count(), 0);
  await context.close();
});

test('the next login asks for the code; a wrong one is refused, a recovery code works once', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  await page.goto(`${server.url}/`);
  const answer = await submitPassword(page, INSPECTOR.user, INSPECTOR.newPassword);
  assert.equal(answer.mfa, 'verify');
  assert.equal(await page.locator('.mfa-qr').count(), 0);
  await page.getByLabel('验证码').fill('000000');
  await page.getByRole('button', { name: '验 证' }).click();
  await page.getByText('验证码不正确或已使用').waitFor();
  await page.getByRole('button', { name: '手机丢失？使用恢复码' }).click();
  await page.getByLabel('恢复码').fill(recovery[2].toLowerCase());
  await page.getByRole('button', { name: '验 证' }).click();
  await page.locator('.user-name').getByText(INSPECTOR.user).waitFor();
  await context.close();
});

test('a staff password 10 days from its age is warned about at login (SEC-01)', async () => {
  execFileSync('sqlite3', [path.join(server.dir, 't.db'),
    `UPDATE app_user SET password_changed_at = strftime('%s','now') - 80*86400 - 3600 WHERE username = '${INSPECTOR.user}'`]);
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await newPage(context);
  await page.goto(`${server.url}/`);
  await signIn(page, INSPECTOR.user, INSPECTOR.newPassword);
  await page.locator('.el-message--warning', { hasText: '您的密码将在 9 天后到期' }).waitFor();
  await context.close();
});

test('no script errors in the pages', () => {
  assert.deepEqual(pageErrors, []);
});
