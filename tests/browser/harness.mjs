// What every browser test shares: Debian's chromium and its flags, a real
// server (server.mjs) whose URL the API helpers use, pages that record
// uncaught errors and console errors, API calls and logins with a forced
// first password change, the login form, dialogs and success messages.
// node --test runs each test file in a process of its own, so the state
// here (the current server, the recorded errors) is that file's.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chromium, request } from 'playwright-core';
import { startServer, DISTRICT_USER } from './server.mjs';

export { DISTRICT_USER };

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const SHOTS = '/tmp/hongyan-browser-shots';
/** The password the tests give the district account (DISTRICT_USER) at its first login. */
export const ADMIN_PASSWORD = 'Hongyan-2024-ok';
/** The passwords the tests give the three administrators (SEC-05) at their first login. */
export const SYSADMIN_PASSWORD = 'Sysadmin-2024-ok';
export const SECADMIN_PASSWORD = 'Secadmin-2024-ok';
export const AUDITADMIN_PASSWORD = 'Auditadmin-2024-ok';
export const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/** Uncaught page errors and console errors (not failed loads: a 404 may be expected) of every newPage(). */
export const pageErrors = [];

let current = null;
let security = null;	// the security administrator's API context, made by createUser()

/** Starts a server (server.mjs options) that call() and the helpers below then talk to. */
export async function start(options) {
  current = await startServer(options);
  security = null;
  return current;
}

/**
 * Logs `context` in as the district account that does the business work
 * (the administrators read no business data, SEC-05); returns the CSRF token.
 */
export function loginDistrict(context) {
  return login(context, DISTRICT_USER, current.districtPassword, ADMIN_PASSWORD);
}

/** Creates the account `data` (POST /users) as the security administrator; expects `status`, returns the body. */
export async function createUser(data, status = 201) {
  if (!security) {
    const context = await request.newContext();
    const csrf = await login({ request: context }, 'secadmin', current.secadminPassword, SECADMIN_PASSWORD);
    security = { context: { request: context }, csrf };
  }
  return created(security.context, security.csrf, '/users', data, status);
}

/** Launches Debian's chromium; makes the screenshot folder. */
export async function launch() {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Closes the browser and stops the server, which must exit cleanly on SIGTERM. */
export async function finish(browser, server) {
  await security?.context.request.dispose();
  security = null;
  await browser?.close();
  if (!server) return;
  const code = await server.stop();
  assert.equal(code, 0, `hongyan serve did not exit cleanly on SIGTERM:\n${server.output()}`);
}

/** A page of `context` that records its errors in pageErrors. */
export async function newPage(context, timeout = 10000) {
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) {
      pageErrors.push(`${page.url()}: console: ${msg.text()}`);
    }
  });
  return page;
}

/** Calls the API of the current server with `context`'s cookies; returns { status, body }. */
export async function call(context, csrf, method, apiPath, data) {
  const res = await context.request.fetch(`${current.url}/api/v1${apiPath}`, {
    method, data, headers: csrf ? { 'X-CSRF-Token': csrf } : {},
  });
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a file, or empty)
  }
  return { status: res.status(), body };
}

/** Logs `username` in within `context`, changing a forced password; returns the CSRF token. */
export async function login(context, username, password, newPassword) {
  let r = await call(context, '', 'POST', '/session', { username, password });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  let csrf = r.body.csrf_token;
  if (r.body.user.must_change_password) {
    r = await call(context, csrf, 'POST', '/session/password', { old_password: password, new_password: newPassword });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    csrf = r.body.csrf_token;
  }
  return csrf;
}

/** POSTs `data` and expects `status` (201); returns the answer's body. */
export async function created(context, csrf, apiPath, data, status = 201) {
  const r = await call(context, csrf, 'POST', apiPath, data);
  assert.equal(r.status, status, `${apiPath}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * A new context (`options` for browser.newContext, zh-CN) logged in as
 * `who` {user, password, newPassword}: with the new password, or the first
 * time with the initial one, changing it.
 */
export async function contextOf(browser, who, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const r = await call(context, '', 'POST', '/session', { username: who.user, password: who.newPassword });
  if (r.status !== 200) await login(context, who.user, who.password, who.newPassword);
  return context;
}

/** Fills the console's login form; with `newPassword`, also the forced change of the initial password. */
export async function signIn(page, username, password, newPassword) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登 录' }).click();
  if (!newPassword) return;
  await page.getByRole('heading', { name: '修改初始密码' }).waitFor();
  await page.getByLabel('原密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '确认修改' }).click();
}

/** The dialog titled `title` (a string or a RegExp). */
export function dialog(page, title) {
  return page.getByRole('dialog', { name: title });
}

/** Waits for a success message containing `text`. */
export async function expectSuccess(page, text) {
  await page.locator('.el-message--success', { hasText: text }).first().waitFor();
}

/** How many pixels the page is wider than its window (≤ 0: it fits). */
export function overflowOf(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Picks `text` in the Element Plus select (or tree select) whose trigger is `trigger`, typing `typed` first. */
export async function pick(page, trigger, text, typed) {
  await trigger.click();
  if (typed) await page.keyboard.type(typed);
  await page.locator('.el-select-dropdown:visible, .el-tree-select__popper:visible')
    .getByText(text, { exact: true }).first().click();
}

/** 问题整改: opens the finding titled `title` from the list (table or cards) and returns its drawer. */
export async function openFinding(page, title) {
  await page.goto(`${current.url}/findings`);
  await page.locator('.findings-table, .member-cards').getByText(title).first().click();
  const drawer = page.locator('.finding-drawer');
  await drawer.getByText('整改过程').waitFor();
  return drawer;
}

/** 问题整改: takes step `name` in the drawer; `fill` fills its dialog; waits until the state tag shows `after`. */
export async function findingStep(page, drawer, name, after, fill) {
  await drawer.getByRole('button', { name, exact: true }).click();
  const dlg = dialog(page, new RegExp(`^${name} · `));
  await dlg.waitFor();
  if (fill) await fill(dlg);
  await dlg.getByRole('button', { name, exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await drawer.locator('.finding-tags').getByText(after, { exact: true }).waitFor();
}
