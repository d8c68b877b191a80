// The console through nginx over TLS (RULES.md SEC-03, issue 10): the
// shipped conf/nginx-hongyan.conf, with only its listen addresses,
// certificate paths, upstream port and log paths rewritten, runs as this
// test's own nginx (a temporary prefix, in the foreground, on free loopback
// ports) with a throwaway certificate made here by openssl. Plain HTTP
// redirects, TLS below 1.2 is refused, HSTS is sent, and chromium logs in
// through https and opens the member list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { request } from 'node:https';
import { get as httpGet } from 'node:http';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS, ADMIN_PASSWORD, pageErrors, start, finish, newPage, signIn, rememberSecret, nextCode,
} from './harness.mjs';
import { DISTRICT_USER } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? 'nginx';
const MEMBER = '韩英';

let server;
let browser;
let nginx;
let prefix;
let nginxLog = '';
let base;	// https://127.0.0.1:port
let plainPort;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** text with `from` replaced by `to`, which must occur: the shipped file may not drift unnoticed. */
function rewrite(text, from, to) {
  assert.ok(text.includes(from), `conf/nginx-hongyan.conf no longer has '${from}'`);
  return text.split(from).join(to);
}

/** A request over https ignoring the throwaway certificate: { status, headers, body }. */
function httpsCall(method, url, json) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, rejectUnauthorized: false,
      headers: json ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(json ? JSON.stringify(json) : undefined);
  });
}

const httpsGet = (url) => httpsCall('GET', url);

async function waitHttps(url, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}):\n${nginxLog}`);
    try {
      if ((await httpsGet(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx not answering ${url} after ${timeoutMs} ms:\n${nginxLog}`);
}

/** A throwaway self-signed certificate for 127.0.0.1, valid one day. */
async function makeCertificate(dir) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt',
    'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  return { cert, key };
}

/** The shipped site file made to run here, inside a minimal nginx.conf of the prefix. */
async function writeConfig(dir, { cert, key }, hongyanPort, tlsPort) {
  let site = await readFile(path.join(ROOT, 'conf/nginx-hongyan.conf'), 'utf8');
  site = rewrite(site, 'server 127.0.0.1:8080;', `server 127.0.0.1:${hongyanPort};`);
  site = rewrite(site, 'listen 80;', `listen 127.0.0.1:${plainPort};`);
  site = rewrite(site, 'listen [::]:80;\n', '');
  site = rewrite(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${tlsPort} ssl http2;`);
  site = rewrite(site, 'listen [::]:443 ssl http2;\n', '');
  site = rewrite(site, '/etc/ssl/hongyan/fullchain.pem', cert);
  site = rewrite(site, '/etc/ssl/hongyan/privkey.pem', key);
  site = rewrite(site, '/var/log/nginx/hongyan.access.log', path.join(dir, 'access.log'));
  site = rewrite(site, '/var/log/nginx/hongyan.error.log', path.join(dir, 'error.log'));
  await writeFile(path.join(dir, 'hongyan.conf'), site);
  for (const t of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(path.join(dir, 'tmp', t), { recursive: true });
  }
  const temp = (t) => `${t}_temp_path ${path.join(dir, 'tmp', t)};`;
  await writeFile(path.join(dir, 'nginx.conf'), [
    // As root, nginx would hand its workers to "nobody", who cannot use this prefix.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  default_type application/octet-stream;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${temp(t)}`),
    `  include ${path.join(dir, 'hongyan.conf')};`,
    '}',
  ].join('\n'));
}

