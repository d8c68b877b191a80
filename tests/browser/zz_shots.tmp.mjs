import { chromium } from 'playwright-core';
const URL = 'http://127.0.0.1:8091';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ locale: 'zh-CN' });
let r = await ctx.request.post(`${URL}/api/v1/session`, { data: { username: 'admin', password: process.argv[2] } });
let b = await r.json();
if (b.user?.must_change_password) {
  r = await ctx.request.post(`${URL}/api/v1/session/password`, { data: { old_password: process.argv[2], new_password: 'Shots-2026-okay' }, headers: { 'X-CSRF-Token': b.csrf_token } });
}
const errors = [];
const pages = process.argv.slice(4);
const width = Number(process.argv[3]);
for (const p of pages) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${p}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${p}: ${m.text()}`); });
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${URL}${p}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600);
  await page.screenshot({ path: `/tmp/shots/${width}${p.replace(/[/?=&]/g, '_')}.png`, fullPage: false });
  await page.close();
}
console.log(errors.join('\n'));
await browser.close();
