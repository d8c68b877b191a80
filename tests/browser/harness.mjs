// What every browser test shares: Debian's chromium and its flags, a real
// server (server.mjs) whose URL the API helpers use, pages that record
// uncaught errors and console errors, API calls and logins with a forced
// first password change, the login form, dialogs and success messages.
// node --test runs each test file in a process of its own, so the state
// here (the current server, the recorded errors) is that file's.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
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

// --- two-factor login (SEC-04) ---
// The secret each user enrolled with through these helpers, and the last
// time step whose code was sent: the server refuses a code twice, so a
// second login within the same step takes the next one, or waits for it.
const totp = new Map();

/** Base32 (RFC 4648) to bytes. */
function base32Bytes(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/[\s=-]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 6-digit TOTP code (RFC 6238, HMAC-SHA1, 30 s) of `secret` at time step `step`. */
export function totpCode(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Bytes(secret)).update(counter).digest();
  const off = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
}

/** Remembers the secret `username` enrolled with (from the login answer or the page). */
export function rememberSecret(username, secret) {
  totp.set(username, { secret, last: 0 });
}

/** Forgets `username`'s secret (after an administrator reset their TOTP). */
export function forgetSecret(username) {
  totp.delete(username);
}

/** The code of `username`'s next unused step (this one or the next), waiting for the clock if both were used. */
export async function nextCode(username) {
  const t = totp.get(username);
  assert.ok(t, `no TOTP secret known for ${username}`);
  for (;;) {
    // The server takes the step before, this one and the next; the step
    // before only early in a step, so that it is still in the window when
    // the server checks it.
    const now = Math.floor(Date.now() / 30000);
    const first = Date.now() % 30000 < 20000 ? now - 1 : now;
    const step = Math.max(first, t.last + 1);
    if (step <= now + 1) {
      t.last = step;
      return totpCode(t.secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Completes a login answer that asks for a second factor; returns the session answer. */
async function secondFactor(context, username, r) {
  if (r.status !== 200 || !r.body?.mfa) return r;
  if (r.body.mfa === 'enroll') rememberSecret(username, r.body.secret);
  return call(context, '', 'POST', '/session/mfa', { mfa_token: r.body.mfa_token, code: await nextCode(username) });
}

/** Logs `username` in within `context` (with the second factor), changing a forced password; returns the CSRF token. */
export async function login(context, username, password, newPassword) {
  let r = await secondFactor(context, username, await call(context, '', 'POST', '/session', { username, password }));
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
  else await secondFactor(context, who.user, r);
  return context;
}

/**
 * The login form's second step when the server asks for one (SEC-04): at
 * enrolment checks that the QR and the secret are shown, types the code
 * and passes the recovery codes' 请妥善保存 step. `answer` is the password
 * step's answer (see submitPassword).
 */
export async function completeSecondFactor(page, username, answer) {
  if (!answer.mfa) return;
  if (answer.mfa === 'enroll') {
    await page.locator('.mfa-qr svg').waitFor();
    const shown = (await page.locator('.mfa-secret').innerText()).trim();
    assert.equal(shown, answer.secret);
    rememberSecret(username, shown);
  }
  await page.getByLabel('验证码').fill(await nextCode(username));
  await page.getByRole('button', { name: '验 证' }).click();
  if (answer.mfa === 'enroll') {
    await page.getByRole('heading', { name: '请妥善保存恢复码' }).waitFor();
    assert.equal(await page.locator('.recovery-codes li').count(), 10);
    await page.getByRole('button', { name: '我已妥善保存，进入系统' }).click();
  }
}

/** Fills the login form's password step and clicks 登 录; returns the server's answer. */
export async function submitPassword(page, username, password) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  const answered = page.waitForResponse((res) => res.url().endsWith('/api/v1/session') && res.request().method() === 'POST');
  await page.getByRole('button', { name: '登 录' }).click();
  const res = await answered;
  return res.status() === 200 ? res.json() : {};
}

/** Fills the console's login form (and its second step); with `newPassword`, also the forced change of the initial password. */
export async function signIn(page, username, password, newPassword) {
  await completeSecondFactor(page, username, await submitPassword(page, username, password));
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