before(async () => {
  // nginx on 127.0.0.1 is the trusted proxy (docs/operations.md): its
  // X-Forwarded-Proto: https makes the session cookie Secure.
  process.env.HONGYAN_TRUSTED_PROXIES = '127.0.0.1';
  server = await start();
  delete process.env.HONGYAN_TRUSTED_PROXIES;
  prefix = await mkdtemp(path.join(tmpdir(), 'hongyan-nginx-'));
  const tlsPort = await freePort();
  plainPort = await freePort();
  base = `https://127.0.0.1:${tlsPort}`;
  await writeConfig(prefix, await makeCertificate(prefix), new URL(server.url).port, tlsPort);
  nginx = spawn(NGINX, ['-p', `${prefix}/`, '-c', path.join(prefix, 'nginx.conf'),
    '-e', path.join(prefix, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  nginx.stdout.on('data', (d) => { nginxLog += d; });
  nginx.stderr.on('data', (d) => { nginxLog += d; });
  await waitHttps(`${base}/healthz`);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--ignore-certificate-errors'] });
});

after(async () => {
  if (nginx && nginx.exitCode === null) {
    nginx.kill('SIGQUIT');	// graceful: finish requests, then exit
    await new Promise((r) => { nginx.once('exit', r); setTimeout(r, 5000); });
    if (nginx.exitCode === null) nginx.kill('SIGKILL');
  }
  if (prefix) await rm(prefix, { recursive: true, force: true });
  await finish(browser, server);
});

test('plain http redirects to https', async () => {
  const res = await new Promise((resolve, reject) => {
    httpGet(`http://127.0.0.1:${plainPort}/members`, resolve).on('error', reject);
  });
  res.resume();
  assert.equal(res.statusCode, 301);
  assert.match(res.headers.location, /^https:\/\/127\.0\.0\.1\/members$/);
});

test('TLS below 1.2 is refused; 1.2 and HSTS are served', async () => {
  const port = Number(new URL(base).port);
  const handshake = (opts) => new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...opts }, () => {
      const v = s.getProtocol();
      s.end();
      resolve(v);
    });
    s.on('error', () => resolve(null));
  });
  assert.equal(await handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1' }), null);
  assert.equal(await handshake({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }), 'TLSv1.2');
  const res = await httpsGet(`${base}/healthz`);
  assert.equal(res.status, 200);
  assert.match(res.headers['strict-transport-security'] ?? '', /max-age=\d{8,}/);
  assert.equal((await httpsGet(`${base}/metrics`)).status, 404);
});

test('the console logs in through https and opens the member list', async () => {
  // Data through the proxy: the first password change, an organization tree and a member.
  const api = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN' });
  const call = async (csrf, method, p, data) => {
    const r = await api.request.fetch(`${base}/api/v1${p}`, { method, data,
      headers: csrf ? { 'X-CSRF-Token': csrf } : {} });
    return { status: r.status(), body: await r.json().catch(() => null), headers: r.headers() };
  };
  let r = await call('', 'POST', '/session', { username: DISTRICT_USER, password: server.districtPassword });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // District staff enrol a second factor at the first login (SEC-04); the
  // session cookie comes with the code.
  assert.equal(r.body.mfa, 'enroll', JSON.stringify(r.body));
  rememberSecret(DISTRICT_USER, r.body.secret);
  r = await call('', 'POST', '/session/mfa', { mfa_token: r.body.mfa_token, code: await nextCode(DISTRICT_USER) });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(r.headers['set-cookie'] ?? '', /hy_session=[^;]+;.*; Secure/, 'the session cookie is Secure over https');
  r = await call(r.body.csrf_token, 'POST', '/session/password',
    { old_password: server.districtPassword, new_password: ADMIN_PASSWORD });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const csrf = r.body.csrf_token;
  const org = async (name, kind, parent) => {
    const o = await call(csrf, 'POST', '/orgs', { name, kind, ...(parent ? { parent_id: parent } : {}) });
    assert.equal(o.status, 201, JSON.stringify(o.body));
    return o.body.id;
  };
  const branch = await org('第一支部', 'branch', await org('实验中学党委', 'party_committee',
    await org('区教育工委', 'district_committee')));
  r = await call(csrf, 'POST', '/members', { org_id: branch, name: MEMBER, gender: 'female',
    birth_date: '1986-05-04', category: 'in_service', status: 'full', joined_on: '2010-07-01',
    full_on: '2011-07-01' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await api.close();

  // The console in chromium, over https only.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN',
    viewport: { width: 1280, height: 800 } });
  const page = await newPage(context);
  const first = await page.goto(`${base}/`);
  assert.match(first.headers()['strict-transport-security'] ?? '', /max-age=/);
  await signIn(page, DISTRICT_USER, ADMIN_PASSWORD);
  await page.locator('.layout-header').waitFor();	// logged in: the console has loaded
  await page.goto(`${base}/members`);
  await page.getByText(MEMBER).first().waitFor();
  assert.ok(page.url().startsWith('https://'));
  await context.close();
  assert.deepEqual(pageErrors, []);
});

test('logins are limited per address at the proxy; the console\'s session check is not', async () => {
  for (let i = 0; i < 30; i++) {
    assert.notEqual((await httpsGet(`${base}/api/v1/session`)).status, 429);
  }
  const statuses = [];
  for (let i = 0; i < 30; i++) {
    statuses.push((await httpsCall('POST', `${base}/api/v1/session`,
      { username: 'nobody', password: 'wrong-password' })).status);
  }
  assert.notEqual(statuses[0], 429);
  assert.ok(statuses.includes(429), `no 429 among ${statuses}`);
});
